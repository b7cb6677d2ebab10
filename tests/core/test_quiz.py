"""Check what I learned: offered after a topic, marked, explained, linked back."""

import json

import pytest

from bot.content.quiz import load_quiz
from bot.core.dialogue import Turn, respond


def ask(kb, text="test me", **turn):
    turn.setdefault("greeted", True)
    return respond("quiz", Turn(text=text, intent="quiz", **turn), kb)


def answer(kb, topic, item, choice, language="en"):
    entities = {"topic": topic, "item": item, "choice": choice}
    return respond(
        "quiz",
        Turn(
            text="/quiz_answer" + json.dumps(entities),
            intent="quiz_answer",
            entities=entities,
            language=language,
            greeted=True,
        ),
        kb,
    )


def test_a_treatment_answer_offers_one_quiz_button_before_other_topics(kb):
    out = respond(
        "explain_topic",
        Turn(text="risks of embolization", intent="ask_embolization", greeted=True),
        kb,
    )
    titles = [b.title for b in out.messages[0].buttons]
    assert titles.count("Check what I learned") == 1
    assert titles[-2:] == ["Check what I learned", "Other topics"]
    quiz_button = out.messages[0].buttons[-2]
    assert quiz_button.payload == '/quiz{"topic": "embolization"}'


def test_a_topic_without_a_quiz_offers_none(kb):
    out = respond(
        "explain_topic",
        Turn(text="what is a NET?", intent="ask_nets_basics", greeted=True),
        kb,
    )
    titles = [b.title for b in out.messages[0].buttons]
    assert "Check what I learned" not in titles


def test_quiz_me_on_a_named_topic_asks_its_first_question(kb):
    out = ask(kb, "quiz me on Y-90")
    (message,) = out.messages
    first = load_quiz().items("embolization")[0]
    assert "**Question 1 of 3: Embolization" in message.text
    assert first.text in message.text
    assert [b.title for b in message.buttons] == [c.label for c in first.choices]
    assert out.reply_data()["quiz"] == {"topic": "embolization", "item": first.id}
    assert out.slots["topic"] == "embolization"


def test_test_me_uses_the_topic_in_focus_else_asks_which(kb):
    assert ask(kb, topic="transplant").quiz["topic"] == "transplant"
    out = ask(kb, topic="options")
    assert "Which topic would you like to check?" in out.texts[0]
    payloads = [b.payload for b in out.messages[0].buttons]
    assert '/quiz{"topic": "carcinoid_crisis"}' in payloads
    assert payloads[-1] == "/show_menu"


def test_a_right_answer_is_confirmed_explained_cited_and_linked(kb):
    item = load_quiz().items("ablation")[0]
    out = answer(kb, "ablation", item.id, item.answer)
    marked, following = out.messages
    assert marked.text.startswith("✅ Right.")
    assert item.explanation in marked.text
    assert "_Source: UpToDate topic 16105 (2022)" in marked.text
    (back,) = marked.buttons
    assert back.title == "Read: What it is"
    assert back.payload == '/ask_more{"topic": "ablation", "section": "overview"}'
    assert following.text.startswith("**Question 2 of 3")
    assert out.quiz == {
        "topic": "ablation",
        "answered": {"item": item.id, "correct": True},
        "item": load_quiz().items("ablation")[1].id,
    }


def test_a_wrong_answer_gives_the_right_one(kb):
    item = load_quiz().items("resection")[1]
    wrong = next(c for c in item.choices if c.id != item.answer)
    out = answer(kb, "resection", item.id, wrong.id)
    assert out.texts[0].startswith(f"Not quite. The answer is: {item.right.label}")
    assert out.quiz["answered"] == {"item": item.id, "correct": False}


def test_the_last_answer_ends_the_quiz(kb):
    last = load_quiz().items("transplant")[-1]
    out = answer(kb, "transplant", last.id, last.answer)
    assert "That was the last question about Liver transplant" in out.texts[1]
    assert "item" not in out.quiz
    assert [b.payload for b in out.messages[1].buttons] == [
        '/quiz{"topic": "options"}',
        "/show_menu",
    ]
    # "Check another topic" asks which topic, even with transplant in focus.
    out = respond(
        "quiz",
        Turn(
            text='/quiz{"topic": "options"}',
            intent="quiz",
            entities={"topic": "options"},
            topic="transplant",
            greeted=True,
        ),
        kb,
    )
    assert "Which topic would you like to check?" in out.texts[0]


def test_an_odd_choice_asks_the_item_again_without_marking(kb):
    item = load_quiz().items("carcinoid_crisis")[0]
    out = answer(kb, "carcinoid_crisis", item.id, "z")
    assert out.quiz == {"topic": "carcinoid_crisis", "item": item.id}
    assert item.text in out.texts[0]


def test_a_carcinoid_crisis_answer_is_not_taken_for_an_emergency(kb):
    for item in load_quiz().items("carcinoid_crisis"):
        out = answer(kb, "carcinoid_crisis", item.id, item.answer)
        assert out.kind == "quiz"


@pytest.mark.parametrize(
    ("language", "text", "right", "read"),
    [
        ("zh", "考考我栓塞的知识", "✅ 答对了。", "阅读：为什么有效"),
        ("zh-Hant", "考考我栓塞的知識", "✅ 答對了。", "閱讀：為什麼有效"),
    ],
)
def test_chinese_and_traditional(kb, language, text, right, read):
    out = ask(kb, text)
    assert out.slots["language"] == language
    assert out.quiz["topic"] == "embolization"
    assert ("第1題" if language == "zh-Hant" else "第1题") in out.texts[0]
    item = load_quiz().items("embolization")[0]
    out = answer(kb, "embolization", item.id, item.answer, language=language)
    assert out.texts[0].startswith(right)
    assert out.messages[0].buttons[0].title == read


def test_typed_words_read_as_a_quiz_answer_are_not_taken_for_one(kb):
    out = respond(
        "quiz",
        Turn(
            text="what are the risks of the operation?",
            intent="quiz_answer",
            topic="resection",
            greeted=True,
        ),
        kb,
    )
    assert out.kind != "quiz" and out.quiz is None
    assert out.answered == ("resection", "risks")
