"""Which topic and section a question asks about: the model's ranking, in context.

The trained ``ResponseSelector`` ranks the sections of every topic for a
message (``Candidate``: topic, section, confidence), learnt from the example
questions each section lists in ``data/knowledge``. ``choose`` picks one,
using the conversation:

1. a button names the topic and section;
2. "tell me more" moves on to the next section of the topic in focus;
3. "what about for ablation?", "and if they offer embolization instead?" asks
   the same part of another topic (how long people live goes to a topic's
   own section on survival, ``same_part``; when that topic has no such part,
   its own section on the subject in focus: "what about during
   embolisation?" after what triggers a crisis),
   "那化疗呢" another part of the topic in focus, and "有症状的呢", "切片也会吗",
   "how about Y90?" (naming no other topic and no other part) or a detail
   told ("she is 87") the same part again, for someone or something else,
   unless the model reads another question with some confidence ("is that
   the same for Y90?", "Y90也一样吗" say so in words: the same part, whatever
   the model reads);
4. a part no source covers (recovery at home, cost) is named as such, so the
   reply can say so;
5. a message that asks what a word means ("what does TACE stand for?",
   "R1是什么意思") and names a glossary term gets that term, or the topic's
   own section when that topic is in focus ("what does the grade mean?")
   and that section was not just shown ("what does PRRT stand for?" right
   after the section on PRRT gets the word); just after a word, "and TARE?"
   naming another word gets that word too;
6. a follow-up that names no topic ("and the risks?", "有什么风险") is
   answered from the topic in focus: the part the model reads (risks,
   results...) in that topic, or else that topic's best section when it is a
   plausible reading (``FOLLOW_UP_RATIO`` of the best overall). A word the
   topic in focus shares with another ("operation" about the primary
   tumour) does not leave it; after a word explained, the topic in focus is
   the one behind the word (``in_focus``);
7. a topic named with no part of it gets its overview when the message is
   short ("RFA?") or says "tell me about"; a background topic (NETs, priority
   0) named in passing needs a near reading of its own to outrank the model;
8. otherwise the model's best reading, with a near tie inside one topic
   broken by the part the message names ("risks", "风险"), and between twin
   sections (``twin_of``: ablation during an operation, in surgery and in
   ablation) by the topic in focus, else the one the message names first; a
   general section with a treatment's own (``narrower``: preventing a crisis,
   around an embolization) gives way to it when that treatment is named or in
   focus; a glossary term that a topic explains in full ("what is PRRT?")
   gets that topic's section, unless that section was just shown (a word
   named in a question that would get the section just shown again gets
   the word: "what's an MDT exactly?" after who plans the treatment).

The ranking comes from the ``ResponseSelector`` blended with a linear model
of the same examples (``bot.server.sections``).
Keywords (``bot.core.routing``) only tell whether a message names a topic,
and break a near tie between two parts of one topic; the model picks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.content.knowledge import Knowledge
from bot.content.schema import Topic
from bot.core.routing import (
    GLOSSARY,
    OVERVIEW,
    Turn,
    asks_meaning,
    first_named,
    looks_like_question,
    mentions,
    names_section,
    route,
    section_in_text,
    topic_in_text,
)
from bot.core.script import to_simplified
from bot.core.summary import SLOT as VIEWED
from bot.core.summary import viewed_pairs

# The section on how long people live, where a topic has one of its own.
SURVIVAL = "survival"
# The retrieval intent whose sub-intents are the sections (see ``label``).
RETRIEVAL_INTENT = "ask"
SEPARATOR = "__"
# A follow-up keeps the topic in focus when that topic's best section has at
# least this share of the best candidate's confidence.
FOLLOW_UP_RATIO = 0.05
# Below this confidence a reading is a guess (see "tell me about surgery").
UNSURE = 0.2
# A message of at most this many words (Chinese: characters / 2) is short:
# a topic's name, perhaps with a word or two ("surgery?", "肝移植呢").
SHORT_WORDS = 4
# A follow-up of at most this many words that names a part ("survival?",
# "多久见效", "does it hurt") asks that part of the topic in focus, unless it
# names a word of the glossary ("fibrosis?", "肝硬化").
PART_ONLY_WORDS = 3
# How many of the model's readings a follow-up looks through for its part.
FOLLOW_UP_READINGS = 5
# A topic the message names wins over the model's best when its own best
# section has at least this share of the best candidate's confidence.
NAMED_RATIO = 0.2
# "What about ...?" naming no topic and no part asks the last part again (for
# someone else) unless the model reads another question at least this surely
# (the confidence at which an unsure message is answered, ``FALLBACK_ANSWER``).
SAME_PART_UNSURE = 0.45
# "What's an MDT?", "类癌综合征是什么": what something is.
_ASKS_WHAT = re.compile(
    r"\bwhat(?:'s| is| are| does)\b|\bwhats\b|是什么|是啥|啥是|什么是|什么叫|是指",
    re.IGNORECASE,
)
# A treatment named as what the one in focus is compared with: just after
# "compared with", "better than", "vs" ("how does that compare with
# surgery?"), or between 跟/同/和/与 and 比/相比 ("跟开刀比呢", "同開刀比邊樣好啲",
# "和手术相比"), or after 比起.
_COMPARED_BEFORE = re.compile(
    r"(?:\bcompar(?:e|ed|es|ing)\s+(?:it\s+|that\s+|this\s+|them\s+)?(?:with|to|against)"
    r"|\bcomparison\s+(?:with|to)"
    r"|\b(?:better|worse|safer|riskier|more effective)\s+than"
    r"|\bversus|\bvs\.?)\s+(?:the\s+|an\s+|a\s+|having\s+|doing\s+|with\s+)?$"
    r"|比起\s*(?:做)?$",
    re.IGNORECASE,
)
_COMPARED_AROUND = re.compile(r"(?:跟|同|和|与)\s*(?:做)?$")
_COMPARED_AFTER = re.compile(r"^\s*(?:比(?!率|例|如|较少|较多)|相比|来比|对比)")
# "为什么呢", "那怎么办呢", "and why?" are not "the same, for someone else".
_ASKS_WHY = re.compile(r"为什么|为啥|怎么办|\bwhy\b|\bhow come\b", re.IGNORECASE)
# Between two readings of one topic, the part the message names by a keyword
# wins when the model gave it at least this share of its choice's confidence.
TIE_RATIO = 0.5
# "This operation", "这个手术": the treatment in focus, not surgery by name.
_POINTING = re.compile(
    r"\b(?:this|that|the same|my|his|her)\s+(?:operation|surgery|procedure|treatment)\b"
    r"|(?:这个|这种|这次|这项|那个|该)(?:手术|治疗|操作|疗法)",
    re.IGNORECASE,
)
# "医生说不能手术，建议做介入栓塞", "surgery is off the table, what about TACE":
# a treatment ruled out tells the story so far; it is not what is asked.
_RULED_OUT = re.compile(
    r"(?<![能可适])(?:不能|不可以|不可能|不适合|不宜|做不了|没法|没办法|无法|唔可以|唔能够"
    r"|唔适合|冇得|唔得)"
    r"\s*(?:再)?(?:做|开|接受)?\s*(?:手术|开刀|切除|切肝)"
    r"|(?:手术|开刀)\s*(?:做不了|不能做|做唔到|唔做得|没机会|冇机会)"
    r"|\b(?:can't|cant|cannot|can not|couldn't|won't|unable to|not able to)\s+"
    r"(?:have|do|undergo|get|be offered)\s+(?:an?\s+|the\s+)?"
    r"(?:surgery|operation|resection)\b"
    r"|\b(?:surgery|an operation|the operation|resection)(?:'s|\s+is|\s+was)?\s+"
    r"(?:not possible|not an option|off the table|ruled out|out of the question)"
    r"|\b(?:not|isn't|wasn't|never)\s+(?:a\s+)?(?:candidate|suitable|fit|eligible)\s+"
    r"for\s+(?:surgery|an operation|resection)\b"
    r"|\b(?:inoperable|unresectable|no surgery)\b",
    re.IGNORECASE,
)
# "How long does it last?", "效果维持幾耐", "管多久": how long the effect just
# described lasts, asked of the results or the symptom relief in focus.
_LASTS = re.compile(
    r"(?:维持|持续|(?<![导引流插尿胆血])管|顶|保持)\s*(?:得)?\s*"
    r"(?:多久|多长时间|多长|几耐|几久|几长)"
    r"|效果[^，。？！,.?!]{0,4}(?:多久|多长时间|几耐)(?!才|能看到|出来|见效)"
    r"|\bhow long\s+(?:does|do|will|would|can|did)\s+(?:it|that|this|the\s+"
    r"(?:effect|effects|relief|benefit|benefits|improvement|results?|response))\s+"
    r"(?:last|stay|work|keep working|hold)\b"
    r"|\bhow long\s+(?:is|are)\s+(?:it|that|the\s+effects?)\s+"
    r"(?:good|effective)\s+for\b"
    r"|\bhow (?:lasting|durable)\b",
    re.IGNORECASE,
)
# The parts whose effect "how long does it last?" asks about.
_LASTING = frozenset({"outcomes", "symptom_control"})
# "Tell me about transplant": the topic as a whole.
_ABOUT = re.compile(
    r"^\s*(?:(?:can|could) you\s+|please\s+)?(?:tell me|talk me through|explain)"
    r"\s+(?:more\s+|a bit\s+)?about\b|^\s*(?:请|你)?(?:介绍|讲讲|说说|讲一下|说一下)",
    re.IGNORECASE,
)
# "What about for ablation?": a new topic and nothing else asked.
_SAME_PART = re.compile(
    r"^\s*(?:(?:ok|okay|right|alright|so|and|but)\W+)*(?:what|how)\s+about\b"
    r"|^\s*(?:(?:ok|okay|right|alright|so)\W+)?and\s+(?:for|with|after|before|during)\b"
    r"|^\s*(?:and|but|or)\s+(?:\S+\s*){1,2}[?？]?\s*$"
    r"|^\s*(?:same|the same)\b.*\bfor\b|^\s*那\s*\S{1,12}\s*呢"
    r"|^\s*\S{1,10}呢\s*[?？]?\s*$"
    r"|^\s*换成\S{1,10}"
    # "切片也会吗", "做栓塞的时候也容易发生吗", "during a biopsy too?"
    r"|^[^，。？！?,.]{0,12}也(?:会|能|可以|容易|要|有|行|算)[^，。？！?,.]{0,6}(?:吗|么)\s*[?？]?\s*$"
    r"|^[^.?!]{0,40}\b(?:too|as well)\s*[?？]\s*$"
    # "and if they offer embolization instead?" (not "could ablation be for
    # someone like her instead?", which asks its own part)
    r"|^\s*(?:(?:and|but|or|so|ok|okay)\W+)*(?:what\s+)?if\b[^.?!]{0,40}"
    r"\binstead\s*[?？]?\s*$",
    re.IGNORECASE,
)
# A detail about the person, not a question ("my tumours are all quite
# small", "我阿嬷87岁了耶"): the same part of the topic in focus, for them.
DETAIL_WORDS = 12
# "Is that the same for Y90?", "Y90也一样吗": the part just answered, asked
# again of something else, in so many words (whatever the model reads).
_SAME_AGAIN = re.compile(
    r"^\s*(?:(?:and|but|so|ok|okay)\W+)*(?:is|are|would|will|does)\s+(?:it|that|this"
    r"|they|those)\s+(?:also\s+|still\s+)?(?:be\s+)?(?:the\s+)?same\s+"
    r"(?:for|with|after|in|if)\b[^.?!]{0,30}[?？]?\s*$"
    r"|^[^，。？！?,.]{1,12}(?:也|都)(?:是)?(?:一样|一樣|同样)(?:吗|么|嗎|嘛)?\s*[?？]?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Candidate:
    """One reading of a message: a section of a topic, with the model's confidence."""

    topic: str
    section: str
    confidence: float


