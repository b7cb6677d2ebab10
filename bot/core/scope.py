"""Requests outside the assistant's scope that the model may take for questions.

The trained model declines most off-topic requests itself. One kind it keeps
reading as a question about a topic: the care of another illness ("what dose
of metformin should I take?", "我妈高血压该吃什么药"), which names a person,
an illness and a medicine, as questions about who can have surgery do. The
words are data in ``data/scope.yml``; :func:`asks_other_care` is pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot import settings
from bot.core.script import to_simplified


@dataclass(frozen=True)
class WordList:
    """English words (whole words, case ignored) and Chinese strings (anywhere)."""

    en: re.Pattern[str] | None
    zh: tuple[str, ...]

    def found(self, text: str) -> bool:
        """Whether ``text`` (Simplified, case-folded) holds one of the words."""
        return bool(
            (self.en and self.en.search(text)) or any(w in text for w in self.zh)
        )


def _word_list(raw: dict) -> WordList:
    words = [w.casefold() for w in raw.get("en") or ()]
    en = (
        re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
        if words
        else None
    )
    return WordList(en, tuple(raw.get("zh") or ()))


@dataclass(frozen=True)
class OtherCare:
    """``other_care`` in ``data/scope.yml``."""

    illness: WordList
    care: WordList
    not_with: WordList


@lru_cache(maxsize=4)
def load_other_care(path: str | None = None) -> OtherCare:
    """Read ``other_care`` from ``data/scope.yml`` (once per process and path)."""
    raw = yaml.safe_load(
        Path(path or settings.DATA_DIR / "scope.yml").read_text("utf-8")
    )["other_care"]
    return OtherCare(
        _word_list(raw["illness"]), _word_list(raw["care"]), _word_list(raw["not_with"])
    )


def asks_other_care(text: str | None, words: OtherCare | None = None) -> bool:
    """Whether a message asks for the care of another illness.

    An illness and a kind of care named together, and nothing of the
    person's NET, liver or a crisis. The caller checks that no topic, part or
    word of the sources is named.
    """
    if not text:
        return False
    words = words or load_other_care()
    folded = to_simplified(text).casefold()
    return (
        words.illness.found(folded)
        and words.care.found(folded)
        and not words.not_with.found(folded)
    )
