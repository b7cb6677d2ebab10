"""Choosing the section from the model's ranking, in context (core/understanding)."""

from dataclasses import replace

import pytest

from bot.core.routing import Turn
from bot.core.understanding import (
    Candidate,
    asks_same_part,
    choose,
    comparison_asked,
    in_focus,
    ranking_from_parse,
)


def _ranking(*items):
    return tuple(Candidate(t, s, c) for t, s, c in items)


def test_the_models_best_reading_answers_a_first_question(kb):
    turn = Turn(
        text="how big can the tumours be for RFA",
        ranking=_ranking(("ablation", "overview", 0.7), ("ablation", "risks", 0.1)),
    )
    assert choose(turn, kb) == ("ablation", "overview")


def test_a_follow_up_that_names_no_topic_stays_with_the_topic_in_focus(kb):
    turn = Turn(
        text="那风险大吗",
        topic="ablation",
        section="overview",
        ranking=_ranking(("resection", "risks", 0.6), ("ablation", "risks", 0.3)),
    )
    assert choose(turn, kb) == ("ablation", "risks")


def test_a_clear_new_question_leaves_the_topic_in_focus(kb):
    turn = Turn(
        text="what does R0 mean",
        topic="ablation",
        section="overview",
        ranking=_ranking(("glossary", "margins", 0.95), ("ablation", "risks", 0.001)),
    )
    assert choose(turn, kb) == ("glossary", "margins")


def test_what_about_another_topic_asks_the_same_part(kb):
    turn = Turn(
        text="what about for ablation?",
        topic="resection",
        section="risks",
        ranking=_ranking(("ablation", "overview", 0.8), ("resection", "risks", 0.1)),
    )
    assert choose(turn, kb) == ("ablation", "risks")


def test_a_named_topic_wins_over_an_unsure_reading_of_another(kb):
    turn = Turn(
        text="what are the risks of TACE",
        ranking=_ranking(("resection", "risks", 0.4), ("embolization", "risks", 0.35)),
    )
    assert choose(turn, kb) == ("embolization", "risks")


def test_traditional_script_is_read_for_topic_names(kb):
    turn = Turn(
        text="消融有什麼風險？",
        ranking=_ranking(("resection", "risks", 0.5), ("ablation", "risks", 0.4)),
    )
    assert choose(turn, kb) == ("ablation", "risks")


def test_buttons_name_topic_and_section(kb):
    turn = Turn(
        text='/ask_more{"topic": "transplant", "section": "waiting"}',
        intent="ask_more",
        entities={"topic": "transplant", "section": "waiting"},
        ranking=_ranking(("resection", "risks", 0.9)),
    )
    assert choose(turn, kb) == ("transplant", "waiting")


@pytest.mark.parametrize(
    ("text", "same"),
    [
        ("what about for ablation?", True),
        ("and for TACE?", True),
        ("那消融呢？", True),
        ("TACE呢", True),
        ("and surgery?", True),
        ("or transplant", True),
        ("and what are the survival figures after transplant?", False),
        ("what are the risks of ablation?", False),
        ("消融有什么风险", False),
        ("切片也会吗", True),
        ("做栓塞的时候也容易发生吗", True),
        ("during a biopsy too?", True),
        ("手术后多久能出院，这个我也想知道，还有风险大不大吗", False),
        ("I read too much about it, what are the risks?", False),
        ("and if they offer embolization instead?", True),
        ("what if they do TACE instead", True),
        ("could ablation be for someone like her instead?", False),
        ("is that the same for Y90?", True),
        ("and would it be the same after surgery", True),
        ("Y90也一样吗", True),
        ("is the same team doing the surgery?", False),
        ("Y90和TACE一样吗？风险有什么不同", False),
    ],
)
def test_asks_same_part(text, same):
    assert asks_same_part(text) is same


