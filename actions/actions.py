"""Thin Rasa actions: read the tracker, call ``bot.core.dialogue``, dispatch."""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.content.knowledge import load_knowledge
from bot.core import safety_model
from bot.core.dialogue import REPLY_DATA, Outcome, Turn, respond, session_start
from bot.core.understanding import ranking_from_parse
from bot.records import store as records

logger = logging.getLogger(__name__)
# The safety net's learned scorer trains in the background as the server starts.
safety_model.warm()

CARRIED_SLOTS = ("language", "topic", "section")


def turn_from_tracker(tracker: Tracker) -> Turn:
    """The latest user message and the slots, as ``bot.core.dialogue`` needs them."""
    latest = tracker.latest_message or {}
    entities = {
        str(e.get("entity")): str(e.get("value"))
        for e in latest.get("entities") or []
        if e.get("entity") and e.get("value") is not None
    }
    return Turn(
        text=latest.get("text") or "",
        intent=(latest.get("intent") or {}).get("name"),
        entities=entities,
        language=tracker.get_slot("language"),
        topic=tracker.get_slot("topic"),
        section=tracker.get_slot("section"),
        greeted=bool(tracker.get_slot("greeted")),
        ranking=ranking_from_parse(latest),
        confidence=(latest.get("intent") or {}).get("confidence"),
        channel=tracker.get_latest_input_channel() or "",
        slots=tracker.current_slot_values(),
    )


def dispatch(
    outcome: Outcome, dispatcher: CollectingDispatcher, current: dict[str, Any]
) -> list[EventType]:
    """Send the messages; return SlotSet events for slots unlike ``current``."""
    for message in outcome.messages:
        dispatcher.utter_message(
            text=message.text,
            buttons=[{"title": b.title, "payload": b.payload} for b in message.buttons],
        )
    if outcome.messages:
        # What the reply is (kind, topic, section) as data, after its messages.
        dispatcher.utter_message(json_message={REPLY_DATA: outcome.reply_data()})
    return [
        SlotSet(name, value)
        for name, value in outcome.slots.items()
        if current.get(name) != value
    ]


class ReplyAction(Action, ABC):
    """Base for actions that answer a user turn; subclasses only name the kind.

    Abstract, so the SDK does not register it as an action of its own.
    """

    @property
    @abstractmethod
    def kind(self) -> str:
        """Which dialogue handler answers; the action is ``action_<kind>``."""

    def name(self) -> str:
        """The action's name in the domain."""
        return f"action_{self.kind}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Answer the latest message."""
        kb = load_knowledge()
        turn = turn_from_tracker(tracker)
        outcome = respond(self.kind, turn, kb)
        await self.record(turn, outcome, tracker)
        return dispatch(outcome, dispatcher, tracker.current_slot_values())

    async def record(self, turn: Turn, outcome: Outcome, tracker: Tracker) -> None:
        """Count a content answer; keep an unanswered question (redacted)."""
        if outcome.answered:
            topic, section = outcome.answered
            channel = tracker.get_latest_input_channel() or "unknown"
            await _safely(
                records.record_answer,
                topic,
                section,
                outcome.slots["language"],
                channel,
            )
        if outcome.unanswered:
            await _safely(
                records.record_unanswered,
                turn.text,
                outcome.slots["language"],
                outcome.unanswered,
            )


class ActionExplainTopic(ReplyAction):
    """A section of a topic: overview, eligibility, risks, results..."""

    kind = "explain_topic"


async def _safely(store, *args) -> None:
    """Store a record in a worker thread; a failure never stops the reply.

    The database call blocks, so it runs off the action server's event loop
    (other conversations go on meanwhile). Failures are logged, not the text.
    """
    try:
        await asyncio.to_thread(store, *args)
    except Exception as error:  # noqa: BLE001 - any database error
        logger.warning("could not store a record: %s", type(error).__name__)


def _answered_since_asked(
    events: list[dict[str, Any]],
    intent: str,
    wanted: dict[str, str],
    asked: Callable[[dict[str, Any]], bool],
) -> bool:
    """Whether an earlier ``intent`` with the ``wanted`` entities came after the ask.

    Walking back from the message before the latest: such a message before a
    reply for which ``asked(reply data)`` holds means this one repeats it.
    """
    users = 0
    for event in reversed(events):
        kind = event.get("event")
        if kind == "user":
            users += 1
            if users == 1:
                continue  # the message being handled now
            parse = event.get("parse_data") or {}
            entities = {
                e.get("entity"): e.get("value") for e in parse.get("entities") or []
            }
            if (parse.get("intent") or {}).get("name") == intent and all(
                entities.get(name) == value for name, value in wanted.items()
            ):
                return True
        elif kind == "bot":
            custom = (event.get("data") or {}).get("custom") or {}
            reply = custom.get(REPLY_DATA) if isinstance(custom, dict) else None
            if isinstance(reply, dict) and asked(reply):
                return False
    return False


def feedback_given(events: list[dict[str, Any]], topic: str, section: str) -> bool:
    """Whether this conversation already rated its latest answer of this section.

    Feedback counts once per answer: a feedback for the same topic and section
    since the answer itself (a reply carrying that topic and section).
    """
    return _answered_since_asked(
        events,
        "feedback",
        {"topic": topic, "section": section},
        lambda reply: (reply.get("topic"), reply.get("section")) == (topic, section),
    )


