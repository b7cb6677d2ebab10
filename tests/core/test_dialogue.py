"""Replies for one turn: language, emergency first, citations, follow-ups."""

from datetime import date

import pytest

from bot.core.dialogue import (
    Turn,
    join_paragraphs,
    month_year,
    payload,
    respond,
    session_start,
    ui_text,
)

EN_EMERGENCY = "This may be an emergency"
ZH_EMERGENCY = "这可能是急症"


def reply(kb, kind="explain_topic", **turn):
    turn.setdefault("greeted", True)
    return respond(kind, Turn(**turn), kb)


def test_content_answer_has_heading_citation_and_buttons(kb):
    out = reply(kb, text="What is a carcinoid crisis?", intent="ask_carcinoid_crisis")
    message, prompt = out.messages
    assert prompt.text == "Was this helpful?"
    assert [b.title for b in prompt.buttons] == ["👍", "👎"]
    assert prompt.buttons[0].payload == (
        '/feedback{"helpful": "yes", "topic": "carcinoid_crisis", '
        '"section": "overview"}'
    )
    assert message.text.startswith("**Carcinoid crisis — What it is**")
    reviewed = month_year(kb.topic("carcinoid_crisis").review.reviewed, "en")
    assert f"_Source: UpToDate topic 16105 (2022) · Reviewed: {reviewed}_" in (
        message.text
    )
    titles = [b.title for b in message.buttons]
    assert "Symptoms" in titles and titles[-1] == "Other topics"
    assert out.slots == {
        "language": "en",
        "topic": "carcinoid_crisis",
        "section": "overview",
        "viewed": ["carcinoid_crisis/overview"],
    }


def test_chinese_question_gets_a_chinese_answer_with_source(kb):
    out = reply(
        kb, text="什么是类癌危象？", intent="ask_carcinoid_crisis", language="en"
    )
    text = out.texts[0]
    assert text.startswith("**类癌危象 — 是什么**")
    assert "来源：UpToDate 专题 16105（2022）" in text
    reviewed = kb.topic("carcinoid_crisis").review.reviewed
    assert f"审阅日期：{reviewed.year}年{reviewed.month}月" in text
    assert out.slots["language"] == "zh"
    assert all(b.title != "Symptoms" for b in out.messages[0].buttons)


def test_first_reply_of_a_session_says_not_a_doctor(kb):
    out = reply(kb, greeted=False, text="What is surgery?", intent="ask_resection")
    assert "not a doctor" in out.texts[0]
    assert out.slots["greeted"] is True
    out = reply(kb, greeted=False, text="手术是什么？", intent="ask_resection")
    assert "不是医生" in out.texts[0]


@pytest.mark.parametrize(
    ("text", "intent", "marker"),
    [
        (
            "I had TACE yesterday and now I'm flushing and wheezing",
            "ask_carcinoid_crisis",
            EN_EMERGENCY,
        ),
        ("我昨天做了栓塞，现在脸发红、喘不上气", "ask_procedure", ZH_EMERGENCY),
        ("my dad passed out", "nlu_fallback", EN_EMERGENCY),
    ],
)
def test_emergency_advice_comes_first_whatever_the_intent(kb, text, intent, marker):
    out = reply(kb, greeted=False, text=text, intent=intent)
    assert marker in out.texts[0]
    assert len(out.messages) == 1


def test_emergency_intent_alone_is_enough(kb):
    out = reply(
        kb,
        kind="emergency",
        text="something is very wrong, help",
        intent="report_emergency",
    )
    assert EN_EMERGENCY in out.texts[0]


def test_question_about_a_symptom_is_answered_with_a_warning_line(kb):
    out = reply(
        kb, text="What is flushing?", intent="ask_symptoms", topic="carcinoid_crisis"
    )
    assert "Symptoms" in out.texts[0]
    assert out.texts[-1].startswith("⚠️ If you or someone with you")


def test_follow_ups_keep_the_topic(kb):
    first = reply(kb, text="tell me about surgery", intent="ask_resection")
    topic = first.slots["topic"]
    second = reply(
        kb, text="who is it for?", intent="ask_eligibility", topic=topic, language="en"
    )
    assert "Surgical resection (surgery) — Who it is for" in second.texts[0]
    third = reply(
        kb, text="and the risks?", intent="ask_risks", topic=topic, language="en"
    )
    assert "— Risks" in third.texts[0]