def best_of(ranking: tuple[Candidate, ...], topic: str | None) -> Candidate | None:
    """The most confident candidate of one topic, or None."""
    return next((c for c in ranking if c.topic == topic), None)


def in_focus(turn: Turn, kb: Knowledge) -> str | None:
    """The topic a follow-up is about: the last one answered, not the glossary.

    A term of the glossary has no parts to follow up on: after "what is
    TACE?", "and the risks?" asks about the treatment the word belongs to (the
    section that explains it or covers it, or the topic its words name);
    after "MELD是什么" in a talk about transplant, "那我该问医生什么" about
    transplant, the last topic read (the ``viewed`` slot).
    """
    topic = kb.topic(turn.topic)
    if not topic:
        return None
    if not topic.open_sections:
        return topic.id
    term = kb.section(topic.id, turn.section) if turn.section else None
    place = term and (term.explained_in or term.part_of)
    if place:
        return place[0]
    words = " ".join(w for ws in term.keywords.values() for w in ws) if term else ""
    named = topic_in_text(kb, words)
    if named and not kb.topic(named).open_sections:
        return named
    for read, _ in reversed(viewed_pairs(kb, turn.slots.get(VIEWED))):
        if not kb.topic(read).open_sections:
            return read
    return None


def moves_to_topic(turn: Turn, kb: Knowledge) -> bool:
    """Whether a message asks the last question again of a topic it names."""
    text = to_simplified(turn.text)
    named = topic_in_text(kb, text)
    return bool(
        named
        and named != in_focus(turn, kb)
        and turn.section
        and kb.section(named, turn.section)
        and asks_same_part(text)
        and section_in_text(kb, text, named) in (None, turn.section)
    )


