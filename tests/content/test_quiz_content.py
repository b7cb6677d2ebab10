"""The quiz content: three items per treatment topic, each tied to a section."""

import pytest
import yaml

from bot.content.quiz import load_quiz, parse_quiz
from bot.content.schema import ContentError
from bot.settings import DATA_DIR

TOPICS = {"resection", "ablation", "embolization", "transplant", "carcinoid_crisis"}


def _raw():
    return yaml.safe_load((DATA_DIR / "decision" / "quiz.yml").read_text("utf-8"))


def test_every_treatment_topic_has_three_items_of_three_choices(kb):
    quiz = load_quiz()
    assert set(quiz.topics) == TOPICS
    for topic, items in quiz.topics.items():
        assert len(items) == 3
        for item in items:
            assert len(item.choices) == 3
            assert item.right in item.choices
            assert kb.section(topic, item.section) is not None


def test_the_right_answer_is_not_always_in_the_same_place():
    places = {
        [c.id for c in item.choices].index(item.answer)
        for items in load_quiz().topics.values()
        for item in items
    }
    assert places == {0, 1, 2}


def test_validation_finds_broken_items(kb):
    raw = _raw()
    raw["topics"]["ablation"][0]["answer"] = "z"
    raw["topics"]["embolization"][1]["section"] = "no_such_section"
    raw["topics"]["transplant"].pop()
    raw["topics"]["astrology"] = raw["topics"]["resection"]
    problems = parse_quiz(raw).validate(kb)
    assert "quiz/ablation/size: the answer is not a choice" in problems
    assert "quiz/embolization/types: unknown section no_such_section" in problems
    assert "quiz/transplant: 2 items, not 3" in problems
    assert "quiz/astrology: unknown topic" in problems


def test_next_item_walks_the_topic_in_order():
    quiz = load_quiz()
    ids = [i.id for i in quiz.items("resection")]
    assert quiz.next_item("resection", None).id == ids[0]
    assert quiz.next_item("resection", ids[0]).id == ids[1]
    assert quiz.next_item("resection", ids[-1]) is None
    assert quiz.next_item("resection", "nope") is None


def test_a_malformed_file_is_a_content_error():
    with pytest.raises(ContentError):
        parse_quiz({"topics": {"resection": [{"id": "x"}]}})


@pytest.mark.parametrize(
    ("path", "options"),
    [
        ("values.yml", {}),
        ("quiz.yml", {"keys": "title text label explanation"}),
    ],
)
def test_every_string_has_a_chinese_translation(path, options):
    from bot.content.extract import extract_yaml
    from bot.content.i18n import translate

    with (DATA_DIR / "decision" / path).open("rb") as handle:
        strings = [m for _, _, m, _ in extract_yaml(handle, None, None, options)]
    assert len(strings) > 30
    untranslated = [s for s in strings if translate(s, "zh") == s]
    assert untranslated == []


def test_content_check_reports_broken_decision_content(tmp_path):
    from bot.content.quiz import quiz_problems
    from bot.content.values import values_problems

    assert quiz_problems() == [] and values_problems() == []
    (tmp_path / "decision").mkdir()
    for name in ("sources.yml", "sections.yml"):
        (tmp_path / name).write_text((DATA_DIR / name).read_text("utf-8"), "utf-8")
    (tmp_path / "knowledge").symlink_to(DATA_DIR / "knowledge")
    raw = _raw()
    raw["topics"]["ablation"][0]["answer"] = "z"
    (tmp_path / "decision" / "quiz.yml").write_text(yaml.safe_dump(raw), "utf-8")
    values = yaml.safe_load((DATA_DIR / "decision" / "values.yml").read_text("utf-8"))
    values["items"][0]["sources"] = ["nobody2024"]
    (tmp_path / "decision" / "values.yml").write_text(yaml.safe_dump(values), "utf-8")
    assert "the answer is not a choice" in quiz_problems(str(tmp_path))[0]
    assert "unknown source nobody2024" in values_problems(str(tmp_path))[0]
    assert quiz_problems() == [] and values_problems() == []  # caches restored
