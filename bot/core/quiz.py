"""Check what I learned: three multiple-choice questions per treatment topic.

Offered after someone has read a topic (one "Check what I learned" button
among the follow-ups) and by asking ("quiz me on embolization", "考考我").
Each answer is marked right or wrong, explained with the sources of the
section it comes from, with a button back to that section, and the next
question follows. Which items people miss is counted for the clinic's report
(``bot.records``): topic, item, right or wrong, language; nothing else.
"""

from __future__ import annotations

from typing import Any

from bot.content.knowledge import Knowledge
from bot.content.quiz import QuizItem, load_quiz
from bot.core.replies import (
    Button,
    Message,
    Outcome,
    Replies,
    message_label,
    message_text,
    payload,
    ui_label,
)
from bot.core.routing import Turn, topic_in_text
from bot.core.script import to_simplified

START_INTENT = "quiz"
ANSWER_INTENT = "quiz_answer"
# The topic a "Check another topic" button names: not a quiz topic, so the
# reply asks which topic to check.
CHOOSE = "options"


def offer(topic_id: str, lang: str) -> tuple[Button, ...]:
    """The "Check what I learned" button for a topic that has a quiz."""
    quiz = load_quiz()
    if not quiz.items(topic_id):
        return ()
    label = message_label(quiz.messages, "check", lang)
    return (Button(label, payload(START_INTENT, topic=topic_id)),)


def ask(item: QuizItem, r: Replies, intro: bool = False) -> Message:
    """One question, its number, and its choices as buttons."""
    quiz = load_quiz()
    items = quiz.items(item.topic)
    topic = r.t(r.kb.topic(item.topic).title)
    heading = message_text(
        quiz.messages,
        "heading",
        r.lang,
        number=str(items.index(item) + 1),
        count=str(len(items)),
        topic=topic,
    )
    parts = [message_text(quiz.messages, "intro", r.lang, topic=topic)] if intro else []
    parts += [f"**{heading}**", r.t(item.text)]
    buttons = tuple(
        Button(
            r.t(choice.label),
            payload(ANSWER_INTENT, topic=item.topic, item=item.id, choice=choice.id),
        )
        for choice in item.choices
    )
    return Message("\n\n".join(parts), buttons)


def topic_asked(turn: Turn, kb: Knowledge) -> str | None:
    """Which quiz topic the turn means: a button's, one named, or the one in focus."""
    quiz = load_quiz()
    if "topic" in turn.entities:
        # A button: its topic, or the choice of topics for any other one.
        return turn.entities["topic"] if quiz.items(turn.entities["topic"]) else None
    for topic in (topic_in_text(kb, to_simplified(turn.text)), turn.topic):
        if quiz.items(topic):
            return topic
    return None


def which_topic(r: Replies) -> Message:
    """Ask which topic to check, one button per quiz topic."""
    quiz = load_quiz()
    buttons = tuple(
        Button(r.t(r.kb.topic(topic).title), payload(START_INTENT, topic=topic))
        for topic in quiz.topics
    )
    more = Button(ui_label("more_topics", r.lang), payload("show_menu"))
    return Message(message_text(quiz.messages, "which_topic", r.lang), (*buttons, more))


def mark(item: QuizItem, choice_id: str, r: Replies) -> tuple[bool, Message]:
    """Whether the answer is right, and the reply: explanation, source, section."""
    quiz = load_quiz()
    topic = r.kb.topic(item.topic)
    section = topic.section(item.section)
    right = choice_id == item.answer
    verdict = (
        message_text(quiz.messages, "right", r.lang)
        if right
        else message_text(quiz.messages, "wrong", r.lang, answer=r.t(item.right.label))
    )
    text = "\n\n".join(
        [verdict, r.t(item.explanation), f"_{r.citation(section, topic)}_"]
    )
    read = message_label(quiz.messages, "read", r.lang, section=r.t(section.title))
    back = Button(read, payload("ask_more", topic=topic.id, section=section.key))
    return right, Message(text, (back,))


def reply(turn: Turn, kb: Knowledge, r: Replies, out: Outcome) -> list[Message] | None:
    """Ask a question, or mark an answer and ask the next one.

    None: typed words read as an answer, for the dialogue's fallback.
    """
    quiz = load_quiz()
    if turn.intent == ANSWER_INTENT and "choice" not in turn.entities:
        # Typed words read as a quiz answer: only the buttons (or a number on
        # a messaging app) answer, so the message is something else: the
        # dialogue's fallback answers it.
        return None
    topic = topic_asked(turn, kb)
    if topic is None:
        return [which_topic(r)]
    out.slots["topic"] = topic
    item = quiz.item(topic, turn.entities.get("item"))
    chosen = item.choice(turn.entities.get("choice")) if item else None
    if item is None:
        first = quiz.next_item(topic, None)
        out.quiz = {"topic": topic, "item": first.id}
        return [ask(first, r, intro=True)]
    if chosen is None:
        # "Next question" or an odd choice: (re)ask this item.
        out.quiz = {"topic": topic, "item": item.id}
        return [ask(item, r)]
    right, marked = mark(item, chosen.id, r)
    data: dict[str, Any] = {
        "topic": topic,
        "answered": {"item": item.id, "correct": right},
    }
    out.quiz = data
    following = quiz.next_item(topic, item.id)
    if following is not None:
        data["item"] = following.id
        return [marked, ask(following, r)]
    title = r.t(kb.topic(topic).title)
    done = message_text(quiz.messages, "done", r.lang, topic=title)
    # A topic without a quiz (the options at a glance) asks which one to check.
    another = Button(
        message_label(quiz.messages, "another", r.lang),
        payload(START_INTENT, topic=CHOOSE),
    )
    more = Button(ui_label("more_topics", r.lang), payload("show_menu"))
    return [marked, Message(done, (another, more))]
