"""Routing a turn to a topic and section (bot/core/routing.py)."""

import pytest

from bot.core.routing import (
    Turn,
    asks_meaning,
    looks_like_question,
    mentions,
    route,
    section_in_text,
    topic_in_text,
)


@pytest.mark.parametrize(
    ("text", "intent", "current", "expected"),
    [
        ("what are the risks?", "ask_risks", "resection", ("resection", "risks")),
        ("有什么副作用？", "ask_risks", "resection", ("resection", "risks")),
        (
            "what are the risks of surgery?",
            "ask_risks",
            "carcinoid_crisis",
            ("resection", "risks"),
        ),
        (
            "what are the risks of surgery?",
            "ask_resection",
            None,
            ("resection", "risks"),
        ),
        (
            "and the risks?",
            "ask_resection",
            "ablation",
            ("ablation", "risks"),
        ),
        (
            "tell me about surgery",
            "ask_resection",
            "carcinoid_crisis",
            ("resection", "overview"),
        ),
        ("what are the risks?", "ask_risks", None, (None, "risks")),
        ("blah", "nlu_fallback", None, (None, None)),
    ],
)
def test_route(kb, text, intent, current, expected):
    assert route(Turn(text=text, intent=intent, topic=current), kb) == expected


def test_buttons_name_topic_and_section(kb):
    turn = Turn(
        intent="ask_more", entities={"topic": "resection", "section": "outcomes"}
    )
    assert route(turn, kb) == ("resection", "outcomes")


def test_every_glossary_term_is_found_in_both_languages(kb):
    glossary = kb.topic("glossary")
    terms = [s for s in glossary.sections if s.key != "overview"]
    assert len(terms) >= 25
    for term in terms:
        english = f"what does {term.keywords['en'][0]} mean?"
        chinese = f"{term.keywords['zh'][0]}是什么意思？"
        for text in (english, chinese):
            got = route(Turn(text=text, intent="ask_definition"), kb)
            assert got == ("glossary", term.key), (text, got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what is debulking surgery", ("resection", "debulking")),
        ("why does blocking the hepatic artery work", ("embolization", "how_it_works")),
        ("what is the portal vein?", ("glossary", "portal_vein")),
        ("what does debulking mean?", ("glossary", "debulking")),
    ],
)
def test_definition_intent_yields_to_a_named_treatment(kb, text, expected):
    assert route(Turn(text=text, intent="ask_definition"), kb) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what does R0 mean?", True),
        ("R0是什么意思", True),
        ("what does G3 mean for results", False),
    ],
)
def test_asks_meaning(text, expected):
    assert asks_meaning(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can RFA be done by keyhole", True),
        ("消融可以吗", True),
        # Cantonese "what to do?", asked without a question mark
        ("切不晒点算", True),
        ("my tumours are all quite small", False),
        ("bye", False),
        ("thanks", False),
    ],
)
def test_looks_like_question(text, expected):
    assert looks_like_question(text) is expected


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("what are the risks of surgery?", "resection"),
        ("Can they cut it out?", "resection"),
        ("切除后会复发吗", "resection"),
        ("类癌危象的症状", "carcinoid_crisis"),
        ("what is a carcinoid crisis", "carcinoid_crisis"),
        ("which treatment should I have", "choosing"),
        ("what are the risks?", None),
        ("I like operations research", None),
        ("", None),
    ],
)
def test_topic_in_text(kb, text, topic):
    assert topic_in_text(kb, text) == topic


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("what are the side effects", "risks"),
        ("有什么副作用", "risks"),
        ("who is it for?", "eligibility"),
        ("how can it be prevented", "prevention"),
        ("what is the survival", "survival"),
        ("hello", None),
    ],
)
def test_section_in_text(kb, text, section):
    assert section_in_text(kb, text) == section


def test_mentions_finds_each_naming_of_a_topic_once(kb):
    text = "would y-90 be better for her than tace?"
    spans = mentions(kb, text, "embolization")
    assert [text[a:b] for a, b in spans] == ["y-90", "tace"]
    # The longest keyword wins where two overlap; none for a topic not named.
    assert len(mentions(kb, "肝切除", "resection")) == 1
    assert mentions(kb, text, "transplant") == []
