"""Feedback, kept questions and retention."""

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, func, select, text

from bot.records import store as records
from bot.records.models import RECORD_TABLES, Base, FeedbackRow, UnansweredRow

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


@pytest.fixture()
def engine(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'records.db'}", future=True)
    Base.metadata.create_all(engine, tables=RECORD_TABLES)
    return engine


def _count(engine, model):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar()


def test_feedback_is_stored_without_sender_or_text(engine):
    records.record_feedback("resection", "risks", "zh", "rest", True, engine, NOW)
    with engine.connect() as conn:
        row = conn.execute(select(FeedbackRow.__table__)).one()._asdict()
    assert set(row) == {
        "id",
        "created_at",
        "topic",
        "section",
        "language",
        "channel",
        "helpful",
    }
    assert (row["topic"], row["language"], row["helpful"]) == ("resection", "zh", True)


def test_unanswered_questions_are_redacted(engine):
    assert records.record_unanswered(
        "my name is John Smith, call 07700 900123 about my diet",
        "en",
        "out_of_scope",
        engine,
        NOW,
    )
    with engine.connect() as conn:
        kept = conn.execute(select(UnansweredRow.text)).scalar()
    assert kept == "my name is [name], call [phone] about my diet"


def test_keeping_questions_can_be_switched_off(engine, monkeypatch):
    monkeypatch.setenv("NELM_KEEP_UNANSWERED", "false")
    assert not records.record_unanswered("what about diet?", "en", "fallback", engine)
    assert _count(engine, UnansweredRow) == 0


def test_purge_deletes_old_records_and_tracker_events(engine, tmp_path):
    old, new = NOW - timedelta(days=40), NOW - timedelta(days=1)
    for when in (old, new):
        records.record_feedback(
            "ablation", "overview", "en", "rest", False, engine, when
        )
        records.record_unanswered("weather?", "en", "out_of_scope", engine, when)
        records.record_answer("ablation", "risks", "zh", "rest", engine, when)
        records.record_quiz_answer("ablation", "size", False, "zh", engine, when)
    tracker = create_engine(f"sqlite:///{tmp_path / 'tracker.db'}", future=True)
    with tracker.begin() as conn:
        conn.execute(text("CREATE TABLE events (id INTEGER, timestamp FLOAT)"))
        conn.execute(
            text("INSERT INTO events VALUES (1, :old), (2, :new)"),
            {"old": old.timestamp(), "new": new.timestamp()},
        )
    counts = records.purge(timedelta(days=30), engine, tracker, NOW)
    assert counts == {
        "feedback": 1,
        "unanswered_questions": 1,
        "answers": 1,
        "quiz_answers": 1,
        "tracker events": 1,
    }
    assert _count(engine, FeedbackRow) == 1
    with tracker.connect() as conn:
        assert conn.execute(text("SELECT id FROM events")).scalars().all() == [2]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("30d", timedelta(days=30)),
        ("12h", timedelta(hours=12)),
        ("7", timedelta(days=7)),
    ],
)
def test_parse_age(value, expected):
    assert records.parse_age(value) == expected


def test_default_retention(monkeypatch):
    monkeypatch.delenv("NELM_RETENTION_DAYS", raising=False)
    assert records.retention_days() == 30
