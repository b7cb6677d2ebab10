"""The linear section reader blended into the ResponseSelector (server/sections)."""

import uuid

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.server import sections

EXAMPLES = {
    "ask/ablation__overview": [
        "what is ablation",
        "can they burn the tumours",
        "消融是什么",
        "射频消融怎么回事",
    ],
    "ask/ablation__risks": [
        "what are the risks of ablation",
        "is ablation dangerous",
        "消融有什么风险",
        "消融危险吗",
    ],
    "ask/transplant__overview": [
        "what is a liver transplant",
        "can I get a new liver",
        "肝移植是什么",
        "换肝是怎么回事",
    ],
}


def _context():
    return ExecutionContext(GraphSchema({}), uuid.uuid4().hex)


def _training_data():
    messages = [
        Message({TEXT: text, INTENT: "ask", INTENT_RESPONSE_KEY: key})
        for key, texts in EXAMPLES.items()
        for text in texts
    ]
    messages.append(Message({TEXT: "hello", INTENT: "greet"}))
    return TrainingData(training_examples=messages)


def _trained(tmp_path, **config):
    storage = LocalModelStorage.create(tmp_path)
    resource = Resource("sections")
    settings = {**sections.SectionClassifier.get_default_config(), **config}
    component = sections.SectionClassifier.create(
        settings, storage, resource, _context()
    )
    component.train(_training_data())
    return sections.SectionClassifier.load(settings, storage, resource, _context())


def _selector_output(*ranking):
    items = [
        {"id": i, "intent_response_key": key, "confidence": conf}
        for i, (key, conf) in enumerate(ranking)
    ]
    return {
        "all_retrieval_intents": ["ask"],
        "ask": {
            "response": {
                "id": 0,
                "responses": [{"text": "x"}],
                "intent_response_key": items[0]["intent_response_key"],
                "confidence": items[0]["confidence"],
                "utter_action": f"utter_{items[0]['intent_response_key']}",
            },
            "ranking": items,
        },
    }


def test_blend_averages_and_counts_a_missing_key_as_zero():
    ranking = [
        {"id": 1, "intent_response_key": "a", "confidence": 0.8},
        {"id": 2, "intent_response_key": "b", "confidence": 0.2},
    ]
    blended = sections.blend(ranking, {"b": 0.9, "c": 0.1}, weight=0.5, length=5)
    assert [item["intent_response_key"] for item in blended] == ["b", "a", "c"]
    assert blended[0]["confidence"] == pytest.approx(0.55)
    assert blended[0]["id"] == 2
    assert blended[1]["confidence"] == pytest.approx(0.4)
    assert blended[2] == {"id": None, "intent_response_key": "c", "confidence": 0.05}


def test_blend_with_no_weight_keeps_the_selector_order_and_cuts_the_length():
    ranking = [
        {"id": 1, "intent_response_key": "a", "confidence": 0.6},
        {"id": 2, "intent_response_key": "b", "confidence": 0.4},
    ]
    blended = sections.blend(ranking, {"b": 1.0}, weight=0.0, length=1)
    assert [item["intent_response_key"] for item in blended] == ["a"]


def test_trained_model_reads_sections_and_replaces_the_ranking(tmp_path):
    component = _trained(tmp_path, weight=1.0)
    assert (tmp_path / "sections" / sections.PIPELINE_FILE).exists()
    message = Message({TEXT: "消融的风险大吗"})
    message.set(
        "response_selector",
        _selector_output(
            ("ask/ablation__overview", 0.7), ("ask/transplant__overview", 0.3)
        ),
    )
    component.process([message])
    output = message.get("response_selector")["ask"]
    assert output["ranking"][0]["intent_response_key"] == "ask/ablation__risks"
    assert output["response"]["intent_response_key"] == "ask/ablation__risks"
    assert output["response"]["responses"] == []  # not the overview's texts


def test_a_message_without_selector_output_is_left_alone(tmp_path):
    component = _trained(tmp_path)
    message = Message({TEXT: "hello"})
    component.process([message])
    assert message.get("response_selector") is None


def test_without_examples_the_selector_answers_alone(tmp_path):
    storage = LocalModelStorage.create(tmp_path)
    resource = Resource("sections")
    settings = sections.SectionClassifier.get_default_config()
    component = sections.SectionClassifier.create(
        settings, storage, resource, _context()
    )
    component.train(TrainingData(training_examples=[Message({TEXT: "hi"})]))
    loaded = sections.SectionClassifier.load(settings, storage, resource, _context())
    message = Message({TEXT: "what is ablation"})
    original = _selector_output(("ask/transplant__overview", 0.9))
    message.set("response_selector", original)
    loaded.process([message])
    ranking = message.get("response_selector")["ask"]["ranking"]
    assert ranking[0]["intent_response_key"] == "ask/transplant__overview"


def test_probabilities_are_scikit_learns_own(tmp_path):
    component = _trained(tmp_path)
    messages = [
        Message({TEXT: t}) for t in ("消融的风险", "what is a liver transplant")
    ]
    ours = component.probabilities(messages)
    theirs = component._pipeline.predict_proba([sections.words_of(m) for m in messages])
    classes = list(component._pipeline.classes_)
    for mine, row in zip(ours, theirs, strict=True):
        assert mine.keys() == set(classes)
        for key, value in zip(classes, row, strict=True):
            assert mine[key] == pytest.approx(value, abs=1e-9)


def test_features_are_the_fitted_pipelines_own(tmp_path):
    component = _trained(tmp_path)
    texts = ["消融 的 风险", "what is a liver transplant", "TACE 之后 发烧", ""]
    ours = component.features(texts)
    theirs = component._pipeline.steps[0][1].transform(texts)
    assert ours.shape == theirs.shape
    assert abs(ours - theirs).max() == pytest.approx(0.0, abs=1e-12)
