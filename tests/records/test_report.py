"""The clinic report, computed from a seeded database."""

import json
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
                "CREATE TABLE events (sender_id TEXT, type_name TEXT, "
                "timestamp FLOAT, data TEXT)"
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
                text("INSERT INTO events VALUES (:s, :k, :t, :d)"),
                {
                    "s": sender,
                    "k": kind,
                    "t": DAY.timestamp(),
                    "d": json.dumps({"event": kind, "text": "a typed question"}),
                },
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


@pytest.mark.parametrize(
    "question",
    [
        '=HYPERLINK("http://evil.example","click")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_csv_cells_are_never_formulas(tmp_path, question):
    import csv

    result = report.Report(
        date(2026, 11, 1), date(2026, 11, 30), top_unanswered=[(question, 2)]
    )
    report.write_csv(result, tmp_path / "r.csv")
    with (tmp_path / "r.csv").open(newline="", encoding="utf-8") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert "'" + question in cells  # shown as text, character for character
    assert not any(c[:1] in ("=", "+", "-", "@", "\t", "\r") for c in cells)


def test_csv_keeps_ordinary_text_as_it_is(tmp_path):
    result = report.Report(
        date(2026, 11, 1), date(2026, 11, 30), top_unanswered=[("diet? 5-10", 1)]
    )
    report.write_csv(result, tmp_path / "r.csv")
    assert "top unanswered,diet? 5-10,,1" in (tmp_path / "r.csv").read_text()