def same_part(kb: Knowledge, topic: str | None, section: str, named: str) -> str:
    """The section of ``named`` that asks what ``section`` of ``topic`` asked.

    Its section of the same kind; but where the part asked is how long
    people live (a section with the alias ``survival``, such as surgery's
    results) and ``named`` has a section of its own on survival (embolization,
    beside how often it works), that one: "how long do people live after
    surgery?" then "and with embolisation?".
    """
    asked = kb.section(topic, section)
    own = kb.section(named, SURVIVAL)
    if asked and SURVIVAL in asked.aliases and own and own.key == SURVIVAL:
        return SURVIVAL
    return kb.section(named, section).key


def asks_same_part(text: str | None) -> bool:
    """Whether a message only moves the last question to another topic."""
    return bool(text and (_SAME_PART.search(text) or _SAME_AGAIN.search(text)))


def choose(turn: Turn, kb: Knowledge) -> tuple[str | None, str | None]:
    """The (topic, section) that answers this turn (see the module docstring)."""
    if turn.entities.get("topic") and kb.topic(turn.entities["topic"]):
        return turn.entities["topic"], turn.entities.get("section") or OVERVIEW
    if turn.intent == "ask_more":
        return route(turn, kb)
    text = to_simplified(turn.text)
    ranking = fold_terms(kb, turn.ranking, text, (turn.topic, turn.section))
    if not ranking:
        # No model reading (e.g. a unit test or an untrained bot): keywords.
        return route(turn, kb)
    top = ranking[0]
    if (
        turn.topic == GLOSSARY
        and length_in_words(text) <= SHORT_WORDS
        and asks_same_part(text)
        and (word := section_in_text(kb, text, GLOSSARY))
        and word != turn.section
    ):
        # "And TARE?" just after what TACE stands for: that word too.
        return GLOSSARY, word
    named = _named(kb, text)
    focus = in_focus(turn, kb)
    if named and focus and _stays_in_focus(kb, ranking, named, focus, text):
        named = None
    study = comparison_asked(turn, kb)
    if study:
        # "跟开刀比呢", "how does that compare with surgery?" about
        # embolization: the study that compared the two (``compares``).
        return study
    if (
        focus
        and named in (None, focus)
        and turn.section in _LASTING
        and kb.section(focus, turn.section)
        and _LASTS.search(text)
        and length_in_words(text) <= 2 * SHORT_WORDS
        and section_in_text(kb, text) in (None, *_LASTING)
        and (top.section in _LASTING or top.confidence < SAME_PART_UNSURE)
    ):
        # "效果维持几耐" after what surgery does for the symptoms: how long
        # that relief lasts, which the same section tells.
        return focus, turn.section
    if moves_to_topic(turn, kb):
        return named, same_part(kb, turn.topic, turn.section, named)
    if named and focus and named != focus and asks_same_part(text):
        if not section_in_text(kb, text, named) and kb.section(named, OVERVIEW):
            # "And what about transplant?" after who surgery is for: transplant
            # has no such part, so its own section on the subject in focus
            # ("what about during embolisation?" after what triggers a crisis:
            # embolization's section on preventing one), else its overview.
            return named, _narrowing(kb, focus, named) or OVERVIEW
    uncovered = section_in_text(kb, text)
    if uncovered and not kb.topics_with_section(uncovered):
        # Recovery at home, cost: no source covers them; say so (the dialogue
        # answers "my sources don't cover ..." and points to the care team).
        return named or focus or top.topic, uncovered
    term = _term_asked(kb, text, ranking) if asks_meaning(text) else None
    if term:
        # "What does TACE stand for?", "R1是什么意思": the word, by name; but
        # "what does the grade mean?" about NETs: the topic's own section.
        # Not the section just shown ("what does PRRT stand for?" after it).
        place = kb.section(GLOSSARY, term).explained_in
        shown = place == (turn.topic, turn.section)
        return place if place and place[0] == focus and not shown else (GLOSSARY, term)
    part = (
        section_in_text(kb, text, focus) if focus and named in (None, focus) else None
    )
    if (
        part
        and part != turn.section
        and (
            asks_same_part(text)
            or (
                length_in_words(text) <= PART_ONLY_WORDS
                and not section_in_text(kb, text, GLOSSARY)
            )
        )
    ):
        # "那化疗呢" about other treatments, "survival?" about embolization:
        # another part of the same topic.
        return focus, part
    if (
        focus
        and named in (None, focus)
        and part in (None, turn.section)
        and turn.section not in (None, OVERVIEW)
        and kb.section(focus, turn.section)
        and (asks_same_part(text) or _tells_detail(text))
        and not _ASKS_WHY.search(text)
        and (top.confidence < SAME_PART_UNSURE or _SAME_AGAIN.search(text))
    ):
        # "有症状的呢" after who is better off with surgery, "what about for
        # people over 80?", "how about Y90?" after the risks of TACE, or a
        # detail told ("she is 87"): the same part of the topic in focus, for
        # someone or something else, unless the model is sure it reads
        # another question.
        return focus, turn.section
    pick = top
    if named and named != top.topic:
        own = best_of(ranking, named)
        # "NET" in "等肝要等多久？神经内分泌肿瘤有优先吗" is often the person's
        # illness, not the question: a background topic (priority 0) needs a
        # near reading of its own to outrank the model.
        ratio = NAMED_RATIO if kb.topic(named).priority > 0 else TIE_RATIO
        if own and own.confidence >= ratio * top.confidence:
            pick = own
    elif not named and focus and top.topic != focus:
        pick = _follow_up(kb, ranking, focus) or pick
    if (
        named == pick.topic
        and not section_in_text(kb, text, named)
        and kb.section(named, OVERVIEW)
        and (
            (pick.confidence < UNSURE and length_in_words(text) <= SHORT_WORDS)
            or _overview_asked(kb, text, ranking, pick)
        )
    ):
        # "Surgery?", "肝移植": a topic named, no part of it, and no confident
        # reading of one; "tell me about surgery" with a near reading of the
        # overview: its overview. A longer question ("does RFA actually work?
        # how many get relief?") keeps the model's reading of the topic.
        return named, OVERVIEW
    pick = _twin(kb, text, ranking, pick, focus)
    pick = _narrower(
        kb, text, pick, focus if named in (None, focus, pick.topic) else None
    )
    chosen = _tie_break(kb, text, ranking, pick)
    term = section_in_text(kb, text, GLOSSARY)
    if (
        chosen == (turn.topic, turn.section)
        and term
        and _ASKS_WHAT.search(text)
        and not section_in_text(kb, _without_term(kb, text, term), chosen[0])
    ):
        # "What's an MDT exactly?" just after the section about the team: the
        # word, not the same section again.
        return GLOSSARY, term
    return chosen


