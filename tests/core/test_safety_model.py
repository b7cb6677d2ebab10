"""The learned scorer: what it learns from, how it is measured, how it joins rules."""

import pytest
import yaml

from bot import settings
from bot.core import safety_model
from bot.core.safety import Level, assess, assess_rules, load_lexicon, normalise
from bot.core.safety_model import (
    CLASSES,
    Example,
    alarm,
    cross_check,
    nlu_examples,
    spot_check_examples,
    train,
    written_examples,
)

TOY = [
    *(
        Example(t, "self_harm", 1)
        for t in ["i want to end my life", "no reason to live"]
    ),
    *(
        Example(t, "self_harm", 2)
        for t in ["i want to end it all", "no reason to go on"]
    ),
    *(Example(t, "emergency", 1) for t in ["he collapsed now", "she is not breathing"]),
    *(
        Example(t, "emergency", 2)
        for t in ["he collapsed on the floor", "not breathing"]
    ),
    *(Example(t, "none", 1) for t in ["what is ablation", "how long is recovery"]),
    *(Example(t, "none", 2) for t in ["what is TACE", "how long is the wait"]),
]


def test_the_spot_check_examples_are_labelled_and_numbered_by_round():
    examples = spot_check_examples()
    assert len(examples) > 2000
    assert {e.label for e in examples} == set(CLASSES)
    assert all(e.round > 0 and e.text.strip() for e in examples)
    # Every round keeps its ordinary messages: they teach what is not an alarm.
    for r in {e.round for e in examples}:
        assert any(e.label == "none" and e.round == r for e in examples), r


def test_the_written_examples_are_mostly_hard_negatives():
    written = written_examples()
    assert len(written) > 500
    assert all(e.round == 0 for e in written)
    labels = [e.label for e in written]
    assert labels.count("none") > labels.count("self_harm") > 0


def test_nlu_examples_take_the_class_of_their_intent(tmp_path):
    (tmp_path / "a.yml").write_text(
        yaml.safe_dump(
            {
                "nlu": [
                    {"intent": "self_harm", "examples": "- i want to die\n"},
                    {"intent": "report_emergency", "examples": "- he collapsed\n"},
                    {
                        "intent": "ask/ablation__risks",
                        "examples": "- is [RFA](t) safe\n",
                    },
                    {"synonym": "rfa", "examples": "- RFA\n"},
                ]
            }
        ),
        "utf-8",
    )
    assert nlu_examples(tmp_path) == [
        Example("i want to die", "self_harm"),
        Example("he collapsed", "emergency"),
        Example("is RFA safe", "none"),
    ]


def test_a_trained_scorer_gives_a_probability_per_class():
    scorer = train(TOY, str.lower)
    scores = scorer.scores("I want to end my life")
    assert set(scores) == set(CLASSES)
    assert sum(scores.values()) == pytest.approx(1.0)
    assert max(scores, key=scores.get) == "self_harm"
    ordinary = scorer.scores("what is the recovery")
    assert max(ordinary, key=ordinary.get) == "none"
    assert scorer.score_all(["a", "b"])[1] == scorer.scores("b")


def test_alarm_needs_the_threshold_and_puts_self_harm_first():
    scores = {"self_harm": 0.6, "emergency": 0.8, "none": 0.1}
    assert alarm(scores, {"self_harm": 0.55, "emergency": 0.7}) == "self_harm"
    assert alarm(scores, {"self_harm": 0.65, "emergency": 0.7}) == "emergency"
    assert alarm(scores, {"self_harm": 0.65, "emergency": 0.9}) is None
    assert alarm(scores, {}) is None


def test_cross_check_scores_each_round_with_it_left_out():
    rows = cross_check(TOY, [], str.lower, {"self_harm": 0.4, "emergency": 0.4})
    assert [r.round for r in rows] == [1, 2]
    for row in rows:
        assert row.caught["self_harm"][1] == 2 and row.caught["emergency"][1] == 2
        assert row.false_alarms[1] == 2
    assert (
        cross_check(TOY, [], str.lower, {}, rounds=[2])[0].caught["self_harm"][0] == 0
    )


