"""The knowledge store: curated content in the database, and a small query API.

``build_database`` loads the YAML content (``bot.content``) into our tables;
``KnowledgeRepository`` reads it back once per process and answers the few
questions the dialogue needs (a topic, a section, a source, which topic or
section a message mentions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine

from bot import db
from bot.content import (
    Content,
    Figure,
    Section,
    SectionKind,
    Source,
    Topic,
    load_content,
    load_section_kinds,
)
from bot.language import has_cjk
from bot.models import KNOWLEDGE_TABLES, Base, SectionRow, SourceRow, TopicRow


def build_database(engine: Engine | None = None, content: Content | None = None) -> int:
    """Replace the knowledge tables' rows with ``content``; return the section count."""
    engine = engine or db.get_engine()
    content = content or load_content()
    # Derived data: recreate the tables so a changed shape needs no migration.
    Base.metadata.drop_all(engine, tables=KNOWLEDGE_TABLES)
    Base.metadata.create_all(engine, tables=KNOWLEDGE_TABLES)
    with db.session_scope(engine) as session:
        for source in content.sources:
            session.add(
                SourceRow(
                    id=source.id,
                    label=source.label,
                    reference=source.reference,
                    doi=source.doi,
                )
            )
        count = 0
        for position, topic in enumerate(content.topics):
            row = TopicRow(
                id=topic.id,
                title=topic.title,
                position=position,
                menu=int(topic.menu),
                priority=topic.priority,
                open_sections=int(topic.open_sections),
                keywords={k: list(v) for k, v in topic.keywords.items()},
            )
            for index, section in enumerate(topic.sections):
                row.sections.append(
                    SectionRow(
                        key=section.key,
                        title=section.title,
                        position=index,
                        paragraphs=list(section.paragraphs),
                        figures=[
                            {"value": f.value, "source": f.source, "note": f.note}
                            for f in section.figures
                        ],
                        aliases=list(section.aliases),
                        keywords={k: list(v) for k, v in section.keywords.items()},
                        source_ids=list(section.sources),
                    )
                )
                count += 1
            session.add(row)
    return count


def database_is_built(engine: Engine | None = None) -> bool:
    """Whether the knowledge tables exist and hold at least one topic."""
    engine = engine or db.get_engine()
    if not inspect(engine).has_table(TopicRow.__tablename__):
        return False
    with engine.connect() as conn:
        return conn.execute(select(TopicRow.id).limit(1)).first() is not None


@cache
def _pattern(keyword: str) -> re.Pattern[str]:
    """A keyword as a regex: whole words, and one extra word may sit between."""
    words = [re.escape(w) for w in keyword.split()]
    gap = r"[^a-z0-9]+(?:[a-z0-9'-]+[^a-z0-9]+)?"
    return re.compile(r"(?<![a-z0-9])" + gap.join(words) + r"(?![a-z0-9])")


def _matches(keyword: str, text: str) -> bool:
    if has_cjk(keyword):
        return keyword in text
    return _pattern(keyword).search(text) is not None


def _best_match(
    candidates: dict[str, dict[str, tuple[str, ...]]],
    text: str,
    priority: dict[str, int] | None = None,
) -> str | None:
    """The candidate with the highest priority, then the longest keyword, in text."""
    lowered = text.lower()
    best, best_rank = None, (0, 0)
    for key, keywords in candidates.items():
        level = (priority or {}).get(key, 1)
        for words in keywords.values():
            for word in words:
                rank = (level, len(word))
                if rank > best_rank and _matches(word, lowered):
                    best, best_rank = key, rank
    return best


