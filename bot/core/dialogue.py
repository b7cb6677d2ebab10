"""What the assistant says in reply to one user turn.

``respond`` is a pure function of the turn (text, intent, entities, slots)
and the knowledge snapshot. It applies the rules that must hold for every
reply: the reply's language, emergency advice before anything else, the
not-a-doctor greeting on first contact, and a citation under every content
answer. The Rasa actions in ``actions/`` only translate between the tracker
and these objects.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from bot.content.knowledge import Knowledge
from bot.core import compare, quiz, scope, summary, values
from bot.core.language import SUPPORTED, detect_language, normalise, requested_language
from bot.core.replies import (
    MAX_FOLLOW_UPS,
    MONTHS,
    REPLY_DATA,
    Button,
    Message,
    Outcome,
    Replies,
    join_paragraphs,
    month_year,
    payload,
    ui_label,
    ui_text,
)
from bot.core.routing import (
    GLOSSARY,
    Turn,
    asks_meaning,
    looks_like_question,
    section_in_text,
    topic_in_text,
)
from bot.core.safety import SAFETY_INTENTS, Level, assess, crisis_lines, decide
from bot.core.script import to_simplified
from bot.core.understanding import (
    choose,
    follow_up_reading,
    in_focus,
    length_in_words,
    moves_to_topic,
    reads_as_follow_up,
)

# The building blocks of a reply live in bot.core.replies; these are kept
# importable from here for the actions, the servers, the tools and the tests.
__all__ = [
    "FALLBACK_ANSWER",
    "HANDLERS",
    "MAX_FOLLOW_UPS",
    "MONTHS",
    "REPLY_DATA",
    "SMALL_TALK",
    "Button",
    "Handler",
    "Message",
    "Outcome",
    "Replies",
    "Turn",
    "conversation_language",
    "feature_buttons",
    "join_paragraphs",
    "month_year",
    "payload",
    "respond",
    "session_start",
    "ui_label",
    "ui_text",
]

# The fallback still answers when the model's best section is this confident
# (the blend of two readings, bot.server.sections: on the dev sets, 96% of the
# questions whose best section reached 0.45 were read right).
FALLBACK_ANSWER = 0.45
# Small talk read with less confidence than this may be a follow-up question.
WEAK_INTENT = 0.6
# "Out of scope" read with less confidence than this may be a follow-up
# question, when the model also reads a part of the topic in focus at least
# as surely as ``FALLBACK_ANSWER`` ("how do you stop it happening" about a
# carcinoid crisis).
UNSURE_OUT_OF_SCOPE = 0.8
# "他有糖尿病，还能做吗", "佢有心臟病，仲做唔做得？", "she has diabetes, can she
# still have it?": whether the treatment in focus is still possible for this
# person (another illness named alone reads as off topic).
_STILL_POSSIBLE = re.compile(
    r"(?:还|仲)(?:能|可以|可不可以|能不能|可唔可以)(?:做|开刀|动手术|做手术)?(?:吗|么|嘛|不|呢)?\s*[?？]?\s*$"
    r"|(?:还|仲)(?:能|可以)(?:做|开刀|动手术|做手术)(?:吗|么|嘛)"
    r"|(?:还|仲)?做唔做得|做得唔得|(?:还|仲)得唔得"
    r"|\bstill\b[^.?!]{0,30}\b(?:have|do|get|undergo)\s+(?:it|this|that|one|the\s+"
    r"(?:operation|surgery|procedure|treatment))\b"
    r"|\b(?:is|be)\s+(?:it|this|that)\s+still\s+(?:possible|an option|ok|okay|safe)\b"
    r"|\bstill\s+(?:qualify|be eligible|be a candidate|be suitable|go ahead)\b",
    re.IGNORECASE,
)
# "Can you say that in English?" is short: a longer message that names a
# language ("my mum doesn't speak English, ...") asks something else.
LANGUAGE_REQUEST_WORDS = 8
# Questions about the bot's own sources ("is this information reliable?",
# "你用的证据是什么"), not about a study's evidence.
_ABOUT_THE_BOT = re.compile(
    r"\b(?:you|your|yours|this (?:information|info|answer|bot|chat)|these answers)\b"
    r"|你|您|这些信息|这个信息|这些资料|资料来源|信息来源",
    re.IGNORECASE,
)


Handler = Callable[[Turn, Knowledge, Replies, Outcome], list[Message]]
# A feature's reply, or None when the message is not one for it.
Feature = Callable[[Turn, Knowledge, Replies, Outcome], list[Message] | None]


def feature_buttons(topic_id: str, lang: str) -> list[Button]:
    """What the values and quiz features offer after a topic's answers (or nothing)."""
    return [*values.offer(topic_id, lang), *quiz.offer(topic_id, lang)]


