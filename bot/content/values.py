"""Read the "what matters to me" questions (``data/decision/values.yml``).

Each item is one values question with a few one-tap choices; each choice
carries the question for the care team that it turns into. This module only
parses and validates the YAML into immutable objects; ``bot.core.values``
asks the questions and builds the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot import settings
from bot.content.knowledge import load_knowledge
from bot.content.schema import ContentError, _load_yaml, clean, parse_sources

FILE = Path("decision") / "values.yml"
# The answer that skips an item; never a choice id in the YAML.
SKIP = "skip"


@dataclass(frozen=True)
class ValueChoice:
    """One tap: its button label, and the question it becomes for the care team."""

    id: str
    label: str
    question: str


@dataclass(frozen=True)
class ValueItem:
    """One values question ("How do you feel about a major operation?")."""

    id: str
    title: str
    text: str
    choices: tuple[ValueChoice, ...]
    sources: tuple[str, ...]

    def choice(self, choice_id: str | None) -> ValueChoice | None:
        """The choice with this id, or None."""
        return next((c for c in self.choices if c.id == choice_id), None)


@dataclass(frozen=True)
class Values:
    """The values questions in order, and the words around them."""

    items: tuple[ValueItem, ...]
    messages: dict[str, dict[str, Any]]

    def item(self, item_id: str | None) -> ValueItem | None:
        """The item with this id, or None."""
        return next((i for i in self.items if i.id == item_id), None)

    def validate(self, source_ids: set[str]) -> list[str]:
        """Problems that would break the questions or leave them uncited."""
        problems = []
        ids = [item.id for item in self.items]
        if len(ids) != len(set(ids)):
            problems.append("values: an item id is used twice")
        for item in self.items:
            where = f"values/{item.id}"
            choice_ids = [c.id for c in item.choices]
            if len(choice_ids) < 2 or len(choice_ids) != len(set(choice_ids)):
                problems.append(f"{where}: needs two or more distinct choices")
            if SKIP in choice_ids:
                problems.append(f"{where}: '{SKIP}' is reserved for skipping")
            if not item.sources:
                problems.append(f"{where}: no citation")
            problems += [
                f"{where}: unknown source {ref}"
                for ref in item.sources
                if ref not in source_ids
            ]
        for key in ("start", "intro", "progress", "skip", "result", "result_none"):
            if key not in self.messages:
                problems.append(f"values: message {key} is missing")
        return problems


def parse_values(raw: Any) -> Values:
    """Parse the YAML of ``data/decision/values.yml``."""
    try:
        items = tuple(
            ValueItem(
                id=str(item["id"]),
                title=clean(item["title"]),
                text=clean(item["text"]),
                sources=tuple(str(s) for s in item.get("sources") or ()),
                choices=tuple(
                    ValueChoice(str(c["id"]), clean(c["label"]), clean(c["text"]))
                    for c in item["choices"]
                ),
            )
            for item in raw["items"]
        )
        messages = dict(raw.get("messages") or {})
    except (KeyError, TypeError) as exc:
        raise ContentError(f"values.yml: missing or malformed field {exc}") from exc
    return Values(items, messages)


def values_problems(data_dir: str | None = None) -> list[str]:
    """What is wrong with the values questions (for ``make content-check``)."""
    try:
        load_values.cache_clear()
        load_values(data_dir)
    except (ContentError, OSError, yaml.YAMLError) as error:
        return [f"values: {error}"]
    return []


@lru_cache(maxsize=4)
def load_values(data_dir: str | None = None) -> Values:
    """Read and validate the values questions (once per process)."""
    root = Path(data_dir or settings.DATA_DIR)
    values = parse_values(_load_yaml(root / FILE))
    if data_dir:
        sources = {s.id for s in parse_sources(_load_yaml(root / "sources.yml"))}
    else:
        sources = set(load_knowledge().sources)
    problems = values.validate(sources)
    if problems:
        raise ContentError("; ".join(problems))
    return values
