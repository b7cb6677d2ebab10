from bot.evaluate import Result, accuracy, answered, evaluate, heading_index, passed


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
