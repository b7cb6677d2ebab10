"""The quiz action counts each marked answer once: topic, item, right, language."""

import json

from actions.actions import ActionQuiz, quiz_answered
from bot.content.quiz import load_quiz
from bot.records import store as records


def user(intent, **entities):
    return {
        "event": "user",
        "text": f"/{intent}" + json.dumps(entities),
        "parse_data": {
            "intent": {"name": intent, "confidence": 1.0},
            "entities": [{"entity": k, "value": v} for k, v in entities.items()],
        },
    }


def asked(topic, item, answered=None):
    """The reply data of a bot turn that asked ``item`` (and marked another)."""
    quiz = {"topic": topic}
    if item:
        quiz["item"] = item
    if answered:
        quiz["answered"] = answered
    return {
        "event": "bot",
        "data": {"custom": {"nelm": {"kind": "quiz", "language": "en", "quiz": quiz}}},
    }


def tap(topic, item, choice):
    return user("quiz_answer", topic=topic, item=item, choice=choice)


def test_a_second_tap_on_the_same_item_is_not_counted():
    first = [user("quiz", topic="ablation"), asked("ablation", "size")]
    assert not quiz_answered([*first, tap("ablation", "size", "a")], "ablation", "size")
    again = [
        *first,
        tap("ablation", "size", "a"),
        asked("ablation", "combined", {"item": "size", "correct": False}),
        tap("ablation", "size", "b"),
    ]
    assert quiz_answered(again, "ablation", "size")
    # Asked again later (a new round): counted again.
    later = [*again[:-1], user("quiz", topic="ablation"), asked("ablation", "size")]
    assert not quiz_answered([*later, tap("ablation", "size", "b")], "ablation", "size")


async def test_the_action_stores_the_marked_answer_without_text_or_sender(
    monkeypatch, dispatcher, tracker_factory, domain
):
    stored = []
    monkeypatch.setattr(records, "record_quiz_answer", lambda *a: stored.append(a))
    item = load_quiz().items("transplant")[0]
    latest = tap("transplant", item.id, item.answer)
    tracker = tracker_factory(
        "tracker_resection_en",
        latest_message={
            "text": latest["text"],
            "intent": latest["parse_data"]["intent"],
            "entities": latest["parse_data"]["entities"],
        },
        events=[user("quiz", topic="transplant"), asked("transplant", item.id), latest],
    )
    events = await ActionQuiz().run(dispatcher, tracker, domain)
    assert stored == [("transplant", item.id, True, "en")]
    assert dispatcher.messages[0]["text"].startswith("✅ Right.")
    data = dispatcher.messages[-1]["custom"]["nelm"]
    assert data["quiz"]["answered"] == {"item": item.id, "correct": True}
    assert any(e.get("name") == "topic" for e in events)
    # The same button pressed again: answered, not counted.
    tracker.events.append(asked("transplant", "recurrence", data["quiz"]["answered"]))
    tracker.events.append(latest)
    await ActionQuiz().run(dispatcher, tracker, domain)
    assert len(stored) == 1
