"""Held-out evaluation: does each question get the right answer, per group.

Nine sets are put to a running bot, every case in a fresh conversation:

* the dev sets (``tests/dev_set.yml``, then ``tests/dev2_set.yml`` to
  ``tests/dev8_set.yml``, written later and blind to the test set): used to
  tune, so they are not blind;
* the frozen test set (``tests/test_set.yml``): written before the model
  changed and never tuned on; its SHA-256 is in the README.

Each set is reported in groups: single questions by script (``en``,
``zh-Hans``, ``zh-Hant``), follow-up conversations (every turn must be
right), and out-of-scope requests (right when declined kindly: the scope
statement or "I didn't understand", with the menu). What answered is read
from the reply's data (the custom ``nelm`` message: kind, topic, section,
language), never from the rendered text. A group fails when it falls below
its floor in ``tests/eval_floors.yml``, a ratchet that is only ever raised.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from bot import settings
from bot.content.knowledge import Knowledge
from bot.core.dialogue import REPLY_DATA
from bot.core.language import has_cjk
from bot.core.script import is_simplified, is_traditional

TESTS = settings.PROJECT_ROOT / "tests"
SETS = {
    "dev": TESTS / "dev_set.yml",
    "dev2": TESTS / "dev2_set.yml",
    "dev3": TESTS / "dev3_set.yml",
    "dev4": TESTS / "dev4_set.yml",
    "dev5": TESTS / "dev5_set.yml",
    "dev6": TESTS / "dev6_set.yml",
    "dev7": TESTS / "dev7_set.yml",
    "dev8": TESTS / "dev8_set.yml",
    "dev9": TESTS / "dev9_set.yml",
    "dev10": TESTS / "dev10_set.yml",
    "test": TESTS / "test_set.yml",
}
FLOORS = TESTS / "eval_floors.yml"
# Reply languages, by the script a question is written in.
REPLY_LANGUAGE = {"en": "en", "zh-Hans": "zh", "zh-Hant": "zh-Hant"}
DECLINED = ("out_of_scope", "default_fallback")
# (topic, section) -> the section that says the same (see ``same_answers``).
Same = dict[tuple[str, str], tuple[str, str]]


@dataclass(frozen=True)
class Expect:
    """One user turn and what must answer it (no topic: declined kindly)."""

    text: str
    lang: str
    topic: str | None = None
    section: str | None = None


@dataclass(frozen=True)
class Case:
    """A conversation to have with the bot, in one group."""

    group: str
    turns: tuple[Expect, ...]


@dataclass(frozen=True)
class Result:
    """A case and the reply data of each of its turns."""

    case: Case
    got: tuple[dict | None, ...]
    same: Same = field(default_factory=dict)

    @property
    def correct(self) -> bool:
        """Whether every turn got the expected answer."""
        return len(self.got) == len(self.case.turns) and all(
            judge(e, g, self.same)
            for e, g in zip(self.case.turns, self.got, strict=False)
        )


def script_of(text: str) -> str:
    """``en``, ``zh-Hans`` or ``zh-Hant``: the script a question is written in."""
    if not has_cjk(text):
        return "en"
    return "zh-Hant" if is_traditional(text) else "zh-Hans"


def _either_script(text: str) -> bool:
    """Whether Chinese text reads the same in Simplified and Traditional."""
    return has_cjk(text) and not is_traditional(text) and not is_simplified(text)


def reply_data(replies: list[dict]) -> dict | None:
    """The reply's data (kind, topic, section, language), if the bot sent it."""
    found = [
        m["custom"][REPLY_DATA]
        for m in replies
        if isinstance(m.get("custom"), dict) and REPLY_DATA in m["custom"]
    ]
    return found[-1] if found else None


def judge(expect: Expect, got: dict | None, same: Same | None = None) -> bool:
    """Whether one reply is right: the section (or a kind decline), in language.

    ``same`` maps sections that say exactly the same thing to one key: the
    person gets the same answer from either.
    """
    if not got or got.get("language") != REPLY_LANGUAGE[expect.lang]:
        return False
    if expect.topic is None:
        return got.get("kind") in DECLINED
    wanted = (expect.topic, expect.section)
    given = (got.get("topic"), got.get("section"))
    same = same or {}
    return same.get(given, given) == same.get(wanted, wanted)