def test_tell_me_more_walks_through_the_sections(kb):
    out = reply(
        kb,
        text="tell me more",
        intent="ask_more",
        topic="resection",
        section="overview",
    )
    assert "Who it is for" in out.texts[0]
    last = reply(
        kb, text="more", intent="ask_more", topic="resection", section="questions"
    )
    assert "That's all I have on" in last.texts[0]


def test_missing_section_says_so_and_offers_what_exists(kb):
    out = reply(
        kb,
        text="/ask_more",
        intent="ask_more",
        entities={"topic": "resection", "section": "triggers"},
    )
    assert "My sources don't cover" in out.texts[0]
    assert out.messages[0].buttons


def test_a_section_only_one_topic_has_names_that_topic(kb):
    out = reply(kb, text="what sets it off?", intent="ask_triggers", topic="transplant")
    assert "Carcinoid crisis — What can trigger it" in out.texts[0]


def test_section_question_without_topic_asks_which(kb):
    out = reply(kb, text="what are the risks?", intent="ask_risks")
    assert "Which treatment or topic" in out.texts[0]
    assert any(
        b.title == "Surgical resection (surgery)" for b in out.messages[0].buttons
    )


@pytest.mark.parametrize(
    "text", ["Which treatment should I have?", "我应该做哪种治疗？"]
)
def test_treatment_choice_never_recommends(kb, text):
    out = reply(kb, kind="treatment_choice", text=text, intent="ask_which_treatment")
    body = out.texts[0].lower()
    assert "you should have" not in body.replace("which treatment you should have", "")
    assert ("care team" in body) or ("医疗团队" in body)
    assert "_" in out.texts[0]


def test_out_of_scope_is_kind_and_shows_the_menu(kb):
    out = reply(
        kb, kind="out_of_scope", text="what's the weather?", intent="out_of_scope"
    )
    assert out.texts[0].startswith("I'm sorry, I can't help with that.")
    assert len(out.messages[0].buttons) >= 3
    out = reply(kb, kind="out_of_scope", text="今天天气怎么样？", intent="out_of_scope")
    assert out.texts[0].startswith("抱歉")


def test_about_bot_is_honest(kb):
    out = reply(kb, kind="about_bot", text="are you a doctor?", intent="bot_challenge")
    assert "not a doctor" in out.texts[0]


@pytest.mark.parametrize(
    ("text", "entities", "current", "expected"),
    [
        ("中文", {}, "en", "zh"),
        ("English please", {}, "zh", "en"),
        ("/switch_language", {"language": "zh"}, "en", "zh"),
        ("change language", {}, "en", "zh"),
        ("切换语言", {}, "zh", "en"),
    ],
)
def test_switch_language(kb, text, entities, current, expected):
    out = reply(
        kb, kind="switch_language", text=text, entities=entities, language=current
    )
    assert out.slots["language"] == expected
    assert out.texts[0] in ("OK, I'll answer in English.", "好的，我会用中文回答。")


def test_fallback_uses_keywords_when_it_can(kb):
    out = reply(
        kb, kind="default_fallback", text="surgery risks??", intent="nlu_fallback"
    )
    assert "— Risks" in out.texts[0]
    out = reply(kb, kind="default_fallback", text="asdfgh", intent="nlu_fallback")
    assert "didn't understand" in out.texts[0]


def test_fallback_answers_a_part_of_the_topic_in_focus(kb):
    from bot.core.understanding import Candidate

    ranking = (
        Candidate("resection", "risks", 0.25),
        Candidate("embolization", "risks", 0.25),
    )
    out = reply(
        kb,
        kind="default_fallback",
        text="and the risks?",
        intent="nlu_fallback",
        topic="ablation",
        section="overview",
        ranking=ranking,
    )
    assert out.answered == ("ablation", "risks")
    first = reply(kb, kind="default_fallback", text="and the risks?", ranking=ranking)
    assert first.unanswered == "fallback"


def test_session_start_greets_in_the_session_language(kb):
    out = session_start("zh", kb, greet=True)
    assert "不是医生" in out.texts[0]
    assert "急救" in out.texts[0]
    assert out.messages[0].buttons
    assert session_start(None, kb, greet=False).messages == []


def test_payload_and_paragraph_helpers():
    assert payload("show_menu") == "/show_menu"
    assert payload("ask_more", topic="x") == '/ask_more{"topic": "x"}'
    assert join_paragraphs(["a", "- b", "- c", "d"]) == "a\n\n- b\n- c\n\nd"


