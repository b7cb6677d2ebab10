"""The command line: ``python -m bot``."""

from sqlalchemy import inspect

from bot.__main__ import main
from bot.records import db


def test_migrate_uses_database_url(monkeypatch, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    db.get_engine.cache_clear()
    try:
        assert main(["migrate"]) == 0
        tables = set(inspect(db.get_engine()).get_table_names())
    finally:
        db.get_engine.cache_clear()
    assert "record tables migrated" in capsys.readouterr().out
    assert {"feedback", "answers", "unanswered_questions"} <= tables


def test_content_errors_exit_non_zero(monkeypatch, tmp_path, capsys):
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "sources.yml").write_text("sources: []\n", encoding="utf-8")
    monkeypatch.setattr("bot.settings.DATA_DIR", tmp_path)
    assert main(["content-check"]) == 1
    assert "content error" in capsys.readouterr().err