def same_answers(kb: Knowledge) -> Same:
    """Sections whose text is identical, each mapped to the first of them."""
    first: dict[tuple[str, ...], tuple[str, str]] = {}
    same: Same = {}
    for topic in kb.topics:
        for section in topic.sections:
            key = first.setdefault(section.paragraphs, (topic.id, section.key))
            same[(topic.id, section.key)] = key
    return same


def _expect(item: dict | str, lang: str | None = None) -> Expect:
    if isinstance(item, str):
        return Expect(item, script_of(item))
    text = str(item["text"])
    return Expect(
        text,
        item.get("lang") or lang or script_of(text),
        item.get("topic"),
        item.get("section"),
    )


def load_cases(name: str, path: Path | None = None) -> list[Case]:
    """Every case of one set (``dev`` or ``test``), in its group."""
    raw = yaml.safe_load((path or SETS[name]).read_text("utf-8"))
    cases = []
    for item in raw.get("questions") or ():
        expect = _expect(item)
        cases.append(Case(f"{name}:{expect.lang}", (expect,)))
    for item in raw.get("follow_ups") or ():
        turns: list[Expect] = []
        for turn in item["turns"]:
            expect = _expect(turn)
            if turns and turns[-1].lang != "en" and _either_script(expect.text):
                # "那栓塞呢" is written alike in both scripts: the bot keeps
                # the script of the conversation.
                expect = replace(expect, lang=turns[-1].lang)
            turns.append(expect)
        cases.append(Case(f"{name}:follow_ups", tuple(turns)))
    for item in raw.get("out_of_scope") or ():
        expect = _expect(item)
        cases.append(Case(f"{name}:out_of_scope", (Expect(expect.text, expect.lang),)))
    return cases


def evaluate(
    converse: Callable[[list[str]], list[list[dict]]],
    cases: list[Case],
    same: Same | None = None,
    workers: int = 1,
) -> list[Result]:
    """Have every conversation (``converse`` sends its turns to a new sender).

    ``workers`` conversations are held at once (each its own sender, its turns
    in order), which keeps both cores of a small machine busy; the results
    come back in the cases' order.
    """

    def have(case: Case) -> Result:
        replies = converse([turn.text for turn in case.turns])
        return Result(case, tuple(reply_data(r) for r in replies), same or {})

    if workers <= 1:
        return [have(case) for case in cases]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(have, cases))


def accuracy(results: list[Result]) -> dict[str, tuple[int, int]]:
    """Per group: (right, asked)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        counts[r.case.group][0] += r.correct
        counts[r.case.group][1] += 1
    return {group: (right, total) for group, (right, total) in sorted(counts.items())}


def load_floors(path: Path = FLOORS) -> dict[str, float]:
    """The committed floor of every group (a ratchet: never lowered)."""
    return {
        str(k): float(v) for k, v in yaml.safe_load(path.read_text("utf-8")).items()
    }


def below_floor(
    results: list[Result], floors: dict[str, float]
) -> list[tuple[str, float, float]]:
    """(group, accuracy, floor) for every group under its floor."""
    failing = []
    for group, (right, total) in accuracy(results).items():
        floor = floors.get(group)
        if floor is not None and right / total < floor:
            failing.append((group, right / total, floor))
    return failing


def _shown(got: dict | None) -> str:
    if not got:
        return "no reply data"
    where = "/".join(str(got[k]) for k in ("topic", "section") if got.get(k))
    return f"{got.get('kind')} {where} [{got.get('language')}]".strip()


def report(results: list[Result], floors: dict[str, float], misses: str = "") -> str:
    """A printable table per group, with floors; misses of the named set listed."""
    lines = ["group                 right  asked  accuracy  floor"]
    for group, (right, total) in accuracy(results).items():
        floor = floors.get(group)
        shown = f"{floor:.1%}" if floor is not None else "-"
        lines.append(
            f"{group:<20}  {right:>5}  {total:>5}  {right / total:>8.1%}  {shown:>5}"
        )
    wrong = [r for r in results if not r.correct and r.case.group.startswith(misses)]
    if misses and wrong:
        lines += ["", f"misses ({misses} set):"]
        for r in wrong:
            for expect, got in zip(r.case.turns, r.got, strict=False):
                wanted = (
                    f"{expect.topic}/{expect.section}" if expect.topic else "declined"
                )
                lines.append(
                    f"  [{r.case.group}] {expect.text!r}: expected {wanted} "
                    f"[{REPLY_LANGUAGE[expect.lang]}], got {_shown(got)}"
                )
    return "\n".join(lines)
