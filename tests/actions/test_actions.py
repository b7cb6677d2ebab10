"""Actions: tracker in, messages and slot events out (no Rasa server needed)."""

import pytest
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import ActionExecutor

from actions.actions import (
    ActionAboutBot,
    ActionDefaultFallback,
    ActionEmergency,
    ActionExplainTopic,
    ActionOutOfScope,
    ActionRecordFeedback,
    ActionSessionStart,
    ActionSwitchLanguage,
    ActionTreatmentChoice,
    ReplyAction,
    explicit_session_start,
    turn_from_tracker,
)
from bot.records import store as records


def test_turn_from_tracker_reads_text_intent_entities_and_slots(tracker_factory):
    tracker = tracker_factory(
        "tracker_resection_en",
        latest_message={"entities": [{"entity": "topic", "value": "carcinoid_crisis"}]},
    )
    turn = turn_from_tracker(tracker)
    assert turn.text == "what are the risks?"
    assert turn.intent == "ask_risks"
    assert turn.entities == {"topic": "carcinoid_crisis"}
    assert (turn.language, turn.topic, turn.greeted) == ("en", "resection", True)


async def test_explain_topic_dispatches_answer_and_sets_slots(
    dispatcher, tracker_factory, domain
):
    events = await ActionExplainTopic().run(
        dispatcher, tracker_factory("tracker_new"), domain
    )
    texts = [m["text"] for m in dispatcher.messages]
    assert "not a doctor" in texts[0]
    assert "Carcinoid crisis — What it is" in texts[1]
    assert dispatcher.messages[1]["buttons"][0]["payload"].startswith("/ask_more{")
    assert SlotSet("language", "en") in events
    assert SlotSet("topic", "carcinoid_crisis") in events
    assert SlotSet("greeted", True) in events


