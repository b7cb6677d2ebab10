"""Safety net: spot emergencies, self-harm and distress in a message.

``assess`` reads a message in English or Chinese (Traditional is converted to
Simplified first) and sorts it into one of five levels:

* ``SELF_HARM`` - suicidal thoughts, self-harm, or an overdose that someone
  reports: a calm, caring message with crisis lines, nothing else;
* ``EMERGENCY`` - someone has signs of a carcinoid crisis, anaphylaxis, shock,
  a stroke, chest pain, heavy bleeding, or a dangerous blood-pressure reading
  with symptoms: emergency advice before anything else;
* ``DISTRESS`` - fear, not coping, without danger: a warm acknowledgement, a
  pointer to the care team, then the menu;
* ``WARNING`` - a question about a symptom ("what is flushing?"), a past event
  ("last year I had a crisis during surgery") or an ordinary question that
  names a symptom: the answer, with a line on when to seek emergency care;
* ``NONE``.

Self-harm comes before an emergency: its message also says to call the local
emergency number now. Everything the net matches is data (``data/safety.yml``:
phrase lists per language, reading limits, crisis lines); this module only
says how a match is read: is the symptom happening now, asked about, past,
long-standing, denied?

A learned scorer (``bot.core.safety_model``, trained on the messages of the
blind spot-checks) reads the whole message as well: when its emergency or
self-harm score reaches its threshold (``learned`` in ``data/safety.yml``),
``assess`` raises the level to that alarm, for wordings no list holds yet.

The rule net runs beside the trained intents (``report_emergency``,
``self_harm``, ``distress``). ``decide`` combines the two: a rule-net alarm
stands, a confident NLU guess adds one, and a confident, specific content
question outranks a weak emergency guess. All functions are pure.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot import settings
from bot.core import safety_model
from bot.core.script import to_simplified

logger = logging.getLogger(__name__)


class Level(str, Enum):
    """How a message must be answered, from least to most urgent."""

    NONE = "none"
    WARNING = "warning"
    DISTRESS = "distress"
    EMERGENCY = "emergency"
    SELF_HARM = "self_harm"

    @property
    def rank(self) -> int:
        """Order of precedence: the higher level of two wins."""
        return _RANK[self]


_RANK = {level: i for i, level in enumerate(Level)}


@dataclass(frozen=True)
class Assessment:
    """The level, the phrases that decided it, and how sure the net is.

    ``weak`` marks an emergency read from a question that names a person but
    no time ("is my chest pain a sign of a crisis?") or from a typo only: a
    confident content question may outrank it (see ``decide``). ``question``
    says whether the message asks something. ``ordinary`` says the net found
    an ordinary use of a word of death or self-harm (``idioms``: "this
    octreotide is killing my appetite", "累死了"): an unsure guess of the NLU
    does not overrule it. ``checked`` names the alarms whose phrases the net
    found and read as not holding: a symptom denied ("no chest pain"), a
    reading within its limits ("bp 120/80"), a phrase used in an ordinary way
    ("jump the queue", "killing my appetite"). ``learned`` says the level was
    raised by the learned scorer, not by a phrase; ``sure_ordinary``, that the
    scorer is sure the message is ordinary (an emergency guess of the NLU then
    sounds no alarm). ``safe_said``: the person says they want to live or are
    only letting off steam (``safe_said`` in ``data/safety.yml``: "but I want
    to live", "just needed to say it"); an unsure self-harm guess of the NLU
    does not overrule them (the learned scorer still may).
    """

    level: Level
    matched: tuple[str, ...] = ()
    weak: bool = False
    question: bool = False
    ordinary: bool = False
    checked: frozenset[str] = frozenset()
    learned: bool = False
    sure_ordinary: bool = False
    safe_said: bool = False

    @property
    def is_emergency(self) -> bool:
        """Whether emergency advice must come first."""
        return self.level is Level.EMERGENCY

    @property
    def is_self_harm(self) -> bool:
        """Whether the self-harm message must come first."""
        return self.level is Level.SELF_HARM

    @property
    def is_alarm(self) -> bool:
        """Whether the reply is an alarm (emergency or self-harm message)."""
        return self.level in (Level.EMERGENCY, Level.SELF_HARM)


# --------------------------------------------------------------------------
# The lexicon: data/safety.yml, compiled once.
# --------------------------------------------------------------------------

SYMPTOM_LISTS = ("critical", "crisis", "self_harm", "overdose", "distress", "worry")
# Warning signs of suicide that count only together: this many in one message.
SIGNS_TOGETHER = 2
MARKER_LISTS = (
    "subject",
    "present",
    "conditional",
    "hypothetical",
    "past",
    "past_date",
    "today",
    "past_before",
    "habitual",
    "resolved",
    "resolved_since",
    "now",
    "ask",
    "content",
    "urgent",
    "wait",
    "procedure",
    "intensity",
    "intent",
)
# Every list of phrases in data/safety.yml: symptoms, markers, negations,
# exclusions, warning signs (only together), good news (no plan in signs
# alone) and idioms (ordinary uses).
PHRASE_LISTS = (
    *SYMPTOM_LISTS,
    *MARKER_LISTS,
    "negation",
    "exclude",
    "signs",
    "good_news",
    "idioms",
    "burden",
    "safe_said",
)
# Symptom phrases may have other words between their words; markers may not.
SYMPTOM_GAP = 3
# An exclusion ("confused about") allows one word in between.
EXCLUDE_GAP = 1
# A Chinese `*`: up to four characters, none a negation or punctuation.
_ZH_GAP = r"(?:(?![不没无未别非])[\u3400-\u9fff]){0,4}"
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class _EnPhrase:
    """An English phrase: word slots (alternatives) or a regular expression."""

    source: str
    slots: tuple[tuple[str, ...], ...] = ()
    regex: re.Pattern[str] | None = None
    contiguous: bool = False


@dataclass(frozen=True)
class _ZhPhrase:
    """A Chinese phrase: its pattern and, if plain and long, its typo pattern."""

    source: str
    regex: re.Pattern[str]
    typo: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Lexicon:
    """Phrase lists per language, reading limits and crisis lines."""

    en: dict[str, tuple[_EnPhrase, ...]]
    zh: dict[str, tuple[_ZhPhrase, ...]]
    en_minor: dict[str, tuple[_EnPhrase, ...]]
    zh_minor: dict[str, tuple[_ZhPhrase, ...]]
    combos: tuple[frozenset[str], ...]
    en_words: dict[str, frozenset[str]]
    zh_words: dict[str, tuple[str, ...]]
    terms: frozenset[str]
    rewrite: dict[str, tuple[str, ...]]
    zh_rewrite: dict[str, str]
    not_typos: frozenset[str]
    vocabulary: tuple[str, ...]
    readings: dict[str, Any]
    crisis_lines: dict[str, tuple[str, ...]]
    question_ends: tuple[str, ...]
    question_words: tuple[str, ...]
    learned: dict[str, float]
    _near: dict[str, dict[str, float]] = field(default_factory=dict, compare=False)


def _en_phrase(text: str) -> _EnPhrase:
    text = str(text).strip().lower()
    if text.startswith("re:"):
        return _EnPhrase(text, regex=re.compile(text[3:].strip()))
    contiguous = text.startswith("= ")
    words = text[2:].split() if contiguous else text.split()
    return _EnPhrase(
        text, slots=tuple(tuple(s.split("|")) for s in words), contiguous=contiguous
    )


def _zh_phrase(text: str, guard: str, typos: bool) -> _ZhPhrase:
    text = str(text).strip().lower()
    regex = re.compile(text.replace("*", _ZH_GAP))
    typo = None
    if typos and len(text) >= 4 and all(_CJK.match(c) for c in text):
        other = f"[^{re.escape(guard)}\\W]"
        # The first character anchors the meaning: only later ones may be wrong.
        variants = (text[:i] + other + text[i + 1 :] for i in range(1, len(text)))
        typo = re.compile("|".join(variants))
    return _ZhPhrase(text, regex, typo)


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Read and compile ``data/safety.yml`` (once per process and path)."""
    raw = yaml.safe_load(
        Path(path or settings.DATA_DIR / "safety.yml").read_text("utf-8")
    )
    en, zh = raw["en"], raw["zh"]
    guard = str(zh.get("typo_guard", ""))
    typo_lists = ("critical",)
    en_lists = {
        name: tuple(_en_phrase(p) for p in en.get(name) or ()) for name in PHRASE_LISTS
    }
    zh_lists = {
        name: tuple(
            _zh_phrase(p, guard, name in typo_lists) for p in zh.get(name) or ()
        )
        for name in PHRASE_LISTS
    }
    vocabulary = sorted(
        {
            word
            for phrases in en_lists.values()
            for phrase in phrases
            for slot in phrase.slots
            for word in slot
            if not word.endswith("*") and word.isalpha()
        }
    )
    rewrite = {
        str(k).lower(): tuple(str(v).lower().split())
        for k, v in (en.get("rewrite") or {}).items()
    }
    return Lexicon(
        en=en_lists,
        zh=zh_lists,
        en_minor={
            group: tuple(_en_phrase(p) for p in phrases)
            for group, phrases in (en.get("minor") or {}).items()
        },
        zh_minor={
            group: tuple(_zh_phrase(p, guard, False) for p in phrases)
            for group, phrases in (zh.get("minor") or {}).items()
        },
        combos=tuple(frozenset(c) for c in (en.get("combos") or ())),
        en_words={
            name: frozenset(str(w).lower() for w in en.get(name) or ())
            for name in ("be", "negation_fillers", "question_starts", "gap_fillers")
        },
        zh_words={name: tuple(zh.get(name) or ()) for name in ("be", "not_questions")},
        terms=frozenset(
            " ".join(str(t).lower().split())
            for t in (*(en.get("terms") or ()), *(zh.get("terms") or ()))
        ),
        rewrite=rewrite,
        zh_rewrite={str(k): str(v) for k, v in (zh.get("rewrite") or {}).items()},
        not_typos=frozenset(str(w).lower() for w in en.get("not_typos") or ()),
        vocabulary=tuple(vocabulary),
        readings=raw.get("readings") or {},
        crisis_lines={
            str(lang): tuple(str(line) for line in lines)
            for lang, lines in (raw.get("crisis_lines") or {}).items()
        },
        question_ends=tuple(zh.get("question_ends") or ()),
        question_words=tuple(zh.get("question_words") or ()),
        # thresholds in percent in the file, as probabilities here
        learned={str(k): float(v) / 100 for k, v in (raw.get("learned") or {}).items()},
    )


def crisis_lines(lang: str, lexicon: Lexicon | None = None) -> tuple[str, ...]:
    """The clinic's crisis lines for a reply language (``data/safety.yml``).

    Traditional Chinese (``zh-Hant``, or a ``zh-TW``/``zh-HK`` code) uses its
    own lines if configured, else the ``zh`` lines converted to Traditional
    script; an unknown language gets the English lines.
    """
    lines = (lexicon or load_lexicon()).crisis_lines
    code = (lang or "en").strip()
    if code in lines:
        return lines[code]
    lowered = code.lower().replace("_", "-")
    if not lowered.startswith("zh"):
        return lines.get("en", ())
    if not any(tag in lowered for tag in ("hant", "tw", "hk", "mo")):
        return lines.get("zh", ())
    for key, value in lines.items():
        if key.lower() == "zh-hant":
            return value
    from bot.content.i18n import to_traditional  # the catalogs' converter

    return tuple(to_traditional(line) for line in lines.get("zh", ()))


# --------------------------------------------------------------------------
# Text: normalised, cut into sentences and clauses, English words.
# --------------------------------------------------------------------------

_QUOTES = re.compile(r"[‘’`´′]")
_CONTRACTIONS = (
    (re.compile(r"\bcan ?not\b"), "cant"),
    (
        re.compile(r"\b(do|does|did|have|has|had|will|can|could|would|should)\s+not\b"),
        r"\1nt",
    ),
    (re.compile(r"\bwillnt\b"), "wont"),
    (re.compile(r"\b(is|are|was|were)n't\b"), r"\1 not"),
    (re.compile(r"n't\b"), "nt"),
    (re.compile(r"\bi'm\b"), "i am"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"\b(he|she|it|that|what|there|who|where|how)'s\b"), r"\1 is"),
    (re.compile(r"'s\b"), ""),
    (re.compile(r"'"), ""),
)
_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"(?<!\d)\.(?!\d)|[!?;\n。…]+")
# A comma, a colon, a dash between spaces, or a space between Chinese words
# ("伤口纱布全湿透了 血一直往外渗": clauses written without commas).
_CLAUSE_END = re.compile(r"[,:，]|\s-\s|(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


def normalise(text: str, lexicon: Lexicon | None = None) -> str:
    """Full-width to ASCII, Traditional to Simplified, lower case, one apostrophe.

    Chinese characters in the lexicon's ``rewrite`` list are replaced too
    (Cantonese 唔 -> 不, 咗 -> 了; 著 that OpenCC keeps -> 着).
    """
    text = _QUOTES.sub("'", to_simplified(unicodedata.normalize("NFKC", text or "")))
    if _CJK.search(text):
        for old, new in (lexicon or load_lexicon()).zh_rewrite.items():
            text = text.replace(old, new)
    return text.lower()


def tokens(text: str, lexicon: Lexicon | None = None) -> list[str]:
    """English words, contractions opened and slang rewritten.

    "I can't breathe" -> ["i", "cant", "breathe"]; "I'm" -> ["i", "am"];
    "kms" -> ["kill", "myself"]. Chinese characters are not words here.
    """
    lex = lexicon or load_lexicon()
    text = normalise(text, lex)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    words: list[str] = []
    for word in _WORD.findall(text):
        words.extend(lex.rewrite.get(word, (word,)))
    return words


@dataclass
class _Span:
    """A sentence or a clause: its text and its English words."""

    text: str
    words: list[str]
    joined: str
    offsets: list[int]


def _span(text: str, lex: Lexicon) -> _Span:
    words = tokens(text, lex)
    offsets, pos = [], 0
    for word in words:
        offsets.append(pos)
        pos += len(word) + 1
    return _Span(text, words, " ".join(words), offsets)


def _sentences(text: str) -> list[tuple[str, bool]]:
    """The sentences of a normalised text, each with: does it end with '?'."""
    out, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        piece = text[start : match.start()]
        if piece.strip():
            out.append((piece, "?" in match.group()))
        start = match.end()
    if text[start:].strip():
        out.append((text[start:], False))
    return out


# --------------------------------------------------------------------------
# Matching phrases.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    """One phrase found: which list, where (words or characters), how."""

    kind: str
    source: str
    lang: str
    start: int
    end: int
    typo: bool = False
    tier: str = ""

    def overlaps(self, other: _Hit) -> bool:
        return (
            self.lang == other.lang
            and self.start < other.end
            and other.start < self.end
        )

    @property
    def length(self) -> int:
        return self.end - self.start


def _near(lex: Lexicon, token: str) -> dict[str, float]:
    """Lexicon words one or two edits from ``token`` (cached per lexicon)."""
    found = lex._near.get(token)
    if found is None:
        if len(token) < 4 or token in lex.not_typos or not token.isalpha():
            found = {}
        else:
            found = {
                word: score
                for word, score, _ in process.extract(
                    token,
                    lex.vocabulary,
                    scorer=OSA.distance,
                    score_cutoff=2,
                    limit=None,
                )
                if (word[0] == token[0] or word[:2] == token[1::-1])
                # a four-letter word only as a letter dropped ("hart": heart)
                and (len(token) > 4 or (len(word) == 5 and score == 1))
            }
        lex._near[token] = found
    return found


def _allowed_edits(word: str, in_phrase: bool) -> int:
    if len(word) >= 9:
        return 2
    return 1 if len(word) >= (5 if in_phrase else 7) else 0


def _slot_match(lex: Lexicon, slot: tuple[str, ...], token: str, multi: bool) -> int:
    """0: no match; 1: exact (or prefix); 2: with a typo."""
    best = 0
    for alt in slot:
        if alt.endswith("*"):
            stem = alt[:-1]
            if token.startswith(stem):
                return 1
            if (
                len(stem) >= 6
                and len(token) >= len(stem) - 1
                and token not in lex.not_typos
                and token[0] == stem[0]
                and min(
                    OSA.distance(token[:k], stem)
                    for k in (len(stem) - 1, len(stem), len(stem) + 1)
                )
                <= 1
            ):
                best = 2
        elif alt == token:
            return 1
        elif not best:
            edits = _near(lex, token).get(alt)
            if edits is not None and edits <= _allowed_edits(alt, multi):
                best = 2
    return best


def _window(lex: Lexicon, words: list[str], pos: int, gap: int) -> Iterator[int]:
    """Positions after ``pos`` within ``gap`` words; fillers do not count."""
    skipped = 0
    fillers = lex.en_words["gap_fillers"] if gap else frozenset()
    for j in range(pos + 1, min(len(words), pos + 2 + gap + 3)):
        yield j
        if words[j] not in fillers:
            skipped += 1
        if skipped > gap:
            return


def _en_hits(
    lex: Lexicon, kind: str, phrases: Iterable[_EnPhrase], span: _Span, gap: int
) -> list[_Hit]:
    hits = []
    words = span.words
    for phrase in phrases:
        if phrase.regex is not None:
            for m in phrase.regex.finditer(span.joined):
                start = sum(1 for o in span.offsets if o <= m.start()) - 1
                end = sum(1 for o in span.offsets if o < m.end())
                hits.append(_Hit(kind, phrase.source, "en", max(start, 0), end))
            continue
        multi = len(phrase.slots) > 1
        for i, word in enumerate(words):
            first = _slot_match(lex, phrase.slots[0], word, multi)
            if not first:
                continue
            pos, typo, ok = i, first == 2, True
            for slot in phrase.slots[1:]:
                found = next(
                    (
                        (j, m)
                        for j in _window(
                            lex, words, pos, 0 if phrase.contiguous else gap
                        )
                        if (m := _slot_match(lex, slot, words[j], True))
                    ),
                    None,
                )
                if found is None:
                    ok = False
                    break
                pos, typo = found[0], typo or found[1] == 2
            if ok:
                hits.append(_Hit(kind, phrase.source, "en", i, pos + 1, typo))
                break
    return hits


def _zh_hits(kind: str, phrases: Iterable[_ZhPhrase], text: str) -> list[_Hit]:
    hits = []
    for phrase in phrases:
        found = False
        for m in phrase.regex.finditer(text):
            hits.append(_Hit(kind, phrase.source, "zh", m.start(), m.end()))
            found = True
        if not found and phrase.typo is not None:
            m = phrase.typo.search(text)
            if m:
                hits.append(_Hit(kind, phrase.source, "zh", m.start(), m.end(), True))
    return hits


def _find(lex: Lexicon, kind: str, span: _Span, gap: int = 0) -> list[_Hit]:
    """Every phrase of one list in a sentence or clause, in both languages."""
    hits = _en_hits(lex, kind, lex.en.get(kind, ()), span, gap) if span.words else []
    if _CJK.search(span.text):
        hits += _zh_hits(kind, lex.zh.get(kind, ()), span.text)
    return hits


def _has(lex: Lexicon, kind: str, span: _Span) -> bool:
    return bool(_find(lex, kind, span))


# --------------------------------------------------------------------------
# Readings: blood pressure and heart rate.
# --------------------------------------------------------------------------

_PAIR = re.compile(r"(?<![\d.])(\d{2,3})\s*(?:/|over|比|\\)\s*(\d{2,3})(?![\d.])")
_DIASTOLIC_WORDS = ("diastolic", "低压", "舒张压")
# A number with one decimal, not a dose, weight, length or size ("39.8",
# "40.1°"; not "41.5 kilos", "41.2 x 35.6 mm").
_TENTHS = re.compile(
    r"(?<![\d./])(\d{2,3}\.\d)(?![\d./%])(?!\s*(?:mg|ml|mcg|ug|µg|μg|kg|kilos?|kilograms?"
    r"|g\b|lbs?\b|pounds?|stone|cm|mm|m\b|km|miles?|mmol|nmol|pmol|l\b|iu|units?|u\b"
    r"|x\b|×|\*|by\b|毫克|毫升|公斤|千克|斤|克|厘米|公分|毫米|米|元|块|岁))"
)
# A number of degrees, whole or with a tenth ("40度", "39.5°C", "104 F"),
# just after words that say the body is burning hot ("身體好熱，40度").
_DEGREES = (
    r"[\s,，:：、]{0,3}(?:量了|量到|有|探热|都)?\s*(\d{2,3}(?:\.\d)?)"
    r"\s*(?:度|°\s*[cf]?|℃|℉|degrees?\b|[cf]\b)"
)
# A blood-pressure unit just after a number ("126/78 mmHg").
_AFTER_NUMBER = re.compile(r"\d\s*$")
# How far before such a number the words that say what else it is are read.
_NAMED_BEFORE = 25
# ...and how far after a number of degrees the place it is the heat of.
_NAMED_AFTER = 16


def _words_regex(words: Iterable[str]) -> str:
    parts = []
    for word in sorted(words, key=len, reverse=True):
        escaped = re.escape(str(word).lower())
        # Not \b: a Chinese character is a word character too ("spo2跌到85%").
        parts.append(
            escaped if _CJK.search(word) else rf"(?<![a-z0-9]){escaped}(?![a-z])"
        )
    return "(?:" + "|".join(parts) + ")"


def _listed(cfg: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """The words of one list of a reading's config, every language together."""
    return tuple(w for ws in cfg.get(key, {}).values() for w in ws)


@lru_cache(maxsize=64)
def _words_pattern(
    words: tuple[str, ...], before: str = "", after: str = ""
) -> re.Pattern[str]:
    """``words`` as one compiled alternation between ``before`` and ``after``.

    Built once per list: ``readings`` runs on every message.
    """
    return re.compile(before + _words_regex(words) + after)


def _shivering(lex: Lexicon, text: str) -> bool:
    """Whether a text says the person is shivering ("shaking", "发抖")."""
    words = _listed(lex.readings.get("temperature", {}), "shivering")
    return bool(words and _words_pattern(words).search(text))


# What a number after a blood-pressure or heart-rate word is when it is not a
# reading: an age, a weight, a size, a percentage ("bp fine, he is 75 years
# old", "血压一直正常，他七十多岁").
_NOT_A_READING = (
    r"(?!\s*(?:多|几)?\s*(?:岁|周岁|来岁|years?\b|yrs?\b|yo\b|y/o|y\.o|y\b|-?year-old"
    r"|kg|kilos?\b|公斤|斤|lbs?\b|pounds?\b|cm\b|%|公分|厘米|天|日|周|星期|个月|月|年"
    r"|分钟|mins?\b|minutes?\b|小时|hours?\b|hrs?\b|days?\b|weeks?\b|块|元|毫克|mg\b"
    r"|mcg\b|ml\b|毫升|号|点钟|片|粒|颗|盒))"
)

_ZH_DIGIT = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_D = "[一二三四五六七八九]"
# A number from 10 to 299 in Chinese numerals ("七十多", "一百八", "一百零五").
# Not what a number is when it is not a reading: an age ("七十二了", "七十出头"),
# a time ("十分钟", "十点", "三十号", "三十年"), an amount ("四十块"), a dose, a
# count; nor 十分 ("very"), 十几 ("ten-odd") or 十二指肠 (the duodenum).
_ZH_NUMBER = re.compile(
    rf"(?<![一二两三四五六七八九十百千万零])(?:([一二两])百(?:零({_D})|({_D})十?({_D})?)?"
    rf"|({_D})?十({_D})?)(?![一二三四五六七八九十百千万零])"
    r"(?!多?(?:分|点|几|号|年|天|日|周|星期|个|月|块|元|毛|岁|了|出头|来岁|小时|钟|指肠|斤"
    r"|公斤|毫克|片|粒|颗|盒|倍|人|位|张))"
)


def _zh_number(m: re.Match[str]) -> str:
    hundreds, zero_units, tens_h, units_h, tens, units = m.groups()
    if hundreds:
        value = 100 * _ZH_DIGIT[hundreds]
        if zero_units:
            value += _ZH_DIGIT[zero_units]
        elif tens_h:
            value += 10 * _ZH_DIGIT[tens_h] + (_ZH_DIGIT[units_h] if units_h else 0)
        return str(value)
    return str(
        10 * (_ZH_DIGIT[tens] if tens else 1) + (_ZH_DIGIT[units] if units else 0)
    )


def arabic(text: str) -> str:
    """Chinese numerals from 10 to 299 as digits: "血压才七十多" -> "血压才70多"."""
    return _ZH_NUMBER.sub(_zh_number, text)


def readings(text: str, lexicon: Lexicon | None = None) -> dict[str, list]:
    """Blood-pressure, heart-rate, temperature and oxygen readings in a text.

    Returns ``{"bp": [(systolic, diastolic or None, explicit), ...], "hr":
    [rate, ...], "temp": [degrees, ...], "spo2": [percent, ...]}``;
    ``explicit`` says whether the text names blood pressure.
    A pair such as "70/40" without a blood-pressure word is kept when it is
    plausible (systolic above diastolic), for the caller to weigh.
    """
    lex = lexicon or load_lexicon()
    text = arabic(text)
    bp_cfg = lex.readings.get("blood_pressure", {})
    hr_cfg = lex.readings.get("heart_rate", {})
    bp_words = _listed(bp_cfg, "words")
    hr_words = _listed(hr_cfg, "words")
    temp_cfg = lex.readings.get("temperature", {})
    temp_words = _listed(temp_cfg, "words")
    spo2_cfg = lex.readings.get("oxygen", {})
    spo2_words = _listed(spo2_cfg, "words")
    found: dict[str, list] = {"bp": [], "hr": [], "temp": [], "spo2": []}
    explicit = bool(bp_words) and _words_pattern(bp_words).search(text) is not None
    used: list[tuple[int, int]] = []
    for m in _PAIR.finditer(text):
        high, low = int(m.group(1)), int(m.group(2))
        if 50 <= high <= 300 and 20 <= low <= 200 and high > low + 5:
            found["bp"].append((high, low, explicit))
            used.append(m.span())
    if bp_words:
        single = _words_pattern(
            bp_words,
            "(",
            r")[^/]{0,15}?(?<![\d.])(\d{2,3})(?![\d.]|\s*/)" + _NOT_A_READING,
        )
        for m in single.finditer(text):
            if any(a <= m.start(2) < b for a, b in used):
                continue
            if m.group(1) == "mmhg" and _AFTER_NUMBER.search(text[: m.start(1)]):
                # "126/78 mmHg，静止心率每分钟68次": a unit after a reading,
                # not a word before the next number.
                continue
            value = int(m.group(2))
            if 30 <= value <= 300:
                if m.group(1) in _DIASTOLIC_WORDS:
                    found["bp"].append((None, value, True))
                else:
                    found["bp"].append((value, None, True))
    if hr_words:
        rate = _words_pattern(
            hr_words,
            after=r"[^/]{0,12}?(?<![\d.])(\d{2,3})(?![\d.]|\s*/)"
            + _NOT_A_READING
            + r"|(\d{2,3})\s*(?:bpm|次/分|次每分)",
        )
        for m in rate.finditer(text):
            value = int(m.group(1) or m.group(2))
            if 20 <= value <= 300:
                found["hr"].append(value)
    if temp_words:
        degrees = _words_pattern(
            temp_words,
            after=r"[^/]{0,12}?(?<![\d.])(\d{2,3}(?:\.\d)?)(?![\d/])" + _NOT_A_READING,
        )
        for m in degrees.finditer(text):
            found["temp"].append(float(m.group(1)))
    not_body = _listed(temp_cfg, "not_body")
    other = _words_pattern(not_body) if not_body else None
    if _shivering(lex, text):
        # "39.8 and shaking so hard his teeth chatter": a thermometer's
        # number, with a tenth, read as a temperature beside shivering; not
        # "the bath was 40.5", "down to 41.5", "the met is 41.2" (what the
        # number is, said just before it).
        for m in _TENTHS.finditer(text):
            value = float(m.group(1))
            before = text[max(0, m.start() - _NAMED_BEFORE) : m.start()]
            if value not in found["temp"] and not (other and other.search(before)):
                found["temp"].append(value)
    body_heat = _listed(temp_cfg, "body_heat")
    place = _listed(temp_cfg, "place")
    if body_heat:
        # "身上好烫，40度", "burning up, 104F": degrees said just after the
        # body is said to be burning hot; not the heat of a place said after
        # them ("burning up, 40 degrees in the house") or of a bath before.
        hot = _words_pattern(body_heat, after=_DEGREES)
        where = _words_pattern(place) if place else None
        for m in hot.finditer(text):
            value = float(m.group(1))
            before = text[max(0, m.start() - _NAMED_BEFORE) : m.start()]
            after = text[m.end() : m.end() + _NAMED_AFTER]
            if not (34 <= value <= 45 or 95 <= value <= 110) or value in found["temp"]:
                continue
            if (other and other.search(before)) or (where and where.search(after)):
                continue
            found["temp"].append(value)
    if spo2_words:
        percent = _words_pattern(
            spo2_words,
            after=r"([^\d/]{0,12}?)(\d{2,3})(?![\d./])(?!\s*"
            r"(?:hours?|hrs?|days?|weeks?|litres?|liters?|lpm|l\b|mins?|minutes|mg|ml"
            r"|块|元|岁|分钟|小时|天|次|毫升|升))",
        )
        for m in percent.finditer(text):
            value = int(m.group(2))
            if 40 <= value <= 100 and not _TARGET.search(m.group(1)):
                found["spo2"].append(value)
    return found


def _bp_level(reading: tuple, limits: Mapping[str, int]) -> bool:
    high, low, _ = reading
    return bool(
        (high is not None and high < limits.get("systolic_below", 0))
        or (high is not None and high > limits.get("systolic_above", 999))
        or (low is not None and low > limits.get("diastolic_above", 999))
    )


# --------------------------------------------------------------------------
# Reading a symptom in its context.
# --------------------------------------------------------------------------


@dataclass
class _Clause:
    """A clause, with what its sentence says about time, person and questions."""

    span: _Span
    sentence: _Span
    question: bool  # the sentence asks something
    marks: dict[str, bool]  # markers found anywhere in the sentence
    present: bool  # "now" in this clause or an earlier one of the sentence
    conditional: bool  # "if" in this clause or an earlier one of the sentence
    hits: list[_Hit] = field(default_factory=list)
    # A later clause says it is over ("医生看过说没事"); ``over_now``: says
    # so with a "now" of its own ("it's gone now", "现在也没事了").
    resolved: bool = False
    over_now: bool = False
    # The alarms whose phrases were found here and read as not holding: a
    # symptom denied ("no chest pain") or any phrase an exclusion, an idiom or
    # a longer phrase of another list cancels ("jump the queue", "不想死").
    cleared: set[str] = field(default_factory=set)


def _negated(lex: Lexicon, hit: _Hit, clause: _Span) -> bool:
    """Whether a negation stands just before the phrase ("no chest pain")."""
    if hit.lang == "zh":
        before = re.sub(r"[太很怎么有再并]$", "", clause.text[: hit.start])
        # 是不是 asks ("我是不是自己结束比较好"); it is not "not".
        if before.endswith("是不是"):
            return False
        return any(before.endswith(n.source) for n in lex.zh["negation"])
    negations = {p.source for p in lex.en["negation"] if len(p.slots) == 1}
    fillers = lex.en_words["negation_fillers"]
    for word in reversed(clause.words[max(0, hit.start - 4) : hit.start]):
        if word in negations:
            return True
        if word not in fillers:
            return False
    return False


def _going_on(lex: Lexicon, hit: _Hit, clause: _Span, subject: bool) -> bool:
    """Whether the words around a symptom say it is going on ("she is ...")."""
    if hit.lang == "zh":
        after = clause.text[hit.end : hit.end + 3]
        if "了" in after[:2] and not after.startswith("了解"):
            return True
        before = clause.text[: hit.start]
        return subject and any(before.endswith(b) for b in lex.zh_words["be"])
    be = lex.en_words["be"]
    subjects = {p.source for p in lex.en["subject"]}
    words = clause.words
    before = words[max(0, hit.start - 4) : hit.start]
    if not before:
        return False
    if before[-1] in subjects and (
        any(w in be for w in words[hit.start : hit.end])
        or words[hit.end : hit.end + 1] == ["is"]
    ):
        return True  # "my face is red", "I feel faint"
    if before[-1] in be:  # "my dad is unconscious", "I am having chest pain"
        return before[-1] == "am" or any(w in subjects for w in before[:-1])
    return False


def _subject_before(lex: Lexicon, hit: _Hit, clause: _Span) -> bool:
    """Whether a person is named before the phrase in its clause."""
    if hit.lang == "zh":
        return _has(lex, "subject", _span(clause.text[: hit.start], lex))
    words = clause.words[: hit.start]
    return _has(lex, "subject", _Span("", words, " ".join(words), []))


def _past_before(lex: Lexicon, hit: _Hit, clause: _Span) -> bool:
    """Whether "had a", "has had" stands just before a serious event."""
    if hit.lang == "zh":
        before = clause.text[max(0, hit.start - 4) : hit.start]
        return any(p.source in before for p in lex.zh["past_before"])
    # The phrase itself may start with the marker ("had a seizure").
    before = " ".join(clause.words[max(0, hit.start - 3) : hit.start + 2])
    return any(
        re.search(rf"\b{re.escape(p.source)}\b", before) for p in lex.en["past_before"]
    )


def _experienced(hit: _Hit, clause: _Span) -> bool:
    """Chinese V + 过 after a symptom: it happened before ("昏迷过一次")."""
    if hit.lang != "zh":
        return False
    after = clause.text[hit.end : hit.end + 2]
    return after[:1] == "过" and after[1:2] not in ("去", "来")


def _read_symptom(
    lex: Lexicon, hit: _Hit, c: _Clause, asks: bool = True
) -> tuple[Level, bool]:
    """A symptom's level in its context: (level, weak). See ``assess``.

    ``asks``: whether the message asks anything. A sign of a crisis told with
    a treatment named is a question about it only then ("flushing is awful,
    can he still have embolization?"); told alone it is going on ("栓塞完回家，
    肚子痛得在床上打滚").
    """
    hypothetical = c.conditional or _has(lex, "hypothetical", c.span)
    if c.over_now and not hypothetical:
        return Level.WARNING, False
    if (
        c.present
        and _YEAR.search(c.span.text)
        and not c.marks["urgent"]
        and not _has(lex, "now", c.sentence)
    ):
        # "when I had my operation in 2019 I went wheezy in the recovery room":
        # a year named in the symptom's own clause tells of the past, whatever
        # the place sounds like ("has just collapsed, he had a transplant in
        # 2019" is two clauses).
        return Level.WARNING, False
    if c.present and not hypothetical:
        return Level.EMERGENCY, False
    if hypothetical or c.resolved or c.marks["past"] or _experienced(hit, c.span):
        return Level.WARNING, False
    if c.question and hit.tier == "critical" and _past_before(lex, hit, c.span):
        return Level.WARNING, False
    clause_subject = _has(lex, "subject", c.span)
    going_on = _going_on(lex, hit, c.span, clause_subject or c.marks["subject"])
    # "after eating" is habitual ("I flush after eating"), but not when an
    # airway sign is going on ("her tongue is huge and she's wheezing after
    # eating prawns").
    if c.marks["habitual"] and not (going_on and hit.tier == "critical"):
        return Level.WARNING, False
    if going_on:
        return Level.EMERGENCY, False
    if hit.tier != "critical" and c.marks["content"] and asks:
        return Level.WARNING, False
    if _has(lex, "ask", c.span) and not _subject_before(lex, hit, c.span):
        return Level.WARNING, False
    # "Should we wait until tomorrow?" asks for help with a sign of danger,
    # not with diarrhoea alone.
    urgent = c.marks["urgent"] or (c.marks["wait"] and hit.tier == "critical")
    if c.question and not c.marks["subject"] and not urgent:
        return Level.WARNING, False
    return Level.EMERGENCY, (c.question and not urgent) or hit.typo


def _read_overdose(lex: Lexicon, c: _Clause) -> Level:
    """An overdose is self-harm when reported or planned, a warning when asked about."""
    if _has(lex, "intent", c.sentence):
        return Level.SELF_HARM
    asked = (
        c.conditional
        or _has(lex, "hypothetical", c.span)
        or (c.marks["past"] and not c.present)
        or (_has(lex, "ask", c.span) and not _has(lex, "subject", c.span))
        or (c.question and not c.marks["subject"] and not c.marks["urgent"])
    )
    return Level.WARNING if asked else Level.SELF_HARM


def _read_distress(lex: Lexicon, hit: _Hit, c: _Clause, any_question: bool) -> Level:
    """Distress, unless it comes with a question about the treatment."""
    asks = (
        c.marks["content"]
        or _has(lex, "ask", c.sentence)
        or _has(lex, "hypothetical", c.sentence)
    )
    if hit.kind == "distress":
        return Level.NONE if c.question and asks else Level.DISTRESS
    # Milder worry: only when someone speaks of themselves and asks nothing.
    if c.marks["subject"] and not any_question and not asks:
        return Level.DISTRESS
    return Level.NONE


def _alarm_of(hit: _Hit) -> str | None:
    """The alarm a phrase of this list would raise (``None``: distress)."""
    if hit.kind in ("self_harm", "overdose"):
        return "self_harm"
    if hit.kind in ("critical", "crisis") or hit.kind.startswith("minor:"):
        return "emergency"
    return None


def _resolve(hits: list[_Hit], excluded: list[_Hit]) -> list[_Hit]:
    """Drop hits an exclusion covers, then the shorter of overlapping lists."""
    kept = [
        h
        for h in hits
        if not any(e.overlaps(h) and e.length >= h.length for e in excluded)
    ]
    return [
        h
        for h in kept
        if not any(
            o.kind != h.kind and o.overlaps(h) and o.length > h.length for o in kept
        )
    ]


def _is_question(lex: Lexicon, span: _Span, ends_with_mark: bool) -> bool:
    if ends_with_mark:
        return True
    if span.words and span.words[0] in lex.en_words["question_starts"]:
        return True
    chinese = "".join(_CJK.findall(span.text))
    if chinese and chinese.endswith(lex.question_ends):
        return True
    # "会引起喘吗，还是只有气喘才会": a clause that ends with 吗 asks
    if any(
        "".join(_CJK.findall(p)).endswith("吗") for p in _CLAUSE_END.split(span.text)
    ):
        return True
    for words in lex.zh_words["not_questions"]:  # 换了好几次: not 几次?
        chinese = chinese.replace(words, "")
    return any(w in chinese for w in lex.question_words)


def _signs(lex: Lexicon, clauses: list[_Clause]) -> list[str]:
    """The warning signs (``signs``) the clauses' sentences name, each once."""
    sentences = {id(c.sentence): c.sentence for c in clauses}
    found: list[str] = []
    for sentence in sentences.values():
        for hit in _find(lex, "signs", sentence):
            if hit.source not in found:
                found.append(hit.source)
    return found


def _bare_term(lex: Lexicon, text: str) -> bool:
    """Whether the message is just a symptom's name ("flushing?")."""
    words = " ".join(tokens(text, lex))
    chinese = "".join(_CJK.findall(text))
    return (words in lex.terms and not chinese) or (chinese in lex.terms and not words)


def _clauses(lex: Lexicon, norm: str) -> list[_Clause]:
    """Every clause of a normalised message, with its phrases found and resolved."""
    # Each sentence: its span, does it ask, and its markers.
    sentences = [
        (
            span,
            _is_question(lex, span, ends_with_mark),
            {
                name: _has(lex, name, span)
                for name in ("content", "subject", "urgent", "wait")
            },
        )
        for span, ends_with_mark in ((_span(s, lex), q) for s, q in _sentences(norm))
    ]
    # A question about treatment anywhere makes a symptom named as background
    # ("he has flushing. What should we ask?") part of that question.
    content_question = any(q and m["content"] for _, q, m in sentences)
    # Whether a clause that only dates a procedure ("上周做了TACE") leaves the
    # symptoms told after it in the present: in a message that asks nothing
    # or asks what to do, and says nowhere that it is over.
    dated_only_procedure = not any(
        _has(lex, "resolved", s) or _has(lex, "resolved_since", s)
        for s, _, _ in sentences
    ) and (
        not any(q for _, q, _ in sentences) or any(m["urgent"] for _, _, m in sentences)
    )
    out = []
    for sentence, question, sentence_marks in sentences:
        marks = {
            **sentence_marks,
            "content": sentence_marks["content"] or content_question,
        }
        conditional = present = past = habitual = False
        first = len(out)
        for text in _CLAUSE_END.split(sentence.text):
            if not text.strip():
                continue
            span = _span(text, lex)
            conditional = conditional or _has(lex, "conditional", span)
            # "Now" speaks for its clause and the ones after it, not before;
            # so does "last week" ("she is having a fit, she had surgery last
            # week" is happening now).
            present = present or _has(lex, "present", span)
            own_past = _has(lex, "past", span)
            if not own_past and _has(lex, "today", span):
                # "Today" ends the past told before it: "上個禮拜開始肚瀉，今日
                # 肚瀉到頭暈" is today.
                past = False
            carried, past = past, past or own_past
            # "我有类癌综合征" after a reading of 220/125 is background, not
            # what makes the reading habitual: only this clause and earlier.
            habitual = habitual or _has(lex, "habitual", span)
            marks = {**marks, "past": past, "habitual": habitual}
            hits = [h for k in SYMPTOM_LISTS for h in _find(lex, k, span, SYMPTOM_GAP)]
            if span.words:
                for group, phrases in lex.en_minor.items():
                    hits += _en_hits(lex, "minor:" + group, phrases, span, SYMPTOM_GAP)
            if _CJK.search(span.text):
                for group, phrases in lex.zh_minor.items():
                    hits += _zh_hits("minor:" + group, phrases, span.text)
            before = hits
            hits = _resolve(
                hits,
                _find(lex, "exclude", span, EXCLUDE_GAP)
                + _find(lex, "idioms", span, EXCLUDE_GAP),
            )
            cleared = {_alarm_of(h) for h in before if h not in hits}
            if (
                own_past
                and not carried
                and not before
                and dated_only_procedure
                and _has(lex, "procedure", span)
                and _only_dated(lex, span)
            ):
                # "上周做了TACE，胸口很痛喘不过气": "last week" in a clause
                # that only tells when the procedure was is not the time of
                # the symptoms told after it ("during the surgery" is).
                past = False
            kept = []
            for hit in hits:
                if not _negated(lex, hit, span):
                    kept.append(hit)
                    continue
                cleared.add(_alarm_of(hit))
                if hit.kind == "self_harm":  # "I don't want to kill myself"
                    kept.append(_Hit("negated_self_harm", hit.source, hit.lang, 0, 0))
            out.append(
                _Clause(
                    span,
                    sentence,
                    question,
                    marks,
                    present,
                    conditional,
                    kept,
                    cleared={alarm for alarm in cleared if alarm},
                )
            )
        if len(out) > first:
            # Self-harm said across a comma ("这样就能早点走，不用再受罪"): the
            # phrases found only in the whole sentence count in its first clause.
            found = {h.source for c in out[first:] for h in c.hits}
            whole = [
                h
                for kind in ("self_harm", "overdose")
                for h in _find(lex, kind, sentence, SYMPTOM_GAP)
            ]
            kept = _resolve(
                whole,
                _find(lex, "exclude", sentence, EXCLUDE_GAP)
                + _find(lex, "idioms", sentence, EXCLUDE_GAP),
            )
            if len(kept) < len(whole):
                out[first].cleared.add("self_harm")
            out[first].hits.extend(
                h
                for h in kept
                if h.source not in found and not _negated(lex, h, sentence)
            )
    _mark_resolved(lex, out)
    return out


def _only_dated(lex: Lexicon, span: _Span) -> bool:
    """Whether every past word of a clause is a date ("last week", "上周")."""
    dates = _find(lex, "past_date", span)
    return bool(dates) and all(
        any(p.overlaps(d) for d in dates) for p in _find(lex, "past", span)
    )


def _mark_resolved(lex: Lexicon, clauses: list[_Clause]) -> None:
    """Mark the clauses before one that says the episode is over (``resolved``).

    "had chest pain on saturday, ... it's gone now. could it be the Y90?" and
    "黑便一定是出血吗？…医生看过说没事" tell of something that has passed: the
    symptoms named before it are read as past. Only in a message that asks
    something and asks for no help ("怎么办", "help"): "他在吐血，医生却说没事"
    stays an emergency. A symptom named after it ("没事了，现在又喘不上气") is
    not marked. A present word in or before the symptom's clause still wins
    ("flushing right now, last time it went away"), unless the later clause
    says with a "now" of its own (``now``), or says it has been over ever
    since (``resolved_since``: "he's been fine since"), that it is over and
    the symptom's clause has no "now" ("上周半夜胸闷…现在也没事了"): that is
    ``over_now``. A clause that says its own symptoms are much better
    ("潮红好了很多") is over too (``_better_after``).
    """
    asks = any(c.question for c in clauses)
    if not asks or any(c.marks["urgent"] for c in clauses):
        return
    found = [
        [h for h in _find(lex, "resolved", c.span) if not _negated(lex, h, c.span)]
        for c in clauses
    ]
    since = [_has(lex, "resolved_since", c.span) for c in clauses]
    over = [bool(hits) or ever for hits, ever in zip(found, since, strict=True)]
    now = [_has(lex, "now", c.span) for c in clauses]
    over_now = [
        done and (said or ever)
        for done, said, ever in zip(over, now, since, strict=True)
    ]
    for i, clause in enumerate(clauses):
        better = _better_after(clause, found[i])
        clause.resolved = any(over[i + 1 :]) or better
        clause.over_now = (any(over_now[i + 1 :]) and not now[i]) or better


def _better_after(clause: _Clause, resolved: list[_Hit]) -> bool:
    """Whether a clause says its own symptoms are better ("潮红好了很多").

    The words of getting better come after every symptom of the clause, and
    nothing turns it round after them ("…好了很多又突然很厉害").
    """
    if any(h.tier == "critical" for h in clause.hits):
        # "Crushing chest pain, a lot better when I sit still": not for these.
        return False
    for lang in ("zh", "en"):
        symptoms = [h.end for h in clause.hits if h.lang == lang]
        better = [h for h in resolved if h.lang == lang]
        after = [h for h in better if symptoms and h.start >= max(symptoms)]
        if not after:
            continue
        end = after[0].end
        rest = (
            clause.span.text[end:]
            if lang == "zh"
            else " ".join(clause.span.words[end:])
        )
        if not _TURN.search(rest):
            return True
    return False


# A year said as one ("in 2019", "2019年", "二零一九年"), not a time or an amount.
_YEAR = re.compile(
    r"\b(?:in|back in|during|since) (?:19|20)\d\d\b(?![\d.:])"
    r"|(?<![\d.])(?:19|20)\d\d年|[一二][九零〇][〇零一二三四五六七八九]{2}年"
)
# "Oxygen target 88 to 92": a goal, not a reading.
_TARGET = re.compile(r"target|goal|aim|目标|要求|保持")
# "But", "again": what follows a word of getting better turns it round.
_TURN = re.compile(r"又|再|但|可是|不过|\bbut\b|\bagain\b|\bthen\b")


def _read_readings(
    lex: Lexicon, c: _Clause, values: Mapping[str, list], context: bool
) -> Iterator[tuple[Level, str, bool]]:
    """Dangerous blood-pressure, heart-rate, temperature and oxygen readings.

    ``values``: the sentence's ``readings``. ``context``: the message names a
    symptom or a procedure, which makes a dangerous (not only an extreme)
    blood pressure an emergency.
    """
    limits = lex.readings
    bp = limits.get("blood_pressure", {})
    for reading in values["bp"]:
        if not (reading[2] or context) or not _bp_level(reading, bp.get("danger", {})):
            continue
        extreme = _bp_level(reading, bp.get("extreme", {}))
        tier = "critical" if extreme or context else "reading"
        probe = _Hit("reading", "blood pressure", "en", 0, 0, tier=tier)
        level, weak = _read_symptom(lex, probe, c)
        if tier == "reading":  # a dangerous number alone: answer, with a warning
            level = min(level, Level.WARNING, key=lambda lv: lv.rank)
        yield level, f"blood pressure {reading[0]}/{reading[1]}", weak
    rate = limits.get("heart_rate", {}).get("danger", {})
    for value in values["hr"]:
        if value < rate.get("below", 0) or value > rate.get("above", 999):
            probe = _Hit("reading", "heart rate", "en", 0, 0, tier="crisis")
            yield (*_read_symptom(lex, probe, c)[:1], f"heart rate {value}", False)
    fever = limits.get("temperature", {}).get("danger", {})
    if (
        values["temp"]
        and _shivering(lex, c.span.text)
        and not any(
            _has(lex, kind, c.sentence) for kind in ("past", "past_date", "resolved")
        )
    ):
        # Shaking with it (rigors), now: a lower temperature is dangerous; not
        # the first night's 38.2 with chills "that settled".
        fever = limits.get("temperature", {}).get("danger_shivering", fever)
    for degrees in values["temp"]:
        celsius = 34 <= degrees <= 45 and degrees >= fever.get("celsius", 99)
        fahrenheit = 93 <= degrees <= 110 and degrees >= fever.get("fahrenheit", 999)
        if celsius or fahrenheit:
            probe = _Hit("reading", "temperature", "en", 0, 0, tier="crisis")
            yield (*_read_symptom(lex, probe, c)[:1], f"temperature {degrees:g}", False)
    oxygen = limits.get("oxygen", {}).get("danger", {})
    for value in values.get("spo2", ()):
        if value < oxygen.get("below", 0):
            probe = _Hit("reading", "oxygen", "en", 0, 0, tier="critical")
            yield (*_read_symptom(lex, probe, c)[:1], f"oxygen {value}%", False)


def assess(text: str | None, lexicon: Lexicon | None = None) -> Assessment:
    """Sort a message into one of the five levels (see the module docstring).

    The rule net reads it first (``assess_rules``); then the learned scorer
    may raise the level to an alarm (``_learned``).
    """
    lex = lexicon or load_lexicon()
    return _learned(text, lex, assess_rules(text, lex))


def assess_rules(text: str | None, lexicon: Lexicon | None = None) -> Assessment:
    """The rule net's reading of a message (see the module docstring).

    The message is normalised (width, case, Traditional to Simplified) and cut
    into sentences and clauses; every phrase of ``data/safety.yml`` found is
    read in its context. Denied phrases ("no chest pain") are dropped.
    Self-harm phrases always count. A symptom is an emergency when it is
    happening now (a ``present`` word in its clause or an earlier one, or
    "is", "am", "了" right by it); it is a warning when it is hypothetical,
    past, long-standing, background to a question about treatment, or asked
    about without naming a person; otherwise it is an emergency. Minor
    symptoms count only together (vomiting with dizziness), with an intensity
    word, or beside another symptom. A dangerous reading counts as a symptom.
    Self-harm phrases are also looked for across the commas of a sentence;
    warning signs (``signs``: letters to the family, things given away) count
    as self-harm when two are in one message.
    """
    if not text or not text.strip():
        return Assessment(Level.NONE)
    lex = lexicon or load_lexicon()
    norm = normalise(text, lex)
    clauses = _clauses(lex, norm)
    any_question = any(c.question for c in clauses)
    all_hits = [h for c in clauses for h in c.hits]
    serious = any(h.kind in ("critical", "crisis") for h in all_hits)
    symptoms = serious or any(h.kind.startswith("minor:") for h in all_hits)
    procedure = any(_has(lex, "procedure", c.span) for c in clauses)
    bare = _bare_term(lex, norm)

    verdicts: list[tuple[Level, str, bool]] = []
    for c in clauses:
        groups = {
            h.kind[6:]
            for other in clauses
            if other.sentence is c.sentence
            for h in other.hits
            if h.kind.startswith("minor:")
        }
        for hit in c.hits:
            if hit.kind == "self_harm":
                verdicts.append((Level.SELF_HARM, hit.source, False))
            elif hit.kind == "negated_self_harm":
                verdicts.append((Level.DISTRESS, hit.source, False))
            elif hit.kind == "overdose":
                verdicts.append((_read_overdose(lex, c), hit.source, False))
            elif hit.kind in ("distress", "worry"):
                level = _read_distress(lex, hit, c, any_question)
                verdicts.append((level, hit.source, False))
            else:
                if hit.kind.startswith("minor:") and not (
                    any(combo <= groups for combo in lex.combos)
                    or _has(lex, "intensity", c.span)
                    or serious
                ):
                    continue
                tier = "critical" if hit.kind == "critical" else "crisis"
                level, weak = _read_symptom(
                    lex,
                    _Hit(
                        hit.kind,
                        hit.source,
                        hit.lang,
                        hit.start,
                        hit.end,
                        hit.typo,
                        tier,
                    ),
                    c,
                    any_question,
                )
                if level is Level.EMERGENCY and bare and tier == "crisis":
                    level = Level.WARNING  # just the name: "flushing?"
                verdicts.append((level, hit.source, weak))
    seen: set[int] = set()
    in_limits = False
    for c in clauses:
        if id(c.sentence) in seen:
            continue
        seen.add(id(c.sentence))
        whole = _Clause(
            c.sentence,
            c.sentence,
            c.question,
            c.marks,
            any(o.present for o in clauses if o.sentence is c.sentence),
            any(o.conditional for o in clauses if o.sentence is c.sentence),
        )
        values = readings(whole.span.text, lex)
        read = list(_read_readings(lex, whole, values, symptoms or procedure))
        verdicts.extend(read)
        if not read and any(values.values()):
            in_limits = True  # a reading, and none beyond its limits

    signs = _signs(lex, clauses)
    good_news = any(_has(lex, "good_news", c.span) for c in clauses)
    if len(signs) >= SIGNS_TOGETHER and not good_news:
        # Letters written, a watch given away, "I won't need the appointment":
        # each could be nothing, together they are a plan; not in a message
        # that says the operation went well ("won't be needing this. bye!").
        verdicts.append((Level.SELF_HARM, " + ".join(signs), False))
    found = [v for v in verdicts if v[0] is not Level.NONE]
    # Idioms are read in each clause and over each whole sentence (once):
    # "算了，下个月再说" spans a comma.
    sentences = {id(c.sentence): c.sentence for c in clauses}.values()
    ordinary = any(_has(lex, "idioms", c.span) for c in clauses) or any(
        _has(lex, "idioms", sentence) for sentence in sentences
    )
    checked = {alarm for c in clauses for alarm in c.cleared}
    if in_limits:
        checked.add("emergency")
    if ordinary:
        # An idiom ("dying to know"): the rule net's own reading of the words
        # the scorer would take for self-harm.
        checked.add("self_harm")
    safe_said = any(_has(lex, "safe_said", sentence) for sentence in sentences)
    if not found:
        return Assessment(
            Level.NONE,
            question=any_question,
            ordinary=ordinary,
            checked=frozenset(checked),
            safe_said=safe_said,
        )
    level = max((v[0] for v in found), key=lambda lv: lv.rank)
    weak = level is Level.EMERGENCY and all(
        v[2] for v in found if v[0] is Level.EMERGENCY
    )
    matched = tuple(dict.fromkeys(v[1] for v in found))
    return Assessment(
        level,
        matched,
        weak=weak,
        question=any_question,
        checked=frozenset(checked),
        safe_said=safe_said,
    )


def _learned(text: str | None, lex: Lexicon, found: Assessment) -> Assessment:
    """Add the alarm the learned scorer is sure of where the rule net found none.

    The scorer reads words, not time, negation or idiom; the rule net reads
    all three. So the scorer raises an alarm whose score reaches its threshold
    (``learned`` in ``data/safety.yml``, chosen on messages it had not seen:
    ``safety_model.cross_check``) only where the rule net has no reading of
    its own for that alarm (nothing ``checked``: not "no chest pain", "bp
    120/80", "jump the queue"):

    * self-harm, over a message read as ordinary (``NONE``) or as a question
      about a symptom or a past event (``WARNING``); not over distress, where
      the rule net heard fear or not coping ("I'm so scared") and whose reply
      already points to the care team, except distress with being a burden
      that the scorer is sure of with and without the distress words
      (``_self_harm_over_distress``);
    * an emergency, over a message in which the rule net found no symptom
      (``NONE``); over a question about a symptom, a past event or distress
      only at the higher ``emergency_over_reading`` ("it's happening again
      like last time, face bright red, wheezy", read as past by the phrases;
      "塊面紅到發紫…心跳好急，點算", read as distress); or to make a ``weak``
      emergency firm.

    It never turns one alarm into the other: the rule net knows "my mum won't
    wake up" is an emergency, not self-harm. Where no alarm is raised, it
    says whether it is sure the message is ordinary (``sure_ordinary``: the
    ``none`` score at or above ``ordinary``), which keeps an emergency guess
    of the NLU from sounding one (``decide``).
    """
    if not text or not text.strip() or not lex.learned:
        return found
    limits = dict(lex.learned)
    if found.level is Level.WARNING:
        limits["emergency"] = limits.get("emergency_over_reading")
    elif found.level is Level.DISTRESS:
        limits = {"emergency": limits.get("emergency_over_reading")}
    elif found.level is Level.EMERGENCY and found.weak:
        limits = {"emergency": limits.get("emergency")}
    elif found.level is not Level.NONE:
        return found
    thresholds = {
        alarm: limit
        for alarm, limit in limits.items()
        if alarm in CLASS_ALARMS - found.checked and limit is not None
    }
    try:
        scorer = safety_model.scorer()
        scores = scorer.scores(text)
        over = _self_harm_over_distress(lex, text, found, scorer, scores)
    except Exception as error:  # noqa: BLE001 - the phrases must still answer
        logger.error("safety scorer unavailable: %s", type(error).__name__)
        return found
    if over:
        return replace(
            found,
            level=Level.SELF_HARM,
            matched=(*found.matched, "learned:self_harm_over_distress"),
            weak=False,
            learned=True,
        )
    raised = safety_model.alarm(scores, thresholds)
    if raised is None:
        ordinary = lex.learned.get("ordinary")
        sure = ordinary is not None and scores.get("none", 0.0) >= float(ordinary)
        return replace(found, sure_ordinary=sure)
    return replace(
        found,
        level=Level(raised),
        matched=(*found.matched, f"learned:{raised}"),
        weak=False,
        learned=True,
    )


def _self_harm_over_distress(
    lex: Lexicon,
    text: str,
    found: Assessment,
    scorer: safety_model.Scorer,
    scores: Mapping[str, float],
) -> bool:
    """Whether distress with being a burden is self-harm said in other words.

    Only for a message the rule net read as distress, that asks nothing,
    names being a burden, and whose self-harm score reaches
    ``self_harm_over_distress``; then the message read without its distress
    words must still reach ``self_harm_without_distress``. The cheap checks
    come first: the message is read again only when all of them hold.
    """
    whole = lex.learned.get("self_harm_over_distress")
    without = lex.learned.get("self_harm_without_distress")
    if (
        found.level is not Level.DISTRESS
        or found.question
        or whole is None
        or without is None
        or "self_harm" in found.checked
        or scores.get("self_harm", 0.0) < whole
        or not _says(lex, "burden", text)
    ):
        return False
    blanked = _without(lex, ("distress", "worry"), text)
    if len(_WORD.findall(blanked)) + len(_CJK.findall(blanked)) < _LEFT:
        return False  # "I can't cope anymore" leaves too little to read
    return scorer.scores(blanked).get("self_harm", 0.0) >= without


def _says(lex: Lexicon, kind: str, text: str) -> bool:
    """Whether a phrase of one list is in any sentence of a message."""
    return any(
        _has(lex, kind, _span(sentence, lex))
        for sentence, _ in _sentences(normalise(text, lex))
    )


# How many words (English words and Chinese characters) a message read without
# its distress words must keep for the scorer to read it (``_learned``).
_LEFT = 8


def _without(lex: Lexicon, kinds: Sequence[str], text: str) -> str:
    """The normalised message with the words of the given lists taken out.

    Distress words ("撑不下去", "I can't cope") weigh so much with the scorer
    that it cannot tell plain distress from distress said with a plan; read
    without them, what is left says which it is.
    """
    out = []
    for sentence, _ in _sentences(normalise(text, lex)):
        span = _span(sentence, lex)
        hits = [h for kind in kinds for h in _find(lex, kind, span)]
        words = {i for h in hits if h.lang == "en" for i in range(h.start, h.end)}
        chars = {i for h in hits if h.lang == "zh" for i in range(h.start, h.end)}
        if words and not _CJK.search(sentence):
            sentence = " ".join(w for i, w in enumerate(span.words) if i not in words)
        elif chars:
            sentence = "".join(" " if i in chars else c for i, c in enumerate(sentence))
        out.append(sentence)
    return "。".join(out)


# The alarms the learned scorer can raise.
CLASS_ALARMS = frozenset({"self_harm", "emergency"})


# --------------------------------------------------------------------------
# Combining the rule net with the trained intents.
# --------------------------------------------------------------------------

# The trained intents of the safety net, and the level each one asks for.
SAFETY_INTENTS = {
    "report_emergency": Level.EMERGENCY,
    "self_harm": Level.SELF_HARM,
    "distress": Level.DISTRESS,
}
# An NLU guess below this is weak: it never sounds an alarm on its own. A
# self-harm guess counts sooner: missing one costs more than a kind word.
WEAK_GUESS = {"report_emergency": 0.5, "self_harm": 0.3, "distress": 0.5}
# A content intent at or above this is confident: it outranks weak alarms.
CONFIDENT = 0.8


def is_content_intent(intent: str | None) -> bool:
    """Whether an intent asks for content.

    That is ``ask`` (with its sections, e.g. ``ask/resection__risks``) or
    another ``ask_*`` intent, except the sources.
    """
    return bool(intent) and intent.startswith("ask") and intent != "ask_sources"


def decide(
    assessment: Assessment, intent: str | None = None, confidence: float | None = None
) -> Level:
    """The level to answer at, from the rule net and the NLU's top intent.

    ``intent`` and ``confidence`` are the NLU's top intent and its confidence
    (``None`` when unknown, e.g. a button: then the intent counts as sure).

    1. Self-harm found by the rule net always stands.
    2. An emergency found by the rule net stands, unless it is ``weak`` (a
       question naming a person but no time, or a typo only) and the NLU is
       confident (>= ``CONFIDENT``) that this is a specific content question
       (``is_content_intent``): then it is answered, with the warning line.
    3. A safety intent (``report_emergency``, ``self_harm``, ``distress``)
       raises the level when the NLU is not weak (>= ``WEAK_GUESS``: 0.5, or
       0.3 for self-harm). When the
       rule net read the message as a question about a symptom (``WARNING``),
       an emergency guess must be confident to overrule it.
    4. An emergency guess sounds no alarm when the learned scorer is sure the
       message is ordinary (``Assessment.sure_ordinary``): on blind rounds
       3-20 such guesses made five false alarms and caught nothing the rule
       net and the scorer missed. A self-harm guess still counts: "everything
       is pointless" is better met with the caring message than missed.
    5. A weak safety guess (below ``WEAK_GUESS``) never sounds an alarm when the
       rule net found nothing: the message is answered as a question. Nor
       does a guess below ``CONFIDENT`` when the rule net found nothing but
       an ordinary use of an alarming word (``Assessment.ordinary``).
    6. Distress in a question is answered when the NLU is confident that it
       is a content question; otherwise the rule net's level stands.
    7. A self-harm guess below ``CONFIDENT`` sounds no alarm when the person
       says they want to live or are only letting off steam
       (``Assessment.safe_said``: "crying all the time … but I want to live",
       "not looking for advice, just needed to say it"; blind spot-check 57).
       A self-harm phrase of the rule net still stands (1.).
    """
    rule = assessment.level
    sure = 1.0 if confidence is None else float(confidence)
    content = is_content_intent(intent) and sure >= CONFIDENT
    if rule is Level.SELF_HARM:
        return rule
    if rule is Level.EMERGENCY:
        return Level.WARNING if assessment.weak and content else rule
    guessed = SAFETY_INTENTS.get(intent or "")
    if guessed is not None:
        if sure < WEAK_GUESS[intent or ""]:
            return rule
        if guessed is Level.EMERGENCY and assessment.sure_ordinary:
            return rule
        if assessment.ordinary and rule is Level.NONE and sure < CONFIDENT:
            return rule
        if guessed is Level.SELF_HARM and assessment.safe_said and sure < CONFIDENT:
            return rule
        if guessed is Level.EMERGENCY and rule is Level.WARNING and sure < CONFIDENT:
            return rule
        return guessed if guessed.rank > rule.rank else rule
    if rule is Level.DISTRESS and assessment.question and content:
        return Level.NONE
    return rule