def test_ranking_is_read_from_rasa_parse_data():
    parse = {
        "response_selector": {
            "ask": {
                "ranking": [
                    {"intent_response_key": "ask/ablation__risks", "confidence": 0.2},
                    {"intent_response_key": "ask/resection__risks", "confidence": 0.7},
                    {"intent_response_key": "faq/other", "confidence": 0.1},
                ]
            }
        }
    }
    assert ranking_from_parse(parse) == _ranking(
        ("resection", "risks", 0.7), ("ablation", "risks", 0.2)
    )
    assert ranking_from_parse({}) == ()


def test_this_operation_means_the_treatment_in_focus(kb):
    turn = Turn(
        text="这个手术危险吗",
        topic="ablation",
        section="overview",
        ranking=_ranking(("resection", "risks", 0.6), ("ablation", "risks", 0.3)),
    )
    assert choose(turn, kb) == ("ablation", "risks")


def test_a_named_part_breaks_a_near_tie_within_the_topic(kb):
    turn = Turn(
        text="is Y90 risky",
        ranking=_ranking(
            ("embolization", "prevention", 0.4), ("embolization", "risks", 0.35)
        ),
    )
    assert choose(turn, kb) == ("embolization", "risks")


def test_a_part_no_source_covers_is_named_so_the_reply_can_say_so(kb):
    turn = Turn(
        text="那恢复要多久",
        topic="ablation",
        section="overview",
        ranking=_ranking(("ablation", "procedure", 0.5)),
    )
    assert choose(turn, kb) == ("ablation", "recovery")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what is PRRT exactly", ("other_treatments", "prrt")),
        ("减瘤手术是什么", ("resection", "debulking")),
        ("what does PRRT mean", ("glossary", "prrt")),
        ("PRRT是什么意思", ("glossary", "prrt")),
    ],
)
def test_a_term_a_topic_explains_gets_the_section_unless_meaning_is_asked(
    kb, text, expected
):
    term = "debulking" if "减瘤" in text else "prrt"
    turn = Turn(text=text, ranking=_ranking(("glossary", term, 0.8)))
    assert choose(turn, kb) == expected


def test_a_term_no_topic_explains_stays_in_the_glossary(kb):
    turn = Turn(
        text="what is the portal vein",
        ranking=_ranking(("glossary", "portal_vein", 0.8)),
    )
    assert choose(turn, kb) == ("glossary", "portal_vein")


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("what does TACE stand for", "tace"),
        ("TACE是什么的缩写", "tace"),
        ("is cytoreduction the same thing as debulking", "debulking"),
        ("類癌症候群指的是什麼", "carcinoid_syndrome"),
    ],
)
def test_asking_what_a_word_means_gets_the_term_whatever_the_model_read(kb, text, term):
    turn = Turn(text=text, ranking=_ranking(("embolization", "overview", 0.9)))
    assert choose(turn, kb) == ("glossary", term)


def test_a_shared_word_in_a_follow_up_keeps_the_topic_in_focus(kb):
    ranking = _ranking(
        ("resection", "bilobar", 0.49), ("primary_tumour", "staged", 0.11)
    )
    turn = Turn(
        text="can both be done in one operation",
        topic="primary_tumour",
        section="small_bowel",
        ranking=ranking,
    )
    assert choose(turn, kb) == ("primary_tumour", "staged")
    elsewhere = Turn(
        text="can both be done in one operation",
        topic="ablation",
        section="overview",
        ranking=ranking,
    )
    assert choose(elsewhere, kb) == ("resection", "bilobar")


def test_a_meaning_asked_about_the_topic_in_focus_gets_its_section(kb):
    turn = Turn(
        text="what does the grade mean",
        topic="nets_basics",
        section="overview",
        ranking=_ranking(("glossary", "grade", 0.6)),
    )
    assert choose(turn, kb) == ("nets_basics", "grade")


