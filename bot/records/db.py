"""Database engine and sessions, created lazily from ``DATABASE_URL``.

Nothing connects at import time: the first call to :func:`get_engine` does.
SQLite (a file under ``var/``) is the default; PostgreSQL works by setting
``DATABASE_URL=postgresql://...`` with no code change.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot import settings


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (default: :func:`bot.settings.database_url`)."""
    url = url or settings.database_url()
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
        return create_engine(
            url, future=True, connect_args={"check_same_thread": False}
        )
    return create_engine(url, future=True, pool_pre_ping=True)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A transactional session: commit on success, roll back on error."""
    factory = sessionmaker(bind=engine or get_engine(), future=True)
    session = factory()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def upgrade_schema(url: str | None = None) -> None:
    """Apply the Alembic migrations for our record tables (``alembic upgrade head``)."""
    from alembic import command
    from alembic.config import Config

    config = Config(str(settings.PROJECT_ROOT / "alembic.ini"))
    config.set_main_option(
        "script_location", str(settings.PROJECT_ROOT / "bot" / "records" / "migrations")
    )
    if url:
        config.attributes["url"] = url
    command.upgrade(config, "head")