def _feature(reply: Feature, otherwise: str) -> Handler:
    """A feature's handler; a message it declines goes to ``otherwise``'s handler."""

    def handler(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message]:
        messages = reply(turn, kb, r, out)
        if messages is None:
            out.kind = otherwise
            return HANDLERS[otherwise](turn, kb, r, out)
        return messages

    return handler


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
    text = to_simplified(turn.text)
    topic = topic_in_text(kb, text) or in_focus(turn, kb)
    part = section_in_text(kb, text, topic) if topic else None
    if (
        part == "evidence"
        and kb.section(topic, part)
        and not _ABOUT_THE_BOT.search(text)
    ):
        # "证据可靠吗" about surgery versus embolization: how strong that
        # evidence is (a section of the topic), not the list of documents;
        # "is this information reliable?" asks about ours.
        entities = {**turn.entities, "topic": topic, "section": part}
        out.kind = "explain_topic"
        return _explain(replace(turn, entities=entities), kb, r, out)
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
        # topic in focus ("and the risks?", "适合谁？"): answer it (and say
        # so in the reply's data when it is one: not "didn't understand").
        messages = _explain(turn, kb, r, out)
        if out.answered:
            out.kind = "explain_topic"
        return messages
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
    "values": _feature(values.reply, "default_fallback"),
    "quiz": _feature(quiz.reply, "default_fallback"),
    "compare_options": _feature(compare.handle, "explain_topic"),
    "my_summary": _feature(summary.handle, "explain_topic"),
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
    replies = Replies(kb, lang, feature_buttons)
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
    if kind in (
        "explain_topic",
        "default_fallback",
        "out_of_scope",
    ) and _only_asks_language(turn, kb):
        # "能用中文解释一下吗", "can you say that in English", "in English
        # please, for my son-in-law" read as a question, not understood or
        # off topic: the last answer again, in that language.
        kind = out.kind = "switch_language"
    if (kind in SMALL_TALK and looks_like_question(turn.text) and named) or (
        kind in ("treatment_choice", "default_fallback") and moves_to_topic(turn, kb)
    ):
        # NLU took a question about a topic for small talk ("can RFA be done by
        # keyhole" read as goodbye), or "and for surgery?" for another kind of
        # message: answer the question.
        kind = out.kind = "explain_topic"
    elif (
        kind in (*SMALL_TALK, "about_bot")
        and (turn.confidence or 0) < WEAK_INTENT
        and looks_like_question(turn.text)
        and reads_as_follow_up(turn, kb)
    ):
        # "What are the risks?" weakly read as a question about the bot: a
        # part of the topic in focus.
        kind = out.kind = "explain_topic"
    if kind in ("out_of_scope", "default_fallback") and summary.asks_for_it(turn.text):
        # "我的摘要": the summary, whatever the model made of "摘要".
        kind = out.kind = summary.INTENT
    elif (
        kind == "out_of_scope"
        and (turn.confidence or 0) < UNSURE_OUT_OF_SCOPE
        and looks_like_question(turn.text)
        and _sure_follow_up(turn, kb)
    ):
        # "How do you stop it happening?" about a carcinoid crisis, unsure
        # whether it is off topic: the part of the topic in focus it reads as.
        kind = out.kind = "explain_topic"
    elif kind == "out_of_scope" and _asks_if_still_possible(turn, kb):
        # "他有糖尿病，还能做吗" after who can have surgery: the treatment in
        # focus, for someone with another illness.
        kind = out.kind = "explain_topic"
    elif kind == "explain_topic" and _asks_other_care(turn, kb):
        # "What dose of metformin should I take?", "我妈高血压该吃什么药": the
        # care of another illness, whatever topic the model took it for.
        kind = out.kind = "out_of_scope"
    out.messages += HANDLERS[kind](turn, kb, replies, out)
    if out.answered:
        # The answers read in this conversation, for "My summary".
        slots[summary.SLOT] = summary.add_viewed(
            turn.slots.get(summary.SLOT), *out.answered
        )
    if level is Level.WARNING:
        out.messages.append(Message(ui_text("warning_line", lang)))
    return out


