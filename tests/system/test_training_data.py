"""The training data: enough examples in patients' words, kept apart from the
evaluation sets and the conversation tests."""

import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz, process

from bot.core.language import has_cjk
from bot.core.script import to_simplified
from bot.tools import evaluate, nlu_data

ROOT = Path(__file__).resolve().parents[2]
# A held-out question this similar to a training example is a copy of it.
NEAR_COPY = 85


def _examples():
    found = defaultdict(lambda: {"en": [], "zh": []})
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for item in yaml.safe_load(path.read_text("utf-8"))["nlu"]:
            for line in item["examples"].splitlines():
                text = line.strip()[2:]
                found[item["intent"]]["zh" if has_cjk(text) else "en"].append(text)
    return found


def normalise(text: str) -> str:
    """Case, width, punctuation and script folded away."""
    text = to_simplified(unicodedata.normalize("NFKC", text)).lower()
    return "".join(ch for ch in text if ch.isalnum() or ch.isspace()).strip()


def _training():
    return sorted(
        {
            normalise(t)
            for langs in _examples().values()
            for ts in langs.values()
            for t in ts
        }
    )


def _held_out():
    texts = []
    # Every set `make eval` puts to the bot (dev sets and the frozen test set).
    for path in evaluate.SETS.values():
        raw = yaml.safe_load(path.read_text("utf-8"))
        for item in (raw.get("questions") or []) + (raw.get("out_of_scope") or []):
            texts.append(item if isinstance(item, str) else item["text"])
        for case in raw.get("follow_ups") or []:
            texts += [turn["text"] for turn in case["turns"]]
    stories = yaml.safe_load((ROOT / "tests" / "test_stories.yml").read_text("utf-8"))
    for story in stories["stories"]:
        texts += [s["user"].strip() for s in story["steps"] if "user" in s]
    return texts


def test_every_intent_has_twenty_examples_per_language():
    short = {
        intent: {lang: len(texts) for lang, texts in langs.items()}
        for intent, langs in _examples().items()
        if min(len(t) for t in langs.values()) < 12
    }
    assert short == {}


def test_every_domain_intent_has_examples():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text("utf-8"))
    retrieval = {intent.split("/")[0] for intent in _examples()}
    assert set(domain["intents"]) == retrieval


def test_every_section_lists_twelve_questions_per_language():
    few = []
    for topic, section, _ in nlu_data.section_questions():
        path = ROOT / "data" / "knowledge" / f"{topic}.yml"
        raw = yaml.safe_load(path.read_text("utf-8"))
        asked = next(s for s in raw["sections"] if s["key"] == section)["questions"]
        if min(len(asked.get("en") or ()), len(asked.get("zh") or ())) < 12:
            few.append(f"{topic}/{section}")
    assert few == []


def test_generated_training_data_is_up_to_date():
    assert nlu_data.OUTPUT.read_text("utf-8") == nlu_data.render(), "run `make nlu`"


def test_near_copy_check_catches_a_reworded_copy():
    training = [normalise("What are the risks of liver surgery?")]
    assert (
        process.extractOne(
            normalise("what are the risks of liver surgery"),
            training,
            scorer=fuzz.ratio,
        )[1]
        >= NEAR_COPY
    )
    assert normalise("有什麼風險？") == normalise("有什么风险")


@pytest.mark.parametrize("chunk", range(4))
def test_no_held_out_question_is_a_near_copy_of_training_data(chunk):
    training = _training()
    texts = _held_out()[chunk::4]
    copies = []
    for text in texts:
        match = process.extractOne(
            normalise(text), training, scorer=fuzz.ratio, score_cutoff=NEAR_COPY
        )
        if match:
            copies.append((text, match[0], round(match[1])))
    assert copies == []