def test_what_about_another_part_of_the_topic_in_focus(kb):
    turn = Turn(
        text="那化學治療呢",
        topic="other_treatments",
        section="targeted",
        ranking=_ranking(("other_treatments", "overview", 0.6)),
    )
    assert choose(turn, kb) == ("other_treatments", "chemo")


def test_a_part_of_the_topic_in_focus_reads_as_a_follow_up(kb):
    from bot.core.understanding import reads_as_follow_up

    ranking = _ranking(("resection", "eligibility", 0.25), ("nets_basics", "team", 0.1))
    assert reads_as_follow_up(
        Turn(text="适合谁？", topic="ablation", section="overview", ranking=ranking), kb
    )
    assert not reads_as_follow_up(Turn(text="适合谁？", ranking=ranking), kb)
    assert not reads_as_follow_up(
        Turn(
            text="适合谁？",
            topic="ablation",
            section="overview",
            ranking=_ranking(("nets_basics", "team", 0.3)),
        ),
        kb,
    )


def test_what_about_a_topic_without_that_part_gets_its_overview(kb):
    turn = Turn(
        text="and what about transplant?",
        topic="resection",
        section="eligibility",
        ranking=_ranking(("transplant", "questions", 0.4)),
    )
    assert choose(turn, kb) == ("transplant", "overview")


def test_a_term_a_topic_explains_adds_to_that_section(kb):
    turn = Turn(
        text="tell me about Y-90",
        ranking=_ranking(
            ("glossary", "tare", 0.18),
            ("embolization", "overview", 0.17),
            ("embolization", "types", 0.05),
        ),
    )
    assert choose(turn, kb) == ("embolization", "types")
    meaning = Turn(text="what does TARE stand for", ranking=turn.ranking)
    assert choose(meaning, kb) == ("glossary", "tare")


def test_tell_me_about_a_topic_gets_its_overview_when_it_is_a_near_reading(kb):
    ranking = _ranking(
        ("transplant", "questions", 0.25), ("transplant", "overview", 0.21)
    )
    assert choose(Turn(text="tell me about liver transplant", ranking=ranking), kb) == (
        "transplant",
        "overview",
    )
    assert choose(
        Turn(text="what should I ask about liver transplant", ranking=ranking), kb
    ) == ("transplant", "questions")


def test_twin_sections_go_to_the_topic_named_first(kb):
    def pick(text):
        ranking = _ranking(
            ("resection", "combined", 0.5), ("ablation", "combined", 0.4)
        )
        return choose(Turn(text=text, ranking=ranking), kb)

    assert pick("can ablation be done during the liver operation") == (
        "ablation",
        "combined",
    )
    assert pick("during the operation can the surgeon also ablate the small ones") == (
        "resection",
        "combined",
    )


def test_twin_sections_stay_with_the_topic_in_focus(kb):
    def pick(text, focus, ranking):
        turn = Turn(text=text, topic=focus, section="overview", ranking=ranking)
        return choose(turn, kb)

    surgery_first = _ranking(
        ("resection", "combined", 0.8), ("ablation", "combined", 0.1)
    )
    ablation_first = _ranking(
        ("ablation", "combined", 0.8), ("resection", "combined", 0.1)
    )
    # The words name the other topic; the conversation is about this one.
    assert pick("can they do it during my operation?", "ablation", surgery_first) == (
        "ablation",
        "combined",
    )
    assert pick("可以同时烧掉小的吗", "resection", ablation_first) == (
        "resection",
        "combined",
    )
    # The topic in focus's own reading stays, even when the other is named
    # first and the model found it nearly as likely.
    close = _ranking(("resection", "combined", 0.5), ("ablation", "combined", 0.4))
    assert pick("can ablation be done during the operation", "resection", close) == (
        "resection",
        "combined",
    )


def test_a_twin_the_model_finds_unlikely_does_not_win(kb):
    turn = Turn(
        text="can ablation be done during the liver operation",
        ranking=_ranking(("resection", "combined", 0.8), ("ablation", "combined", 0.1)),
    )
    assert choose(turn, kb) == ("resection", "combined")