@dataclass(frozen=True)
class Knowledge:
    """An in-memory snapshot of the knowledge tables."""

    topics: tuple[Topic, ...]
    sources: dict[str, Source]
    section_kinds: tuple[SectionKind, ...]

    def topic(self, topic_id: str | None) -> Topic | None:
        """The topic with this id, or None."""
        return next((t for t in self.topics if t.id == topic_id), None)

    def section(self, topic_id: str | None, key: str | None) -> Section | None:
        """A topic's section by key or alias, or None."""
        topic = self.topic(topic_id)
        return topic.section(key) if topic and key else None

    def menu_topics(self) -> tuple[Topic, ...]:
        """Topics shown in the menu, in order."""
        return tuple(t for t in self.topics if t.menu)

    def section_kind(self, key: str) -> SectionKind | None:
        """The shared description of a section kind."""
        return next((k for k in self.section_kinds if k.key == key), None)

    def topic_in_text(self, text: str | None) -> str | None:
        """The topic a message names by one of its keywords, if any."""
        if not text:
            return None
        return _best_match(
            {t.id: t.keywords for t in self.topics},
            text,
            {t.id: t.priority for t in self.topics},
        )

    def section_in_text(
        self, text: str | None, topic_id: str | None = None
    ) -> str | None:
        """The section a message asks about: the topic's own keywords, then kinds."""
        if not text:
            return None
        topic = self.topic(topic_id)
        kinds = {k.key: k.keywords for k in self.section_kinds}
        if topic:
            own = {s.key: s.keywords for s in topic.sections if s.keywords}
            found = _best_match(own, text) if own else None
            if found or topic.open_sections:
                return found
            # Only the kinds this topic has: "what is the difference between
            # G1 and G3?" is about grade, even though "difference" names types.
            has = {s.key for s in topic.sections} | {
                a for s in topic.sections for a in s.aliases
            }
            kinds = {key: words for key, words in kinds.items() if key in has}
        return _best_match(kinds, text)

    def topics_with_section(self, key: str) -> tuple[str, ...]:
        """Ids of the topics that have a section of this kind (not the glossary)."""
        return tuple(
            t.id
            for t in self.topics
            if not t.open_sections and t.section(key) is not None
        )


class KnowledgeRepository:
    """Reads the knowledge tables; the snapshot is taken once and cached."""

    def __init__(self, engine: Engine | None = None) -> None:
        self._engine = engine
        self._snapshot: Knowledge | None = None

    @property
    def engine(self) -> Engine:
        """The engine, resolved lazily."""
        if self._engine is None:
            self._engine = db.get_engine()
        return self._engine

    def snapshot(self) -> Knowledge:
        """All topics, sections and sources; built from YAML if the tables are empty."""
        if self._snapshot is None:
            if not database_is_built(self.engine):
                build_database(self.engine)
            self._snapshot = self._read()
        return self._snapshot

    def reload(self) -> Knowledge:
        """Forget the cached snapshot and read the tables again."""
        self._snapshot = None
        return self.snapshot()

    def _read(self) -> Knowledge:
        with db.session_scope(self.engine) as session:
            sources = {
                row.id: Source(row.id, row.label, row.reference, row.doi)
                for row in session.scalars(select(SourceRow))
            }
            topics = tuple(
                Topic(
                    id=row.id,
                    title=row.title,
                    order=row.position,
                    menu=bool(row.menu),
                    priority=row.priority,
                    open_sections=bool(row.open_sections),
                    keywords={k: tuple(v) for k, v in (row.keywords or {}).items()},
                    sections=tuple(
                        Section(
                            key=s.key,
                            title=s.title,
                            paragraphs=tuple(s.paragraphs),
                            sources=tuple(s.source_ids),
                            figures=tuple(Figure(**f) for f in s.figures or ()),
                            aliases=tuple(s.aliases or ()),
                            keywords={
                                k: tuple(v) for k, v in (s.keywords or {}).items()
                            },
                        )
                        for s in row.sections
                    ),
                )
                for row in session.scalars(select(TopicRow).order_by(TopicRow.position))
            )
        # Section kinds are vocabulary for routing, not curated facts: read from YAML.
        return Knowledge(topics, sources, load_section_kinds())


@lru_cache(maxsize=1)
def default_repository() -> KnowledgeRepository:
    """The process-wide repository on the configured database."""
    return KnowledgeRepository()
