"""Which topic and section a user turn asks about.

``route`` reads the turn (text, intent, entities, the topic in focus) and the
knowledge snapshot: buttons name both; an intent names a topic or a section;
keywords in the text fill in the rest; the topic in focus answers follow-ups.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from bot.content.knowledge import Knowledge
from bot.core.language import has_cjk

OVERVIEW = "overview"
GLOSSARY = "glossary"


@dataclass(frozen=True)
class Turn:
    """What the actions know about the user's latest message and the slots."""

    text: str = ""
    intent: str | None = None
    entities: Mapping[str, str] = field(default_factory=dict)
    language: str | None = None
    topic: str | None = None
    section: str | None = None
    greeted: bool = False
    # The model's readings of the message, best first (bot.core.understanding).
    ranking: tuple = ()
    # How sure the NLU was of ``intent`` (None: not from the model, e.g. a test).
    confidence: float | None = None
    # Which channel the message came in on ("web", "rest", "telegram",
    # "twilio", "facebook"...): replies may be laid out for it.
    channel: str = ""
    # The conversation's other slots, for the features that read them
    # ("viewed" for the summary, "values" for what matters to the person).
    slots: Mapping[str, Any] = field(default_factory=dict)


_MEANING = re.compile(
    r"\bwhat does\b[^?.,;]{0,60}\bmean\W*$|\bwhat is meant by\b|\bmeaning of\b"
    r"|\bdefine\b|\bstand for\b|\bstands for\b|\bshort for\b|\babbreviation\b"
    r"|\bmean in\b|\bsame thing as\b|\bis\b[^?.,;]{1,40}\bthe same as\b"
    r"|\bthe (?:word|term|phrase)\b|\bfull (?:name|form)\b"
    r"|什么意思|啥意思|是指什么|的意思|的含义|缩写|代表什么|指的是什么|一回事|这个词"
    r"|全称|全名",
    re.IGNORECASE,
)


def asks_meaning(text: str | None) -> bool:
    """Whether a message asks what a word means ("what does R0 mean?")."""
    return bool(text and _MEANING.search(text))


def route(turn: Turn, kb: Knowledge) -> tuple[str | None, str | None]:
    """Which topic and section a content question is about.

    Buttons name both as entities. Otherwise the intent names a topic
    (``ask_resection``) or a section (``ask_risks``), keywords in the text fill
    in the other, and the topic in focus answers follow-ups. A section that
    only one topic has (the RETNET trial) names its topic too.
    """
    if turn.entities.get("topic") and kb.topic(turn.entities["topic"]):
        return turn.entities["topic"], turn.entities.get("section") or OVERVIEW
    intent = turn.intent or ""
    text = turn.text
    if asks_meaning(text) or (
        intent == "ask_definition" and not _names_treatment_topic(kb, text)
    ):
        term = section_in_text(kb, text, GLOSSARY)
        if term or (intent == "ask_definition" and not topic_in_text(kb, text)):
            return GLOSSARY, term
    intent_topic = intent[len("ask_") :] if intent.startswith("ask_") else None
    if not kb.topic(intent_topic):
        intent_topic = None
    intent_section = next(
        (k.key for k in kb.section_kinds if k.intent and k.intent == intent), None
    )
    text_topic = topic_in_text(kb, text)
    kind = section_in_text(kb, text)
    owners = kb.topics_with_section(kind) if kind and kind != OVERVIEW else ()
    inferred = owners[0] if len(owners) == 1 else None

    def has(topic_id: str | None, key: str | None) -> bool:
        topic = kb.topic(topic_id)
        return bool(topic and key and topic.section(key))

    def section_for(topic_id: str | None, fallback: str | None) -> str | None:
        found = section_in_text(kb, text, topic_id)
        return found if has(topic_id, found) else fallback

    if intent == "ask_more":
        topic = text_topic or turn.topic
        return topic, _next_section(kb, topic, turn)
    if kind and not kb.topics_with_section(kind):
        # Something no source covers (recovery at home, cost): say so.
        return text_topic or intent_topic or turn.topic, kind
    if intent_topic:
        topic = intent_topic
        if (
            text_topic
            and text_topic != topic
            and _text_topic_wins(kb, text, topic, text_topic)
        ):
            topic = text_topic
        # A follow-up ("and the risks?") misread as a topic question: keep focus.
        elif (
            not text_topic
            and turn.topic
            and turn.topic != topic
            and has(turn.topic, kind)
        ):
            topic = turn.topic
        # A part only one topic has ("removing 90%" is debulking): that topic.
        elif not text_topic and inferred and not has(topic, kind):
            topic = inferred
        return topic, section_for(topic, OVERVIEW)
    if intent_section:
        if text_topic:
            topic = text_topic
        elif has(turn.topic, intent_section) or not inferred:
            topic = turn.topic
        else:
            topic = inferred
        return topic, section_for(topic, intent_section)
    # No content intent (e.g. a fallback): keywords only.
    if text_topic:
        return text_topic, section_for(text_topic, OVERVIEW)
    if has(turn.topic, kind):
        return turn.topic, kind
    if inferred:
        return inferred, kind
    return None, None


def _names_treatment_topic(kb: Knowledge, text: str) -> bool:
    """Whether the text names a treatment topic, not just a general word."""
    topic = kb.topic(topic_in_text(kb, text))
    return bool(topic and topic.priority > 0)


_QUESTION = re.compile(
    r"^\s*(what|how|why|when|where|who|which|can|could|is|are|does|do|will|would"
    r"|should|tell|explain)\b|[?？]|吗|什么|怎么|为什么|如何|哪|多少|能不能|可以|点算",
    re.IGNORECASE,
)