@pytest.mark.parametrize(
    ("text", "intent", "topic", "marker"),
    [
        (
            "how long is recovery after liver surgery?",
            "ask_procedure",
            None,
            "don't cover",
        ),
        ("手术后多久能回家？", "ask_procedure", "resection", "没有涉及"),
        ("how much does TACE cost?", "ask_embolization", None, "don't cover"),
    ],
)
def test_where_the_sources_are_silent_it_says_so(kb, text, intent, topic, marker):
    out = reply(kb, text=text, intent=intent, topic=topic)
    assert marker in out.texts[0]
    assert ("care team" in out.texts[0]) or ("医疗团队" in out.texts[0])


def test_every_content_answer_offers_one_thing_to_do(kb):
    out = reply(kb, text="what is ablation?", intent="ask_ablation")
    assert "Ask your care team what this means for you." in out.texts[0]


def test_unanswered_turns_are_marked_for_review(kb):
    assert reply(kb, kind="out_of_scope", text="weather?").unanswered == "out_of_scope"
    assert reply(kb, kind="default_fallback", text="qwerty").unanswered == "fallback"
    assert reply(kb, kind="default_fallback", text="surgery risks").unanswered is None
    assert reply(kb, text="what is TACE?", intent="ask_embolization").unanswered is None


@pytest.mark.parametrize(
    ("kind", "text", "intent", "expected"),
    [
        ("goodbye", "can RFA be done by keyhole", "goodbye", "Ablation (heat or cold)"),
        ("greet", "hi, what is TACE?", "greet", "Embolization (TAE, TACE, Y-90)"),
    ],
)
def test_a_topic_question_read_as_small_talk_is_answered(
    kb, kind, text, intent, expected
):
    out = reply(kb, kind=kind, text=text, intent=intent)
    assert expected in out.texts[0]


def test_small_talk_stays_small_talk(kb):
    assert (
        reply(kb, kind="goodbye", text="bye", intent="goodbye")
        .texts[0]
        .startswith("Take care")
    )


def test_review_month_is_written_for_each_language():
    day = date(2026, 11, 1)
    assert month_year(day, "en") == "November 2026"
    assert month_year(day, "zh") == "2026年11月"
    assert month_year(date(2027, 1, 1), "zh-Hant") == "2027年1月"


def _ranked(*items):
    from bot.core.understanding import Candidate

    return tuple(Candidate(t, s, c) for t, s, c in items)


def test_the_options_at_a_glance_lead_to_every_treatment(kb):
    out = reply(
        kb,
        text="my dad has a pancreatic NET with liver mets, what can be done?",
        intent="ask",
        ranking=_ranked(("options", "overview", 0.9)),
    )
    assert out.answered == ("options", "overview")
    payloads = [b.payload for b in out.messages[0].buttons]
    for topic in ("resection", "ablation", "embolization", "transplant"):
        assert payload("ask_more", topic=topic, section="overview") in payloads


def test_a_traditional_question_gets_a_traditional_answer(kb):
    out = reply(
        kb,
        text="消融有什麼風險？",
        intent="ask",
        language="en",
        ranking=_ranked(("ablation", "risks", 0.8)),
    )
    assert out.slots["language"] == "zh-Hant"
    assert out.answered == ("ablation", "risks")
    text = out.messages[0].text
    assert text.startswith("**消融") and "風險" in text and "风险" not in text
    assert out.reply_data()["language"] == "zh-Hant"


def test_say_that_in_english_repeats_the_last_answer(kb):
    out = reply(
        kb,
        kind="switch_language",
        text="can you say that in English",
        intent="switch_language",
        language="zh",
        topic="transplant",
        section="availability",
    )
    assert out.slots["language"] == "en"
    assert out.answered == ("transplant", "availability")
    assert out.messages[0].text.startswith("**Liver transplant")


def test_a_follow_up_in_simplified_after_traditional_switches_script(kb):
    out = reply(
        kb,
        text="这个手术危险吗",
        intent="ask",
        language="zh-Hant",
        topic="ablation",
        section="overview",
        ranking=_ranked(("resection", "risks", 0.6), ("ablation", "risks", 0.3)),
    )
    assert out.slots["language"] == "zh"
    assert out.answered == ("ablation", "risks")


