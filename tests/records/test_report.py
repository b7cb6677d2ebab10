"""The clinic report, computed from a seeded database."""

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, text

from bot.records import report
from bot.records import store as records
from bot.records.models import RECORD_TABLES, Base

DAY = datetime(2026, 11, 10, 9, 0, tzinfo=timezone.utc)


@pytest.fixture()
def seeded(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'r.db'}", future=True)
    Base.metadata.create_all(engine, tables=RECORD_TABLES)
    for topic, lang, n in [
        ("resection", "en", 3),
        ("resection", "zh", 2),
        ("ablation", "zh", 1),
    ]:
        for _ in range(n):
            records.record_answer(topic, "overview", lang, "rest", engine, DAY)
    records.record_answer(
        "transplant", "overview", "en", "rest", engine, DAY - timedelta(days=60)
    )
    records.record_feedback("resection", "overview", "en", "rest", True, engine, DAY)
    records.record_feedback("resection", "overview", "zh", "rest", True, engine, DAY)
    records.record_feedback("resection", "risks", "en", "rest", False, engine, DAY)
    records.record_feedback("ablation", "overview", "zh", "rest", False, engine, DAY)
    for question, reason in [
        ("diet?", "out_of_scope"),
        ("diet?", "out_of_scope"),
        ("qwe", "fallback"),
    ]:
        records.record_unanswered(question, "en", reason, engine, DAY)
    tracker = create_engine(f"sqlite:///{tmp_path / 't.db'}", future=True)
    with tracker.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE events (sender_id TEXT, type_name TEXT, timestamp FLOAT)"
            )
        )
        for sender, kind in [
            ("a", "user"),
            ("a", "user"),
            ("a", "bot"),
            ("b", "user"),
            ("c", "user"),
            ("c", "user"),
            ("d", "user"),
            ("d", "user"),
            ("d", "user"),
            ("d", "user"),
        ]:
            conn.execute(
                text("INSERT INTO events VALUES (:s, :k, :t)"),
                {"s": sender, "k": kind, "t": DAY.timestamp()},
            )
    return engine, tracker


def test_figures_for_the_period(seeded):
    engine, tracker = seeded
    result = report.build(engine, tracker, date(2026, 11, 1), date(2026, 11, 30))
    assert (result.conversations, result.messages) == (4, 9)
    assert result.answers == {
        ("resection", "en"): 3,
        ("resection", "zh"): 2,
        ("ablation", "zh"): 1,
    }
    assert result.unanswered == {"out_of_scope": 2, "fallback": 1}
    assert (result.helpful["resection"], result.not_helpful["resection"]) == (2, 1)
    assert result.not_helpful["ablation"] == 1
    assert result.top_unanswered == [("diet?", 2), ("qwe", 1)]
    assert result.fallback_rate == pytest.approx(1 / 9)


def test_outside_the_period_counts_nothing(seeded):
    engine, tracker = seeded
    result = report.build(engine, tracker, date(2026, 9, 1), date(2026, 9, 30))
    assert result.answers == {("transplant", "en"): 1}
    assert result.messages == 0


def test_table_csv_and_html(seeded, tmp_path):
    engine, tracker = seeded
    result = report.build(engine, tracker, date(2026, 11, 1), date(2026, 11, 30))
    assert re.search(r"questions answered\s+resection\s+en\s+3", report.table(result))
    report.write_csv(result, tmp_path / "r.csv")
    report.write_html(result, tmp_path / "r.html")
    csv_text = (tmp_path / "r.csv").read_text()
    assert "helpful,resection,,2 of 3" in csv_text
    page = (tmp_path / "r.html").read_text()
    assert page.count("<svg") == 4
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script" not in page
