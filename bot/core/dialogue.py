"""What the assistant says in reply to one user turn.

``respond`` is a pure function of the turn (text, intent, entities, slots)
and the knowledge snapshot. It applies the rules that must hold for every
reply: the reply's language, emergency advice before anything else, the
not-a-doctor greeting on first contact, and a citation under every content
answer. The Rasa actions in ``actions/`` only translate between the tracker
and these objects.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.content.i18n import translate
from bot.content.knowledge import Knowledge
from bot.content.schema import Section, Topic, load_ui
from bot.core.language import SUPPORTED, detect_language, normalise, requested_language
from bot.core.routing import OVERVIEW, Turn, looks_like_question, topic_in_text
from bot.core.safety import SAFETY_INTENTS, Level, assess, crisis_lines, decide
from bot.core.script import to_simplified
from bot.core.understanding import choose, moves_to_topic, reads_as_follow_up

MAX_FOLLOW_UPS = 4
# The fallback still answers when the model's best section is this confident
# (the blend of two readings, bot.server.sections: on the dev sets, 96% of the
# questions whose best section reached 0.45 were read right).
FALLBACK_ANSWER = 0.45
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


class Replies:
    """Builds messages in one language from the knowledge snapshot."""

    def __init__(self, kb: Knowledge, lang: str) -> None:
        self.kb = kb
        self.lang = lang

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
        buttons += feature_buttons(topic.id, self.lang)
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


Handler = Callable[[Turn, Knowledge, Replies, "Outcome"], list[Message]]


def feature_buttons(topic_id: str, lang: str) -> list[Button]:
    """What the values and quiz features offer after a topic's answers (or nothing).

    Those modules build on this one's messages and buttons, so they are
    imported when first needed.
    """
    from bot.core import quiz, values

    return [*values.offer(topic_id, lang), *quiz.offer(topic_id, lang)]


def _values(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message]:
    from bot.core import values

    return values.reply(turn, kb, r, out)


def _quiz(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message]:
    from bot.core import quiz

    return quiz.reply(turn, kb, r, out)


def _compare(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message]:
    from bot.core import compare

    return compare.handle(turn, kb, r, out)


def _summary(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message]:
    from bot.core import summary

    return summary.handle(turn, kb, r, out)


def _explain(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message]:
    topic_id, section_key = choose(turn, kb)
    topic = kb.topic(topic_id)
    if topic is None:
        return [r.menu("which_topic")]
    out.slots["topic"] = topic.id
    if section_key is None and topic.open_sections:
        return [r.menu("term_unknown")]
    if section_key is None:
        out.slots["section"] = None
        return [
            Message(
                ui_text("topic_done", r.lang, topic=r.t(topic.title)),
                r.section_buttons(topic, None),
            )
        ]
    section = topic.section(section_key)
    if section is None:
        kind = kb.section_kind(section_key)
        wanted = r.t(kind.title) if kind else section_key
        text = ui_text(
            "section_missing", r.lang, section=wanted, topic=r.t(topic.title)
        )
        return [Message(text, r.section_buttons(topic, None))]
    out.slots["section"] = section.key
    out.answered = (topic.id, section.key)
    return [r.section_message(topic, section), r.feedback_prompt(topic, section)]


def _list_sources(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message]:
    references = [f"- {source.reference}" for source in kb.sources.values()]
    text = join_paragraphs([ui_text("sources_intro", r.lang), *references])
    return [Message(text, r.topic_buttons())]


def _fixed(key: str) -> Handler:
    def handler(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message]:
        return [Message(ui_text(key, r.lang))]

    return handler


def _with_menu(key: str) -> Handler:
    def handler(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message]:
        return [r.menu(key)]

    return handler


def _out_of_scope(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message]:
    out.unanswered = "out_of_scope"
    return [r.menu("out_of_scope")]


def _treatment_choice(
    turn: Turn, kb: Knowledge, r: Replies, out: Outcome
) -> list[Message]:
    if turn.ranking and turn.topic not in (None, "choosing"):
        if choose(turn, kb)[0] == turn.topic:
            # "适合谁？" after surgery: who surgery is for, not which treatment.
            return _explain(turn, kb, r, out)
    return _explain(Turn(entities={"topic": "choosing"}), kb, r, out)


def _fallback(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message]:
    text = to_simplified(turn.text)
    confident = bool(turn.ranking) and turn.ranking[0].confidence >= FALLBACK_ANSWER
    if (
        topic_in_text(kb, text)
        or (confident and looks_like_question(text))
        or reads_as_follow_up(turn, kb)
    ):
        # Unsure what kind of message this is, but it names a topic, reads as
        # a question the model knows how to answer, or asks a part of the
        # topic in focus ("and the risks?", "适合谁？"): answer it.
        return _explain(turn, kb, r, out)
    out.unanswered = "fallback"
    return [r.menu("fallback")]


def _switch_language(
    turn: Turn, kb: Knowledge, r: Replies, out: Outcome
) -> list[Message]:
    topic, section = kb.topic(turn.topic), kb.section(turn.topic, turn.section)
    if topic and section:
        # "Can you say that in English?": the last answer again, in it.
        out.slots["topic"], out.slots["section"] = topic.id, section.key
        out.answered = (topic.id, section.key)
        return [r.section_message(topic, section), r.feedback_prompt(topic, section)]
    return [Message(ui_text("language_switched", r.lang), r.topic_buttons())]


def _greet(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message]:
    out.slots["greeted"] = True
    return [r.menu("greeting")]


SMALL_TALK = ("greet", "goodbye", "thanks", "record_feedback")

HANDLERS: dict[str, Handler] = {
    "explain_topic": _explain,
    "list_sources": _list_sources,
    "treatment_choice": _treatment_choice,
    "out_of_scope": _out_of_scope,
    "record_feedback": _fixed("feedback_thanks"),
    "show_menu": _with_menu("menu"),
    "about_bot": _fixed("about_bot"),
    "goodbye": _fixed("goodbye"),
    "thanks": _fixed("thanks"),
    "greet": _greet,
    "switch_language": _switch_language,
    "default_fallback": _fallback,
    "values": _values,
    "quiz": _quiz,
    "compare_options": _compare,
    "my_summary": _summary,
}


def conversation_language(kind: str, turn: Turn) -> str:
    """The language of this reply (see ``bot.core.language`` for the rules)."""
    chosen = normalise(turn.entities.get("language"))
    if chosen:
        return chosen
    if kind == "switch_language" and not requested_language(turn.text):
        # "change language" with no target: toggle.
        current = normalise(turn.language) or "en"
        return next(code for code in SUPPORTED if code != current)
    return detect_language(turn.text, turn.language)


def respond(kind: str, turn: Turn, kb: Knowledge) -> Outcome:
    """The reply to a turn that the NLU/policies routed to ``kind``."""
    lang = conversation_language(kind, turn)
    slots: dict[str, Any] = {"language": lang}
    replies = Replies(kb, lang)
    safety = assess(turn.text)
    # The rule net and the trained intents together (bot.core.safety.decide);
    # the NLU's confidence counts when the turn carries it.
    level = decide(safety, turn.intent, turn.confidence)
    if kind == "emergency" and turn.intent not in SAFETY_INTENTS:
        level = Level.SELF_HARM if level is Level.SELF_HARM else Level.EMERGENCY
    if level is Level.SELF_HARM:
        # A calm, caring message and the clinic's crisis lines; no menu.
        lines = [f"- {line}" for line in crisis_lines(lang)]
        text = join_paragraphs([ui_text("self_harm", lang), *lines])
        return Outcome([Message(text)], slots, kind="self_harm")
    if level is Level.EMERGENCY:
        # Emergency advice first, and nothing to read past it.
        return Outcome([Message(ui_text("emergency", lang))], slots, kind="emergency")
    if level is Level.DISTRESS:
        # A warm word and the care team first; then the topics, if wanted.
        text = ui_text("distress", lang)
        return Outcome([Message(text, replies.topic_buttons())], slots, kind="distress")
    if kind == "emergency":
        # A weak emergency guess that the rule net does not share: answer it.
        kind = "default_fallback"

    out = Outcome([], slots, kind=kind)
    if not turn.greeted and kind not in ("greet",):
        out.messages.append(Message(ui_text("greeting_short", lang)))
        slots["greeted"] = True
    named = topic_in_text(kb, to_simplified(turn.text))
    if (kind in SMALL_TALK and looks_like_question(turn.text) and named) or (
        kind in ("treatment_choice", "default_fallback") and moves_to_topic(turn, kb)
    ):
        # NLU took a question about a topic for small talk ("can RFA be done by
        # keyhole" read as goodbye), or "and for surgery?" for another kind of
        # message: answer the question.
        kind = out.kind = "explain_topic"
    out.messages += HANDLERS[kind](turn, kb, replies, out)
    if out.answered:
        # The answers read in this conversation, for "My summary".
        from bot.core.summary import SLOT, add_viewed

        slots[SLOT] = add_viewed(turn.slots.get(SLOT), *out.answered)
    if level is Level.WARNING:
        out.messages.append(Message(ui_text("warning_line", lang)))
    return out


def session_start(language: str | None, kb: Knowledge, greet: bool) -> Outcome:
    """Slots for a new session, and the full greeting when asked to greet now."""
    lang = normalise(language) or "en"
    slots: dict[str, Any] = {"language": lang, "greeted": greet}
    messages = [Replies(kb, lang).menu("greeting")] if greet else []
    return Outcome(messages, slots, kind="session_start")