def test_a_follow_up_weakly_read_as_small_talk_is_answered(kb):
    ranking = _ranked(("embolization", "risks", 0.31), ("resection", "risks", 0.09))
    follow_up = dict(text="what are the risks?", topic="resection", section="overview")
    weak = reply(
        kb,
        kind="about_bot",
        intent="bot_challenge",
        confidence=0.4,
        ranking=ranking,
        **follow_up,
    )
    assert weak.answered == ("resection", "risks")
    sure = reply(
        kb,
        kind="about_bot",
        intent="bot_challenge",
        confidence=0.95,
        ranking=ranking,
        **follow_up,
    )
    assert sure.answered is None


def test_a_follow_up_unsurely_read_as_off_topic_is_answered(kb):
    ranking = _ranked(
        ("carcinoid_crisis", "prevention", 0.62), ("resection", "procedure", 0.08)
    )
    follow_up = dict(
        text="how do you stop it happening",
        topic="carcinoid_crisis",
        section="triggers",
        intent="out_of_scope",
        ranking=ranking,
    )
    unsure = reply(kb, kind="out_of_scope", confidence=0.62, **follow_up)
    assert unsure.answered == ("carcinoid_crisis", "prevention")
    sure = reply(kb, kind="out_of_scope", confidence=0.95, **follow_up)
    assert sure.answered is None and sure.kind == "out_of_scope"
    # Nothing in focus: off topic.
    alone = dict(follow_up, topic=None, section=None)
    assert reply(kb, kind="out_of_scope", confidence=0.62, **alone).answered is None
    # A weak reading of the section: off topic.
    weak = dict(
        follow_up,
        ranking=_ranked(("carcinoid_crisis", "prevention", 0.2)),
    )
    assert reply(kb, kind="out_of_scope", confidence=0.62, **weak).answered is None
    # A confident reading of something else, a weak one of the topic in
    # focus: off topic.
    elsewhere = dict(
        follow_up,
        text="where do I park for the appointment?",
        ranking=_ranked(
            ("glossary", "mdt", 0.6), ("carcinoid_crisis", "prevention", 0.05)
        ),
    )
    assert reply(kb, kind="out_of_scope", confidence=0.62, **elsewhere).kind == (
        "out_of_scope"
    )


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("证据可靠吗", "surgery_vs_iat"),
        ("how reliable is that evidence", "surgery_vs_iat"),
    ],
)
def test_how_strong_the_evidence_is_is_a_section_not_the_source_list(kb, text, topic):
    out = reply(kb, kind="list_sources", text=text, topic=topic, section="outcomes")
    assert out.answered == ("surgery_vs_iat", "evidence")
    assert out.kind == "explain_topic"
    # Asked with no topic in focus, or about the bot's own sources: the
    # documents.
    sources = reply(kb, kind="list_sources", text="what are your sources")
    assert sources.answered is None
    for text in ("is this information reliable?", "你用的证据是什么？"):
        ours = reply(kb, kind="list_sources", text=text, topic=topic)
        assert ours.answered is None and ours.kind == "list_sources", text
    intro = ui_text("sources_intro", "en")
    assert any(m.text.startswith(intro) for m in sources.messages)


@pytest.mark.parametrize("kind", ["explain_topic", "default_fallback", "out_of_scope"])
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("能用中文解释一下吗", "zh"),
        ("can you say that in English", "en"),
        ("in English please, for my son-in-law", "en"),
    ],
)
def test_asking_for_the_other_language_repeats_the_answer_whatever_the_nlu(
    kb, kind, text, language
):
    out = reply(
        kb,
        kind=kind,
        text=text,
        language="zh" if language == "en" else "en",
        topic="ablation",
        section="procedure",
        ranking=_ranked(("glossary", "overview", 0.3)),
    )
    assert out.kind == "switch_language"
    assert out.answered == ("ablation", "procedure")
    assert out.slots["language"] == language


def test_a_question_asked_in_another_language_is_answered_not_repeated(kb):
    out = reply(
        kb,
        text="Can you explain ablation in Chinese?",
        language="en",
        topic="resection",
        section="risks",
        ranking=_ranked(("ablation", "overview", 0.8)),
    )
    assert out.kind == "explain_topic"
    assert out.answered == ("ablation", "overview")
    assert out.slots["language"] == "zh"
    # Something else asked, with a language named: not a repeat.
    for text in (
        "can you explain the risks in Chinese?",
        "R0用英文怎么说",
        "translate this into English: 今天天气很好",
        "my mum doesn't speak English, can the nurse explain things to her in Chinese",
    ):
        out = reply(kb, kind="default_fallback", text=text, topic="resection")
        assert out.kind != "switch_language", text
    # The model sure of a question: answered.
    sure = reply(
        kb,
        text="用中文再说一遍",
        language="en",
        topic="resection",
        section="risks",
        ranking=_ranked(("ablation", "overview", 0.9)),
    )
    assert sure.kind == "explain_topic"


