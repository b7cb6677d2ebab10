"""The command line: ``python -m bot``."""

from sqlalchemy import create_engine

from bot import db
from bot.__main__ import main
from bot.knowledge import database_is_built


def test_check_content(capsys):
    assert main(["check-content"]) == 0
    assert "content ok" in capsys.readouterr().out


def test_build_db_uses_database_url(monkeypatch, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    db.get_engine.cache_clear()
    try:
        assert main(["build-db"]) == 0
    finally:
        db.get_engine.cache_clear()
    assert "knowledge database built" in capsys.readouterr().out
    assert database_is_built(create_engine(url))


def test_content_errors_exit_non_zero(monkeypatch, tmp_path, capsys):
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "sources.yml").write_text("sources: []\n", encoding="utf-8")
    monkeypatch.setattr("bot.settings.DATA_DIR", tmp_path)
    assert main(["check-content"]) == 1
    assert "content error" in capsys.readouterr().err
