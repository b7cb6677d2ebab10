"""SQLAlchemy models of what the clinic records, managed with Alembic.

Answers given, feedback and unanswered questions hold data, so every change
to them is a migration in ``bot/records/migrations/``. None holds a sender id
or, except redacted unanswered questions, message text.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class _AnswerFacts:
    """What is kept about an answer: when, topic, section, language, channel."""

    id = Column(Integer, primary_key=True, autoincrement=True)
    created_at = Column(DateTime(timezone=True), nullable=False, index=True)
    topic = Column(String(64), nullable=False)
    section = Column(String(64), nullable=False)
    language = Column(String(8), nullable=False)
    channel = Column(String(64), nullable=False)


class FeedbackRow(_AnswerFacts, Base):
    """One "Was this helpful?" answer: no sender id, no message text."""

    __tablename__ = "feedback"

    helpful = Column(Boolean, nullable=False)


class AnswerRow(_AnswerFacts, Base):
    """One content answer given: which topic and section, in which language."""

    __tablename__ = "answers"


class UnansweredRow(Base):
    """A question the bot could not answer, with identifiers redacted."""

    __tablename__ = "unanswered_questions"

    id = Column(Integer, primary_key=True, autoincrement=True)
    created_at = Column(DateTime(timezone=True), nullable=False, index=True)
    language = Column(String(8), nullable=False)
    reason = Column(String(32), nullable=False)
    text = Column(Text, nullable=False)


class QuizAnswerRow(Base):
    """One marked quiz answer: which item, right or wrong, in which language.

    No sender id, no conversation id, no text: only what shows staff which
    content people misread (bot/core/quiz.py).
    """

    __tablename__ = "quiz_answers"

    id = Column(Integer, primary_key=True, autoincrement=True)
    created_at = Column(DateTime(timezone=True), nullable=False, index=True)
    topic = Column(String(64), nullable=False)
    item = Column(String(64), nullable=False)
    correct = Column(Boolean, nullable=False)
    language = Column(String(8), nullable=False)


RECORD_TABLES = [
    FeedbackRow.__table__,
    UnansweredRow.__table__,
    AnswerRow.__table__,
    QuizAnswerRow.__table__,
]
