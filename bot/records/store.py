"""What the clinic keeps: feedback and unanswered questions, and for how long.

Nothing here stores a sender id or the text of an answered message. Kept
questions are redacted first (``bot.core.redact``) and can be switched off with
``NELM_KEEP_UNANSWERED=false``. ``purge`` deletes our records, and Rasa's
tracker-store events, older than the retention period.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, inspect, text
from sqlalchemy.engine import Engine

from bot.core.redact import redact
from bot.records import db
from bot.records.models import AnswerRow, FeedbackRow, QuizAnswerRow, UnansweredRow

DEFAULT_RETENTION_DAYS = 30


def _now() -> datetime:
    return datetime.now(timezone.utc)


def keep_unanswered() -> bool:
    """Whether unanswered questions are kept for content review (default: yes)."""
    return os.environ.get("NELM_KEEP_UNANSWERED", "true").strip().lower() not in (
        "0",
        "false",
        "no",
        "off",
    )


def retention_days() -> int:
    """Default retention in days (``NELM_RETENTION_DAYS``, else 30)."""
    return int(os.environ.get("NELM_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def record_feedback(
    topic: str,
    section: str,
    language: str,
    channel: str,
    helpful: bool,
    engine: Engine | None = None,
    now: datetime | None = None,
) -> None:
    """Store one helpful / not helpful answer."""
    with db.session_scope(engine) as session:
        session.add(
            FeedbackRow(
                created_at=now or _now(),
                topic=topic,
                section=section,
                language=language,
                channel=channel or "unknown",
                helpful=helpful,
            )
        )


def record_answer(
    topic: str,
    section: str,
    language: str,
    channel: str,
    engine: Engine | None = None,
    now: datetime | None = None,
) -> None:
    """Count one content answer (for the report's questions per topic)."""
    with db.session_scope(engine) as session:
        session.add(
            AnswerRow(
                created_at=now or _now(),
                topic=topic,
                section=section,
                language=language,
                channel=channel or "unknown",
            )
        )


def record_quiz_answer(
    topic: str,
    item: str,
    correct: bool,
    language: str,
    engine: Engine | None = None,
    now: datetime | None = None,
) -> None:
    """Count one marked quiz answer (for the report's items people miss).

    Kept to the hour only, so a row cannot be matched to a conversation by
    its time.
    """
    hour = (now or _now()).replace(minute=0, second=0, microsecond=0)
    with db.session_scope(engine) as session:
        session.add(
            QuizAnswerRow(
                created_at=hour,
                topic=topic,
                item=item,
                correct=correct,
                language=language,
            )
        )


def record_unanswered(
    question: str,
    language: str,
    reason: str,
    engine: Engine | None = None,
    now: datetime | None = None,
) -> bool:
    """Keep a question the bot could not answer, redacted; False if switched off."""
    if not keep_unanswered() or not question.strip():
        return False
    with db.session_scope(engine) as session:
        session.add(
            UnansweredRow(
                created_at=now or _now(),
                language=language,
                reason=reason,
                text=redact(question)[:1000],
            )
        )
    return True


def purge(
    older_than: timedelta,
    engine: Engine | None = None,
    tracker_engine: Engine | None = None,
    now: datetime | None = None,
) -> dict[str, int]:
    """Delete records and tracker events older than ``older_than``; return counts."""
    cutoff = (now or _now()) - older_than
    counts = {}
    engine = engine or db.get_engine()
    with db.session_scope(engine) as session:
        for model in (FeedbackRow, UnansweredRow, AnswerRow, QuizAnswerRow):
            result = session.execute(delete(model).where(model.created_at < cutoff))
            counts[model.__tablename__] = result.rowcount or 0
    if tracker_engine is not None and inspect(tracker_engine).has_table("events"):
        with tracker_engine.begin() as conn:
            result = conn.execute(
                text("DELETE FROM events WHERE timestamp < :cutoff"),
                {"cutoff": cutoff.timestamp()},
            )
            counts["tracker events"] = result.rowcount or 0
    return counts


def parse_age(value: str) -> timedelta:
    """An age such as 30d, 12h or 90 (days) as a timedelta."""
    value = value.strip().lower()
    if value.endswith("h"):
        return timedelta(hours=float(value[:-1]))
    if value.endswith("d"):
        value = value[:-1]
    return timedelta(days=float(value))
