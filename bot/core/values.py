"""What matters to me: short values questions that become questions to ask.

A person taps one answer per item (or skips it). The answers are kept in the
``values`` slot (item id -> choice id) and never turn into a recommendation:
each becomes a question to take to the care team, in the person's language
(``questions_for``, also used by the take-home summary).
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.content.i18n import translate
from bot.content.knowledge import Knowledge
from bot.content.values import SKIP, ValueItem, load_values
from bot.core.replies import (
    Button,
    Message,
    Outcome,
    Replies,
    join_paragraphs,
    message_label,
    message_text,
    payload,
    ui_label,
    ui_text,
)
from bot.core.routing import Turn

START_INTENT = "what_matters"
ANSWER_INTENT = "values"
# Topics whose answers offer "What matters to me" (the choice of treatment).
OFFERED_AFTER = ("choosing",)


def start_button(lang: str) -> Button:
    """The button that starts (or restarts) the values questions."""
    return Button(
        message_label(load_values().messages, "start", lang), payload(START_INTENT)
    )


def offer(topic_id: str, lang: str) -> tuple[Button, ...]:
    """The start button after the answers of the topics that lead to a choice."""
    return (start_button(lang),) if topic_id in OFFERED_AFTER else ()


def questions_for(values: Mapping[str, str] | None, lang: str) -> list[str]:
    """The questions for the care team that the answers turn into, in item order.

    Skipped and unknown answers give none.
    """
    out = []
    for item in load_values().items:
        choice = item.choice((values or {}).get(item.id))
        if choice is not None:
            out.append(translate(choice.question, lang))
    return out


def ask(item: ValueItem, lang: str) -> Message:
    """One values question with its choices and "Skip" as buttons."""
    content = load_values()
    number = content.items.index(item) + 1
    progress = message_text(
        content.messages,
        "progress",
        lang,
        number=str(number),
        count=str(len(content.items)),
    )
    text = f"**{progress}**\n\n{translate(item.text, lang)}"
    buttons = [
        Button(
            translate(c.label, lang), payload(ANSWER_INTENT, item=item.id, choice=c.id)
        )
        for c in item.choices
    ]
    skip = message_label(content.messages, "skip", lang)
    buttons.append(Button(skip, payload(ANSWER_INTENT, item=item.id, choice=SKIP)))
    return Message(text, tuple(buttons))


def result(answers: Mapping[str, str], kb: Knowledge, r: Replies) -> Message:
    """The person's questions for the care team, the sources, and what next."""
    content = load_values()
    questions = questions_for(answers, r.lang)
    if questions:
        refs = []
        for item in content.items:
            if item.choice(answers.get(item.id)):
                refs += [ref for ref in item.sources if ref not in refs]
        labels = [r.t(kb.sources[ref].label) for ref in refs]
        cite = ui_text("source_line", r.lang, sources="; ".join(labels))
        text = join_paragraphs(
            [
                message_text(content.messages, "result", r.lang),
                *(f"- {q}" for q in questions),
                message_text(content.messages, "not_advice", r.lang),
                f"_{cite}_",
            ]
        )
    else:
        text = message_text(content.messages, "result_none", r.lang)
    restart = Button(
        message_label(content.messages, "restart", r.lang), payload(START_INTENT)
    )
    more = Button(ui_label("more_topics", r.lang), payload("show_menu"))
    if not questions:
        return Message(text, (restart, more))
    # The take-home summary lists these questions too (bot.core.summary).
    summary = Button(ui_label("summary_button", r.lang), payload("my_summary"))
    return Message(text, (summary, restart, more))


def reply(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message] | None:
    """Start the questions, or keep one answer and ask the next (or show the list).

    None: typed words that are no answer, for the dialogue's fallback.
    """
    content = load_values()
    item = content.item(turn.entities.get("item"))
    choice = turn.entities.get("choice")
    if item is None or not (choice == SKIP or item.choice(choice)):
        answers = dict(turn.slots.get("values") or {})
        pending = [i for i in content.items if i.id not in answers]
        if turn.intent == ANSWER_INTENT and answers and pending:
            # An answer typed in words mid-way: ask the open question again.
            return [ask(pending[0], r.lang)]
        if turn.intent == ANSWER_INTENT and answers and turn.entities:
            # An odd payload after the last question: keep the answers (the
            # summary lists their questions) and show the list again.
            return [result(answers, kb, r)]
        if turn.intent == ANSWER_INTENT and not turn.entities:
            # Typed words read as an answer, with no questions under way: the
            # message is something else (a question): the dialogue answers it
            # as one.
            return None
        # "What matters to me", the button, or a stale or odd payload: start.
        out.slots["values"] = {}
        intro = Message(message_text(content.messages, "intro", r.lang))
        return [intro, ask(content.items[0], r.lang)]
    answers = {**dict(turn.slots.get("values") or {}), item.id: choice}
    out.slots["values"] = answers
    position = content.items.index(item)
    if position + 1 < len(content.items):
        return [ask(content.items[position + 1], r.lang)]
    return [result(answers, kb, r)]
