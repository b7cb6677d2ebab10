from bot.content.schema import Figure, Section, Topic, load_content
from bot.tools.content_check import (
    check,
    check_section,
    fk_grade,
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
