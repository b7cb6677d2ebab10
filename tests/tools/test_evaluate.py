from bot.core.dialogue import ui_text
from bot.tools.evaluate import (
    OUT_OF_SCOPE,
    Result,
    accuracy,
    answered,
    evaluate,
    evaluate_out_of_scope,
    heading_index,
    load_out_of_scope,
    passed,
    report,
)


def test_headings_in_both_languages_name_topic_and_section(kb):
    index = heading_index(kb)
    assert answered(["**Carcinoid crisis — Symptoms**\n\n..."], "en", index) == (
        "carcinoid_crisis",
        "symptoms",
    )
    assert answered(["greeting", "**类癌危象 — 症状**\n\n..."], "zh", index) == (
        "carcinoid_crisis",
        "symptoms",
    )
    assert answered(["no heading here"], "en", index) is None


def test_evaluate_scores_per_language(kb):
    replies = {
        "what are the signs?": ["**Carcinoid crisis — Symptoms**"],
        "有什么症状？": ["**类癌危象 — 风险**"],
    }
    questions = [
        {
            "text": "what are the signs?",
            "topic": "carcinoid_crisis",
            "section": "symptoms",
        },
        {"text": "有什么症状？", "topic": "carcinoid_crisis", "section": "symptoms"},
    ]
    results = evaluate(lambda text: replies[text], kb, questions)
    assert accuracy(results) == {"en": (1, 1), "zh": (0, 1)}
    assert not passed(results)


def test_pass_needs_every_language_at_target():
    ok = Result("q", "en", ("a", "b"), ("a", "b"))
    assert passed([ok] * 19 + [Result("q", "en", ("a", "b"), None)])
    assert not passed([ok] * 18 + [Result("q", "en", ("a", "b"), None)] * 2)


def test_out_of_scope_is_right_only_when_declined_in_its_language(kb):
    replies = {
        "book me a taxi": ["Hi, I'm NELM Guide.", ui_text("out_of_scope", "en")],
        "what's on the radio": [ui_text("fallback", "en")],
        "recommend a film": [
            "**Which treatment is right for me? — What decides the choice**"
        ],
        "cook rice": [ui_text("which_topic", "en")],
        "讲个笑话": [ui_text("out_of_scope", "zh")],
        "股票会涨吗": [ui_text("out_of_scope", "en")],  # right words, wrong language
    }
    results = evaluate_out_of_scope(lambda text: replies[text], kb, list(replies))
    assert [r.correct for r in results] == [True, True, False, False, True, False]
    assert results[2].got == ("choosing", "overview")
    assert results[3].got[0] == "reply"
    assert accuracy(results) == {"en": (2, 4), "zh": (1, 2)}
    assert "expected out_of_scope/declined" in report(results)


def test_dev_set_has_out_of_scope_questions_in_both_languages():
    results = [Result(q, "", OUT_OF_SCOPE, None) for q in load_out_of_scope()]
    chinese = [r for r in results if any("\u4e00" <= c <= "\u9fff" for c in r.text)]
    assert 15 <= len(chinese) and 15 <= len(results) - len(chinese)