async def test_unchanged_slots_are_not_set_again(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("tracker_resection_en")
    events = await ActionExplainTopic().run(dispatcher, tracker, domain)
    assert SlotSet("section", "risks") in events
    assert all(e["name"] not in ("language", "topic") for e in events)


@pytest.mark.parametrize(
    ("action", "text", "intent", "expected"),
    [
        (
            ActionEmergency,
            "my face is red and I can't breathe",
            "report_emergency",
            "This may be an emergency",
        ),
        (
            ActionExplainTopic,
            "我昨天做了栓塞，现在脸发红、喘不上气",
            "ask_procedure",
            "这可能是急症",
        ),
        (
            ActionOutOfScope,
            "what should I eat?",
            "out_of_scope",
            "I can't help with that",
        ),
        (ActionAboutBot, "你是医生吗？", "bot_challenge", "不是医生"),
        (
            ActionTreatmentChoice,
            "which treatment should I have?",
            "ask_which_treatment",
            "I can't tell you which treatment",
        ),
        (ActionDefaultFallback, "qwerty", "nlu_fallback", "didn't understand"),
    ],
)
async def test_reply_actions(
    dispatcher, tracker_factory, domain, action, text, intent, expected
):
    tracker = tracker_factory(
        "tracker_resection_en",
        latest_message={"text": text, "intent": {"name": intent, "confidence": 0.9}},
    )
    await action().run(dispatcher, tracker, domain)
    assert expected in dispatcher.messages[0]["text"]


async def test_switch_language_by_button_payload(dispatcher, tracker_factory, domain):
    tracker = tracker_factory(
        "tracker_resection_en",
        latest_message={
            "text": '/switch_language{"language": "zh"}',
            "intent": {"name": "switch_language", "confidence": 1.0},
            "entities": [{"entity": "language", "value": "zh"}],
        },
    )
    events = await ActionSwitchLanguage().run(dispatcher, tracker, domain)
    assert SlotSet("language", "zh") in events
    # The answer in focus (resection overview) again, now in Chinese.
    assert dispatcher.messages[0]["text"].startswith("**手术切除 — 是什么**")
    assert dispatcher.messages[-1]["custom"]["nelm"]["section"] == "overview"


async def test_switch_language_without_an_answer_in_focus(
    dispatcher, tracker_factory, domain
):
    tracker = tracker_factory(
        "tracker_resection_en",
        latest_message={
            "text": '/switch_language{"language": "zh"}',
            "intent": {"name": "switch_language", "confidence": 1.0},
            "entities": [{"entity": "language", "value": "zh"}],
        },
        slots={"topic": None, "section": None},
    )
    await ActionSwitchLanguage().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["text"] == "好的，我会用中文回答。"


async def test_session_start_on_first_message_defers_greeting(
    dispatcher, tracker_factory, domain
):
    tracker = tracker_factory("tracker_resection_en", events=[])
    events = await ActionSessionStart().run(dispatcher, tracker, domain)
    assert isinstance(events[0], dict) and events[0] == SessionStarted()
    assert events[-1] == ActionExecuted("action_listen")
    assert SlotSet("greeted", False) in events
    assert SlotSet("topic", "resection") in events  # carried over
    assert dispatcher.messages == []


async def test_explicit_session_start_greets_in_metadata_language(
    dispatcher, tracker_factory, domain
):
    user = {
        "event": "user",
        "text": "/session_start",
        "parse_data": {"intent": {"name": "session_start"}, "entities": []},
    }
    # What Rasa logs: the message, then its featurization marker.
    tracker = tracker_factory(
        "tracker_new",
        events=[
            user,
            {"event": "user_featurization", "use_text_for_featurization": False},
        ],
        slots={"session_started_metadata": {"language": "zh"}},
    )
    events = await ActionSessionStart().run(dispatcher, tracker, domain)
    assert SlotSet("language", "zh") in events
    assert SlotSet("greeted", True) in events
    assert "不是医生" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[0]["buttons"]


def test_only_the_users_own_session_start_is_explicit():
    user = {"event": "user", "parse_data": {"intent": {"name": "session_start"}}}
    hello = {"event": "user", "parse_data": {"intent": {"name": "greet"}}}
    marker = {"event": "user_featurization"}
    assert explicit_session_start([user])
    assert explicit_session_start([user, marker])
    assert not explicit_session_start([])
    assert not explicit_session_start([hello, marker])
    assert not explicit_session_start([user, marker, {"event": "action", "name": "x"}])


def test_sdk_registers_exactly_the_domain_actions(domain):
    executor = ActionExecutor()
    executor.register_package("actions")
    assert set(executor.actions) == set(domain["actions"])
    assert all(cls().name() != "action_" for cls in ReplyAction.__subclasses__())


async def test_feedback_button_is_stored(
    monkeypatch, dispatcher, tracker_factory, domain
):
    stored = []
    monkeypatch.setattr(records, "record_feedback", lambda *args: stored.append(args))
    entities = [
        {"entity": "helpful", "value": "no"},
        {"entity": "topic", "value": "resection"},
        {"entity": "section", "value": "risks"},
    ]
    tracker = tracker_factory(
        "tracker_resection_en",
        latest_message={
            "text": "/feedback",
            "intent": {"name": "feedback", "confidence": 1.0},
            "entities": entities,
        },
    )
    await ActionRecordFeedback().run(dispatcher, tracker, domain)
    assert stored == [("resection", "risks", "en", "unknown", False)]
    assert dispatcher.messages[0]["text"].startswith("Thank you.")


async def test_unanswered_question_is_kept_and_storage_errors_do_not_break_replies(
    monkeypatch, dispatcher, tracker_factory, domain
):
    kept = []
    monkeypatch.setattr(records, "record_unanswered", lambda *args: kept.append(args))
    tracker = tracker_factory(
        "tracker_resection_en",
        latest_message={"text": "best diet?", "intent": {"name": "out_of_scope"}},
    )
    await ActionOutOfScope().run(dispatcher, tracker, domain)
    assert kept == [("best diet?", "en", "out_of_scope")]

    def broken(*args):
        raise RuntimeError("database down")

    monkeypatch.setattr(records, "record_unanswered", broken)
    await ActionOutOfScope().run(dispatcher, tracker, domain)
    assert "I can't help with that" in dispatcher.messages[-2]["text"]
    assert dispatcher.messages[-1]["custom"]["nelm"]["kind"] == "out_of_scope"
