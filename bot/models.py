"""SQLAlchemy models: the curated knowledge, and what the clinic records.

The ``kb_*`` tables are a build product of ``data/``: ``build_database``
drops and recreates them, so they need no migrations. The record tables
(answers given, feedback, unanswered questions) hold data and are managed with Alembic
(``migrations/``).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class SourceRow(Base):
    """A source document (one of the five in shared/seeds)."""

    __tablename__ = "kb_sources"

    id = Column(String(64), primary_key=True)
    label = Column(String(200), nullable=False)
    reference = Column(Text, nullable=False)
    doi = Column(String(200), nullable=False, default="")


class TopicRow(Base):
    """A topic the bot explains."""

    __tablename__ = "kb_topics"

    id = Column(String(64), primary_key=True)
    title = Column(String(200), nullable=False)
    position = Column(Integer, nullable=False)
    menu = Column(Integer, nullable=False, default=1)
    priority = Column(Integer, nullable=False, default=1)
    open_sections = Column(Integer, nullable=False, default=0)
    keywords = Column(JSON, nullable=False, default=dict)
    sections = relationship(
        "SectionRow",
        back_populates="topic",
        order_by="SectionRow.position",
        cascade="all, delete-orphan",
    )


class SectionRow(Base):
    """One section of a topic, with its English paragraphs."""

    __tablename__ = "kb_sections"

    id = Column(Integer, primary_key=True, autoincrement=True)
    topic_id = Column(String(64), ForeignKey("kb_topics.id", ondelete="CASCADE"))
    key = Column(String(64), nullable=False)
    title = Column(String(200), nullable=False)
    position = Column(Integer, nullable=False)
    paragraphs = Column(JSON, nullable=False)
    figures = Column(JSON, nullable=False, default=list)
    aliases = Column(JSON, nullable=False, default=list)
    keywords = Column(JSON, nullable=False, default=dict)
    # Ids of kb_sources rows, in citation order; checked when content is loaded.
    source_ids = Column(JSON, nullable=False, default=list)
    topic = relationship("TopicRow", back_populates="sections")


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


KNOWLEDGE_TABLES = [SourceRow.__table__, TopicRow.__table__, SectionRow.__table__]
RECORD_TABLES = [FeedbackRow.__table__, UnansweredRow.__table__, AnswerRow.__table__]