def test_an_unsure_message_answered_says_so_in_its_data(kb):
    # Not understood as a kind of message, but a part of the topic in focus:
    # an answer, not "didn't understand" (the reply's data says which).
    out = reply(
        kb,
        kind="default_fallback",
        text="and the risks?",
        topic="resection",
        section="eligibility",
        ranking=_ranked(("resection", "risks", 0.3)),
    )
    assert out.kind == "explain_topic"
    assert out.answered == ("resection", "risks")
    lost = reply(kb, kind="default_fallback", text="asdf qwer", ranking=())
    assert lost.kind == "default_fallback" and lost.answered is None


@pytest.mark.parametrize(
    "text",
    [
        "她有糖尿病和高血压，还能做吗",
        "佢有糖尿病，仲做唔做得？",
        "he has diabetes, can he still have it?",
    ],
)
def test_still_possible_for_someone_with_another_illness_is_not_off_topic(kb, text):
    ranking = _ranked(("resection", "eligibility", 0.42), ("resection", "grade", 0.05))
    turn = dict(text=text, topic="resection", section="eligibility", ranking=ranking)
    out = reply(kb, kind="out_of_scope", confidence=1.0, intent="out_of_scope", **turn)
    assert out.answered == ("resection", "eligibility")
    # Nothing in focus, or not a question whether it is still possible: off topic.
    alone = dict(turn, topic=None, section=None)
    assert reply(kb, kind="out_of_scope", confidence=1.0, **alone).answered is None
    for other in (
        "他有糖尿病，能吃西瓜吗",
        "他有糖尿病，还能做运动吗？",
        "他的糖尿病还能治好吗？",
        "He has diabetes too. Can he still have sugar in his tea?",
        "Can I still get my flu jab this winter?",
        "I still have pain in my knee from the fall, what painkiller can I take?",
    ):
        off = dict(turn, text=other)
        assert reply(kb, kind="out_of_scope", confidence=1.0, **off).answered is None


_CARE_RANKING = (("resection", "eligibility", 0.41), ("resection", "risks", 0.1))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the care of another illness, whatever topic the model read
        ("What dose of metformin should I take for type 2 diabetes?", "out_of_scope"),
        (
            "my dad also has type 2 diabetes, how much insulin should he be taking?",
            "out_of_scope",
        ),
        ("我妈高血压该吃什么药", "out_of_scope"),
        ("高血壓食咩藥好", "out_of_scope"),
        ("感冒发烧吃什么药好", "out_of_scope"),
        # a topic, a part or the person's NET named: a question for us
        ("my dad has diabetes, is liver surgery safe for him?", "explain_topic"),
        (
            "he takes blood pressure tablets, should he stop them before the TACE?",
            "explain_topic",
        ),
        ("我爸有糖尿病，做手术前要停二甲双胍吗", "explain_topic"),
        ("how much insulin does an insulinoma make?", "explain_topic"),
        ("他的肿瘤会分泌胰岛素，血糖低怎么控制", "explain_topic"),
        # an illness named without asking for its care
        ("she has diabetes, is that a problem?", "explain_topic"),
    ],
)
def test_the_care_of_another_illness_is_off_topic_and_nothing_else(kb, text, kind):
    ranking = _ranked(*_CARE_RANKING)
    out = reply(kb, text=text, intent="ask", confidence=0.9, ranking=ranking)
    assert out.kind == kind
    assert (out.answered is None) == (kind == "out_of_scope")


@pytest.mark.parametrize(
    "text",
    [
        "他有糖尿病，胰岛素用多少还能做吗",
        "he's diabetic, how should we manage his insulin on the day?",
    ],
)
def test_another_illness_with_a_topic_in_focus_is_not_declined_as_care(kb, text):
    ranking = _ranked(*_CARE_RANKING)
    turn = dict(topic="resection", section="eligibility", ranking=ranking)
    out = reply(kb, text=text, intent="ask", confidence=0.9, **turn)
    assert out.answered == ("resection", "eligibility")
