"""What matters to me: one tap per question, skips, and questions to ask."""

import json

import pytest

from bot.content.values import SKIP, load_values
from bot.core.dialogue import Turn, respond
from bot.core.values import offer, questions_for


def tap(kb, item, choice, values=None, language="en", **turn):
    entities = {"item": item, "choice": choice}
    text = "/values" + json.dumps(entities)
    turn.setdefault("greeted", True)
    return respond(
        "values",
        Turn(
            text=text,
            intent="values",
            entities=entities,
            language=language,
            slots={"values": values or {}},
            **turn,
        ),
        kb,
    )


def test_asking_starts_with_an_intro_and_the_first_question(kb):
    out = respond(
        "values",
        Turn(text="what matters to me", intent="what_matters", greeted=True),
        kb,
    )
    intro, first = out.messages
    assert "no right or wrong answers" in intro.text
    assert "won't tell you which treatment to choose" in intro.text
    assert first.text.startswith("**Question 1 of 5**")
    assert [b.title for b in first.buttons][-1] == "Skip"
    assert first.buttons[0].payload == (
        '/values{"item": "operation", "choice": "accept"}'
    )
    assert out.slots["values"] == {} and out.kind == "values"


def test_each_tap_is_kept_and_the_next_question_follows(kb):
    out = tap(kb, "operation", "avoid")
    assert out.slots["values"] == {"operation": "avoid"}
    assert out.texts == [
        "**Question 2 of 5**\n\n"
        "How do you feel about a treatment that may need to be repeated?"
    ]
    out = tap(kb, "repeat", SKIP, values={"operation": "avoid"})
    assert out.slots["values"] == {"operation": "avoid", "repeat": SKIP}
    assert out.texts[0].startswith("**Question 3 of 5**")


def test_the_end_is_a_list_of_questions_never_a_recommendation(kb):
    answers = {
        "operation": "avoid",
        "repeat": SKIP,
        "evidence": "proven",
        "goal": "symptoms",
    }
    out = tap(kb, "travel", "local", values=answers)
    (message,) = out.messages
    lines = [line for line in message.text.splitlines() if line.startswith("- ")]
    assert len(lines) == 4  # the skipped item gives no question
    assert lines[0].startswith("- You said you would rather avoid a major operation")
    assert "This is not a recommendation." in message.text
    assert "_Source: UpToDate topic 16105 (2022)" in message.text
    for word in ("you should have", "best for you", "we recommend"):
        assert word not in message.text.lower()
    assert [b.payload for b in message.buttons] == [
        "/my_summary",
        "/what_matters",
        "/show_menu",
    ]


def test_all_skipped_says_so(kb):
    items = [item.id for item in load_values().items]
    out = tap(kb, items[-1], SKIP, values={i: SKIP for i in items[:-1]})
    assert "You skipped all the questions" in out.texts[0]
    assert "Source:" not in out.texts[0]


def test_start_again_clears_the_answers(kb):
    out = respond(
        "values",
        Turn(
            text="/what_matters",
            intent="what_matters",
            greeted=True,
            slots={"values": {"operation": "accept"}},
        ),
        kb,
    )
    assert out.slots["values"] == {}


def test_a_stale_or_odd_payload_starts_over_without_error(kb):
    out = tap(kb, "operation", "maybe")
    assert out.texts[-1].startswith("**Question 1 of 5**")


def test_an_odd_payload_after_the_last_question_keeps_the_answers(kb):
    answers = {item.id: SKIP for item in load_values().items}
    answers["operation"] = "avoid"
    out = tap(kb, "nothing", "avoid", values=answers)
    assert "values" not in out.slots  # not wiped: the summary still has them
    assert out.texts[0].startswith("Thank you.")
    assert "- You said you would rather avoid a major operation" in out.texts[0]


@pytest.mark.parametrize(
    ("language", "intro", "skip", "result"),
    [
        ("zh", "答案没有对错", "跳过", "这不是治疗建议"),
        ("zh-Hant", "答案沒有對錯", "跳過", "這不是治療建議"),
    ],
)
def test_chinese_and_traditional(kb, language, intro, skip, result):
    out = respond(
        "values",
        Turn(
            text="/what_matters", intent="what_matters", greeted=True, language=language
        ),
        kb,
    )
    assert intro in out.texts[0]
    assert out.messages[1].buttons[-1].title == skip
    answers = {i.id: SKIP for i in load_values().items[:-1]} | {"goal": "control"}
    out = tap(kb, "travel", "travel", values=answers, language=language)
    assert result in out.texts[0]
    assert out.slots["language"] == language


def test_traditional_typed_start_gets_a_traditional_reply(kb):
    out = respond(
        "values",
        Turn(text="我不知道自己更在意什麼", intent="what_matters", greeted=True),
        kb,
    )
    assert out.slots["language"] == "zh-Hant"
    assert "第1題" in out.texts[1]


def test_questions_for_follows_the_item_order_and_language():
    answers = {"travel": "local", "operation": "accept", "goal": SKIP, "x": "y"}
    en = questions_for(answers, "en")
    assert len(en) == 2
    assert en[0].startswith("You said you could accept a major operation")
    assert en[1].startswith("You said you would prefer treatment close to home")
    zh = questions_for(answers, "zh")
    assert zh[0].startswith("您说可以接受大手术")
    assert questions_for({}, "en") == [] and questions_for(None, "zh") == []


def test_the_choosing_answer_offers_the_questions(kb):
    out = respond(
        "treatment_choice",
        Turn(
            text="which treatment should I have?",
            intent="ask_which_treatment",
            greeted=True,
        ),
        kb,
    )
    titles = [b.title for b in out.messages[0].buttons]
    assert "What matters to me" in titles
    assert offer("resection", "en") == ()


def test_a_typed_answer_mid_way_asks_the_open_question_again(kb):
    out = respond(
        "values",
        Turn(
            text="I'd rather stay close to home",
            intent="values",
            greeted=True,
            slots={"values": {"operation": "accept", "repeat": "fewer"}},
        ),
        kb,
    )
    assert out.texts == [
        "**Question 3 of 5**\n\nHow do you feel about a treatment when the "
        "studies cannot say for sure how well it works?"
    ]
    assert "values" not in out.slots  # the answers so far are kept


def test_typed_words_read_as_an_answer_outside_the_questions_are_answered(kb):
    out = respond(
        "values",
        Turn(
            text="I'd rather avoid the operation, what else is there?",
            intent="values",
            greeted=True,
        ),
        kb,
    )
    assert out.kind != "values"
    assert "values" not in out.slots
    assert "Question 1 of 5" not in "\n".join(out.texts)
