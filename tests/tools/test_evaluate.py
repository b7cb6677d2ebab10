from bot.tools.evaluate import (
    Case,
    Expect,
    accuracy,
    below_floor,
    evaluate,
    judge,
    load_cases,
    reply_data,
    report,
    script_of,
)


def _data(kind, lang, topic=None, section=None):
    data = {"kind": kind, "language": lang}
    if topic:
        data.update(topic=topic, section=section)
    return [{"recipient_id": "x", "text": "..."}, {"custom": {"nelm": data}}]


def test_reply_data_is_read_from_the_custom_message():
    assert reply_data(_data("explain_topic", "en", "ablation", "risks")) == {
        "kind": "explain_topic",
        "language": "en",
        "topic": "ablation",
        "section": "risks",
    }
    assert reply_data([{"text": "**Ablation — Risks**"}]) is None


def test_scripts():
    assert script_of("what is TACE") == "en"
    assert script_of("TACE 是什么") == "zh-Hans"
    assert script_of("有什麼風險？") == "zh-Hant"


def test_judge_needs_section_and_language():
    expect = Expect("有什麼風險？", "zh-Hant", "ablation", "risks")
    right = {"kind": "explain_topic", "language": "zh-Hant"}
    assert judge(expect, {**right, "topic": "ablation", "section": "risks"})
    assert not judge(expect, {**right, "topic": "resection", "section": "risks"})
    simplified = {**right, "language": "zh", "topic": "ablation", "section": "risks"}
    assert not judge(expect, simplified)
    declined = Expect("book me a taxi", "en")
    assert judge(declined, {"kind": "out_of_scope", "language": "en"})
    assert not judge(declined, {"kind": "explain_topic", "language": "en"})
    assert not judge(expect, None)


def test_groups_floors_and_follow_ups_need_every_turn():
    cases = [
        Case("test:en", (Expect("risks of RFA?", "en", "ablation", "risks"),)),
        Case("test:en", (Expect("RFA?", "en", "ablation", "overview"),)),
        Case(
            "test:follow_ups",
            (
                Expect("what is RFA", "en", "ablation", "overview"),
                Expect("and the risks?", "en", "ablation", "risks"),
            ),
        ),
    ]
    answers = {
        "risks of RFA?": _data("explain_topic", "en", "ablation", "risks"),
        "RFA?": _data("explain_topic", "en", "ablation", "risks"),
        "what is RFA": _data("explain_topic", "en", "ablation", "overview"),
        "and the risks?": _data("explain_topic", "en", "resection", "risks"),
    }
    results = evaluate(lambda texts: [answers[t] for t in texts], cases)
    assert accuracy(results) == {"test:en": (1, 2), "test:follow_ups": (0, 1)}
    floors = {"test:en": 0.5, "test:follow_ups": 0.9}
    assert below_floor(results, floors) == [("test:follow_ups", 0.0, 0.9)]
    assert "test:en" in report(results, floors)


def test_conversations_held_at_once_come_back_in_order_with_their_own_turns():
    import random
    import threading
    import time

    cases = [
        Case(
            "test:follow_ups",
            (
                Expect(f"what is RFA {i}", "en", "ablation", "overview"),
                Expect(f"and the risks {i}?", "en", "ablation", "risks"),
            ),
        )
        for i in range(40)
    ]
    busy, most = [0], [0]
    lock = threading.Lock()

    def converse(texts):
        with lock:
            busy[0] += 1
            most[0] = max(most[0], busy[0])
        time.sleep(random.uniform(0, 0.005))
        # a case's turns arrive together, in order: the second is right only
        # after the first of the same conversation
        replies = [
            _data("explain_topic", "en", "ablation", "overview"),
            _data("explain_topic", "en", "ablation", "risks"),
        ]
        ok = texts[0].endswith(texts[1].split()[-1].rstrip("?"))
        with lock:
            busy[0] -= 1
        return replies if ok else replies[::-1]

    one = evaluate(converse, cases)
    four = evaluate(converse, cases, workers=4)
    assert [r.case for r in four] == cases
    assert accuracy(four) == accuracy(one) == {"test:follow_ups": (40, 40)}
    assert most[0] > 1


def test_the_sets_load_with_every_group(kb):
    groups = {c.group for c in load_cases("test")}
    assert groups == {
        "test:en",
        "test:zh-Hans",
        "test:zh-Hant",
        "test:follow_ups",
        "test:out_of_scope",
    }
    for case in load_cases("test") + load_cases("dev"):
        for turn in case.turns:
            assert turn.topic is None or kb.section(turn.topic, turn.section), turn


def test_a_follow_up_written_alike_in_both_scripts_keeps_the_conversations(tmp_path):
    path = tmp_path / "set.yml"
    path.write_text(
        "follow_ups:\n"
        "  - turns:\n"
        "      - {text: '消融適合什麼人', topic: ablation, section: eligibility}\n"
        "      - {text: '那栓塞呢', topic: embolization, section: eligibility}\n"
        "  - turns:\n"
        "      - {text: '那栓塞呢', topic: embolization, section: overview}\n",
        "utf-8",
    )
    first, second = load_cases("x", path)
    assert [t.lang for t in first.turns] == ["zh-Hant", "zh-Hant"]
    assert [t.lang for t in second.turns] == ["zh-Hans"]
