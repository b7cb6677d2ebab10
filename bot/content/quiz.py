"""Read the "check what I learned" questions (``data/decision/quiz.yml``).

Three multiple-choice items per treatment topic, each tied to the section
it comes from, so an answer can lead back to it and cite that section's
sources. This module parses and validates the YAML into immutable objects;
``bot.core.quiz`` asks the questions and marks the answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot import settings
from bot.content.knowledge import Knowledge, knowledge_at
from bot.content.schema import ContentError, _load_yaml, clean

FILE = Path("decision") / "quiz.yml"
ITEMS_PER_TOPIC = 3
CHOICES_PER_ITEM = 3


@dataclass(frozen=True)
class QuizChoice:
    """One answer to pick."""

    id: str
    label: str


@dataclass(frozen=True)
class QuizItem:
    """One question: its choices, the right one, why, and where it is explained."""

    id: str
    topic: str
    section: str
    text: str
    choices: tuple[QuizChoice, ...]
    answer: str
    explanation: str

    def choice(self, choice_id: str | None) -> QuizChoice | None:
        """The choice with this id, or None."""
        return next((c for c in self.choices if c.id == choice_id), None)

    @property
    def right(self) -> QuizChoice:
        """The right answer."""
        choice = self.choice(self.answer)
        if choice is None:  # load_quiz refuses such content
            raise ContentError(f"quiz/{self.topic}/{self.id}: no right answer")
        return choice


@dataclass(frozen=True)
class Quiz:
    """The items of every quiz topic, in order, and the words around them."""

    topics: dict[str, tuple[QuizItem, ...]]
    messages: dict[str, dict[str, Any]]

    def items(self, topic: str | None) -> tuple[QuizItem, ...]:
        """The items about ``topic`` (none for a topic without a quiz)."""
        return self.topics.get(topic or "", ())

    def item(self, topic: str | None, item_id: str | None) -> QuizItem | None:
        """One item by topic and id, or None."""
        return next((i for i in self.items(topic) if i.id == item_id), None)

    def next_item(self, topic: str, item_id: str | None) -> QuizItem | None:
        """The item after ``item_id`` (the first for None), or None after the last."""
        items = self.items(topic)
        ids = [i.id for i in items]
        if item_id is None:
            return items[0] if items else None
        if item_id not in ids:
            return None
        after = ids.index(item_id) + 1
        return items[after] if after < len(items) else None

    def validate(self, kb: Knowledge) -> list[str]:
        """Problems that would make a question wrong, unanswerable or unlinked."""
        problems = []
        for topic, items in self.topics.items():
            if kb.topic(topic) is None:
                problems.append(f"quiz/{topic}: unknown topic")
                continue
            if len(items) != ITEMS_PER_TOPIC:
                problems.append(f"quiz/{topic}: {len(items)} items, not 3")
            if len({i.id for i in items}) != len(items):
                problems.append(f"quiz/{topic}: an item id is used twice")
            for item in items:
                where = f"quiz/{topic}/{item.id}"
                ids = [c.id for c in item.choices]
                if len(set(ids)) != CHOICES_PER_ITEM or len(ids) != len(set(ids)):
                    problems.append(f"{where}: needs 3 distinct choices")
                if item.answer not in ids:
                    problems.append(f"{where}: the answer is not a choice")
                if kb.section(topic, item.section) is None:
                    problems.append(f"{where}: unknown section {item.section}")
        for key in ("check", "heading", "right", "wrong", "read", "done"):
            if key not in self.messages:
                problems.append(f"quiz: message {key} is missing")
        return problems


def parse_quiz(raw: Any) -> Quiz:
    """Parse the YAML of ``data/decision/quiz.yml``."""
    try:
        topics = {
            str(topic): tuple(
                QuizItem(
                    id=str(item["id"]),
                    topic=str(topic),
                    section=str(item["section"]),
                    text=clean(item["text"]),
                    choices=tuple(
                        QuizChoice(str(c["id"]), clean(c["label"]))
                        for c in item["choices"]
                    ),
                    answer=str(item["answer"]),
                    explanation=clean(item["explanation"]),
                )
                for item in items
            )
            for topic, items in raw["topics"].items()
        }
        messages = dict(raw.get("messages") or {})
    except (KeyError, TypeError, AttributeError) as exc:
        raise ContentError(f"quiz.yml: missing or malformed field {exc}") from exc
    return Quiz(topics, messages)


def quiz_problems(data_dir: str | None = None) -> list[str]:
    """What is wrong with the quiz content (for ``make content-check``)."""
    try:
        load_quiz.cache_clear()
        load_quiz(data_dir)
    except (ContentError, OSError, yaml.YAMLError) as error:
        return [f"quiz: {error}"]
    return []


@lru_cache(maxsize=4)
def load_quiz(data_dir: str | None = None) -> Quiz:
    """Read and validate the quiz against the knowledge (once per process)."""
    root = Path(data_dir or settings.DATA_DIR)
    quiz = parse_quiz(_load_yaml(root / FILE))
    kb = knowledge_at(data_dir)
    problems = quiz.validate(kb)
    if problems:
        raise ContentError("; ".join(problems))
    return quiz
