"""The building blocks of a reply: messages, buttons, and the texts they hold.

``Replies`` builds messages in one language from the knowledge snapshot;
``bot.core.dialogue`` and the features (``compare``, ``quiz``, ``values``,
``summary``) build their replies from these pieces.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.content.i18n import translate
from bot.content.knowledge import Knowledge
from bot.content.schema import Section, Topic, load_ui
from bot.core.language import SUPPORTED
from bot.core.routing import OVERVIEW

MAX_FOLLOW_UPS = 4
# The key of the reply data in a custom (JSON) message: see Outcome.reply_data.
REPLY_DATA = "nelm"


@dataclass(frozen=True)
class Button:
    """A quick reply: what it shows, and what it sends back."""

    title: str
    payload: str


@dataclass(frozen=True)
class Message:
    """One chat bubble."""

    text: str
    buttons: tuple[Button, ...] = ()


@dataclass
class Outcome:
    """The messages to send, and the slot values after this turn."""

    messages: list[Message]
    slots: dict[str, Any]
    # Why the question went unanswered ("fallback", "out_of_scope"), if it did:
    # the action keeps it, redacted, for content review.
    unanswered: str | None = None
    # The (topic, section) of the content answer given, if any.
    answered: tuple[str, str] | None = None
    # What kind of reply this is: the handler that answered ("explain_topic",
    # "out_of_scope", ...) or the safety reply ("emergency").
    kind: str = ""
    # A quiz step (bot.core.quiz): the item asked now, and the one just marked.
    quiz: dict[str, Any] | None = None
    # The options compared (bot.core.compare) and the topics summarised
    # (bot.core.summary), for the pages.
    compare: list[str] | None = None
    summary: dict[str, Any] | None = None

    def reply_data(self) -> dict[str, Any]:
        """What the reply is, as data for clients and evaluation (no text)."""
        data: dict[str, Any] = {"kind": self.kind, "language": self.slots["language"]}
        if self.answered:
            data["topic"], data["section"] = self.answered
        if self.quiz:
            data["quiz"] = self.quiz
        if self.compare:
            data["compare"] = self.compare
        if self.summary is not None:
            data["summary"] = self.summary
        return data

    @property
    def texts(self) -> list[str]:
        """Just the message texts (handy in tests and logs)."""
        return [m.text for m in self.messages]


def payload(intent: str, **entities: str) -> str:
    """A Rasa ``/intent{"entity": "value"}`` payload for a button."""
    return f"/{intent}" + (json.dumps(entities, ensure_ascii=False) if entities else "")


def ui_text(key: str, lang: str, **params: str) -> str:
    """A message from ``data/ui.yml`` in ``lang``, paragraphs joined for chat."""
    paragraphs = []
    for english in load_ui()[key]["text"]:
        text = translate(" ".join(english.split()), lang)
        paragraphs.append(text % params if "%(" in text else text)
    return join_paragraphs(paragraphs)


def ui_label(key: str, lang: str) -> str:
    """A button label from ``data/ui.yml`` in ``lang``."""
    return translate(" ".join(load_ui()[key]["label"].split()), lang)


MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def month_year(day: date, lang: str) -> str:
    """A month as readers write it: "November 2026", or "2026年11月" in Chinese."""
    if lang.startswith("zh"):
        return f"{day.year}年{day.month}月"
    return f"{MONTHS[day.month - 1]} {day.year}"


def join_paragraphs(paragraphs: list[str]) -> str:
    """Blank lines between paragraphs; consecutive "- " items stay one list."""
    out = ""
    for i, para in enumerate(paragraphs):
        if i:
            both_items = para.startswith("- ") and paragraphs[i - 1].startswith("- ")
            out += "\n" if both_items else "\n\n"
        out += para
    return out


def message_text(messages: Mapping[str, Any], key: str, lang: str, **params) -> str:
    """A ``text`` message of a feature's YAML in ``lang``, placeholders filled."""
    paragraphs = []
    for english in messages[key]["text"]:
        text = translate(" ".join(english.split()), lang)
        paragraphs.append(text % params if "%(" in text else text)
    return join_paragraphs(paragraphs)


def message_label(messages: Mapping[str, Any], key: str, lang: str, **params) -> str:
    """A button ``label`` of a feature's YAML in ``lang``, placeholders filled."""
    text = translate(" ".join(messages[key]["label"].split()), lang)
    return text % params if "%(" in text else text


