import yaml

from bot.tools import nlu_data


def test_label_names_topic_and_section():
    assert nlu_data.label("ablation", "risks") == "ask/ablation__risks"


def test_render_makes_one_retrieval_intent_per_section_with_questions(tmp_path):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "t.yml").write_text(
        yaml.safe_dump(
            {
                "topic": "t",
                "sections": [
                    {
                        "key": "a",
                        "questions": {"en": ["what is [it]"], "zh": ["是什么"]},
                    },
                    {"key": "b"},
                ],
            }
        ),
        encoding="utf-8",
    )
    data = yaml.safe_load(nlu_data.render(tmp_path))
    assert data["nlu"] == [
        {"intent": "ask/t__a", "examples": "- what is it\n- 是什么\n"}
    ]
    assert data["responses"] == {"utter_ask/t__a": [{"text": "t/a"}]}
