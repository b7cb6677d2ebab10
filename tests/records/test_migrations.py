"""Alembic migrations for our record tables, on SQLite."""

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from bot.records.db import get_engine
from bot.settings import PROJECT_ROOT as ROOT


def _config(url):
    config = Config(str(ROOT / "alembic.ini"))
    migrations = ROOT / "bot" / "records" / "migrations"
    config.set_main_option("script_location", str(migrations))
    config.attributes["url"] = url
    return config


def test_upgrade_creates_and_downgrade_drops_the_record_tables(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    command.upgrade(_config(url), "head")
    tables = set(inspect(get_engine(url)).get_table_names())
    assert {"feedback", "unanswered_questions", "alembic_version"} <= tables
    command.downgrade(_config(url), "base")
    tables = set(inspect(get_engine(url)).get_table_names())
    assert not {"feedback", "unanswered_questions"} & tables


def test_models_match_the_migrations(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    command.upgrade(_config(url), "head")
    command.check(_config(url))  # raises if the models need a new migration