def test_of_two_terms_named_the_model_picks_the_one_asked(kb):
    # "肝外转移" names both "outside the liver" and "metastasis".
    turn = Turn(
        text="报告上写未见肝外转移，肝外是什么意思",
        ranking=_ranking(
            ("glossary", "extrahepatic", 0.7), ("glossary", "metastasis", 0.1)
        ),
    )
    assert choose(turn, kb) == ("glossary", "extrahepatic")


@pytest.mark.parametrize(
    "text",
    [
        "what does the term neuroendocrine tumour actually mean?",
        "TACE的全称是什么",
        "what is the full name of TACE",
    ],
)
def test_more_ways_to_ask_what_a_word_means(text):
    from bot.core.routing import asks_meaning

    assert asks_meaning(text)


def test_a_background_topic_named_needs_a_near_reading_to_win(kb):
    # "NET" is the person's illness; the question is about the transplant list.
    turn = Turn(
        text="等肝要等很久吗？神经内分泌肿瘤有优先吗",
        ranking=_ranking(
            ("transplant", "availability", 0.56), ("nets_basics", "functioning", 0.16)
        ),
    )
    assert choose(turn, kb) == ("transplant", "availability")


def test_a_longer_question_keeps_the_models_part_of_the_named_topic(kb):
    # Unsure, but a real question about results, not the topic's name alone.
    ranking = _ranking(
        ("embolization", "outcomes", 0.28),
        ("ablation", "outcomes", 0.15),
        ("ablation", "overview", 0.02),
    )
    long = "does RFA actually work? how many people get relief from the flushing"
    assert choose(Turn(text=long, ranking=ranking), kb) == ("ablation", "outcomes")
    assert choose(Turn(text="RFA?", ranking=ranking), kb) == ("ablation", "overview")


def test_a_general_subject_goes_to_the_named_treatments_own_section(kb):
    crisis_first = _ranking(
        ("carcinoid_crisis", "prevention", 0.7), ("embolization", "prevention", 0.1)
    )

    def pick(text, focus=None):
        turn = Turn(text=text, topic=focus, section=focus and "overview")
        return choose(replace(turn, ranking=crisis_first), kb)

    assert pick("how do they stop a carcinoid crisis happening with TACE") == (
        "embolization",
        "prevention",
    )
    assert pick("栓塞前怎样预防类癌危象") == ("embolization", "prevention")
    # In a conversation about embolization, the treatment need not be named.
    assert pick("does he need meds beforehand to stop a crisis", "embolization") == (
        "embolization",
        "prevention",
    )
    # Not named, not in focus (surgery has no such section): the general one;
    # and in a conversation about embolization, a question that names surgery.
    assert pick("how is a crisis prevented during an operation") == (
        "carcinoid_crisis",
        "prevention",
    )
    assert pick("how is a crisis prevented during an operation", "embolization") == (
        "carcinoid_crisis",
        "prevention",
    )


def test_what_about_someone_else_asks_the_same_part_again(kb):
    def pick(text, top=0.38):
        turn = Turn(
            text=text,
            topic="surgery_vs_iat",
            section="eligibility",
            ranking=_ranking(
                ("resection", "symptom_control", top),
                ("embolization", "outcomes", 0.06),
            ),
        )
        return choose(turn, kb)

    assert pick("有症状的呢") == ("surgery_vs_iat", "eligibility")
    assert pick("what about for people over 80?") == ("surgery_vs_iat", "eligibility")
    # Not a "what about ...?", or the model sure of another question: the
    # part the model reads, in the topic in focus.
    assert pick("do people with symptoms live longer") == ("surgery_vs_iat", "outcomes")
    assert pick("有症状的呢", top=0.9) == ("surgery_vs_iat", "outcomes")
    # "Why?" is not "the same, for someone else".
    assert pick("为什么呢") == ("surgery_vs_iat", "outcomes")