def _term_asked(kb: Knowledge, text: str, ranking: tuple[Candidate, ...]) -> str | None:
    """The glossary term a "what does X mean?" asks about.

    Of the terms the message names ("肝外转移" names both extrahepatic and
    metastasis), the one the model reads best, else the keywords' choice.
    """
    for c in ranking:
        if c.topic == GLOSSARY and names_section(kb, text, GLOSSARY, c.section):
            return c.section
    return section_in_text(kb, text, GLOSSARY)


def _twin(
    kb: Knowledge,
    text: str,
    ranking: tuple[Candidate, ...],
    pick: Candidate,
    focus: str | None = None,
) -> Candidate:
    """Between twin sections (``twin_of``), the topic in focus or named first.

    Surgery and ablation each have a section on ablating during the operation.
    In a conversation about one of them, "can they do it during my
    operation?" or "可以同时烧掉小的吗" asks that topic's own (the words name
    the other). Otherwise "can ablation be done during the liver operation?"
    asks ablation's, "can the surgeon also burn the small ones?" surgery's:
    the topic named first, when the model found the twin nearly as likely
    (``TIE_RATIO``).
    """
    section = kb.section(pick.topic, pick.section)
    if not section or not section.twin_of:
        return pick
    topic, key = section.twin_of
    if focus == topic and kb.section(topic, key):
        return Candidate(topic, key, pick.confidence)
    twin = next((c for c in ranking if c.topic == topic and c.section == key), None)
    if (
        focus != pick.topic
        and twin
        and twin.confidence >= TIE_RATIO * pick.confidence
        and first_named(kb, text, {pick.topic, topic}) == topic
    ):
        return twin
    return pick


