"""Held-out evaluation: whether each dev-set question gets the right answer.

Every question in ``tests/dev_set.yml`` is sent in a fresh conversation to a
running bot. The answer's heading ("**Topic — Section**", in the question's
language) names the topic and section it came from; a question counts as
right when both match and the answer is in the question's language.

The dev set's out-of-scope questions count as right when the bot declines
kindly in the question's language: "I can't help with that" (or "I didn't
understand") with the menu, never a content answer or a question back.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot import settings
from bot.content.i18n import translate
from bot.content.knowledge import Knowledge
from bot.core.dialogue import ui_text
from bot.core.language import has_cjk

DEV_SET = settings.PROJECT_ROOT / "tests" / "dev_set.yml"
TARGET = 0.95
HEADING = re.compile(r"^\*\*(.+?) — (.+?)\*\*")
OUT_OF_SCOPE = ("out_of_scope", "declined")
# The replies that decline a question (data/ui.yml), each with the menu.
DECLINES = ("out_of_scope", "fallback")


@dataclass(frozen=True)
class Result:
    """One question's outcome."""

    text: str
    lang: str
    expected: tuple[str, str]
    got: tuple[str, str] | None

    @property
    def correct(self) -> bool:
        """Whether the expected topic and section answered."""
        return self.got == self.expected


def load_questions(path: Path = DEV_SET) -> list[dict]:
    """The dev-set questions."""
    return yaml.safe_load(path.read_text("utf-8"))["questions"]


def load_out_of_scope(path: Path = DEV_SET) -> list[str]:
    """The dev set's out-of-scope questions."""
    return yaml.safe_load(path.read_text("utf-8")).get("out_of_scope", [])


def question_language(text: str) -> str:
    """The language a dev-set question is written in."""
    return "zh" if has_cjk(text) else "en"


def declined(texts: list[str], lang: str) -> bool:
    """Whether the replies decline the question kindly, in ``lang``."""
    openings = [ui_text(key, lang).split("\n\n")[0] for key in DECLINES]
    return any(text.startswith(opening) for text in texts for opening in openings)


def evaluate_out_of_scope(
    ask: Callable[[str], list[str]], kb: Knowledge, questions: list[str]
) -> list[Result]:
    """Ask every out-of-scope question; right when the bot declines."""
    index = heading_index(kb)
    results = []
    for text in questions:
        lang = question_language(text)
        replies = ask(text)
        if declined(replies, lang):
            got = OUT_OF_SCOPE
        else:
            got = answered(replies, lang, index) or ("reply", replies[-1][:40])
        results.append(Result(text, lang, OUT_OF_SCOPE, got))
    return results


def heading_index(kb: Knowledge) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(language, topic title, section title) as shown -> (topic id, section key)."""
    index = {}
    for lang in ("en", "zh"):
        for topic in kb.topics:
            for section in topic.sections:
                shown = (
                    lang,
                    translate(topic.title, lang),
                    translate(section.title, lang),
                )
                index[shown] = (topic.id, section.key)
    return index


def answered(
    texts: list[str], lang: str, index: dict[tuple[str, str, str], tuple[str, str]]
) -> tuple[str, str] | None:
    """The (topic, section) of the first content answer in the replies."""
    for text in texts:
        match = HEADING.match(text)
        if match:
            return index.get((lang, match.group(1), match.group(2)))
    return None


def evaluate(
    ask: Callable[[str], list[str]], kb: Knowledge, questions: list[dict]
) -> list[Result]:
    """Ask every question (``ask`` sends one in a fresh conversation)."""
    index = heading_index(kb)
    results = []
    for q in questions:
        lang = question_language(q["text"])
        results.append(
            Result(
                q["text"],
                lang,
                (q["topic"], q["section"]),
                answered(ask(q["text"]), lang, index),
            )
        )
    return results


def accuracy(results: list[Result]) -> dict[str, tuple[int, int]]:
    """Per language: (right, asked)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        counts[r.lang][0] += r.correct
        counts[r.lang][1] += 1
    return {lang: (right, total) for lang, (right, total) in sorted(counts.items())}


def report(results: list[Result]) -> str:
    """A printable table of accuracy per language, and the misses."""
    lines = ["language  right  asked  accuracy"]
    for lang, (right, total) in accuracy(results).items():
        lines.append(f"{lang:<8}  {right:>5}  {total:>5}  {right / total:>8.1%}")
    misses = [r for r in results if not r.correct]
    if misses:
        lines.append("")
        lines.append("misses:")
        for r in misses:
            got = "/".join(r.got) if r.got else "no content answer"
            lines.append(
                f"  [{r.lang}] {r.text!r}: expected {'/'.join(r.expected)}, got {got}"
            )
    return "\n".join(lines)


def passed(results: list[Result], target: float = TARGET) -> bool:
    """Whether every language reaches the target accuracy."""
    return all(right / total >= target for right, total in accuracy(results).values())