def test_a_detail_told_asks_the_same_part_again(kb):
    def pick(text, top=0.09):
        turn = Turn(
            text=text,
            topic="ablation",
            section="eligibility",
            ranking=_ranking(("ablation", "overview", top), ("glossary", "tare", 0.05)),
        )
        return choose(turn, kb)

    assert pick("my tumours are all quite small") == ("ablation", "eligibility")
    assert pick("我爸瘤子都很小，就两三个") == ("ablation", "eligibility")
    # A question, or a reading the model is sure of, is not a detail.
    assert pick("what is it exactly?") == ("ablation", "overview")
    assert pick("my tumours are all quite small", top=0.9) == ("ablation", "overview")


def test_a_term_of_the_topic_in_focus_asks_the_same_part(kb):
    turn = Turn(
        text="how about Y90",
        topic="embolization",
        section="risks",
        ranking=_ranking(
            ("embolization", "late_effects", 0.19), ("glossary", "tare", 0.13)
        ),
    )
    assert choose(turn, kb) == ("embolization", "risks")


def test_the_same_asked_in_so_many_words_is_the_same_part_whatever_the_model_reads(
    kb,
):
    # dev10: "does it hurt" -> risks of embolization, then this
    turn = Turn(
        text="is that the same for Y90?",
        topic="embolization",
        section="risks",
        ranking=_ranking(
            ("embolization", "types", 0.8), ("embolization", "risks", 0.1)
        ),
    )
    assert choose(turn, kb) == ("embolization", "risks")
    other = replace(turn, text="is that the same for surgery?")
    assert choose(other, kb) == ("resection", "risks")


def test_a_short_follow_up_naming_a_part_asks_that_part_of_the_topic_in_focus(kb):
    # dev10: "does it hurt" after what chemoembolization is, read as survival
    turn = Turn(
        text="does it hurt",
        topic="embolization",
        section="types",
        ranking=_ranking(
            ("embolization", "survival", 0.6), ("embolization", "risks", 0.1)
        ),
    )
    assert choose(turn, kb) == ("embolization", "risks")
    # a longer question is the model's to read
    longer = replace(turn, text="does it hurt more than the surgery would")
    assert choose(longer, kb) != ("embolization", "risks")


def test_another_word_just_after_a_word_is_that_word(kb):
    # dev10: "what does TACE stand for" then "and TARE?"
    turn = Turn(
        text="and TARE?",
        topic="glossary",
        section="tace",
        ranking=_ranking(("embolization", "types", 0.7), ("glossary", "tare", 0.2)),
    )
    assert choose(turn, kb) == ("glossary", "tare")
    # after a treatment's section, "and TARE?" is not a word asked
    after_topic = replace(turn, topic="embolization", section="risks")
    assert choose(after_topic, kb) != ("glossary", "tare")


def test_another_topic_without_that_part_gets_its_section_on_the_subject(kb):
    # Embolization's section on preventing a crisis narrows the crisis topic's.
    def pick(text):
        turn = Turn(
            text=text,
            topic="carcinoid_crisis",
            section="triggers",
            ranking=_ranking(
                ("embolization", "eligibility", 0.39), ("glossary", "embolization", 0.3)
            ),
        )
        return choose(turn, kb)

    assert pick("what about during embolisation?") == ("embolization", "prevention")
    assert pick("做栓塞的时候也容易发生吗") == ("embolization", "prevention")
    # No such section: the overview, as before.
    turn = Turn(
        text="what about transplant?",
        topic="carcinoid_crisis",
        section="triggers",
        ranking=_ranking(("transplant", "risks", 0.3)),
    )
    assert choose(turn, kb) == ("transplant", "overview")


