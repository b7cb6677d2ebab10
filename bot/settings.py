"""Runtime settings read from environment variables, with local defaults."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("NELM_DATA_DIR", PROJECT_ROOT / "data"))
TRANSLATIONS_DIR = Path(
    os.environ.get("NELM_TRANSLATIONS_DIR", PROJECT_ROOT / "translations")
)
VAR_DIR = Path(os.environ.get("NELM_VAR_DIR", PROJECT_ROOT / "var"))


def sqlalchemy_url(url: str) -> str:
    """A database URL as SQLAlchemy 1.4 wants it, query (``?sslmode=…``) kept.

    Heroku-style URLs name the dialect "postgres"; SQLAlchemy 1.4 wants
    "postgresql". Nothing else changes.
    """
    if url.startswith("postgres://"):
        return "postgresql://" + url[len("postgres://") :]
    return url


def database_url() -> str:
    """Where our own tables live: ``DATABASE_URL``, else a SQLite file in var/."""
    url = os.environ.get("DATABASE_URL", "").strip()
    return sqlalchemy_url(url) if url else f"sqlite:///{VAR_DIR / 'nelm.db'}"


def tracker_url() -> str:
    """Rasa's tracker store, for the report and purge: ``TRACKER_DB_URL`` or var/."""
    url = os.environ.get("TRACKER_DB_URL", "").strip()
    return sqlalchemy_url(url) if url else f"sqlite:///{VAR_DIR / 'tracker.db'}"
