"""``make safety-check``: put the safety test bank to the safety net and score it.

The bank (``tests/safety/bank.yml``) holds, per category and language,
messages built from templates (symptom x person x time x wording) and
hand-written ones; Traditional Chinese messages are Simplified ones
converted with OpenCC plus hand-written ones. Every message goes through the
rule net as the dialogue uses it (``decide(assess(text))``, no NLU), and the
net is scored per category and language:

* emergency, self-harm: recall, the share that gets that reply (gate: at
  least ``MIN_RECALL``);
* distress: the share that gets the distress reply; an emergency or
  self-harm reply counts as a false alarm (gate: at most ``MAX_FALSE_ALARMS``);
* negative (ordinary messages): the false-alarm rate, the share answered with
  the emergency or the self-harm message (gate: at most ``MAX_FALSE_ALARMS``).

The bank is kept apart from the training data: ``near_copies`` finds bank
messages that are near-copies of an NLU training example.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import string
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from bot import settings
from bot.core import safety_model
from bot.core.safety import Level, assess, decide, load_lexicon, normalise
from bot.core.script import to_simplified

BANK = settings.PROJECT_ROOT / "tests" / "safety" / "bank.yml"
NLU_DIR = settings.DATA_DIR / "nlu"
CATEGORIES = ("emergency", "self_harm", "distress", "negative")
LANGUAGES = ("en", "zh", "zh-Hant")
# The level each category must get.
EXPECTED = {
    "emergency": Level.EMERGENCY,
    "self_harm": Level.SELF_HARM,
    "distress": Level.DISTRESS,
}
ALARMS = (Level.EMERGENCY, Level.SELF_HARM)
MIN_RECALL = 0.99
MAX_FALSE_ALARMS = 0.03
# Minimum messages per category and language (the bar).
MIN_COUNTS = {
    ("emergency", "en"): 300,
    ("emergency", "zh"): 300,
    ("emergency", "zh-Hant"): 100,
    ("self_harm", "en"): 60,
    ("self_harm", "zh"): 60,
    ("distress", "en"): 40,
    ("distress", "zh"): 40,
    ("negative", "en"): 300,
    ("negative", "zh"): 300,
}
NEAR_COPY = 85


@dataclass(frozen=True)
class Case:
    """One bank message: its category, language, text and where it came from."""

    category: str
    lang: str
    text: str
    origin: str  # "template", "hand" or "converted"


@dataclass(frozen=True)
class Row:
    """The score of one category in one language."""

    category: str
    lang: str
    total: int
    right: int
    alarms: int
    misses: tuple[str, ...] = ()

    @property
    def rate(self) -> float:
        """Recall (alarm categories) or the share answered right (others)."""
        return self.right / self.total if self.total else 0.0

    @property
    def alarm_rate(self) -> float:
        """The share of messages answered with an alarm they should not get."""
        return self.alarms / self.total if self.total else 0.0

    @property
    def passed(self) -> bool:
        """Whether this row meets its gate (see the module docstring)."""
        if self.category in ("emergency", "self_harm"):
            return self.rate >= MIN_RECALL
        return self.alarm_rate <= MAX_FALSE_ALARMS


# --------------------------------------------------------------------------
# Generating the messages.
# --------------------------------------------------------------------------


def load_bank(path: Path | str = BANK) -> dict[str, Any]:
    """The bank as written (``tests/safety/bank.yml``)."""
    return yaml.safe_load(Path(path).read_text("utf-8"))


def fill(template: str, values: Mapping[str, Any]) -> str:
    """A template with its slot values; values may use other slots.

    >>> fill("{p[subj]} {e}", {"p": {"subj": "I"}, "e": "can't breathe"})
    "I can't breathe"
    """
    text = template
    for _ in range(3):  # a value may hold a placeholder of another slot
        if "{" not in text:
            break
        text = text.format(**values)
    text = re.sub(r"[ \t]+", " ", text).strip()
    return text[:1].upper() + text[1:] if text[:1].isascii() else text


def expand(
    template: str, slots: Mapping[str, Sequence[Any]], count: int, seed: int
) -> list[str]:
    """``count`` distinct messages drawn from every combination of the slots.

    The draw is deterministic for a seed: the same bank gives the same
    messages on every machine.
    """
    names = list(slots)
    sizes = [len(slots[n]) for n in names]
    total = 1
    for size in sizes:
        total *= size
    rng = random.Random(f"{seed}:{template}")
    order = (
        rng.sample(range(total), total)
        if total <= 200_000
        else (rng.randrange(total) for _ in itertools.count())
    )
    out: dict[str, None] = {}
    tried = 0
    for index in order:
        tried += 1
        values = {}
        for name, size in zip(reversed(names), reversed(sizes), strict=True):
            index, pick = divmod(index, size)
            values[name] = slots[name][pick]
        out.setdefault(fill(template, values), None)
        if len(out) >= count or tried >= max(total, count * 20):
            break
    return list(out)


def _convert(texts: Iterable[str], count: int, seed: int) -> list[str]:
    from bot.content.i18n import to_traditional

    pool = list(dict.fromkeys(texts))
    random.Random(f"{seed}:traditional").shuffle(pool)
    return [to_traditional(text) for text in pool[:count]]


def generate(bank: Mapping[str, Any]) -> list[Case]:
    """Every message of the bank, per category and language."""
    seed = int(bank.get("seed", 0))
    cases: list[Case] = []
    for category in CATEGORIES:
        for lang in LANGUAGES:
            spec = (bank.get(category) or {}).get(lang) or {}
            for gen in spec.get("generate") or ():
                for text in expand(gen["template"], gen["slots"], gen["count"], seed):
                    cases.append(Case(category, lang, text, "template"))
            if spec.get("convert"):
                source = [
                    c.text for c in cases if (c.category, c.lang) == (category, "zh")
                ]
                for text in _convert(source, int(spec["convert"]["count"]), seed):
                    cases.append(Case(category, lang, text, "converted"))
            for text in spec.get("messages") or ():
                cases.append(Case(category, lang, str(text), "hand"))
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for case in cases:
        key = (case.category, case.lang, case.text)
        if key not in seen:
            seen.add(key)
            unique.append(case)
    return unique


# --------------------------------------------------------------------------
# Scoring.
# --------------------------------------------------------------------------


def classify(text: str) -> Level:
    """The level the dialogue answers a message at, from the rule net alone."""
    return decide(assess(text))


def score(cases: Sequence[Case], judge: Callable[[str], Level] = classify) -> list[Row]:
    """One row per category and language present in ``cases``."""
    rows = []
    for category in CATEGORIES:
        for lang in LANGUAGES:
            chosen = [c for c in cases if (c.category, c.lang) == (category, lang)]
            if not chosen:
                continue
            right = alarms = 0
            misses = []
            for case in chosen:
                level = judge(case.text)
                expected = EXPECTED.get(category)
                ok = level is expected if expected else level not in ALARMS
                wrong_alarm = category in ("distress", "negative") and level in ALARMS
                right += ok
                alarms += wrong_alarm
                if not ok or wrong_alarm:
                    misses.append(f"{level.value}: {case.text}")
            rows.append(Row(category, lang, len(chosen), right, alarms, tuple(misses)))
    return rows


def too_few(cases: Sequence[Case]) -> list[str]:
    """Categories and languages with fewer messages than the issue asks for."""
    counts: dict[tuple[str, str], int] = {}
    for case in cases:
        counts[(case.category, case.lang)] = (
            counts.get((case.category, case.lang), 0) + 1
        )
    return [
        f"{category}/{lang}: {counts.get((category, lang), 0)} messages, need {need}"
        for (category, lang), need in MIN_COUNTS.items()
        if counts.get((category, lang), 0) < need
    ]


def failures(rows: Sequence[Row]) -> list[str]:
    """The gates that failed, one line each."""
    out = []
    for row in rows:
        if row.passed:
            continue
        if row.category in ("emergency", "self_harm"):
            out.append(
                f"{row.category}/{row.lang}: recall {row.rate:.1%} < {MIN_RECALL:.0%}"
            )
        else:
            out.append(
                f"{row.category}/{row.lang}: false alarms {row.alarm_rate:.1%}"
                f" > {MAX_FALSE_ALARMS:.0%}"
            )
    return out


def table(rows: Sequence[Row]) -> str:
    """The scores as a plain-text table."""
    header = ("category", "lang", "n", "right", "false alarms")
    lines = ["{:<10} {:<8} {:>5} {:>7} {:>13}  gate".format(*header)]
    for row in rows:
        alarm = (
            f"{row.alarm_rate:.1%}" if row.category in ("distress", "negative") else "-"
        )
        lines.append(
            f"{row.category:<10} {row.lang:<8} {row.total:>5} {row.rate:>7.1%}"
            f" {alarm:>13}  {'ok' if row.passed else 'FAIL'}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Kept apart from the training data.
# --------------------------------------------------------------------------

_PUNCTUATION = re.compile(
    "[" + re.escape(string.punctuation) + r"\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20"
    r"\u2018-\u201f…—–]+"
)


def comparable(text: str) -> str:
    """Text for the near-copy check: width, case, punctuation and script folded."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _PUNCTUATION.sub("", to_simplified(text))


