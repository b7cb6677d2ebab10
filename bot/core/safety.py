"""Safety net: spot emergencies in a message, in English or Chinese.

``assess`` sorts a message into one of three levels:

* ``EMERGENCY`` - someone describes symptoms such as flushing, wheezing, a
  racing heart, fainting, confusion or chest pain: send emergency advice
  before anything else;
* ``WARNING`` - a general question about such a symptom ("what is
  flushing?"): answer it, and add a line on when to seek emergency care;
* ``NONE``.

The phrase lists are data (``data/safety.yml``). This net runs beside the
trained ``report_emergency`` intent, so a single miss does not drop an
emergency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path

import yaml

from bot import settings
from bot.core.language import has_cjk


class Level(str, Enum):
    """How urgent a message is."""

    NONE = "none"
    WARNING = "warning"
    EMERGENCY = "emergency"


@dataclass(frozen=True)
class Assessment:
    """The level, and the phrases that decided it."""

    level: Level
    matched: tuple[str, ...] = ()

    @property
    def is_emergency(self) -> bool:
        """Whether emergency advice must come first."""
        return self.level is Level.EMERGENCY


@dataclass(frozen=True)
class Lexicon:
    """Phrase lists per language, from ``data/safety.yml``."""

    emergency: dict[str, tuple[str, ...]]
    report: dict[str, tuple[str, ...]]
    present: dict[str, tuple[str, ...]]
    hypothetical: dict[str, tuple[str, ...]]
    question: dict[str, tuple[str, ...]]


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Read the phrase lists once per process."""
    raw = yaml.safe_load(
        Path(path or settings.DATA_DIR / "safety.yml").read_text("utf-8")
    )

    def lists(key: str) -> dict[str, tuple[str, ...]]:
        return {
            lang: tuple(str(p).lower() for p in raw[key][lang]) for lang in ("en", "zh")
        }

    return Lexicon(
        emergency=lists("emergency_phrases"),
        report=lists("report_markers"),
        present=lists("present_markers"),
        hypothetical=lists("hypothetical_markers"),
        question=lists("question_starts"),
    )


_APOSTROPHES = re.compile(r"['’`]")
_LATIN_WORD = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """Lower-case English words with apostrophes dropped ("can't" -> "cant")."""
    text = _APOSTROPHES.sub("", text.lower()).replace("cannot", "cant")
    return _LATIN_WORD.findall(text)


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of two letters counts once)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _word_matches(word: str, token: str, fuzzy: bool, min_len: int = 6) -> bool:
    if word == token:
        return True
    if not fuzzy or len(word) < min_len:
        return False
    allowed = 2 if len(word) >= 9 else 1
    return _edit_distance(word, token, allowed) <= allowed


def _phrase_in(phrase: str, words: list[str], fuzzy: bool, max_gap: int = 2) -> bool:
    """Whether the phrase's words occur in order, at most ``max_gap`` words apart."""
    parts = phrase.split()
    # Within a phrase the other words confirm the match, so shorter words may
    # carry a typo too ("my hart is raceing").
    min_len = 5 if len(parts) > 1 else 6
    for start, token in enumerate(words):
        if not _word_matches(parts[0], token, fuzzy, min_len):
            continue
        pos, ok = start, True
        for part in parts[1:]:
            window = words[pos + 1 : pos + 2 + max_gap]
            hit = next(
                (
                    k
                    for k, t in enumerate(window)
                    if _word_matches(part, t, fuzzy, min_len)
                ),
                None,
            )
            if hit is None:
                ok = False
                break
            pos += hit + 1
        if ok:
            return True
    return False


def _found(
    phrases: tuple[str, ...], text: str, words: list[str], fuzzy: bool
) -> list[str]:
    hits = []
    for phrase in phrases:
        if has_cjk(phrase):
            if phrase in text:
                hits.append(phrase)
        elif _phrase_in(phrase, words, fuzzy):
            hits.append(phrase)
    return hits


def _any(phrases: dict[str, tuple[str, ...]], text: str, words: list[str]) -> bool:
    return bool(_found(phrases["en"] + phrases["zh"], text, words, fuzzy=False))


def _is_question(lex: Lexicon, text: str, words: list[str]) -> bool:
    stripped = text.strip()
    if stripped.endswith(("?", "？", "吗", "呢")):
        return True
    if words and any(words[: len(q.split())] == q.split() for q in lex.question["en"]):
        return True
    return any(q in text for q in lex.question["zh"])


def assess(text: str | None, lexicon: Lexicon | None = None) -> Assessment:
    """Sort a message into emergency, warning or none (see the module docstring)."""
    if not text or not text.strip():
        return Assessment(Level.NONE)
    lex = lexicon or load_lexicon()
    lowered = text.lower()
    words = tokens(text)
    matched = _found(
        lex.emergency["en"] + lex.emergency["zh"], lowered, words, fuzzy=True
    )
    if not matched:
        return Assessment(Level.NONE)
    matched_t = tuple(matched)
    if _any(lex.present, lowered, words):
        return Assessment(Level.EMERGENCY, matched_t)
    if _any(lex.hypothetical, lowered, words):
        return Assessment(Level.WARNING, matched_t)
    if _is_question(lex, lowered, words) and not _any(lex.report, lowered, words):
        return Assessment(Level.WARNING, matched_t)
    return Assessment(Level.EMERGENCY, matched_t)
