"""Quiz answers in the records: no identifiers, counted in the report, migrated."""

from datetime import date, datetime, timedelta, timezone

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, select

from bot.records import report
from bot.records import store as records
from bot.records.db import get_engine
from bot.records.models import RECORD_TABLES, Base, QuizAnswerRow
from bot.settings import PROJECT_ROOT as ROOT

DAY = datetime(2026, 11, 10, 9, 0, tzinfo=timezone.utc)


def _engine(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'q.db'}", future=True)
    Base.metadata.create_all(engine, tables=RECORD_TABLES)
    return engine


def test_a_quiz_answer_is_kept_to_the_hour(tmp_path):
    engine = _engine(tmp_path)
    records.record_quiz_answer(
        "ablation", "size", True, "en", engine, DAY.replace(minute=37, second=12)
    )
    with engine.connect() as conn:
        stored = conn.execute(select(QuizAnswerRow.created_at)).scalar_one()
    assert (stored.hour, stored.minute, stored.second) == (9, 0, 0)


def test_a_quiz_answer_is_stored_without_sender_conversation_or_text(tmp_path):
    engine = _engine(tmp_path)
    records.record_quiz_answer("ablation", "size", False, "zh", engine, DAY)
    with engine.connect() as conn:
        row = conn.execute(select(QuizAnswerRow.__table__)).one()._asdict()
    assert set(row) == {"id", "created_at", "topic", "item", "correct", "language"}
    assert (row["topic"], row["item"], row["correct"], row["language"]) == (
        "ablation",
        "size",
        False,
        "zh",
    )


def test_the_report_counts_missed_items_per_language(tmp_path):
    engine = _engine(tmp_path)
    for correct, language, n in [(False, "en", 3), (True, "en", 1), (False, "zh", 1)]:
        for _ in range(n):
            records.record_quiz_answer(
                "embolization", "types", correct, language, engine, DAY
            )
    records.record_quiz_answer("resection", "evidence", True, "en", engine, DAY)
    records.record_quiz_answer(
        "resection", "evidence", False, "en", engine, DAY - timedelta(days=60)
    )
    result = report.build(engine, None, date(2026, 11, 1), date(2026, 11, 30))
    assert result.quiz_wrong == {
        ("embolization", "types", "en"): 3,
        ("embolization", "types", "zh"): 1,
    }
    assert result.quiz_right[("resection", "evidence", "en")] == 1
    rows = report.rows(result)
    assert ("quiz missed", "embolization/types", "en", "3 of 4") in rows
    assert ("quiz missed", "embolization/types", "zh", "1 of 1") in rows
    assert ("quiz missed", "resection/evidence", "en", "0 of 1") in rows
    report.write_html(result, tmp_path / "r.html", titles={"embolization": "Emb"})
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "Quiz items missed" in page
    assert "Emb: types (en)" in page


def test_a_database_from_before_the_quiz_still_reports(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}", future=True)
    old_tables = [t for t in RECORD_TABLES if t.name != "quiz_answers"]
    Base.metadata.create_all(engine, tables=old_tables)
    result = report.build(engine, None, date(2026, 11, 1), date(2026, 11, 30))
    assert not result.quiz_wrong and not result.quiz_right


def test_the_migration_adds_and_drops_the_quiz_table(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "bot/records/migrations"))
    config.attributes["url"] = url
    command.upgrade(config, "0002")
    assert "quiz_answers" not in inspect(get_engine(url)).get_table_names()
    command.upgrade(config, "head")
    assert "quiz_answers" in inspect(get_engine(url)).get_table_names()
    records.record_quiz_answer("transplant", "standard", True, "en", get_engine(url))
    command.downgrade(config, "0002")
    tables = inspect(get_engine(url)).get_table_names()
    assert "quiz_answers" not in tables and "answers" in tables
