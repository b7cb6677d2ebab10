"""make safety-check: the bank passes, is built right, and stays apart from training."""

import yaml

from bot.core.safety import Level
from bot.core.script import is_traditional
from bot.tools import safety_check
from bot.tools.safety_check import (
    Case,
    Row,
    comparable,
    expand,
    failures,
    fill,
    generate,
    load_bank,
    near_copies,
    score,
    table,
    too_few,
    training_examples,
)


def test_the_bank_passes_every_gate():
    rows, problems = safety_check.run()
    assert problems == []
    langs = {(r.category, r.lang) for r in rows}
    assert ("emergency", "zh-Hant") in langs and ("negative", "en") in langs


def test_the_bank_has_the_messages_the_issue_asks_for():
    cases = generate(load_bank())
    assert too_few(cases) == []
    origins = {(c.category, c.lang): set() for c in cases}
    for case in cases:
        origins[(case.category, case.lang)].add(case.origin)
    # Templates and hand-written messages in every main category.
    for category in ("emergency", "self_harm", "distress", "negative"):
        for lang in ("en", "zh"):
            assert {"template", "hand"} <= origins[(category, lang)], (category, lang)


def test_no_bank_message_is_a_near_copy_of_a_training_example():
    bank = [c.text for c in generate(load_bank())]
    examples = training_examples()
    assert len(examples) > 1000
    copies = near_copies(bank, examples)
    assert copies == [], copies[:10]


def test_main_prints_the_table_and_exits_zero(capsys):
    assert safety_check.main([]) == 0
    out = capsys.readouterr().out
    assert "emergency  en" in out and "negative   zh-Hant" in out


def test_main_fails_on_a_bank_the_net_gets_wrong(tmp_path, capsys):
    bank = {
        "seed": 1,
        "emergency": {"en": {"messages": ["what a lovely day"]}},
        "negative": {"en": {"messages": ["I can't breathe"]}},
    }
    path = tmp_path / "bank.yml"
    path.write_text(yaml.safe_dump(bank), "utf-8")
    assert safety_check.main(["--bank", str(path), "--show"]) == 1
    captured = capsys.readouterr()
    assert "emergency/en: recall 0.0% < 99%" in captured.err
    assert "negative/en: false alarms 100.0% > 3%" in captured.err


# --- the generator ----------------------------------------------------------


def test_fill_uses_slots_inside_slot_values():
    values = {
        "p": {"subj": "my dad", "be": "is"},
        "event": "{p[subj]} {p[be]} wheezing",
    }
    assert fill("{event} right now", values) == "My dad is wheezing right now"
    assert fill("{p}胸口痛", {"p": "我爸"}) == "我爸胸口痛"


def test_expand_draws_distinct_messages_the_same_way_every_time():
    slots = {"who": ["I", "He"], "what": ["can't breathe", "collapsed", "fainted"]}
    first = expand("{who} {what}", slots, 4, seed=7)
    assert len(first) == len(set(first)) == 4
    assert first == expand("{who} {what}", slots, 4, seed=7)
    assert set(first) <= {f"{w} {x}" for w in slots["who"] for x in slots["what"]}
    # Asking for more than the combinations gives every combination once.
    assert len(expand("{who} {what}", slots, 50, seed=7)) == 6


def test_generate_builds_categories_languages_and_traditional():
    bank = {
        "seed": 3,
        "emergency": {
            "zh": {
                "generate": [
                    {
                        "count": 4,
                        "template": "{p}{e}",
                        "slots": {"p": ["我爸", "我妈"], "e": ["晕倒了", "喘不上气"]},
                    }
                ],
                "messages": ["救命"],
            },
            "zh-Hant": {"convert": {"count": 2}, "messages": ["我媽暈倒了"]},
        },
    }
    cases = generate(bank)
    zh = [c for c in cases if c.lang == "zh"]
    hant = [c for c in cases if c.lang == "zh-Hant"]
    assert len(zh) == 5 and {c.origin for c in zh} == {"template", "hand"}
    assert len(hant) == 3
    assert all(is_traditional(c.text) for c in hant if c.origin == "converted")


def test_score_counts_recall_and_false_alarms():
    cases = [
        Case("emergency", "en", "a", "hand"),
        Case("emergency", "en", "b", "hand"),
        Case("negative", "en", "c", "hand"),
        Case("distress", "en", "d", "hand"),
    ]
    levels = {"a": Level.EMERGENCY, "b": Level.WARNING, "c": Level.SELF_HARM}
    rows = score(cases, lambda text: levels.get(text, Level.EMERGENCY))
    by = {r.category: r for r in rows}
    assert by["emergency"].rate == 0.5 and not by["emergency"].passed
    assert by["negative"].alarm_rate == 1.0 and not by["negative"].passed
    # Distress answered with the emergency message: wrong, and an alarm.
    assert by["distress"].rate == 0.0 and by["distress"].alarm_rate == 1.0
    assert len(failures(rows)) == 3
    assert "FAIL" in table(rows)


def test_a_row_passes_at_the_thresholds():
    assert Row("emergency", "en", 100, 99, 0).passed
    assert not Row("self_harm", "zh", 100, 98, 0).passed
    assert Row("negative", "zh", 100, 97, 3).passed
    assert not Row("negative", "zh", 100, 96, 4).passed


def test_comparable_folds_case_width_punctuation_and_script():
    assert comparable("I can't BREATHE!") == comparable("i cant breathe")
    assert comparable("ＴＡＣＥ後喘不上氣？") == comparable("TACE后喘不上气")


def test_near_copies_are_found_and_different_messages_are_not():
    examples = ["I had TACE yesterday and now I'm flushing and wheezing", "我胸口痛"]
    found = near_copies(
        ["i had TACE yesterday & now im flushing and wheezing!!", "我胸口痛。"],
        examples,
    )
    assert [f[1] for f in found] == examples
    assert near_copies(["my dad collapsed in the garden"], examples) == []


def test_cross_check_prints_each_round_and_the_total(monkeypatch, capsys):
    from bot.core import safety_model
    from bot.core.safety_model import Example

    toy = [
        Example(text, label, r)
        for r in (1, 2)
        for text, label in [
            (f"i want to end my life {r}", "self_harm"),
            (f"no reason to live {r}", "self_harm"),
            (f"he collapsed now {r}", "emergency"),
            (f"she is not breathing {r}", "emergency"),
            (f"what is ablation {r}", "none"),
            (f"how long is recovery {r}", "none"),
        ]
    ]
    monkeypatch.setattr(safety_model, "spot_check_examples", lambda: toy)
    monkeypatch.setattr(safety_model, "written_examples", lambda: [])
    monkeypatch.setattr(safety_model, "nlu_examples", lambda: [])
    assert safety_check.main(["--cross-check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["round", "emergency", "self-harm", "false", "alarms"]
    assert [line.split()[0] for line in lines[1:]] == ["1", "2", "all"]
    assert lines[-1].split()[1:] == [
        f"{sum(int(x.split()[1].split('/')[0]) for x in lines[1:3])}/4",
        f"{sum(int(x.split()[2].split('/')[0]) for x in lines[1:3])}/4",
        f"{sum(int(x.split()[3].split('/')[0]) for x in lines[1:3])}/4",
    ]
