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


def database_url() -> str:
    """Where our own tables live: ``DATABASE_URL``, else a SQLite file in var/."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        # Heroku-style URLs name the dialect "postgres"; SQLAlchemy 1.4 wants
        # "postgresql".
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://") :]
        return url
    return f"sqlite:///{VAR_DIR / 'nelm.db'}"


def tracker_url() -> str:
    """Rasa's tracker store, for the report and purge: ``TRACKER_DB_URL`` or var/."""
    return os.environ.get("TRACKER_DB_URL", "").strip() or (
        f"sqlite:///{VAR_DIR / 'tracker.db'}"
    )
