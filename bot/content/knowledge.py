"""The knowledge snapshot: curated content in memory, with a small query API.

One path from YAML to what the dialogue reads: ``load_knowledge`` reads and
validates ``data/`` once per process (``bot.content.schema``) and returns an
immutable ``Knowledge``. Reading never writes anything. (The content used to
be copied into SQL tables first; that served nothing measured, so it went.)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.content.schema import (
    Content,
    Section,
    SectionKind,
    Source,
    Topic,
    load_content,
)


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

    def topics_with_section(self, key: str) -> tuple[str, ...]:
        """Ids of the topics that have a section of this kind (not the glossary)."""
        return tuple(
            t.id
            for t in self.topics
            if not t.open_sections and t.section(key) is not None
        )


def from_content(content: Content) -> Knowledge:
    """The snapshot of already loaded content."""
    return Knowledge(
        topics=content.topics,
        sources={source.id: source for source in content.sources},
        section_kinds=content.section_kinds,
    )


@lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    """The process-wide snapshot of ``data/`` (read once, then cached)."""
    return from_content(load_content())


def knowledge_at(data_dir: str | None = None) -> Knowledge:
    """The snapshot of another ``data_dir`` (tests, checks), else the shared one."""
    return from_content(load_content(Path(data_dir))) if data_dir else load_knowledge()