def looks_like_question(text: str | None) -> bool:
    """Whether a message reads as a question ("can RFA be done by keyhole")."""
    return bool(text and _QUESTION.search(text))


def _text_topic_wins(
    kb: Knowledge, text: str, intent_topic: str, text_topic: str
) -> bool:
    """Whether a topic named in the text should override the intent's topic.

    It does when the intent's topic is a general one ("About NETs") or when
    the text asks for a part that only the named topic has ("PRRT after
    Y-90" asks about Y-90's later effects).
    """
    named, guessed = kb.topic(text_topic), kb.topic(intent_topic)
    if named.priority > guessed.priority:
        return True
    section = section_in_text(kb, text, text_topic)
    return bool(
        section
        and section != OVERVIEW
        and named.section(section)
        and not guessed.section(section)
    )


def _next_section(kb: Knowledge, topic_id: str | None, turn: Turn) -> str | None:
    topic = kb.topic(topic_id)
    if not topic:
        return None
    keys = [s.key for s in topic.sections]
    if turn.topic != topic_id or turn.section not in keys:
        return keys[0]
    index = keys.index(turn.section) + 1
    return keys[index] if index < len(keys) else None


# Keywords: which topic or section a message names.


@cache
def _pattern(keyword: str) -> re.Pattern[str]:
    """A keyword as a regex: whole words, and one extra word may sit between."""
    words = [re.escape(w) for w in keyword.split()]
    gap = r"[^a-z0-9]+(?:[a-z0-9'-]+[^a-z0-9]+)?"
    return re.compile(r"(?<![a-z0-9])" + gap.join(words) + r"(?![a-z0-9])")


def _matches(keyword: str, text: str) -> bool:
    return _position(keyword, text) is not None


def _position(keyword: str, text: str) -> int | None:
    """Where a keyword first occurs in (lower-case) text, or None."""
    if has_cjk(keyword):
        at = text.find(keyword)
        return at if at >= 0 else None
    found = _pattern(keyword).search(text)
    return found.start() if found else None


def mentions(kb: Knowledge, text: str | None, topic_id: str) -> list[tuple[int, int]]:
    """Where a topic's keywords occur in (lower-case) text: (start, end) spans.

    Overlapping matches count once, the longest keyword first ("肝切除" is one
    mention of surgery, not also its "切除").
    """
    topic = kb.topic(topic_id)
    lowered = (text or "").lower()
    words = sorted(
        {w for ws in (topic.keywords.values() if topic else ()) for w in ws},
        key=len,
        reverse=True,
    )
    spans: list[tuple[int, int]] = []
    for word in words:
        if has_cjk(word):
            found = [
                (m.start(), m.end()) for m in re.finditer(re.escape(word), lowered)
            ]
        else:
            found = [(m.start(), m.end()) for m in _pattern(word).finditer(lowered)]
        for start, end in found:
            if not any(start < e and s < end for s, e in spans):
                spans.append((start, end))
    return sorted(spans)


def _best_match(
    candidates: dict[str, dict[str, tuple[str, ...]]],
    text: str,
    priority: dict[str, int] | None = None,
) -> str | None:
    """The candidate with the highest priority, then the longest keyword, in text."""
    lowered = text.lower()
    best, best_rank = None, (0, 0)
    for key, keywords in candidates.items():
        level = (priority or {}).get(key, 1)
        for words in keywords.values():
            for word in words:
                rank = (level, len(word))
                if rank > best_rank and _matches(word, lowered):
                    best, best_rank = key, rank
    return best


def topic_in_text(kb: Knowledge, text: str | None) -> str | None:
    """The topic a message names by one of its keywords, if any."""
    if not text:
        return None
    return _best_match(
        {t.id: t.keywords for t in kb.topics},
        text,
        {t.id: t.priority for t in kb.topics},
    )


def first_named(kb: Knowledge, text: str | None, topics: set[str]) -> str | None:
    """Of ``topics``, the one whose keyword comes first in the message."""
    lowered = (text or "").lower()
    first, first_at = None, None
    for topic_id in sorted(topics):
        topic = kb.topic(topic_id)
        for words in topic.keywords.values() if topic else ():
            for word in words:
                at = _position(word, lowered)
                if at is not None and (first_at is None or at < first_at):
                    first, first_at = topic_id, at
    return first


def names_section(kb: Knowledge, text: str | None, topic_id: str, key: str) -> bool:
    """Whether the message names one section of a topic by its own keywords."""
    section = kb.section(topic_id, key)
    lowered = (text or "").lower()
    return bool(
        section
        and section.keywords
        and any(_matches(w, lowered) for ws in section.keywords.values() for w in ws)
    )


def section_in_text(
    kb: Knowledge, text: str | None, topic_id: str | None = None
) -> str | None:
    """The section a message asks about: the topic's own keywords, then kinds."""
    if not text:
        return None
    topic = kb.topic(topic_id)
    kinds = {k.key: k.keywords for k in kb.section_kinds}
    if topic:
        own = {s.key: s.keywords for s in topic.sections if s.keywords}
        found = _best_match(own, text) if own else None
        if found or topic.open_sections:
            return found
        # Only the kinds this topic has: "what is the difference between
        # G1 and G3?" is about grade, even though "difference" names types.
        has = {s.key for s in topic.sections} | {
            a for s in topic.sections for a in s.aliases
        }
        kinds = {key: words for key, words in kinds.items() if key in has}
    return _best_match(kinds, text)