def test_a_term_in_the_section_just_read_gets_the_word(kb):
    def pick(section):
        turn = Turn(
            text="PRRT又是什么",
            topic="other_treatments",
            section=section,
            ranking=_ranking(
                ("glossary", "prrt", 0.9),
                ("other_treatments", "prrt", 0.02),
            ),
        )
        return choose(turn, kb)

    assert pick("prrt") == ("glossary", "prrt")
    # From elsewhere, the section that explains it in full.
    assert pick("overview") == ("other_treatments", "prrt")


def test_a_term_a_section_covers_in_part_gets_the_word(kb):
    # The section on hormone-making tumours covers carcinoid syndrome as part
    # of a wider subject: "what is carcinoid syndrome?" gets the word.
    turn = Turn(
        text="what is carcinoid syndrome",
        ranking=_ranking(
            ("glossary", "carcinoid_syndrome", 0.5),
            ("nets_basics", "functioning", 0.4),
        ),
    )
    assert choose(turn, kb) == ("glossary", "carcinoid_syndrome")


def test_after_a_word_explained_the_focus_is_the_topic_behind_it(kb):
    # A term explained in a topic's section, or named by a topic's words: that
    # topic; otherwise the last topic read in the conversation.
    def focus(section, viewed=()):
        turn = Turn(topic="glossary", section=section, slots={"viewed": list(viewed)})
        return in_focus(turn, kb)

    assert focus("carcinoid_syndrome") == "nets_basics"
    assert focus("meld", ["transplant/availability", "glossary/meld"]) == "transplant"
    assert focus("meld") is None
    assert focus("overview", ["ablation/risks", "glossary/overview"]) == "ablation"


def test_a_follow_up_after_a_word_stays_with_the_topic(kb):
    turn = Turn(
        text="那我该问医生什么",
        topic="glossary",
        section="meld",
        slots={"viewed": ["transplant/availability", "glossary/meld"]},
        ranking=_ranking(
            ("carcinoid_crisis", "questions", 0.3), ("transplant", "questions", 0.2)
        ),
    )
    assert choose(turn, kb) == ("transplant", "questions")


def test_what_about_another_topic_naming_another_part_asks_that_part(kb):
    turn = Turn(
        text="what about ablation's risks then",
        topic="resection",
        section="eligibility",
        ranking=_ranking(("ablation", "eligibility", 0.5), ("ablation", "risks", 0.4)),
    )
    assert choose(turn, kb) == ("ablation", "risks")


@pytest.mark.parametrize(
    "text",
    ["and after a transplant?", "ok and for embolisation?", "so what about TACE"],
)
def test_more_ways_to_ask_the_same_part(text):
    assert asks_same_part(text)


def test_a_word_in_the_section_just_read_is_explained_not_repeated(kb):
    turn = Turn(
        text="what's an MDT exactly?",
        topic="nets_basics",
        section="team",
        ranking=_ranking(("nets_basics", "team", 0.6), ("glossary", "mdt", 0.3)),
    )
    assert choose(turn, kb) == ("glossary", "mdt")


def test_a_word_named_in_another_question_about_the_same_part_is_not_explained(kb):
    turn = Turn(
        text="我妈肺上也有转移，还能做吗",
        topic="embolization",
        section="eligibility",
        ranking=_ranking(("embolization", "eligibility", 0.6)),
    )
    assert choose(turn, kb) == ("embolization", "eligibility")


def test_the_same_part_asked_again_by_name_is_not_the_word(kb):
    turn = Turn(
        text="What are the risks of TACE?",
        topic="embolization",
        section="risks",
        ranking=_ranking(("embolization", "risks", 0.8), ("glossary", "tace", 0.1)),
    )
    assert choose(turn, kb) == ("embolization", "risks")


def test_too_without_a_question_is_not_the_same_part():
    assert not asks_same_part("I read about it online too")