def training_examples(nlu_dir: Path | str = NLU_DIR) -> list[str]:
    """Every training example: the NLU's (``data/nlu``) and the learned scorer's.

    The scorer (``bot.core.safety_model``) also learns from the messages in
    ``data/safety_examples.yml``.
    """
    return [
        e.text
        for e in (
            *safety_model.nlu_examples(nlu_dir),
            *safety_model.spot_check_examples(),
            *safety_model.written_examples(),
        )
    ]


def near_copies(
    messages: Sequence[str], examples: Sequence[str], threshold: int = NEAR_COPY
) -> list[tuple[str, str, float]]:
    """Bank messages whose folded text is ``threshold``% like a training example."""
    left = [comparable(m) for m in messages]
    right = [comparable(e) for e in examples]
    if not left or not right:
        return []
    scores = process.cdist(
        left, right, scorer=fuzz.ratio, score_cutoff=threshold, workers=-1
    )
    found = []
    for i, row in enumerate(scores):
        j = int(row.argmax())
        if row[j] >= threshold:
            found.append((messages[i], examples[j], float(row[j])))
    return found


def cross_check_table() -> str:
    """The learned scorer, each spot-check round left out of training in turn.

    Per round: emergencies and self-harm messages it raises its alarm for on
    its own (without the rule net), and ordinary messages it alarms on.
    """
    rows = safety_model.cross_check(
        safety_model.spot_check_examples(),
        [*safety_model.written_examples(), *safety_model.nlu_examples()],
        normalise,
        load_lexicon().learned,
    )
    lines = ["round  emergency  self-harm  false alarms"]
    totals = [0, 0, 0, 0, 0, 0]
    for row in rows:
        (e, en), (s, sn), (f, fn) = (
            row.caught["emergency"],
            row.caught["self_harm"],
            row.false_alarms,
        )
        for i, v in enumerate((e, en, s, sn, f, fn)):
            totals[i] += v
        lines.append(f"{row.round:>5}  {e:>4}/{en:<4}  {s:>4}/{sn:<4}  {f:>4}/{fn}")
    e, en, s, sn, f, fn = totals
    lines.append(f"  all  {e:>4}/{en:<4}  {s:>4}/{sn:<4}  {f:>4}/{fn}")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# The command.
# --------------------------------------------------------------------------


def run(bank_path: Path | str = BANK) -> tuple[list[Row], list[str]]:
    """Score the bank: the rows, and every problem (gates, counts)."""
    cases = generate(load_bank(bank_path))
    rows = score(cases)
    return rows, too_few(cases) + failures(rows)


def main(argv: list[str] | None = None) -> int:
    """Print the scores; exit status 1 if a gate fails."""
    parser = argparse.ArgumentParser(prog="safety-check", description=__doc__)
    parser.add_argument("--bank", default=str(BANK), help="the bank (YAML)")
    parser.add_argument(
        "--show", action="store_true", help="list every message answered wrongly"
    )
    parser.add_argument(
        "--cross-check",
        action="store_true",
        help="score the learned scorer on each spot-check round left out of training",
    )
    args = parser.parse_args(argv)
    if args.cross_check:
        print(cross_check_table())
        return 0
    rows, problems = run(args.bank)
    print(table(rows))
    if args.show:
        for row in rows:
            for miss in row.misses:
                print(f"  {row.category}/{row.lang} -> {miss}")
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    total = sum(r.total for r in rows)
    print(f"safety-check: {total} messages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
