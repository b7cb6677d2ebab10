"""The safety net's learned scorer: how likely a message is an emergency or self-harm.

The rule net (``bot.core.safety``) reads the phrases it knows in their
context. People also say that they want to die, or describe an emergency, in
words that no list holds yet: each blind spot-check found some. This scorer
reads whole messages instead: TF-IDF over character n-grams (1-4, within
words: both scripts, typos) and word n-grams (1-2), and a logistic regression
with three classes, ``emergency``, ``self_harm`` and ``none`` (scikit-learn,
which Rasa already depends on).

It learns from

* ``data/safety_examples.yml``: the messages of the blind spot-checks, with
  the level their writers gave them (ordinary ones are the hard negatives:
  distress, questions about symptoms, dark-sounding but safe words), and
  messages written as training data: ordinary ones that share words with an
  alarm, and alarms worded around the same words;
* the NLU examples in ``data/nlu``: ``report_emergency`` and ``self_harm``
  as those classes, every other intent as ``none``.

Not from the safety test bank (``tests/safety/bank.yml``): that stays held
out, to measure the whole net. ``assess`` raises its level when a score
reaches its threshold (``learned`` in ``data/safety.yml``); ``cross_check``
measures the scorer on each spot-check round with that round left out of
training. Training takes a few seconds; the trained scorer is kept in
``var/`` and loaded by the next process (``scorer``); the action server and
the channels do that at start-up (``warm``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot import settings

CLASSES = ("emergency", "self_harm", "none")
# NLU intents that teach a class; every other intent teaches "none".
INTENT_CLASS = {"report_emergency": "emergency", "self_harm": "self_harm"}
# Inverse regularisation strength; chosen with `cross_check` (README, Safety).
C = 16.0
_ENTITY = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Example:
    """One training message: its text, class, and spot-check round (0: none)."""

    text: str
    label: str
    round: int = 0


@lru_cache(maxsize=4)
def _examples_file(path: Path) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    """``data/safety_examples.yml`` read once: (spot-check, written) examples."""
    raw = yaml.safe_load(path.read_text("utf-8")) or {}
    rounds = tuple(
        Example(str(m["text"]), str(m["level"]), int(r["round"]))
        for r in raw.get("rounds") or ()
        for m in r.get("messages") or ()
    )
    written = tuple(
        Example(str(m["text"]), str(m["level"])) for m in raw.get("written") or ()
    )
    return rounds, written


def _examples_path(path: Path | str | None) -> Path:
    return Path(path or settings.DATA_DIR / "safety_examples.yml").resolve()


def spot_check_examples(path: Path | str | None = None) -> list[Example]:
    """The labelled messages of the blind spot-checks, with their round."""
    return list(_examples_file(_examples_path(path))[0])


def written_examples(path: Path | str | None = None) -> list[Example]:
    """Messages written as training data (hard negatives and the alarms near them)."""
    return list(_examples_file(_examples_path(path))[1])


def nlu_examples(nlu_dir: Path | str | None = None) -> list[Example]:
    """Every intent example in ``data/nlu/*.yml``, as its class."""
    examples = []
    for path in sorted(Path(nlu_dir or settings.DATA_DIR / "nlu").glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        for item in data.get("nlu") or ():
            intent = item.get("intent")
            if not intent:
                continue
            label = INTENT_CLASS.get(str(intent).split("/")[0], "none")
            for line in str(item.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    examples.append(
                        Example(_ENTITY.sub(r"\1", line[2:].strip()), label)
                    )
    return examples


class Scorer:
    """A trained scorer: ``scores(text)`` gives a probability per class."""

    def __init__(self, pipeline: Any) -> None:
        self._pipeline = pipeline
        self._classes = [str(c) for c in pipeline.classes_]

    def scores(self, text: str) -> dict[str, float]:
        """The probability of each class for one message."""
        return self.score_all([text])[0]

    def score_all(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """The probability of each class, for many messages at once."""
        rows = self._pipeline.predict_proba(list(texts))
        return [dict(zip(self._classes, map(float, row), strict=True)) for row in rows]


def train(
    examples: Iterable[Example], preprocess: Callable[[str], str], c: float = C
) -> Scorer:
    """Fit the scorer on ``examples``; ``preprocess`` folds width, case and script."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    examples = list(examples)
    common = {"sublinear_tf": True, "min_df": 2, "preprocessor": preprocess}
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), **common),
        TfidfVectorizer(
            analyzer="word", ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b", **common
        ),
    )
    model = LogisticRegression(C=c, max_iter=3000)
    pipeline = make_pipeline(features, model)
    pipeline.fit([e.text for e in examples], [e.label for e in examples])
    return Scorer(pipeline)


_LOCK = threading.Lock()
_TRAINED: list[Scorer] = []
# Bump when the features or the model change in a way the inputs do not show.
CACHE_VERSION = 1


def scorer() -> Scorer:
    """The scorer trained on the examples, once per process (thread-safe).

    A trained scorer is kept in ``var/`` under the hash of everything it was
    trained from (``cache_path``), so that the next process loads it instead
    of training again (a few seconds); ``warm`` does either at start-up.
    """
    with _LOCK:
        if not _TRAINED:
            _TRAINED.append(_load_or_train(cache_path()))
        return _TRAINED[0]


def cache_path() -> Path:
    """Where the scorer trained from the current inputs is kept."""
    import sklearn

    digest = hashlib.sha256(f"{CACHE_VERSION} {C} {sklearn.__version__}".encode())
    here = Path(__file__).resolve().parent
    inputs = [
        here / "safety_model.py",
        here / "safety.py",  # normalise
        here / "script.py",  # Traditional and Cantonese read as Simplified Mandarin
        settings.DATA_DIR / "zh_hant_overrides.yml",
        settings.DATA_DIR / "safety.yml",
        settings.DATA_DIR / "safety_examples.yml",
        *sorted((settings.DATA_DIR / "nlu").glob("*.yml")),
    ]
    for path in inputs:
        digest.update(path.read_bytes())
    return settings.VAR_DIR / f"safety-scorer-{digest.hexdigest()[:16]}.pickle"


def _load_or_train(path: Path) -> Scorer:
    """The scorer kept at ``path`` (this program wrote it), else one trained now."""
    try:
        with path.open("rb") as file:
            kept = pickle.load(file)  # noqa: S301 - our own file, named by its inputs
        if isinstance(kept, Scorer):
            return kept
    except Exception:  # noqa: BLE001 - missing, partial or stale: train anew
        pass
    from bot.core.safety import normalise

    examples = [*spot_check_examples(), *written_examples(), *nlu_examples()]
    trained = train(examples, normalise)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix="safety-scorer-", suffix=".tmp", delete=False
        ) as file:
            pickle.dump(trained, file)
        os.replace(file.name, path)
        for old in path.parent.glob("safety-scorer-*"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass  # a read-only var/: train again next time
    return trained


def warm() -> threading.Thread:
    """Train the scorer in the background, so that no message waits for it."""
    thread = threading.Thread(target=scorer, name="safety-scorer", daemon=True)
    thread.start()
    return thread


def alarm(scores: Mapping[str, float], thresholds: Mapping[str, float]) -> str | None:
    """The alarm class whose score reaches its threshold (self-harm first), if any."""
    for label in ("self_harm", "emergency"):
        limit = thresholds.get(label)
        if limit is not None and scores.get(label, 0.0) >= limit:
            return label
    return None


@dataclass(frozen=True)
class RoundScore:
    """How the scorer did on one spot-check round it was not trained on."""

    round: int
    caught: dict[str, tuple[int, int]]  # alarm class -> (caught, total)
    false_alarms: tuple[int, int]  # ordinary messages alarmed on, of total


def cross_check(
    examples: Sequence[Example],
    extra: Sequence[Example],
    preprocess: Callable[[str], str],
    thresholds: Mapping[str, float],
    rounds: Iterable[int] | None = None,
) -> list[RoundScore]:
    """Leave one round out: train on the others (and ``extra``), score that round.

    An emergency or self-harm message counts as caught when the scorer
    raises its own class; an ordinary one is a false alarm when it raises any.
    """
    out = []
    for held in sorted(set(rounds or {e.round for e in examples})):
        seen = [e for e in examples if e.round != held]
        test = [e for e in examples if e.round == held]
        scores = train([*seen, *extra], preprocess).score_all([e.text for e in test])
        pairs = [
            (e.label, alarm(s, thresholds)) for e, s in zip(test, scores, strict=True)
        ]
        caught = {
            label: (
                sum(1 for want, got in pairs if want == label and got == label),
                sum(1 for want, _ in pairs if want == label),
            )
            for label in ("emergency", "self_harm")
        }
        ordinary = [got for want, got in pairs if want == "none"]
        alarms = sum(got is not None for got in ordinary)
        out.append(RoundScore(held, caught, (alarms, len(ordinary))))
    return out