def _narrower(
    kb: Knowledge, text: str, pick: Candidate, focus: str | None
) -> Candidate:
    """The treatment's own section of a general subject (``narrower``).

    "How do they stop a crisis happening with TACE?" reads as preventing a
    carcinoid crisis; embolization has a section on just that, so that one,
    when the message names the treatment or it is the topic in focus (and
    the message names no other treatment: "... during surgery?" about
    embolization asks about surgery; ``focus`` is None then).
    """
    section = kb.section(pick.topic, pick.section)
    for topic, key in section.narrower if section else ():
        if focus == topic or first_named(kb, text, {topic}) == topic:
            return Candidate(topic, key, pick.confidence)
    return pick


def _without_term(kb: Knowledge, text: str, term: str) -> str:
    """The message with a glossary term's words taken out ("what's an  exactly?")."""
    for words in kb.section(GLOSSARY, term).keywords.values():
        for word in sorted(words, key=len, reverse=True):
            text = re.sub(re.escape(word), " ", text, flags=re.IGNORECASE)
    return text


def _tells_detail(text: str) -> bool:
    """Whether a short message tells something rather than asks ("she is 87")."""
    return length_in_words(text) <= DETAIL_WORDS and not looks_like_question(text)


def comparison_asked(turn: Turn, kb: Knowledge) -> tuple[str, str] | None:
    """The topic (and part) that compares the treatment in focus with one named.

    "How does that compare with surgery?", "跟开刀比呢" about embolization: a
    topic that ``compares`` the two (the study of surgery against treatment
    through the artery), when the part in focus is one it answers
    (``compares_after``: not the risks, which the side-by-side table has).
    The treatment named must be named once, as what the one in focus is
    compared with ("TACE vs TAE", "would Y-90 be better than TACE?" compare
    within one treatment). The study's part the message names, else its
    ``compares_section``.
    """
    text = to_simplified(turn.text)
    named = _named(kb, text)
    focus = in_focus(turn, kb)
    if not (focus and named and named != focus):
        return None
    study = kb.topic(named)
    if study and focus in study.compares:
        # "How does that compare with surgery?": the study's own words.
        return _study_part(kb, turn, text, study)
    spans = mentions(kb, text, named)
    lowered = text.lower()
    if len(spans) != 1:
        return None
    start, end = spans[0]
    before, after = lowered[:start], lowered[end:]
    compared = _COMPARED_BEFORE.search(before) or (
        _COMPARED_AROUND.search(before) and _COMPARED_AFTER.search(after)
    )
    if not compared:
        return None
    for topic in kb.topics:
        if {focus, named} <= set(topic.compares):
            return _study_part(kb, turn, text, topic)
    return None


