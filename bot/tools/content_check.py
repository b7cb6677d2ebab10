"""Content check for every answer: readability, figures, translation, citation.

``python -m bot content-check`` (``make content-check``, part of ``make
test``) prints one row per answer and fails when any answer:

* reads above Flesch-Kincaid grade 8 in English (and the average must be at
  most 6.5);
* has Chinese sentences averaging over 30 characters;
* uses a figure (a percentage, a decimal, or a count of months, cm, patients
  or people) that its section does not declare with a source;
* lacks a Chinese translation of any of its strings;
* has no citation.

It also fails when a topic records no content review, or when the month its
next review was due in has passed (``review: {next: 2027-11}`` in the topic's
YAML), and names those topics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import textstat

from bot.content.i18n import translate, translations
from bot.content.schema import Content, Section, Topic

MAX_GRADE = 8.0
MAX_MEAN_GRADE = 6.5
MAX_ZH_SENTENCE = 30.0
FIGURE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:%|months?\b|cm\b|patients?\b|people\b|个月|厘米|名|人)"
)
NUMBER = re.compile(r"\d+(?:\.\d+)?")
ZH_SENTENCE_END = re.compile(r"[。！？；!?\n]+")
ZH_COUNTED = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


@dataclass
class Row:
    """The checks for one answer (one section of one topic)."""

    answer: str
    words: int
    grade: float
    zh_sentence: float
    problems: list[str] = field(default_factory=list)


def english_text(section: Section) -> str:
    """The answer body as readers see it, one paragraph or list item a line."""
    return "\n".join(section.paragraphs)


def fk_grade(text: str) -> float:
    """Flesch-Kincaid grade; each line counts as a sentence, as on screen."""
    lines = [
        line if line.rstrip().endswith((".", "?", "!", ":", ";")) else line + "."
        for line in text.splitlines()
        if line.strip()
    ]
    return float(textstat.flesch_kincaid_grade(" ".join(lines)))


def zh_sentence_length(text: str) -> float:
    """Mean number of characters (Chinese, letters, digits) per Chinese sentence."""
    sentences = [s for s in ZH_SENTENCE_END.split(text) if ZH_COUNTED.search(s)]
    if not sentences:
        return 0.0
    return sum(len(ZH_COUNTED.findall(s)) for s in sentences) / len(sentences)


def undeclared_figures(section: Section) -> set[str]:
    """Figures in the English text whose number no declared figure carries."""
    declared = {n for f in section.figures for n in NUMBER.findall(f.value)}
    used = {m.group(1) for m in FIGURE.finditer(english_text(section))}
    return used - declared


def unused_figures(section: Section) -> set[str]:
    """Declared figures whose value the section's text does not use."""
    text = english_text(section)
    return {f.value for f in section.figures if f.value.split()[0] not in text}


def untranslated(strings: list[str]) -> list[str]:
    """Strings with no Chinese translation in the compiled catalog."""
    catalog = getattr(translations("zh"), "_catalog", {})
    return [s for s in strings if s not in catalog]


def check_section(topic: Topic, section: Section) -> Row:
    """All checks for one answer."""
    english = english_text(section)
    chinese = "\n".join(translate(p, "zh") for p in section.paragraphs)
    row = Row(
        answer=f"{topic.id}/{section.key}",
        words=len(english.split()),
        grade=fk_grade(english),
        zh_sentence=zh_sentence_length(chinese),
    )
    if row.grade > MAX_GRADE:
        row.problems.append(f"grade {row.grade:.1f} > {MAX_GRADE}")
    if row.zh_sentence > MAX_ZH_SENTENCE:
        row.problems.append(
            f"Chinese sentences {row.zh_sentence:.0f} chars > {MAX_ZH_SENTENCE:.0f}"
        )
    figures = undeclared_figures(section)
    if figures:
        row.problems.append(f"undeclared figures {sorted(figures)}")
    unused = unused_figures(section)
    if unused:
        row.problems.append(f"declared but unused figures {sorted(unused)}")
    missing = untranslated([topic.title, section.title, *section.paragraphs])
    if missing:
        row.problems.append(f"{len(missing)} untranslated")
    if not section.sources:
        row.problems.append("no citation")
    return row


def review_problems(content: Content, today: date) -> list[str]:
    """Topics with no recorded review, or whose next review is overdue."""
    problems = []
    for topic in content.topics:
        if topic.review is None:
            problems.append(f"{topic.id}: no content review recorded")
        elif topic.review.overdue(today):
            problems.append(
                f"{topic.id}: content review overdue "
                f"(was due {topic.review.next:%Y-%m}, "
                f"last reviewed {topic.review.reviewed:%Y-%m})"
            )
    return problems


def check(content: Content, today: date | None = None) -> tuple[list[Row], list[str]]:
    """Rows for every answer, and the problems that fail the check.

    ``today`` (default: the real date) decides which content reviews are overdue.
    """
    rows = [check_section(t, s) for t in content.topics for s in t.sections]
    failures = [f"{r.answer}: {p}" for r in rows for p in r.problems]
    failures += review_problems(content, today or date.today())
    mean = sum(r.grade for r in rows) / len(rows)
    if mean > MAX_MEAN_GRADE:
        failures.append(f"mean grade {mean:.2f} > {MAX_MEAN_GRADE}")
    if not translations("zh") or not getattr(translations("zh"), "_catalog", None):
        failures.append("Chinese catalog not loaded (make i18n-compile)")
    return rows, failures


def table(rows: list[Row]) -> str:
    """A printable table of the rows, with the averages."""
    lines = [f"{'answer':<36} {'words':>5} {'FK':>5} {'zh len':>6}  problems"]
    for r in rows:
        lines.append(
            f"{r.answer:<36} {r.words:>5} {r.grade:>5.1f} {r.zh_sentence:>6.1f}  "
            + "; ".join(r.problems)
        )
    mean = sum(r.grade for r in rows) / len(rows)
    zh = sum(r.zh_sentence for r in rows) / len(rows)
    lines.append(f"{'mean':<36} {'':>5} {mean:>5.2f} {zh:>6.1f}")
    return "\n".join(lines)
