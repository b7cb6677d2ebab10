"""The curated content: shape, citations, figures and plain language."""

from datetime import date

import pytest
from babel.messages.catalog import Message

from bot.content.schema import ContentError, load_content, load_ui, parse_topic
from bot.tools import content_check

CONTENT = load_content()
SECTIONS = [(t, s) for t in CONTENT.topics for s in t.sections]


def test_content_is_valid():
    assert CONTENT.validate() == []


def test_five_sources_with_full_references():
    assert len(CONTENT.sources) == 5
    for source in CONTENT.sources:
        assert source.label and len(source.reference) > len(source.label)


def test_first_slice_topics_are_complete():
    resection = next(t for t in CONTENT.topics if t.id == "resection")
    crisis = next(t for t in CONTENT.topics if t.id == "carcinoid_crisis")
    assert {s.key for s in resection.sections} >= {
        "overview",
        "eligibility",
        "procedure",
        "outcomes",
        "risks",
        "questions",
    }
    assert {s.key for s in crisis.sections} >= {
        "overview",
        "triggers",
        "symptoms",
        "prevention",
        "questions",
    }


@pytest.mark.parametrize(
    ("topic", "section"),
    SECTIONS,
    ids=lambda x: getattr(x, "id", getattr(x, "key", "")),
)
def test_every_figure_in_the_text_is_declared_with_a_source(topic, section):
    # One figure check, the content check's (make content-check).
    where = f"{topic.id}/{section.key}"
    assert content_check.undeclared_figures(section) == set(), where
    assert content_check.unused_figures(section) == set(), where


@pytest.mark.parametrize(
    ("topic", "section"),
    SECTIONS,
    ids=lambda x: getattr(x, "id", getattr(x, "key", "")),
)
def test_answers_are_short_enough_for_a_phone(topic, section):
    words = sum(len(p.split()) for p in section.paragraphs)
    assert words <= 120, f"{topic.id}/{section.key}: {words} words"


def test_no_accidental_printf_format_in_content():
    """Babel reads "90% of" as a "% o" format and then rejects the translation."""
    for _topic, section in SECTIONS:
        for paragraph in section.paragraphs:
            assert "%(" in paragraph or not Message(paragraph).python_format, paragraph


def test_ui_messages_have_text_or_label():
    for key, value in load_ui().items():
        assert value.get("text") or value.get("label"), key


def test_malformed_topic_is_reported_with_its_file():
    with pytest.raises(ContentError, match="broken.yml"):
        parse_topic(
            {"topic": "x", "title": "X", "sections": [{"key": "overview"}]},
            "broken.yml",
        )


def test_review_months_are_parsed_and_checked():
    base = {"topic": "x", "title": "X", "sections": []}
    review = {"by": "Content team", "reviewed": "2026-11", "next": "2027-11"}
    topic = parse_topic({**base, "review": review}, "x.yml")
    assert topic.review.by == "Content team"
    assert (topic.review.reviewed, topic.review.next) == (
        date(2026, 11, 1),
        date(2027, 11, 1),
    )
    assert not topic.review.overdue(date(2027, 11, 30))
    assert topic.review.overdue(date(2027, 12, 1))
    assert parse_topic(base, "x.yml").review is None
    for bad in ({**review, "next": "2026-10"}, {**review, "reviewed": "soon"}, {}):
        with pytest.raises(ContentError, match="x.yml"):
            parse_topic({**base, "review": bad}, "x.yml")


def test_explained_in_must_name_a_known_section():
    from bot.content.schema import Content, parse_topic

    raw = {
        "topic": "glossary",
        "title": "Glossary",
        "open_sections": True,
        "sections": [
            {
                "key": "prrt",
                "title": "PRRT",
                "text": ["x"],
                "sources": ["s1"],
                "explained_in": "other_treatments/nowhere",
            },
        ],
    }
    topic = parse_topic(raw, "glossary.yml")
    assert topic.sections[0].explained_in == ("other_treatments", "nowhere")
    content = Content(sources=(), topics=(topic,), section_kinds=())
    assert any("explained in unknown section" in p for p in content.validate())


def test_a_narrower_section_must_exist():
    from bot.content.schema import Content, parse_topic

    raw = {
        "topic": "glossary",
        "title": "Glossary",
        "open_sections": True,
        "sections": [
            {
                "key": "crisis",
                "title": "Crisis",
                "text": ["x"],
                "sources": ["s1"],
                "narrower": ["embolization/nowhere"],
            },
        ],
    }
    topic = parse_topic(raw, "glossary.yml")
    assert topic.sections[0].narrower == (("embolization", "nowhere"),)
    content = Content(sources=(), topics=(topic,), section_kinds=())
    assert any("narrower section" in p for p in content.validate())


def test_one_narrower_section_may_be_written_without_a_list():
    from bot.content.schema import parse_topic

    raw = {
        "topic": "crisis",
        "title": "Crisis",
        "sections": [
            {
                "key": "prevention",
                "title": "Prevention",
                "text": ["x"],
                "sources": ["s1"],
                "narrower": "embolization/prevention",
            },
        ],
    }
    section = parse_topic(raw, "crisis.yml").sections[0]
    assert section.narrower == (("embolization", "prevention"),)


def test_a_comparison_topic_names_topics_and_a_section_that_exist():
    from bot.content.schema import Content, ContentError, parse_topic

    raw = {
        "topic": "study",
        "title": "Study",
        "open_sections": True,
        "compares": {"topics": ["resection", "nowhere"], "section": "missing"},
        "sections": [
            {"key": "results", "title": "Results", "text": ["x"], "sources": ["s1"]},
        ],
    }
    topic = parse_topic(raw, "study.yml")
    assert topic.compares == ("resection", "nowhere")
    assert topic.compares_section == "missing"
    problems = Content(sources=(), topics=(topic,), section_kinds=()).validate()
    assert any("compares section is unknown" in p for p in problems)
    assert any("compared topic nowhere is unknown" in p for p in problems)
    # Written as a list, like `related`: a content error, not a crash.
    with pytest.raises(ContentError, match="compares must map"):
        parse_topic({**raw, "compares": ["resection", "embolization"]}, "study.yml")