def test_how_long_people_live_moves_to_a_topics_own_survival_section(kb):
    turn = Turn(
        text="and with embolisation?",
        topic="transplant",
        section="outcomes",
        ranking=_ranking(("embolization", "outcomes", 0.6)),
    )
    assert choose(turn, kb) == ("embolization", "survival")
    # A word of the glossary is the word: "fibrosis?" after who it is for.
    glossary = replace(
        turn,
        text="fibrosis?",
        section="eligibility",
        ranking=_ranking(
            ("glossary", "cirrhosis", 0.5), ("embolization", "late_effects", 0.2)
        ),
    )
    assert choose(glossary, kb)[0] == "glossary"
    # a part that is not about survival moves to the same part
    risks = replace(turn, section="risks", ranking=_ranking(("ablation", "risks", 0.6)))
    assert choose(risks, kb) == ("embolization", "risks")


def test_a_meaning_asked_just_after_the_section_that_explains_it_gets_the_word(kb):
    turn = Turn(
        text="what does PRRT stand for",
        topic="other_treatments",
        section="prrt",
        ranking=_ranking(("other_treatments", "prrt", 0.8)),
    )
    assert choose(turn, kb) == ("glossary", "prrt")
    # ... while another section of that topic is in focus: its section
    elsewhere = replace(turn, section="overview")
    assert choose(elsewhere, kb) == ("other_treatments", "prrt")


@pytest.mark.parametrize(
    ("text", "section", "want"),
    [
        ("跟开刀比呢", "survival", ("surgery_vs_iat", "outcomes")),
        ("同開刀比邊樣好啲", "eligibility", ("surgery_vs_iat", "outcomes")),
        (
            "how does that compare with surgery?",
            "outcomes",
            ("surgery_vs_iat", "outcomes"),
        ),
        # The part it names, when the study has it.
        (
            "compared with surgery, which patients were in it?",
            "outcomes",
            ("surgery_vs_iat", "eligibility"),
        ),
    ],
)
def test_comparing_the_topic_in_focus_with_another_gets_the_study(
    kb, text, section, want
):
    turn = Turn(
        text=text,
        topic="embolization",
        section=section,
        ranking=_ranking(("resection", "outcomes", 0.5), ("resection", "risks", 0.2)),
    )
    assert choose(turn, kb) == want


@pytest.mark.parametrize(
    ("text", "focus", "section"),
    [
        # No comparison asked: 比较 as "rather", 比率, 比 as "give" in Cantonese,
        # "worse" or "better" with no "than".
        ("开刀风险比较大吗", "embolization", "outcomes"),
        ("开刀的死亡比率高吗？", "embolization", "outcomes"),
        ("開刀之前要比啲咩報告醫生睇？", "embolization", "outcomes"),
        (
            "his scan is worse since the surgery, has it come back?",
            "embolization",
            "outcomes",
        ),
        (
            "Compared to last year his tumours are bigger, can he still have surgery?",
            "embolization",
            "outcomes",
        ),
        # Within one treatment, or with a third one.
        ("TACE vs TAE?", "resection", "eligibility"),
        ("would Y-90 be better for her than TACE?", "resection", "eligibility"),
        ("how does surgery compare with PRRT?", "embolization", "outcomes"),
        # After the risks: the table or the named treatment's risks, not the study.
        ("跟开刀比呢", "embolization", "risks"),
        ("how does that compare with surgery?", "embolization", "risks"),
        # Nothing in focus, or a treatment no study compares with surgery.
        ("跟开刀比呢", None, None),
        ("跟开刀比呢", "ablation", "outcomes"),
    ],
)
def test_no_comparison_no_study(kb, text, focus, section):
    ranking = _ranking(("resection", "risks", 0.6), ("resection", "outcomes", 0.2))
    turn = Turn(text=text, topic=focus, section=section, ranking=ranking)
    assert comparison_asked(turn, kb) is None
    assert choose(turn, kb)[0] != "surgery_vs_iat"