def _study_part(
    kb: Knowledge, turn: Turn, text: str, study: Topic
) -> tuple[str, str] | None:
    """The part of a comparing topic a comparison asks, after the part in focus.

    None after a part it does not answer (``compares_after``).
    """
    if not study.compares_section or (turn.section or OVERVIEW) not in (
        study.compares_after
    ):
        return None
    part = section_in_text(kb, text, study.id)
    own = part if part and kb.section(study.id, part) else None
    return study.id, own or study.compares_section


def _narrowing(kb: Knowledge, focus: str, named: str) -> str | None:
    """The section of ``named`` that narrows one of ``focus`` (``narrower``)."""
    topic = kb.topic(focus)
    for section in topic.sections if topic else ():
        for target, key in section.narrower:
            if target == named and kb.section(named, key):
                return key
    return None


def _named(kb: Knowledge, text: str) -> str | None:
    """The topic a message names; past a treatment ruled out when another is named.

    "医生说不能手术，建议做介入栓塞" names embolization; "为什么不能手术" and
    "手术做不了吗" still name surgery.
    """
    plain = _POINTING.sub(" ", text)
    rest = topic_in_text(kb, _RULED_OUT.sub(" ", plain))
    if rest and not _ASKS_WHY.search(text):
        return rest
    return topic_in_text(kb, plain)


