from dataclasses import replace
from datetime import date

from bot.content.schema import Figure, Review, Section, Topic, load_content
from bot.tools.content_check import (
    check,
    check_section,
    fk_grade,
    review_problems,
    undeclared_figures,
    zh_sentence_length,
)


def _section(paragraphs, figures=(), sources=("uptodate16105",)):
    return Section("risks", "Risks", tuple(paragraphs), tuple(sources), tuple(figures))


TOPIC = Topic("t", "Surgical resection (surgery)", 1, True, {}, ())


def test_the_real_content_passes():
    rows, failures = check(load_content())
    assert failures == []
    assert len(rows) >= 100
    assert sum(r.grade for r in rows) / len(rows) <= 6.5


def test_hard_text_is_reported():
    hard = (
        "Hepatic arterial chemoembolization necessitates comprehensive "
        "multidisciplinary evaluation incorporating radiological characterization."
    )
    row = check_section(TOPIC, _section([hard]))
    assert any(p.startswith("grade") for p in row.problems)


def test_plain_text_reads_easily():
    assert fk_grade("Surgery is an operation.\n- It takes out the tumour.") < 6


def test_undeclared_figures_are_found():
    section = _section(["In 222 patients, 12.6% had a problem after 90 days."])
    assert undeclared_figures(section) == {"222", "12.6"}
    declared = _section(
        ["In 222 patients, 12.6% had a problem."],
        figures=[Figure("222 patients", "japan2021"), Figure("12.6%", "japan2021")],
    )
    assert undeclared_figures(declared) == set()


def test_missing_translation_and_citation_are_reported():
    row = check_section(TOPIC, _section(["A sentence nobody translated."], sources=()))
    assert "1 untranslated" in row.problems
    assert "no citation" in row.problems


def test_chinese_sentence_length():
    assert zh_sentence_length("这是短句。这也是。") == 3.5
    assert zh_sentence_length("") == 0.0


def _with_review(topic_id, review):
    content = load_content()
    topics = tuple(
        replace(t, review=review) if t.id == topic_id else t for t in content.topics
    )
    return replace(content, topics=topics)


def test_every_topic_records_a_review_that_is_not_overdue():
    content = load_content()
    assert all(t.review and t.review.by for t in content.topics)
    assert review_problems(content, date.today()) == []


def test_an_overdue_review_fails_and_names_the_topic():
    old = Review("NELM Guide content team", date(2024, 11, 1), date(2025, 11, 1))
    content = _with_review("transplant", old)
    _rows, failures = check(content, today=date(2026, 11, 25))
    assert failures == [
        "transplant: content review overdue (was due 2025-11, last reviewed 2024-11)"
    ]
    # Due this month is not yet overdue; the month after is.
    assert review_problems(content, date(2025, 11, 30)) == []
    assert review_problems(content, date(2025, 12, 1)) != []


def test_a_topic_without_a_review_fails():
    _rows, failures = check(_with_review("glossary", None), today=date(2026, 11, 25))
    assert failures == ["glossary: no content review recorded"]


def test_declared_but_unused_figures_are_found():
    from bot.content.schema import Figure, Section
    from bot.tools.content_check import unused_figures

    section = Section(
        key="x",
        title="X",
        paragraphs=("About 74% were alive.",),
        sources=("s",),
        figures=(Figure("74%", "s"), Figure("123 months", "s")),
    )
    assert unused_figures(section) == {"123 months"}
