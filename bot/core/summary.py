"""A take-home summary of this conversation ("My summary").

It lists the topics the person read here (the ``viewed`` slot: one
``topic/section`` entry per answer, kept in the conversation only), with when
each topic was last reviewed; their questions for the care team (from "what
matters to me", if they answered it, and the "questions to ask" of each topic
they read); and the sources of the answers they read. Nothing is stored on
the server beyond the conversation itself.

One message on every channel: the web pages print it (print CSS).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from bot.content.knowledge import Knowledge
from bot.content.schema import Topic
from bot.core import values
from bot.core.replies import (
    Button,
    Message,
    Outcome,
    Replies,
    month_year,
    payload,
    ui_label,
    ui_text,
)
from bot.core.routing import Turn, topic_in_text
from bot.core.script import to_simplified

INTENT = "my_summary"
SLOT = "viewed"
QUESTIONS = "questions"
# Answers remembered per conversation (the oldest are dropped beyond this).
MAX_VIEWED = 60
# Words that ask for the summary itself. A message that names a topic and none
# of these ("what questions should I take to the transplant clinic") asks
# about that topic, and is answered from it.
SUMMARY_WORDS = (
    "summary", "summarise", "summarize", "sum up", "recap", "take-home",
    "what have i", "what i've", "what we", "everything", "print",
    "总结", "小结", "汇总", "整理", "回顾", "看过", "聊过", "打印",
)  # fmt: skip


def entry(topic: str, section: str) -> str:
    """How one answer is kept in the ``viewed`` slot."""
    return f"{topic}/{section}"


def add_viewed(viewed: Sequence[str] | None, topic: str, section: str) -> list[str]:
    """The slot after reading ``topic``/``section`` (no repeats, newest last)."""
    item = entry(topic, section)
    kept = [v for v in viewed or () if isinstance(v, str) and v != item]
    return [*kept, item][-MAX_VIEWED:]


def viewed_pairs(kb: Knowledge, viewed: Iterable[Any] | None) -> list[tuple[str, str]]:
    """The (topic, section) answers read, in order, that still exist."""
    pairs = []
    for item in viewed or ():
        topic, _, section = str(item).partition("/")
        if kb.section(topic, section) is not None and (topic, section) not in pairs:
            pairs.append((topic, section))
    return pairs


def viewed_topics(kb: Knowledge, pairs: list[tuple[str, str]]) -> list[Topic]:
    """The topics read, in the order first read."""
    ids = list(dict.fromkeys(topic for topic, _ in pairs))
    return [t for t in map(kb.topic, ids) if t is not None]


def topic_questions(topic: Topic, r: Replies) -> list[str]:
    """The "questions to ask" of a topic, as list items in ``r.lang``."""
    section = topic.section(QUESTIONS)
    if section is None or section.key != QUESTIONS:
        return []
    return [r.t(p) for p in section.paragraphs if p.startswith("- ")]


def values_questions(turn: Turn, lang: str) -> list[str]:
    """Questions from "what matters to me" (``bot.core.values``), if answered."""
    answers = turn.slots.get("values")
    if not answers or not isinstance(answers, dict):
        return []
    return [str(q) for q in values.questions_for(answers, lang)]


def sources_cited(kb: Knowledge, pairs: list[tuple[str, str]]) -> list[str]:
    """The source ids of the answers read, in first-cited order."""
    found: dict[str, None] = {}
    for topic, section in pairs:
        found.update(dict.fromkeys(kb.section(topic, section).sources))
    return [ref for ref in found if ref in kb.sources]


def summary_text(
    turn: Turn, kb: Knowledge, r: Replies, pairs: list[tuple[str, str]]
) -> str | None:
    """The summary as Markdown, or None when nothing was read or answered.

    ``pairs``: the answers read (``viewed_pairs`` of the ``viewed`` slot).
    """
    topics = viewed_topics(kb, pairs)
    mine = values_questions(turn, r.lang)
    if not topics and not mine:
        return None
    parts = [
        f"**{ui_label('summary_button', r.lang)}**",
        ui_text("summary_intro", r.lang),
    ]
    if topics:
        parts.append(f"**{ui_label('summary_topics', r.lang)}**")
        lines = []
        for topic in topics:
            line = f"- {r.t(topic.title)}"
            if topic.review is not None:
                when = month_year(topic.review.reviewed, r.lang)
                line += " · " + ui_text("reviewed_line", r.lang, date=when)
            lines.append(line)
        parts.append("\n".join(lines))
    asks = [f"- {q}" for q in mine]
    for topic in topics:
        asks += topic_questions(topic, r)
    asks = list(dict.fromkeys(asks))
    if asks:
        parts.append(f"**{ui_label('summary_questions', r.lang)}**")
        parts.append("\n".join(asks))
    refs = sources_cited(kb, pairs)
    if refs:
        parts.append(f"**{ui_label('summary_sources', r.lang)}**")
        parts.append("\n".join(f"- {kb.sources[ref].reference}" for ref in refs))
    parts.append(ui_text("next_step", r.lang))
    return "\n\n".join(parts)


# A message that is nothing but a request for the summary ("我的摘要", "我的小结"):
# the model can read "摘要" (abstract) as out of scope, as in "edit my thesis's
# abstract", so a bare request is recognised by its form.
_BARE_REQUEST = re.compile(
    r"^\s*(?:请|麻烦)?(?:给我|帮我|让我)?(?:看看|看一下|打印|生成|做)?(?:一下)?(?:一个|个)?"
    r"(?:我的)?(?:摘要|小结|总结|汇总)(?:吧|呢)?\s*[。！？!?.]?\s*$"
)


def asks_for_it(text: str | None) -> bool:
    """Whether a message is only a request for the summary ("我的摘要")."""
    return bool(text and _BARE_REQUEST.search(to_simplified(text)))


def asks_about_a_topic(turn: Turn, kb: Knowledge) -> bool:
    """Whether the message names a topic and does not ask for a summary."""
    if not turn.text or turn.text.startswith("/"):
        return False
    text = to_simplified(turn.text).lower()
    return bool(topic_in_text(kb, text)) and not any(w in text for w in SUMMARY_WORDS)


def handle(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message] | None:
    """The summary of this conversation, or the menu when nothing was read.

    None: a question about a topic, for the dialogue to answer from it.
    """
    if asks_about_a_topic(turn, kb):
        return None
    pairs = viewed_pairs(kb, turn.slots.get(SLOT))
    text = summary_text(turn, kb, r, pairs)
    if text is None:
        out.summary = {"topics": []}
        return [Message(ui_text("summary_empty", r.lang), r.topic_buttons())]
    # "printable": there is something to print, even with no topic read yet
    # (questions from "what matters to me" alone); the pages offer "Print".
    out.summary = {
        "topics": [t.id for t in viewed_topics(kb, pairs)],
        "printable": True,
    }
    buttons = (
        Button(ui_label("compare_button", r.lang), payload("compare_options")),
        Button(ui_label("more_topics", r.lang), payload("show_menu")),
    )
    return [Message(text, buttons)]