def length_in_words(text: str) -> float:
    """How many words a message has; a Chinese character counts as half a word."""
    latin = re.findall(r"[A-Za-z0-9]+", text)
    cjk = re.findall(r"[\u3400-\u9fff]", text)
    return len(latin) + len(cjk) / 2


def fold_terms(
    kb: Knowledge,
    ranking: tuple[Candidate, ...],
    text: str,
    shown: tuple[str | None, str | None] = (None, None),
) -> tuple[Candidate, ...]:
    """The readings, a term that a topic explains counted as that topic's section.

    Unless the message asks what a word means, "tell me about Y-90" read as
    the glossary's TARE is a reading of the embolization section that
    explains it: its confidence is added there. Not when that section is
    the one just shown (``shown``): "PRRT又是什么" after the section on PRRT
    asks for the word; nor for a term a section covers only in part
    (``part_of``: carcinoid syndrome). Best first.
    """
    known = [c for c in ranking if kb.section(c.topic, c.section)]
    if asks_meaning(text):
        return tuple(known)
    scores: dict[tuple[str, str], float] = {}
    for c in known:
        place = kb.section(c.topic, c.section).explained_in
        folds = place and place != shown and kb.topic(c.topic).open_sections
        key = place if folds else (c.topic, c.section)
        scores[key] = scores.get(key, 0.0) + c.confidence
    folded = (Candidate(t, s, conf) for (t, s), conf in scores.items())
    return tuple(sorted(folded, key=lambda c: -c.confidence))


def _overview_asked(
    kb: Knowledge, text: str, ranking: tuple[Candidate, ...], pick: Candidate
) -> bool:
    """Whether "tell me about X" ("介绍一下X") asks the overview, a near reading.

    Not when X is a term the chosen section explains ("tell me about Y-90").
    """
    if not _ABOUT.search(text):
        return False
    term = section_in_text(kb, text, GLOSSARY)
    if term and kb.section(GLOSSARY, term).explained_in == (pick.topic, pick.section):
        return False
    overview = next(
        (c for c in ranking if c.topic == pick.topic and c.section == OVERVIEW), None
    )
    return bool(overview and overview.confidence >= TIE_RATIO * pick.confidence)


def _stays_in_focus(
    kb: Knowledge,
    ranking: tuple[Candidate, ...],
    named: str,
    focus: str,
    text: str,
) -> bool:
    """Whether a topic's word in a follow-up still means the topic in focus.

    "Can both be done in one operation?" while talking about the primary
    tumour names surgery, but asks about the primary tumour; it stays when
    the focus shares words with the named topic and the model reads the
    focus as plausible (``NAMED_RATIO`` of its best).
    """
    topic = kb.topic(focus)
    if not topic or named not in topic.shares_words_with or asks_same_part(text):
        return False
    own = best_of(ranking, focus)
    return bool(own and own.confidence >= NAMED_RATIO * ranking[0].confidence)


