"""Read the treatments-side-by-side table (``data/decision/compare.yml``).

The YAML holds the reviewed English text of every cell, with its sources;
this module parses it into immutable objects and checks its shape:
every option has a cell for every row, every cell cites known sources, each
option links to a knowledge topic, and every figure in a cell is one the
linked topic (or the cell itself) declares with a source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot import settings
from bot.content.knowledge import knowledge_at
from bot.content.schema import (
    LANGS,
    ContentError,
    Figure,
    _keywords,
    _load_yaml,
    _paragraphs,
    clean,
)

COMPARE_FILE = Path("decision") / "compare.yml"
# A figure in a cell (as ``bot.tools.content_check`` reads them in sections).
FIGURE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:%|months?\b|cm\b|patients?\b|people\b|个月|厘米|名|人)"
)
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Cell:
    """What one option's row says, and where it comes from."""

    text: str
    sources: tuple[str, ...]
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class Row:
    """One aspect compared across the options ("Risks")."""

    key: str
    label: str


@dataclass(frozen=True)
class Option:
    """One treatment (a column): its topic, label, keywords and cells."""

    id: str
    topic: str
    label: str
    keywords: dict[str, tuple[str, ...]]
    cells: dict[str, Cell]


@dataclass(frozen=True)
class Comparison:
    """The whole table: caption, note under it, rows and options."""

    title: str
    note: tuple[str, ...]
    rows: tuple[Row, ...]
    options: tuple[Option, ...]
    # Words that ask to compare everything (see compare.yml).
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)

    def sources(self, options: tuple[Option, ...]) -> tuple[str, ...]:
        """The source ids the cells of ``options`` cite, in first-cited order."""
        seen: dict[str, None] = {}
        for option in options:
            for row in self.rows:
                seen.update(dict.fromkeys(option.cells[row.key].sources))
        return tuple(seen)


def _figures(raw: Any) -> tuple[Figure, ...]:
    return tuple(
        Figure(str(f["value"]), str(f["source"]), str(f.get("note", "")))
        for f in raw or ()
    )


def parse_comparison(raw: dict, where: str = "compare.yml") -> Comparison:
    """Parse the YAML of the comparison (no cross-checks; see ``problems``)."""
    try:
        rows = tuple(Row(str(r["key"]), clean(r["label"])) for r in raw["rows"])
        options = []
        for o in raw["options"]:
            oid = str(o["id"])
            cells = {}
            for key, cell in (o.get("cells") or {}).items():
                text = _paragraphs(cell.get("text"), f"{where}:{oid}.{key}")
                cells[str(key)] = Cell(
                    text=" ".join(text),
                    sources=tuple(str(s) for s in cell.get("sources") or ()),
                    figures=_figures(cell.get("figures")),
                )
            options.append(
                Option(
                    id=oid,
                    topic=str(o.get("topic") or oid),
                    label=clean(o["label"]),
                    keywords=_keywords(o.get("keywords"), f"{where}:{oid}"),
                    cells=cells,
                )
            )
        comparison = Comparison(
            title=clean(raw["title"]),
            note=_paragraphs(raw.get("text"), f"{where}: text"),
            rows=rows,
            options=tuple(options),
            keywords=_keywords(raw.get("keywords"), f"{where}: keywords"),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ContentError(f"{where}: missing or malformed field {exc}") from exc
    for option in comparison.options:
        missing = [r.key for r in rows if r.key not in option.cells]
        extra = set(option.cells) - {r.key for r in rows}
        if missing or extra:
            raise ContentError(
                f"{where}:{option.id}: cells missing {missing}, unknown {sorted(extra)}"
            )
        if not all(option.keywords[lang] for lang in LANGS):
            raise ContentError(f"{where}:{option.id}: keywords needed in {LANGS}")
    return comparison


def problems(comparison: Comparison, source_ids: set[str], topics: dict) -> list[str]:
    """What would make a cell uncited or ungrounded; empty if nothing.

    ``topics`` maps topic ids to ``bot.content.schema.Topic``: a number with a
    unit in a cell must be declared as a figure by that option's topic (any
    section) or by the cell itself.
    """
    found = []
    ids = [o.id for o in comparison.options]
    if len(ids) != len(set(ids)):
        found.append("compare: an option id is used twice")
    for option in comparison.options:
        topic = topics.get(option.topic)
        if topic is None:
            found.append(f"compare/{option.id}: unknown topic {option.topic}")
            continue
        declared = {
            n
            for section in topic.sections
            for f in section.figures
            for n in NUMBER.findall(f.value)
        }
        for key, cell in option.cells.items():
            where = f"compare/{option.id}/{key}"
            if not cell.sources:
                found.append(f"{where}: no citation")
            for ref in (*cell.sources, *(f.source for f in cell.figures)):
                if ref not in source_ids:
                    found.append(f"{where}: unknown source {ref}")
            own = {n for f in cell.figures for n in NUMBER.findall(f.value)}
            used = {m.group(1) for m in FIGURE.finditer(cell.text)}
            undeclared = used - declared - own
            if undeclared:
                found.append(f"{where}: undeclared figures {sorted(undeclared)}")
    return found


@lru_cache(maxsize=4)
def load_comparison(data_dir: str | None = None) -> Comparison:
    """The comparison from ``data/decision/compare.yml``, checked (cached).

    Cross-checked against the knowledge snapshot (its sources and topics).
    """
    root = Path(data_dir or settings.DATA_DIR)
    comparison = parse_comparison(_load_yaml(root / COMPARE_FILE))
    kb = knowledge_at(data_dir)
    topics = {t.id: t for t in kb.topics}
    found = problems(comparison, set(kb.sources), topics)
    if found:
        raise ContentError("; ".join(found))
    return comparison


def comparison_problems(data_dir: str | None = None) -> list[str]:
    """For ``content-check``: load and cross-check errors, untranslated strings."""
    from bot.content.i18n import translations

    try:
        comparison = load_comparison(data_dir)
    except (ContentError, OSError) as error:
        return [f"compare: {error}"]
    strings = [comparison.title, *comparison.note]
    strings += [row.label for row in comparison.rows]
    for option in comparison.options:
        strings += [option.label, *(cell.text for cell in option.cells.values())]
    catalog = getattr(translations("zh"), "_catalog", {})
    missing = [s for s in strings if s not in catalog]
    return [f"compare: {len(missing)} untranslated"] if missing else []