def test_the_scorer_generalises_to_the_latest_round_it_has_not_seen():
    """Trained without the latest spot-check round, it is scored on that round.

    Alone (no rule net), it must catch most of its emergencies and self-harm
    and alarm on at most 3% of its ordinary messages.
    """
    examples = spot_check_examples()
    latest = max(e.round for e in examples)
    extra = [*written_examples(), *nlu_examples()]
    (row,) = cross_check(
        examples, extra, normalise, load_lexicon().learned, rounds=[latest]
    )
    for label in ("emergency", "self_harm"):
        caught, total = row.caught[label]
        assert total and caught / total >= 0.85, (label, row)
    alarms, ordinary = row.false_alarms
    assert ordinary and alarms / ordinary <= 0.03, row


def test_the_learned_scorer_adds_an_alarm_the_phrases_miss(monkeypatch):
    text = "the plan is set for friday night"
    assert assess_rules(text).level is Level.NONE

    class Sure:
        def scores(self, _text):
            return {"self_harm": 0.97, "emergency": 0.01, "none": 0.02}

    monkeypatch.setattr(safety_model, "scorer", lambda: Sure())
    found = assess(text)
    assert found.level is Level.SELF_HARM and found.learned
    assert "learned:self_harm" in found.matched


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I have no chest pain and I'm not flushing", Level.NONE),  # denied
        ("my blood pressure is 120/80 after TACE", Level.NONE),  # a reading in limits
        ("my mum won't wake up", Level.EMERGENCY),  # an alarm is not swapped
    ],
)
def test_the_learned_scorer_does_not_overrule_what_the_rules_read(
    monkeypatch, text, level
):
    class Alarmed:
        def scores(self, _text):
            return {"self_harm": 0.0, "emergency": 0.99, "none": 0.01}

    monkeypatch.setattr(safety_model, "scorer", lambda: Alarmed())
    assert assess(text).level is level


def test_over_a_question_about_a_symptom_an_emergency_needs_more(monkeypatch):
    text = "what is flushing?"
    assert assess_rules(text).level is Level.WARNING
    limits = load_lexicon().learned
    assert limits["emergency"] < limits["emergency_over_reading"]

    def scoring(label, score):
        class Fixed:
            def scores(self, _text):
                return {"self_harm": 0.0, "emergency": 0.0, "none": 0.0, label: score}

        monkeypatch.setattr(safety_model, "scorer", lambda: Fixed())

    between = (limits["emergency"] + limits["emergency_over_reading"]) / 2
    scoring("emergency", between)
    assert assess(text).level is Level.WARNING
    assert assess("my dad had TACE last week, is he ok?").level is Level.EMERGENCY
    scoring("emergency", limits["emergency_over_reading"])
    assert assess(text).level is Level.EMERGENCY
    scoring("self_harm", limits["self_harm"])
    assert assess(text).level is Level.SELF_HARM


def test_without_thresholds_the_scorer_is_off(tmp_path, monkeypatch):
    raw = yaml.safe_load((settings.DATA_DIR / "safety.yml").read_text("utf-8"))
    del raw["learned"]
    path = tmp_path / "safety.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    lex = load_lexicon(str(path))
    assert lex.learned == {}

    class Alarmed:
        def scores(self, _text):
            return {"self_harm": 0.99, "emergency": 0.99, "none": 0.0}

    monkeypatch.setattr(safety_model, "scorer", lambda: Alarmed())
    assert assess("the plan is set for friday night", lex).level is Level.NONE
    assert assess("the plan is set for friday night").level is Level.SELF_HARM


