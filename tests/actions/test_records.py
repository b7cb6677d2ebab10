"""What actions store: off the event loop, and feedback once per answer."""

import asyncio
import time

from actions.actions import ActionExplainTopic, ActionRecordFeedback, feedback_given
from bot.records import store as records

SLOW = 0.5


async def test_a_slow_database_does_not_block_the_action_servers_loop(
    monkeypatch, dispatcher, tracker_factory, domain
):
    stored = []

    def slow_store(*args):
        time.sleep(SLOW)  # a blocking database call (PostgreSQL under load)
        stored.append(args)

    monkeypatch.setattr(records, "record_answer", slow_store)
    ticks = 0

    async def another_conversation():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    other = asyncio.create_task(another_conversation())
    await asyncio.sleep(0)
    start = time.monotonic()
    await ActionExplainTopic().run(dispatcher, tracker_factory("tracker_new"), domain)
    elapsed = time.monotonic() - start
    other.cancel()
    assert stored and stored[0][:2] == ("carcinoid_crisis", "overview")
    assert elapsed >= SLOW  # the record was stored before the reply went out
    # The loop kept running while the database worked (blocked, it ticks ~0).
    assert ticks >= SLOW / 0.01 / 3, ticks


def user(text, intent, **entities):
    return {
        "event": "user",
        "text": text,
        "parse_data": {
            "intent": {"name": intent, "confidence": 1.0},
            "entities": [{"entity": k, "value": v} for k, v in entities.items()],
        },
    }


def answer(topic, section):
    """The events of an answer: its text, then its reply data."""
    return [
        {"event": "action", "name": "action_explain_topic"},
        {"event": "bot", "text": f"**{topic} — {section}**", "data": {}},
        {
            "event": "bot",
            "text": None,
            "data": {
                "custom": {
                    "nelm": {
                        "kind": "explain_topic",
                        "language": "en",
                        "topic": topic,
                        "section": section,
                    }
                }
            },
        },
    ]


def thumbs(helpful="no", topic="resection", section="risks"):
    return user("/feedback", "feedback", helpful=helpful, topic=topic, section=section)


def thanks():
    return [
        {"event": "action", "name": "action_record_feedback"},
        {"event": "bot", "text": "Thank you.", "data": {}},
        {
            "event": "bot",
            "data": {"custom": {"nelm": {"kind": "record_feedback", "language": "en"}}},
        },
    ]


async def _press(monkeypatch, dispatcher, tracker_factory, domain, events, helpful):
    stored = []
    monkeypatch.setattr(records, "record_feedback", lambda *a: stored.append(a))
    latest = thumbs(helpful)
    tracker = tracker_factory(
        "tracker_resection_en",
        latest_message={
            "text": latest["text"],
            "intent": latest["parse_data"]["intent"],
            "entities": latest["parse_data"]["entities"],
        },
        events=[*events, latest],
    )
    await ActionRecordFeedback().run(dispatcher, tracker, domain)
    # Every press is thanked, counted or not.
    assert dispatcher.messages[-2]["text"].startswith("Thank you.")
    return stored


async def test_feedback_counts_once_per_answer(
    monkeypatch, dispatcher, tracker_factory, domain
):
    asked = [user("what are the risks?", "ask_risks"), *answer("resection", "risks")]
    first = await _press(monkeypatch, dispatcher, tracker_factory, domain, asked, "no")
    assert first == [("resection", "risks", "en", "unknown", False)]
    # The same answer rated again (or the button pressed 100 times): not counted.
    rated = [*asked, thumbs("no"), *thanks()]
    again = await _press(monkeypatch, dispatcher, tracker_factory, domain, rated, "yes")
    assert again == []
    # A later answer of the same section may be rated again.
    later = [*rated, user("risks again", "ask_risks"), *answer("resection", "risks")]
    later_press = await _press(
        monkeypatch, dispatcher, tracker_factory, domain, later, "yes"
    )
    assert later_press == [("resection", "risks", "en", "unknown", True)]


def test_rating_another_answer_does_not_count_as_this_one():
    events = [
        *answer("resection", "risks"),
        *answer("ablation", "overview"),
        thumbs("yes", "ablation", "overview"),
        *thanks(),
        thumbs("no"),  # the latest: rating resection risks
    ]
    assert not feedback_given(events, "resection", "risks")
    assert feedback_given([*events[:-1], thumbs("no", "ablation", "overview")],
                          "ablation", "overview")  # fmt: skip
