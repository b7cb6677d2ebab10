import bot.records.db
from bot import settings


def test_database_url_defaults_to_sqlite_in_var(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert settings.database_url() == f"sqlite:///{settings.VAR_DIR / 'nelm.db'}"


def test_database_url_switches_to_postgresql_by_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/nelm")
    assert settings.database_url() == "postgresql://u:p@db:5432/nelm"


def test_engine_is_not_created_at_import():
    import importlib

    bot.records.db.get_engine.cache_clear()
    importlib.reload(bot.records.db)
    assert bot.records.db.get_engine.cache_info().currsize == 0