def test_the_scorer_is_trained_once_kept_in_var_and_loaded_next_time(
    monkeypatch, tmp_path
):
    trained = []

    def fake_train(examples, preprocess, c=safety_model.C):
        trained.append(len(examples))
        return safety_model.Scorer(_Fitted())

    monkeypatch.setattr(settings, "VAR_DIR", tmp_path)
    monkeypatch.setattr(safety_model, "_TRAINED", [])
    monkeypatch.setattr(safety_model, "train", fake_train)
    safety_model.warm().join(timeout=60)
    first = safety_model.scorer()
    assert safety_model.scorer() is first
    assert len(trained) == 1 and trained[0] > 2000
    kept = list(tmp_path.glob("safety-scorer-*.pickle"))
    assert kept == [safety_model.cache_path()]
    # The next process loads it instead of training.
    monkeypatch.setattr(safety_model, "_TRAINED", [])
    assert safety_model.scorer().scores("x") == first.scores("x")
    assert len(trained) == 1
    # Other inputs, another file; the old one goes.
    monkeypatch.setattr(safety_model, "CACHE_VERSION", safety_model.CACHE_VERSION + 1)
    monkeypatch.setattr(safety_model, "_TRAINED", [])
    safety_model.scorer()
    assert len(trained) == 2
    assert list(tmp_path.glob("safety-scorer-*.pickle")) == [safety_model.cache_path()]


class _Fitted:
    """A stand-in for a fitted scikit-learn pipeline (picklable, fast)."""

    classes_ = ("emergency", "self_harm", "none")

    def predict_proba(self, texts):
        return [[0.1, 0.2, 0.7] for _ in texts]


def test_over_distress_only_a_sure_emergency_is_added(monkeypatch):
    text = "I'm so scared of the operation"
    assert assess_rules(text).level is Level.DISTRESS
    limits = load_lexicon().learned

    def scoring(label, score):
        class Fixed:
            def scores(self, _text):
                return {"self_harm": 0.0, "emergency": 0.0, "none": 0.0, label: score}

        monkeypatch.setattr(safety_model, "scorer", lambda: Fixed())

    scoring("self_harm", 0.99)
    assert assess(text).level is Level.DISTRESS
    scoring("emergency", limits["emergency"])
    assert assess(text).level is Level.DISTRESS
    scoring("emergency", limits["emergency_over_reading"])
    assert assess(text).level is Level.EMERGENCY


def test_the_phrases_still_answer_when_the_scorer_fails(monkeypatch):
    def broken():
        raise RuntimeError("no scorer")

    monkeypatch.setattr(safety_model, "scorer", broken)
    assert assess("my dad collapsed and is not breathing").level is Level.EMERGENCY
    assert assess("what is ablation?").level is Level.NONE


@pytest.mark.parametrize(
    ("whole", "blanked", "level"),
    [
        (0.95, 0.85, Level.SELF_HARM),
        (0.95, 0.5, Level.DISTRESS),  # the distress words alone made it sure
        (0.85, 0.95, Level.DISTRESS),  # not sure enough of the whole message
    ],
)
def test_self_harm_over_distress_needs_the_scorer_sure_with_and_without_it(
    monkeypatch, whole, blanked, level
):
    text = "命该如此，老天要收我，我不如自己先走一步，省得拖累一家人。"
    assert assess_rules(text).level is Level.DISTRESS
    seen = []

    class Fixed:
        def scores(self, scored):
            seen.append(scored)
            score = whole if scored == text else blanked
            return {"self_harm": score, "emergency": 0.0, "none": 1 - score}

    monkeypatch.setattr(safety_model, "scorer", lambda: Fixed())
    assert assess(text).level is level
    if whole >= load_lexicon().learned["self_harm_over_distress"]:
        # read without the distress words (拖累 among them), the rest kept
        assert "拖累" not in seen[-1] and "先走一步" in seen[-1]
    # never over a question, nor without a word of being a burden
    assert assess(text.replace("。", "，对吗？")).level is not Level.SELF_HARM
    assert (
        assess("命该如此，我撑不下去了，我不如自己先走一步").level
        is not Level.SELF_HARM
    )
