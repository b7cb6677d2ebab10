"""Alembic environment: our record tables on DATABASE_URL (SQLite or PostgreSQL)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from bot import settings
from bot.records import db
from bot.records.models import RECORD_TABLES, Base

config = context.config
TABLES = {table.name for table in RECORD_TABLES}
# PostgreSQL advisory lock key ("NELM" in ASCII): one migration at a time, so
# pods starting together (Kubernetes init containers) never race.
MIGRATION_LOCK = 0x4E454C4D


def include_object(obj, name, type_, reflected, compare_to):
    """Only the record tables: the kb_* tables are rebuilt from data/."""
    if type_ == "table":
        return name in TABLES
    return True


def run_migrations() -> None:
    """Run against the configured database (or one passed in by tests)."""
    url = config.attributes.get("url") or settings.database_url()
    with db.get_engine(url).connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            include_object=include_object,
            render_as_batch=True,
        )
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                # Held until this transaction ends; whoever waited then finds
                # the tables at the newest revision and has nothing to do.
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
                )
            context.run_migrations()
        connection.commit()


run_migrations()
