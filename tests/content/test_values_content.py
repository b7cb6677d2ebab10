"""The values questions' content: shape, citations, reserved ids."""

import pytest
import yaml

from bot.content.schema import ContentError
from bot.content.values import SKIP, load_values, parse_values
from bot.settings import DATA_DIR


def _raw():
    return yaml.safe_load((DATA_DIR / "decision" / "values.yml").read_text("utf-8"))


def test_the_curated_items_load_and_validate():
    values = load_values()
    assert 4 <= len(values.items) <= 5
    for item in values.items:
        assert item.sources and len(item.choices) >= 2
        assert all(c.question.startswith("You ") for c in item.choices)


def test_an_unknown_source_is_a_problem():
    raw = _raw()
    raw["items"][0]["sources"] = ["nobody2024"]
    problems = parse_values(raw).validate({"uptodate16105"})
    assert any("unknown source nobody2024" in p for p in problems)


def test_skip_is_reserved_and_choices_are_distinct():
    raw = _raw()
    raw["items"][1]["choices"][0]["id"] = SKIP
    raw["items"][2]["choices"][1]["id"] = raw["items"][2]["choices"][0]["id"]
    problems = parse_values(raw).validate({"uptodate16105", "japan2021", "mayo2011"})
    assert any("reserved" in p for p in problems)
    assert any("distinct choices" in p for p in problems)


def test_a_missing_field_is_a_content_error():
    raw = _raw()
    del raw["items"][0]["choices"][0]["text"]
    with pytest.raises(ContentError):
        parse_values(raw)