def _only_asks_language(turn: Turn, kb: Knowledge) -> bool:
    """Whether a message only asks for the last answer in another language.

    "Can you say that in English?", "能用中文解释一下吗": a language asked for,
    in a short message that names no topic, part or word to explain, and no
    question the model reads with confidence. "Explain the risks in Chinese"
    or "R0用英文怎么说" ask something else; "translate this into English"
    asks for no language of ours (``requested_language``).
    """
    text = to_simplified(turn.text)
    return bool(
        requested_language(turn.text)
        and length_in_words(text) <= LANGUAGE_REQUEST_WORDS
        and not topic_in_text(kb, text)
        and not section_in_text(kb, text)
        and not section_in_text(kb, text, GLOSSARY)
        and not asks_meaning(text)
        and not _HOW_TO_SAY.search(text)
        and not (turn.ranking and turn.ranking[0].confidence >= FALLBACK_ANSWER)
    )


def _asks_if_still_possible(turn: Turn, kb: Knowledge) -> bool:
    """Whether a question asks if the treatment in focus is still possible.

    "佢有心臟病，仲做唔做得？" after embolization: a question, a topic in focus
    that says who it is for, and no other topic named.
    """
    focus = in_focus(turn, kb)
    text = to_simplified(turn.text)
    named = topic_in_text(kb, text)
    return bool(
        focus
        and kb.section(focus, "eligibility")
        and named in (None, focus)
        and looks_like_question(text)
        and _STILL_POSSIBLE.search(text)
    )


def _asks_other_care(turn: Turn, kb: Knowledge) -> bool:
    """Whether a message asks for the care of another illness and nothing of ours.

    No topic in focus (with one, "how should we manage his insulin on the
    day?" prepares for that treatment), and no topic, part or word of the
    sources named.
    """
    text = to_simplified(turn.text or "")
    return bool(
        not in_focus(turn, kb)
        and scope.asks_other_care(text)
        and not topic_in_text(kb, text)
        and not section_in_text(kb, text)
        and not section_in_text(kb, text, GLOSSARY)
    )


def _sure_follow_up(turn: Turn, kb: Knowledge) -> bool:
    """Whether the model reads a part of the topic in focus with confidence."""
    reading = follow_up_reading(turn, kb)
    return bool(reading and reading.confidence >= FALLBACK_ANSWER)


# "R0用英文怎么说", "how do you say ablation in Chinese": a word asked for.
_HOW_TO_SAY = re.compile(r"怎么说|怎么讲|怎么写|how do (?:you|i) (?:say|write)", re.I)


def session_start(language: str | None, kb: Knowledge, greet: bool) -> Outcome:
    """Slots for a new session, and the full greeting when asked to greet now."""
    lang = normalise(language) or "en"
    slots: dict[str, Any] = {"language": lang, "greeted": greet}
    messages = [Replies(kb, lang, feature_buttons).menu("greeting")] if greet else []
    return Outcome(messages, slots, kind="session_start")
