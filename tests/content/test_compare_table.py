"""The treatments-side-by-side table: shape, citations and declared figures."""

import copy

import pytest
import yaml

from bot import settings
from bot.content.compare import (
    COMPARE_FILE,
    comparison_problems,
    load_comparison,
    parse_comparison,
    problems,
)
from bot.content.schema import ContentError


@pytest.fixture(scope="module")
def raw():
    path = settings.DATA_DIR / COMPARE_FILE
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def check(raw, kb):
    return problems(
        parse_comparison(raw), set(kb.sources), {t.id: t for t in kb.topics}
    )


def test_four_options_six_rows_every_cell_cited(kb):
    comparison = load_comparison()
    assert [o.id for o in comparison.options] == [
        "resection",
        "ablation",
        "embolization",
        "transplant",
    ]
    assert [r.key for r in comparison.rows] == [
        "what",
        "who",
        "involves",
        "benefits",
        "risks",
        "evidence",
    ]
    for option in comparison.options:
        assert kb.topic(option.topic) is not None
        for row in comparison.rows:
            cell = option.cells[row.key]
            assert cell.text and cell.sources
            assert set(cell.sources) <= set(kb.sources)


def test_the_real_table_has_no_problems(raw, kb):
    assert check(raw, kb) == []


def test_a_figure_no_topic_declares_is_a_problem(raw, kb):
    changed = copy.deepcopy(raw)
    changed["options"][0]["cells"]["benefits"]["text"] += " 99% were cured."
    assert check(changed, kb) == [
        "compare/resection/benefits: undeclared figures ['99']"
    ]


def test_unknown_source_and_missing_citation_are_problems(raw, kb):
    changed = copy.deepcopy(raw)
    changed["options"][1]["cells"]["what"]["sources"] = ["nobody2024"]
    changed["options"][2]["cells"]["who"]["sources"] = []
    found = check(changed, kb)
    assert "compare/ablation/what: unknown source nobody2024" in found
    assert "compare/embolization/who: no citation" in found


def test_a_missing_cell_or_keyword_list_fails_to_load(raw):
    changed = copy.deepcopy(raw)
    del changed["options"][3]["cells"]["risks"]
    with pytest.raises(ContentError, match="transplant: cells missing"):
        parse_comparison(changed)
    changed = copy.deepcopy(raw)
    changed["options"][0]["keywords"]["zh"] = []
    with pytest.raises(ContentError, match="keywords needed"):
        parse_comparison(changed)


def test_no_cell_recommends_a_treatment():
    comparison = load_comparison()
    texts = [c.text.lower() for o in comparison.options for c in o.cells.values()]
    for word in ("you should", "we recommend", "best for you", "is better for you"):
        assert not any(word in text for text in texts), word


def test_content_check_finds_every_string_translated():
    assert comparison_problems() == []
