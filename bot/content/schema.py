"""Read the curated content (YAML under data/) into plain, immutable objects.

The YAML files are the reviewed source of truth; this module only parses and
validates their shape. ``bot.content.knowledge`` stores them in the database and
``bot.content.i18n`` translates their English text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot import settings

LANGS = ("en", "zh")


class ContentError(ValueError):
    """The curated content does not have the expected shape."""


@dataclass(frozen=True)
class Source:
    """One of the documents every answer is grounded on."""

    id: str
    label: str
    reference: str
    doi: str = ""


@dataclass(frozen=True)
class Figure:
    """A number used in a section, with the source it comes from."""

    value: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class Section:
    """One answer about a topic (e.g. the risks of resection)."""

    key: str
    title: str
    paragraphs: tuple[str, ...]
    sources: tuple[str, ...]
    figures: tuple[Figure, ...] = ()
    aliases: tuple[str, ...] = ()
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # A glossary term a topic explains in full: (topic, section). "What is
    # PRRT?" gets that section; "what does PRRT mean?" gets the term.
    explained_in: tuple[str, str] | None = None
    # A glossary term a topic's section covers as part of a wider subject
    # (carcinoid syndrome, in the section on hormone-making tumours): (topic,
    # section). "What is carcinoid syndrome?" gets the term; a follow-up after
    # it is about that topic.
    part_of: tuple[str, str] | None = None
    # The same subject told from another topic's side (ablation during an
    # operation, in both surgery and ablation): (topic, section). A message
    # read as either gets the one of the topic in focus, else the one whose
    # topic it names first.
    twin_of: tuple[str, str] | None = None
    # The same subject for one treatment, told in that treatment's topic
    # (preventing a crisis, and preventing it around an embolization): a
    # message read as this section that names that treatment, or asked while
    # it is in focus, gets the narrower section.
    narrower: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Review:
    """Who last reviewed a topic's content, in which month, and when it is due again.

    Months are kept as the first day of the month (``2026-11`` is 1 Nov 2026).
    """

    by: str
    reviewed: date
    next: date

    def overdue(self, today: date) -> bool:
        """Whether the month the next review was due in has passed by ``today``."""
        return (today.year, today.month) > (self.next.year, self.next.month)


@dataclass(frozen=True)
class Topic:
    """A subject the bot can explain, split into sections."""

    id: str
    title: str
    order: int
    menu: bool
    keywords: dict[str, tuple[str, ...]]
    sections: tuple[Section, ...]
    # Keyword matches for topics of lower priority count only when no other
    # topic is named ("neuroendocrine" should not beat "surgery").
    priority: int = 1
    # Glossary-like topics name their own sections instead of shared kinds.
    open_sections: bool = False
    # Topics this one leads to (its buttons), e.g. the options at a glance.
    related: tuple[str, ...] = ()
    # Topics whose words a follow-up in this topic uses without leaving it:
    # "can both be done in one operation?" about the primary tumour.
    shares_words_with: tuple[str, ...] = ()
    # Topics this one compares (a study of surgery against embolization): a
    # follow-up comparing one with the other ("how does that compare with
    # surgery?" about embolization) is about this topic, and gets
    # ``compares_section`` when it names no part of it.
    compares: tuple[str, ...] = ()
    compares_section: str | None = None
    # The parts in focus after which such a follow-up asks this topic (not
    # the risks: the side-by-side table has those).
    compares_after: tuple[str, ...] = ()
    # Who reviewed the content and when; shown under answers, checked for age.
    review: Review | None = None

    def section(self, key: str) -> Section | None:
        """The section with this key, or one that lists it as an alias."""
        for section in self.sections:
            if section.key == key:
                return section
        for section in self.sections:
            if key in section.aliases:
                return section
        return None


@dataclass(frozen=True)
class SectionKind:
    """A kind of section patients ask about, shared by all topics."""

    key: str
    title: str
    intent: str | None
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)


def clean(text: Any) -> str:
    """Collapse white space, as the Babel extractor does, so msgids match."""
    return " ".join(str(text).split())


def _load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _keywords(raw: dict | None, where: str) -> dict[str, tuple[str, ...]]:
    raw = raw or {}
    unknown = set(raw) - set(LANGS)
    if unknown:
        raise ContentError(f"{where}: keywords for unknown languages {unknown}")
    return {lang: tuple(str(k).lower() for k in raw.get(lang) or ()) for lang in LANGS}


def _month(raw: Any, where: str) -> date:
    """A ``YYYY-MM`` month (or a YAML date) as the first day of that month."""
    if isinstance(raw, date):
        return raw.replace(day=1)
    try:
        year, month = (int(part) for part in str(raw).split("-")[:2])
        return date(year, month, 1)
    except ValueError as exc:
        raise ContentError(f"{where}: {raw!r} is not a YYYY-MM month") from exc


def _review(raw: Any, where: str) -> Review | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not str(raw.get("by") or "").strip():
        raise ContentError(f"{where}: review needs by, reviewed and next")
    review = Review(
        by=clean(raw["by"]),
        reviewed=_month(raw.get("reviewed"), f"{where}: review.reviewed"),
        next=_month(raw.get("next"), f"{where}: review.next"),
    )
    if review.next <= review.reviewed:
        raise ContentError(f"{where}: next review is not after the last one")
    return review


def _paragraphs(raw: Any, where: str) -> tuple[str, ...]:
    if isinstance(raw, str):
        raw = [raw]
    if not raw or not all(isinstance(p, str) and p.strip() for p in raw):
        raise ContentError(f"{where}: 'text' must be a non-empty list of strings")
    return tuple(clean(p) for p in raw)


def _as_list(raw: Any) -> list:
    """A YAML value that may be one item or a list of them, as a list."""
    if raw is None:
        return []
    return list(raw) if isinstance(raw, list | tuple) else [raw]


def _place(raw: Any, where: str) -> tuple[str, str] | None:
    """A ``topic/section`` reference, or None."""
    if raw is None:
        return None
    topic, _, section = str(raw).partition("/")
    if not topic or not section:
        raise ContentError(f"{where}: a place must read topic/section")
    return topic, section


def parse_sources(raw: dict) -> tuple[Source, ...]:
    """Parse ``data/sources.yml``."""
    items = raw.get("sources") if isinstance(raw, dict) else None
    if not items:
        raise ContentError("sources.yml: no 'sources' list")
    return tuple(
        Source(
            id=str(s["id"]),
            label=clean(s["label"]),
            reference=clean(s["reference"]),
            doi=str(s.get("doi", "")),
        )
        for s in items
    )


def parse_topic(raw: dict, where: str) -> Topic:
    """Parse one ``data/knowledge/*.yml`` file."""
    try:
        topic_id = str(raw["topic"])
        sections = []
        for s in raw["sections"]:
            key = str(s["key"])
            sections.append(
                Section(
                    key=key,
                    title=clean(s["title"]),
                    paragraphs=_paragraphs(s.get("text"), f"{where}:{key}"),
                    sources=tuple(str(x) for x in s.get("sources") or ()),
                    figures=tuple(
                        Figure(
                            str(f["value"]), str(f["source"]), str(f.get("note", ""))
                        )
                        for f in s.get("figures") or ()
                    ),
                    aliases=tuple(str(a) for a in s.get("aliases") or ()),
                    keywords=_keywords(s.get("keywords"), f"{where}:{key}"),
                    explained_in=_place(s.get("explained_in"), f"{where}:{key}"),
                    part_of=_place(s.get("part_of"), f"{where}:{key}"),
                    twin_of=_place(s.get("twin_of"), f"{where}:{key}"),
                    narrower=tuple(
                        _place(n, f"{where}:{key}") for n in _as_list(s.get("narrower"))
                    ),
                )
            )
        compares = raw.get("compares") or {}
        if not isinstance(compares, dict):
            raise ContentError(f"{where}: compares must map topics, section and after")
        return Topic(
            id=topic_id,
            title=clean(raw["title"]),
            order=int(raw.get("order", 100)),
            menu=bool(raw.get("menu", True)),
            keywords=_keywords(raw.get("keywords"), where),
            sections=tuple(sections),
            priority=int(raw.get("priority", 1)),
            open_sections=bool(raw.get("open_sections", False)),
            related=tuple(str(t) for t in raw.get("related") or ()),
            shares_words_with=tuple(str(t) for t in raw.get("shares_words_with") or ()),
            compares=tuple(str(t) for t in compares.get("topics") or ()),
            compares_section=compares.get("section"),
            compares_after=tuple(str(k) for k in compares.get("after") or ()),
            review=_review(raw.get("review"), where),
        )
    except (KeyError, TypeError) as exc:
        raise ContentError(f"{where}: missing or malformed field {exc}") from exc


def parse_section_kinds(raw: dict) -> tuple[SectionKind, ...]:
    """Parse ``data/sections.yml``: the section vocabulary shared by topics."""
    return tuple(
        SectionKind(
            key=str(key),
            title=clean(value["title"]),
            intent=value.get("intent"),
            keywords=_keywords(value.get("keywords"), f"sections.yml:{key}"),
        )
        for key, value in (raw.get("sections") or {}).items()
    )


@dataclass(frozen=True)
class Content:
    """All curated content, as read from the YAML files."""

    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    section_kinds: tuple[SectionKind, ...]

    def validate(self) -> list[str]:
        """Problems that would make an answer wrong or uncited; empty if none."""
        problems = []
        source_ids = {s.id for s in self.sources}
        kinds = {k.key for k in self.section_kinds}
        seen = set()
        topic_ids = {t.id for t in self.topics}
        places = {(t.id, s.key) for t in self.topics for s in t.sections}
        for topic in self.topics:
            if topic.compares and not topic.section(topic.compares_section or ""):
                problems.append(f"{topic.id}: compares section is unknown")
            for other in topic.compares:
                if other not in topic_ids:
                    problems.append(f"{topic.id}: compared topic {other} is unknown")
            for other in (*topic.related, *topic.shares_words_with):
                if other not in topic_ids:
                    problems.append(f"{topic.id}: related topic {other} is unknown")
            if topic.id in seen:
                problems.append(f"topic {topic.id} defined twice")
            seen.add(topic.id)
            keys = [section.key for section in topic.sections]
            if len(keys) != len(set(keys)):
                problems.append(f"{topic.id}: a section key is used twice")
            for section in topic.sections:
                where = f"{topic.id}/{section.key}"
                if section.key not in kinds and not topic.open_sections:
                    problems.append(f"{where}: unknown section kind")
                if not section.sources:
                    problems.append(f"{where}: no citation")
                for ref in section.sources:
                    if ref not in source_ids:
                        problems.append(f"{where}: unknown source {ref}")
                for how, place in (
                    ("explained in", section.explained_in),
                    ("part of", section.part_of),
                ):
                    if place and place not in places:
                        problems.append(f"{where}: {how} unknown section {place}")
                if section.twin_of and section.twin_of not in places:
                    problems.append(f"{where}: twin of unknown section")
                for place in section.narrower:
                    if place not in places:
                        problems.append(f"{where}: narrower section {place} unknown")
                for fig in section.figures:
                    if fig.source not in source_ids:
                        problems.append(
                            f"{where}: figure {fig.value} cites {fig.source}"
                        )
        return problems


def load_content(data_dir: Path | None = None) -> Content:
    """Read sources, section kinds and every knowledge topic from ``data_dir``."""
    data_dir = Path(data_dir or settings.DATA_DIR)
    topics = tuple(
        sorted(
            (
                parse_topic(_load_yaml(path), path.name)
                for path in sorted((data_dir / "knowledge").glob("*.yml"))
            ),
            key=lambda t: (t.order, t.id),
        )
    )
    content = Content(
        sources=parse_sources(_load_yaml(data_dir / "sources.yml")),
        topics=topics,
        section_kinds=load_section_kinds(data_dir),
    )
    problems = content.validate()
    if problems:
        raise ContentError("; ".join(problems))
    return content


def load_section_kinds(data_dir: Path | None = None) -> tuple[SectionKind, ...]:
    """Read ``data/sections.yml`` alone (routing vocabulary, not curated facts)."""
    data_dir = Path(data_dir or settings.DATA_DIR)
    return parse_section_kinds(_load_yaml(data_dir / "sections.yml"))


@lru_cache(maxsize=4)
def load_ui(data_dir: str | None = None) -> dict[str, dict]:
    """Read ``data/ui.yml``: the assistant's own messages, keyed by purpose."""
    path = Path(data_dir or settings.DATA_DIR) / "ui.yml"
    raw = _load_yaml(path) or {}
    return raw.get("messages") or {}