class ActionRecordFeedback(ReplyAction):
    """Store a thumbs up / down for an answer (no sender id, no text)."""

    kind = "record_feedback"

    async def record(self, turn: Turn, outcome: Outcome, tracker: Tracker) -> None:
        """Store the feedback the button carried, once per answer."""
        topic, section = turn.entities.get("topic"), turn.entities.get("section")
        helpful = turn.entities.get("helpful")
        if (
            topic
            and section
            and helpful in ("yes", "no")
            and not feedback_given(tracker.events, topic, section)
        ):
            channel = tracker.get_latest_input_channel() or "unknown"
            await _safely(
                records.record_feedback,
                topic,
                section,
                outcome.slots["language"],
                channel,
                helpful == "yes",
            )


class ActionListSources(ReplyAction):
    """The five sources, with full references."""

    kind = "list_sources"


class ActionEmergency(ReplyAction):
    """Emergency advice, before anything else."""

    kind = "emergency"


class ActionTreatmentChoice(ReplyAction):
    """What decides the choice of treatment; never a recommendation."""

    kind = "treatment_choice"


class ActionOutOfScope(ReplyAction):
    """A kind "I can't help with that" and the topic menu."""

    kind = "out_of_scope"


class ActionAboutBot(ReplyAction):
    """An honest answer to "are you a doctor / a robot?"."""

    kind = "about_bot"


class ActionShowMenu(ReplyAction):
    """The topic menu."""

    kind = "show_menu"


class ActionGreet(ReplyAction):
    """The full greeting with the topic menu."""

    kind = "greet"


class ActionGoodbye(ReplyAction):
    """A short goodbye."""

    kind = "goodbye"


class ActionThanks(ReplyAction):
    """A reply to thanks."""

    kind = "thanks"


class ActionSwitchLanguage(ReplyAction):
    """Switch the conversation to English or Chinese."""

    kind = "switch_language"


class ActionCompareOptions(ReplyAction):
    """The treatments side by side (all four, or the ones the message names)."""

    kind = "compare_options"


class ActionMySummary(ReplyAction):
    """The take-home summary of this conversation."""

    kind = "my_summary"


class ActionValues(ReplyAction):
    """What matters to me: one values question per turn, then questions to ask."""

    kind = "values"


def quiz_answered(events: list[dict[str, Any]], topic: str, item: str) -> bool:
    """Whether this conversation already answered this quiz item since it was asked."""

    def asked(reply: dict[str, Any]) -> bool:
        quiz = reply.get("quiz")
        return isinstance(quiz, dict) and (quiz.get("topic"), quiz.get("item")) == (
            topic,
            item,
        )

    return _answered_since_asked(
        events, "quiz_answer", {"topic": topic, "item": item}, asked
    )


class ActionQuiz(ReplyAction):
    """Check what I learned: ask, mark, explain; count right and wrong answers."""

    kind = "quiz"

    async def record(self, turn: Turn, outcome: Outcome, tracker: Tracker) -> None:
        """Count a marked answer (topic, item, right or wrong, language), once."""
        await super().record(turn, outcome, tracker)
        answered = (outcome.quiz or {}).get("answered")
        topic = (outcome.quiz or {}).get("topic")
        if answered and not quiz_answered(tracker.events, topic, answered["item"]):
            await _safely(
                records.record_quiz_answer,
                topic,
                answered["item"],
                bool(answered["correct"]),
                outcome.slots["language"],
            )


class ActionDefaultFallback(ReplyAction):
    """Low NLU confidence: answer by keywords if possible, else show the menu."""

    kind = "default_fallback"


def explicit_session_start(events: list[dict[str, Any]]) -> bool:
    """Whether the user asked for this session start ("/session_start").

    Rasa logs a ``user_featurization`` event after the user's message, so the
    message is the latest event other than those.
    """
    for event in reversed(events):
        if event.get("event") == "user_featurization":
            continue
        intent = (event.get("parse_data") or {}).get("intent") or {}
        return event.get("event") == "user" and intent.get("name") == "session_start"
    return False


class ActionSessionStart(Action):
    """Start a session: carry slots over, take the language from metadata.

    When a session starts because a user wrote something, the greeting is
    left to the reply to that message, so it comes in the message's language.
    An explicit ``/session_start`` (``rasa shell``, a widget opening) greets at
    once.
    """

    def name(self) -> str:
        """Replaces Rasa's default session start."""
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Emit SessionStarted, the carried and new slots, then action_listen."""
        metadata = tracker.get_slot("session_started_metadata") or {}
        language = metadata.get("language") or tracker.get_slot("language")
        explicit = explicit_session_start(tracker.events)
        outcome = session_start(language, load_knowledge(), greet=explicit)
        events: list[EventType] = [SessionStarted()]
        events += [
            SlotSet(name, tracker.get_slot(name))
            for name in CARRIED_SLOTS
            if tracker.get_slot(name) is not None and name not in outcome.slots
        ]
        # SessionStarted clears every slot, so all of ours are set again.
        events += dispatch(outcome, dispatcher, {})
        events.append(ActionExecuted("action_listen"))
        return events
