"""The training data: enough examples in patients' words, in both languages."""

from collections import defaultdict
from pathlib import Path

import yaml

from bot.core.language import has_cjk

ROOT = Path(__file__).resolve().parents[2]


def _examples():
    found = defaultdict(lambda: {"en": [], "zh": []})
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for item in yaml.safe_load(path.read_text("utf-8"))["nlu"]:
            for line in item["examples"].splitlines():
                text = line.strip()[2:]
                found[item["intent"]]["zh" if has_cjk(text) else "en"].append(text)
    return found


def test_every_intent_has_twenty_examples_per_language():
    short = {
        intent: {lang: len(texts) for lang, texts in langs.items()}
        for intent, langs in _examples().items()
        if min(len(t) for t in langs.values()) < 20
    }
    assert short == {}


def test_every_domain_intent_has_examples():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text("utf-8"))
    assert set(domain["intents"]) == set(_examples())


def test_dev_set_is_never_used_for_training():
    training = {
        t.lower() for langs in _examples().values() for ts in langs.values() for t in ts
    }
    dev = yaml.safe_load((ROOT / "tests" / "dev_set.yml").read_text("utf-8"))
    held_out = [q["text"] for q in dev["questions"]] + dev["out_of_scope"]
    assert len(dev["out_of_scope"]) >= 30
    assert not [text for text in held_out if text.lower() in training]
