"""The take-home summary: what was read, questions, sources, review dates."""

import pytest

from bot.core.dialogue import Turn, month_year, respond
from bot.core.summary import MAX_VIEWED, add_viewed, asks_for_it, viewed_pairs


def say(kb, kind, slots=None, **turn):
    turn.setdefault("greeted", True)
    return respond(kind, Turn(slots=slots or {}, **turn), kb)


def read(kb, topic, section, slots=None, **turn):
    entities = {"topic": topic, "section": section}
    return say(kb, "explain_topic", slots, entities=entities, **turn).slots


def test_viewed_keeps_each_answer_once_newest_last():
    viewed = add_viewed(None, "resection", "risks")
    viewed = add_viewed(viewed, "ablation", "overview")
    viewed = add_viewed(viewed, "resection", "risks")
    assert viewed == ["ablation/overview", "resection/risks"]
    many = [f"t{i}/s" for i in range(MAX_VIEWED)]
    assert add_viewed(many, "a", "b")[-1] == "a/b"
    assert len(add_viewed(many, "a", "b")) == MAX_VIEWED


def test_unknown_or_damaged_entries_are_ignored(kb):
    pairs = viewed_pairs(kb, ["resection/risks", "nothing/here", 7, "resection/risks"])
    assert pairs == [("resection", "risks")]


def test_content_answers_fill_the_viewed_slot(kb):
    slots = read(kb, "resection", "risks")
    assert slots["viewed"] == ["resection/risks"]
    slots = read(kb, "ablation", "overview", slots)
    assert slots["viewed"] == ["resection/risks", "ablation/overview"]
    # Replies that answer nothing leave it alone.
    assert "viewed" not in say(kb, "show_menu", slots, text="menu").slots


def test_summary_lists_topics_questions_sources_and_review(kb):
    slots = read(kb, "resection", "risks")
    slots = read(kb, "transplant", "overview", slots)
    out = say(kb, "my_summary", slots, text="my summary")
    assert len(out.messages) == 1
    text = out.texts[0]
    assert text.startswith("**My summary**")
    reviewed = month_year(kb.topic("resection").review.reviewed, "en")
    assert f"- Surgical resection (surgery) · Reviewed: {reviewed}" in text
    assert "- Liver transplant · Reviewed: " in text
    assert "**Questions for your care team**" in text
    assert "- Could surgery work for me? Why or why not?" in text
    assert "- How would the waiting list work where I live?" in text
    # The sources of the answers read, in full; none that were not cited.
    assert "Multicenter survey of hepatic resection" in text
    assert "UpToDate topic 16105" in text
    assert "Mayo SC" not in text
    assert "Ablation" not in text
    assert out.reply_data() == {
        "kind": "my_summary",
        "language": "en",
        "summary": {"topics": ["resection", "transplant"], "printable": True},
    }
    assert [b.payload for b in out.messages[0].buttons] == [
        "/compare_options",
        "/show_menu",
    ]


def test_nothing_read_yet_offers_the_topics(kb):
    out = say(kb, "my_summary", text="my summary")
    assert out.texts[0].startswith("You haven't read about any topic yet.")
    assert out.reply_data()["summary"] == {"topics": []}
    assert len(out.messages[0].buttons) > 5


def test_summary_in_chinese_and_traditional(kb):
    slots = read(kb, "ablation", "risks", language="zh")
    out = say(kb, "my_summary", slots, text="我的总结", language="zh")
    text = out.texts[0]
    assert text.startswith("**我的小结**")
    assert "- 消融（加热或冷冻） · 审阅日期：" in text
    assert "**要问医疗团队的问题**" in text
    assert "- 我的肿瘤够小，可以做消融吗？" in text
    out = say(kb, "my_summary", slots, text="我的總結", language="zh")
    assert out.slots["language"] == "zh-Hant"
    assert out.texts[0].startswith("**我的小結**")
    assert "審閱日期" in out.texts[0]


@pytest.fixture()
def fake_values(monkeypatch):
    """The values feature's questions_for, recording its calls."""
    from bot.core import values

    calls = []

    def questions_for(answers, lang):
        calls.append((dict(answers), lang))
        return [f"You said recovery time matters to you ({lang})"]

    monkeypatch.setattr(values, "questions_for", questions_for)
    return calls


def test_values_questions_come_first(kb, fake_values):
    slots = read(kb, "resection", "overview")
    slots["values"] = {"recovery": "important"}
    out = say(kb, "my_summary", slots, text="my summary")
    text = out.texts[0]
    mine = text.index("- You said recovery time matters to you (en)")
    assert mine < text.index("- Could surgery work for me?")
    assert fake_values == [({"recovery": "important"}, "en")]
    # Values alone (nothing read yet) still make a summary.
    out = say(kb, "my_summary", {"values": {"recovery": "important"}}, text="x")
    assert "You said recovery time matters" in out.texts[0]
    # ... and the pages offer to print it (nelm-chat.js reads "printable").
    assert out.reply_data()["summary"] == {"topics": [], "printable": True}


@pytest.mark.parametrize(
    "text",
    [
        "what questions should I take to the transplant clinic",
        "去肝移植门诊要问哪些问题",
    ],
)
def test_a_question_about_a_topic_is_answered_from_it(kb, text):
    out = say(kb, "my_summary", text=text)
    assert out.kind == "explain_topic"
    assert out.answered[0] == "transplant"


@pytest.mark.parametrize(
    "text", ["/my_summary", "print my summary of the transplant topics", "我的总结"]
)
def test_asking_for_the_summary_gets_it(kb, text):
    slots = read(kb, "transplant", "overview")
    out = say(kb, "my_summary", slots, text=text)
    assert out.kind == "my_summary"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我的摘要", True),
        ("給我看看我的摘要", True),
        ("我的小结。", True),
        ("帮我改改论文的摘要", False),
        ("消融的摘要", False),
        ("", False),
    ],
)
def test_a_bare_request_for_the_summary_is_recognised(text, expected):
    assert asks_for_it(text) is expected


def test_my_summary_read_as_out_of_scope_still_gets_the_summary(kb):
    out = respond("out_of_scope", Turn(text="我的摘要", greeted=True), kb)
    assert out.kind == "my_summary"
    assert out.unanswered is None
    declined = respond(
        "out_of_scope", Turn(text="帮我改改论文的摘要", greeted=True), kb
    )
    assert declined.kind == "out_of_scope"