# What the features offer after a topic's answers: (topic id, language) -> buttons.
ExtraButtons = Callable[[str, str], Sequence[Button]]


class Replies:
    """Builds messages in one language from the knowledge snapshot.

    ``extra_buttons`` adds the features' offers to a topic's follow-ups
    (``bot.core.dialogue`` passes the values and quiz buttons).
    """

    def __init__(
        self, kb: Knowledge, lang: str, extra_buttons: ExtraButtons | None = None
    ) -> None:
        self.kb = kb
        self.lang = lang
        self.extra_buttons = extra_buttons

    def t(self, text: str) -> str:
        """Translate one English string."""
        return translate(text, self.lang)

    def topic_buttons(self) -> tuple[Button, ...]:
        """One button per menu topic, plus the switch to the other language."""
        buttons = [
            Button(
                self.t(topic.title),
                payload("ask_more", topic=topic.id, section=OVERVIEW),
            )
            for topic in self.kb.menu_topics()
        ]
        return (*buttons, *self.decision_buttons(), self.language_button())

    def decision_buttons(self) -> tuple[Button, ...]:
        """Compare the treatments, and the take-home summary."""
        return (
            Button(ui_label("compare_button", self.lang), payload("compare_options")),
            Button(ui_label("summary_button", self.lang), payload("my_summary")),
        )

    def language_button(self) -> Button:
        """A button that switches to the other supported language."""
        other = next(code for code in SUPPORTED if code != self.lang)
        title = "中文" if other == "zh" else "English"
        return Button(title, payload("switch_language", language=other))

    def section_buttons(self, topic: Topic, current: str | None) -> tuple[Button, ...]:
        """Follow-ups: the topic's other sections (next ones first), then the menu.

        A topic that leads to others (the options at a glance) offers those.
        """
        if topic.related:
            compare = Button(
                ui_label("compare_button", self.lang), payload("compare_options")
            )
            related = tuple(
                Button(
                    self.t(self.kb.topic(other).title),
                    payload("ask_more", topic=other, section=OVERVIEW),
                )
                for other in topic.related
            )
            more = Button(ui_label("more_topics", self.lang), payload("show_menu"))
            return (compare, *related, more)
        keys = [s.key for s in topic.sections]
        start = keys.index(current) + 1 if current in keys else 0
        ordered = keys[start:] + keys[:start]
        buttons = [
            Button(
                self.t(topic.section(k).title),
                payload("ask_more", topic=topic.id, section=k),
            )
            for k in ordered
            if k != current
        ][:MAX_FOLLOW_UPS]
        if self.extra_buttons is not None:
            buttons += self.extra_buttons(topic.id, self.lang)
        buttons.append(Button(ui_label("more_topics", self.lang), payload("show_menu")))
        return tuple(buttons)

    def citation(self, section: Section, topic: Topic | None = None) -> str:
        """The "Source: ..." line for a section, and when its topic was reviewed."""
        labels = [self.t(self.kb.sources[ref].label) for ref in section.sources]
        line = ui_text("source_line", self.lang, sources="; ".join(labels))
        if topic is not None and topic.review is not None:
            when = month_year(topic.review.reviewed, self.lang)
            line += " · " + ui_text("reviewed_line", self.lang, date=when)
        return line

    def section_message(self, topic: Topic, section: Section) -> Message:
        """A content answer: heading, text, citation line and follow-up buttons."""
        heading = f"**{self.t(topic.title)} — {self.t(section.title)}**"
        body = join_paragraphs([self.t(p) for p in section.paragraphs])
        next_step = ui_text("next_step", self.lang)
        cite = self.citation(section, topic)
        text = f"{heading}\n\n{body}\n\n{next_step}\n\n_{cite}_"
        return Message(text, self.section_buttons(topic, section.key))

    def feedback_prompt(self, topic: Topic, section: Section) -> Message:
        """A helpful-or-not question, thumbs up / down, for this answer."""
        buttons = tuple(
            Button(
                title,
                payload("feedback", helpful=value, topic=topic.id, section=section.key),
            )
            for title, value in (("👍", "yes"), ("👎", "no"))
        )
        return Message(ui_text("feedback_prompt", self.lang), buttons)

    def menu(self, key: str = "menu") -> Message:
        """A ui message followed by the topic buttons."""
        return Message(ui_text(key, self.lang), self.topic_buttons())
