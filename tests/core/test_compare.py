"""The treatments side by side: which options, the web table, messaging layout."""

import re

import pytest

from bot.content.compare import load_comparison
from bot.core.compare import chosen_options, is_web, named_options
from bot.core.dialogue import Turn, respond
from bot.core.understanding import Candidate

ALL = ("resection", "ablation", "embolization", "transplant")


def compare(kb, text="compare the treatments", channel="rest", **turn):
    turn.setdefault("greeted", True)
    return respond("compare_options", Turn(text=text, channel=channel, **turn), kb)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("surgery vs Y-90", ("resection", "embolization")),
        ("what's the difference between surgery and embolization and ablation",
         ("resection", "ablation", "embolization")),
        ("手术和栓塞哪个好", ("resection", "embolization")),
        ("手術和栓塞哪個好", ("resection", "embolization")),
        ("比较一下几种治疗", ()),
        ("compare RFA with a transplant", ("ablation", "transplant")),
        ("is a TAE the same as tape", ("embolization",)),
    ],
)  # fmt: skip
def test_options_named_in_the_message(text, named):
    assert named_options(text, load_comparison()) == named


def test_two_named_options_only_those_otherwise_all():
    comparison = load_comparison()
    assert [o.id for o in chosen_options("surgery vs Y-90", comparison)] == [
        "resection",
        "embolization",
    ]
    assert [o.id for o in chosen_options("tell me about surgery", comparison)] == [*ALL]
    assert [o.id for o in chosen_options("", comparison)] == [*ALL]


def test_web_and_messaging_channels():
    assert is_web("rest") and is_web("") and is_web(None)
    assert not is_web("telegram") and not is_web("twilio")


def test_web_gets_one_accessible_table_with_sources(kb):
    out = compare(kb)
    assert len(out.messages) == 1
    text = out.texts[0]
    table = re.search(r"<table>.*</table>", text).group(0)
    assert "\n" not in table  # one HTML block for Markdown
    assert table.count('<th scope="col">') == 4
    assert table.count('<th scope="row">') == 6
    assert "<caption>Compare the treatments</caption>" in table
    assert '<th scope="row">How strong the evidence is</th>' in table
    assert "about 3 in 4 (74%)" in table
    assert "Only your care team can say which would suit you." in text
    assert "_Source: UpToDate topic 16105 (2022); " in text
    assert "Reviewed: " in text
    assert out.reply_data() == {
        "kind": "compare_options",
        "language": "en",
        "compare": list(ALL),
    }
    buttons = out.messages[0].buttons
    assert [b.payload for b in buttons][:4] == [
        f'/ask_more{{"topic": "{topic}", "section": "overview"}}' for topic in ALL
    ]
    assert buttons[-1].payload == "/show_menu"


def test_cell_text_is_escaped(kb):
    text = compare(kb).texts[0]
    assert "liver&#x27;s main artery" in text


def test_two_options_on_the_web(kb):
    out = compare(kb, text="surgery vs Y-90")
    table = out.texts[0]
    assert table.count('<th scope="col">') == 2
    assert "Liver transplant" not in table
    assert out.reply_data()["compare"] == ["resection", "embolization"]
    assert "Japan" in table  # the sources of the cells shown


def test_messaging_gets_one_compact_message_per_option(kb):
    out = compare(kb, channel="telegram")
    intro, *options = out.messages
    assert intro.text.startswith("**Compare the treatments**")
    assert len(options) == 4
    assert not any("<" in m.text for m in out.messages)
    assert options[0].text.startswith("**Surgery (resection)**")
    assert "- **Risks**: In 222 patients in Japan" in options[0].text
    assert all("_Source: " in m.text for m in options)
    assert all(not m.buttons for m in out.messages[:-1])
    assert out.messages[-1].buttons[-1].payload == "/show_menu"


def test_chinese_and_traditional(kb):
    out = compare(kb, text="手术和栓塞哪个好", channel="twilio", language="en")
    assert out.slots["language"] == "zh"
    assert len(out.messages) == 3
    assert out.texts[1].startswith("**手术（切除）**")
    assert "- **风险**：日本222名患者中" in out.texts[1]
    assert "来源：" in out.texts[1]
    out = compare(kb, text="手術和栓塞哪個好", channel="rest")
    assert out.slots["language"] == "zh-Hant"
    assert "<caption>比較幾種治療</caption>" in out.texts[0]
    assert "風險" in out.texts[0]


def test_options_answer_and_menu_offer_the_comparison(kb):
    out = respond(
        "explain_topic",
        Turn(entities={"topic": "options", "section": "overview"}, greeted=True),
        kb,
    )
    assert out.messages[0].buttons[0].title == "Compare the treatments"
    assert out.messages[0].buttons[0].payload == "/compare_options"
    menu = respond("show_menu", Turn(text="menu", greeted=True), kb)
    payloads = [b.payload for b in menu.messages[0].buttons]
    assert "/compare_options" in payloads and "/my_summary" in payloads


def test_never_a_recommendation(kb):
    for channel in ("rest", "telegram"):
        text = " ".join(compare(kb, channel=channel).texts).lower()
        assert "you should have" not in text and "we recommend" not in text


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("what is the difference between TACE and TARE", "embolization"),
        ("TACE和钇-90有什么区别", "embolization"),
    ],
)
def test_one_option_named_without_comparing_is_about_that_option(kb, text, topic):
    out = compare(kb, text=text)
    assert out.kind == "explain_topic"
    assert out.answered[0] == topic
    assert "<table" not in out.texts[0]


def test_one_option_against_the_others_is_compared(kb):
    out = compare(kb, text="how does surgery compare with the other treatments")
    assert out.kind == "compare_options"
    assert out.compare == list(ALL)


def test_evidence_questions_stay_with_surgery_vs_iat(kb):
    from bot.core.understanding import Candidate

    sure = (Candidate("surgery_vs_iat", "outcomes", 0.8),)
    out = compare(kb, text="surgery or embolization, who lived longer", ranking=sure)
    assert out.kind == "explain_topic"
    assert out.answered == ("surgery_vs_iat", "outcomes")
    unsure = (Candidate("surgery_vs_iat", "outcomes", 0.3),)
    out = compare(kb, text="surgery or embolization, who lived longer", ranking=unsure)
    assert out.kind == "compare_options"
    # Following up on that topic: its answer, unless asked to compare.
    out = compare(kb, text="手术和栓塞哪个好", topic="surgery_vs_iat")
    assert out.kind == "explain_topic"
    out = compare(kb, text="compare the treatments", topic="surgery_vs_iat")
    assert out.kind == "compare_options"
    out = compare(kb, text="/compare_options", topic="surgery_vs_iat")
    assert out.kind == "compare_options"


def test_comparing_the_option_in_focus_with_one_other_gets_the_study(kb):
    # "How does that compare with surgery?" about embolization: the study that
    # compared the two, not the table.
    out = compare(
        kb,
        "how does that compare with surgery?",
        topic="embolization",
        section="survival",
        ranking=(Candidate("resection", "outcomes", 0.5),),
    )
    assert out.kind == "explain_topic" and out.answered == (
        "surgery_vs_iat",
        "outcomes",
    )
    # With no topic in focus, or one that no study compares: the table.
    assert compare(kb, "how does that compare with surgery?").compare
    assert compare(
        kb, "how does that compare with surgery?", topic="transplant", section="risks"
    ).compare