def _follow_up(
    kb: Knowledge, ranking: tuple[Candidate, ...], focus: str
) -> Candidate | None:
    """The reading of a follow-up that names no topic, in the topic in focus.

    The model is good at *which part* is asked ("有什么风险" reads as the risks
    of some treatment) even when the message names no treatment: the first
    of its likely readings whose part the topic in focus has, then the
    topic's own best reading if the model finds it plausible at all.
    """
    top = ranking[0]
    for c in ranking[:FOLLOW_UP_READINGS]:
        if c.confidence < FOLLOW_UP_RATIO * top.confidence:
            break
        if (
            c.section != OVERVIEW
            and _shared_part(kb, c)
            and kb.section(focus, c.section)
        ):
            return Candidate(focus, kb.section(focus, c.section).key, c.confidence)
    own = best_of(ranking, focus)
    if own and own.confidence >= FOLLOW_UP_RATIO * top.confidence:
        return own
    return None


def follow_up_reading(turn: Turn, kb: Knowledge) -> Candidate | None:
    """The reading of a message that names no topic, in the topic in focus.

    The part it asks (``_follow_up``), with the model's confidence in that
    part; None when nothing is in focus or the message names a topic.
    """
    focus = in_focus(turn, kb)
    ranking = tuple(c for c in turn.ranking if kb.section(c.topic, c.section))
    if not focus or not ranking or topic_in_text(kb, to_simplified(turn.text)):
        return None
    return _follow_up(kb, ranking, focus)


def reads_as_follow_up(turn: Turn, kb: Knowledge) -> bool:
    """Whether a message that names no topic asks a part of the topic in focus.

    The NLU may be unsure what kind of message "and the risks?" or "适合谁？"
    is; the section readings still say which part is asked. True when one of
    the likely readings is a part (risks, who it is for...) that the topic
    in focus has.
    """
    focus = in_focus(turn, kb)
    ranking = tuple(c for c in turn.ranking if kb.section(c.topic, c.section))
    if not focus or not ranking or topic_in_text(kb, to_simplified(turn.text)):
        return False
    top = ranking[0]
    return any(
        c.confidence >= FOLLOW_UP_RATIO * top.confidence
        and c.section != OVERVIEW
        and _shared_part(kb, c)
        and kb.section(focus, c.section) is not None
        for c in ranking[:FOLLOW_UP_READINGS]
    )


def _shared_part(kb: Knowledge, c: Candidate) -> bool:
    """Whether a reading's part is a kind many topics have (risks, results...)."""
    topic = kb.topic(c.topic)
    return bool(topic and not topic.open_sections and kb.section_kind(c.section))


def _tie_break(
    kb: Knowledge, text: str, ranking: tuple[Candidate, ...], pick: Candidate
) -> tuple[str, str]:
    """Between close readings of one topic, the part the message names.

    Only a candidate the model itself found nearly as likely (``TIE_RATIO``)
    can win, and only when the message names that kind of part ("risks",
    "风险") and not the model's choice.
    """
    named = section_in_text(kb, text, pick.topic)
    if not named or named == pick.section or TIE_RATIO >= 1:
        return pick.topic, pick.section
    for c in ranking:
        if c.topic == pick.topic and c.section == named:
            if c.confidence >= TIE_RATIO * pick.confidence:
                return c.topic, c.section
            break
    return pick.topic, pick.section


def label(topic: str, section: str) -> str:
    """The retrieval sub-intent of one section: ``ask/<topic>__<section>``."""
    return f"{RETRIEVAL_INTENT}/{topic}{SEPARATOR}{section}"


def ranking_from_parse(parse_data: dict) -> tuple:
    """The candidates in Rasa's parse data (``response_selector``), best first."""
    selector = (parse_data.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}
    candidates = []
    prefix = RETRIEVAL_INTENT + "/"
    for item in selector.get("ranking") or ():
        key = item.get("intent_response_key") or ""
        if not key.startswith(prefix) or SEPARATOR not in key:
            continue
        topic, section = key[len(prefix) :].split(SEPARATOR, 1)
        candidates.append(Candidate(topic, section, float(item.get("confidence", 0))))
    return tuple(sorted(candidates, key=lambda c: -c.confidence))