def test_a_follow_up_of_a_word_or_two_naming_a_part_gets_that_part(kb):
    turn = Turn(
        text="survival?",
        topic="embolization",
        section="outcomes",
        ranking=_ranking(
            ("surgery_vs_iat", "outcomes", 0.29), ("embolization", "survival", 0.09)
        ),
    )
    assert choose(turn, kb) == ("embolization", "survival")
    assert choose(replace(turn, text="多久见效", section="risks"), kb) == (
        "embolization",
        "outcomes",
    )


@pytest.mark.parametrize(
    "text",
    [
        "我公公80岁了，肝上多发转移，医生说不能手术，建议做介入栓塞，像他这个年纪还能做吗？",
        "我媽唔可以開刀，肝外都有少少，佢適唔適合做栓塞",
        "surgery is off the table for my dad, could he have embolisation?",
        "he can't have an operation, is TACE suitable for him",
    ],
)
def test_a_treatment_ruled_out_is_not_the_topic_asked(kb, text):
    ranking = _ranking(
        ("resection", "eligibility", 0.6), ("embolization", "eligibility", 0.3)
    )
    assert choose(Turn(text=text, ranking=ranking), kb) == (
        "embolization",
        "eligibility",
    )


def test_a_treatment_named_as_possible_is_still_the_topic(kb):
    ranking = _ranking(
        ("embolization", "eligibility", 0.6), ("resection", "eligibility", 0.3)
    )
    turn = Turn(text="can my dad have surgery or only embolisation?", ranking=ranking)
    assert choose(turn, kb)[0] == "embolization"
    turn = Turn(text="手术能做吗", ranking=ranking)
    assert choose(turn, kb) == ("resection", "eligibility")


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("效果維持幾耐", "symptom_control"),
        ("效果能维持多久", "symptom_control"),
        ("how long does the relief last?", "symptom_control"),
        ("管多久", "outcomes"),
    ],
)
def test_how_long_it_lasts_asks_the_results_in_focus_again(kb, text, section):
    ranking = _ranking(("resection", "outcomes", 0.6), ("resection", "recurrence", 0.2))
    turn = Turn(text=text, topic="resection", section=section, ranking=ranking)
    assert choose(turn, kb) == ("resection", section)


def test_how_long_it_lasts_after_another_part_is_the_models_reading(kb):
    ranking = _ranking(("resection", "outcomes", 0.6), ("resection", "recurrence", 0.2))
    turn = Turn(
        text="效果能维持多久", topic="resection", section="risks", ranking=ranking
    )
    assert choose(turn, kb) == ("resection", "outcomes")
    turn = replace(turn, text="how long do people live", section="symptom_control")
    assert choose(turn, kb) == ("resection", "outcomes")


@pytest.mark.parametrize(
    "text",
    [
        "why is surgery not an option for him?",
        "为什么不能手术",
        "點解唔可以做手術？",
        "他还能不能做手术？",
        "可唔可以做手術？",
        "哪些人不能手术",
    ],
)
def test_surgery_asked_about_stays_the_topic(kb, text):
    ranking = _ranking(
        ("resection", "eligibility", 0.6), ("embolization", "eligibility", 0.2)
    )
    turn = Turn(text=text, topic="embolization", section="outcomes", ranking=ranking)
    assert choose(turn, kb) == ("resection", "eligibility")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("副作用会持续多久？", ("embolization", "risks")),  # a part named
        ("他还能撑多久", ("embolization", "survival")),
        ("引流管多久可以拔", ("embolization", "risks")),
        ("发烧一般持续多久", ("embolization", "risks")),  # the model is sure
    ],
)
def test_how_long_something_else_lasts_is_the_models_reading(kb, text, want):
    ranking = _ranking((*want, 0.6), ("embolization", "outcomes", 0.2))
    turn = Turn(text=text, topic="embolization", section="outcomes", ranking=ranking)
    assert choose(turn, kb) == want
