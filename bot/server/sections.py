"""A second reader of which section a question asks for, blended into Rasa's.

Rasa's ``ResponseSelector`` ranks the sections (``ask/<topic>__<section>``)
from word and character n-gram counts through a small neural network. This
component reads the same example questions with a linear model, scikit-learn's
``LogisticRegression`` over TF-IDF character n-grams (2-5, within words) and
word uni- and bigrams of the tokenizer's words (Jieba for Chinese, Traditional
read as Simplified), and replaces the selector's ranking by the average of
the two (``weight`` is this model's share). The two make different mistakes:
on the held-out dev sets the blend got the right section more often than
either alone (README, Understanding).

It runs after the ``ResponseSelector`` and keeps the shape of its output
(``response_selector.<intent>.ranking`` and ``.response``), so
``bot.core.understanding`` reads the blend exactly as it read the selector.
The fitted scikit-learn pipeline is stored in the model with joblib (a
pickle: load only models you trained).

In config.yml, after ResponseSelector:
``- name: bot.server.sections.SectionClassifier``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any

import joblib
import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME, TOKENS_NAMES
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy import sparse
from scipy.special import softmax

from bot.core.script import to_simplified

PIPELINE_FILE = "sections.joblib"


def words_of(message: Message) -> str:
    """The message as lower-case words separated by spaces (the tokenizer's)."""
    tokens = message.get(TOKENS_NAMES[TEXT]) or ()
    if tokens:
        return " ".join(token.text for token in tokens).lower()
    return to_simplified(message.get(TEXT) or "").lower()


def blend(
    ranking: Sequence[Mapping[str, Any]],
    probabilities: Mapping[str, float],
    weight: float,
    length: int,
) -> list[dict[str, Any]]:
    """The selector's ranking and this model's probabilities, averaged.

    ``ranking`` holds the selector's candidates (``intent_response_key``,
    ``confidence``, ``id``); ``probabilities`` maps the same keys to this
    model's probabilities. A key missing on one side counts 0 there. The
    result is sorted best first and cut to ``length``.
    """
    theirs = {item["intent_response_key"]: item for item in ranking}
    keys = set(theirs) | set(probabilities)
    blended = []
    for key in keys:
        item = dict(theirs.get(key) or {"id": None, "intent_response_key": key})
        selector = float((theirs.get(key) or {}).get("confidence", 0.0))
        item["confidence"] = (1 - weight) * selector + weight * probabilities.get(
            key, 0.0
        )
        blended.append(item)
    blended.sort(key=lambda item: (-item["confidence"], item["intent_response_key"]))
    return blended[:length]


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class SectionClassifier(GraphComponent):
    """Blends a linear model's reading of the section into the selector's."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Which retrieval intent, this model's share, and its settings."""
        return {
            "retrieval_intent": "ask",
            "weight": 0.5,
            "C": 20.0,
            "ranking_length": 30,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        pipeline: Any = None,
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._pipeline = pipeline

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SectionClassifier:
        """A component to be trained."""
        return cls(config, model_storage, resource)

    def _examples(self, training_data: TrainingData) -> tuple[list[str], list[str]]:
        intent = self._config["retrieval_intent"]
        texts, labels = [], []
        for message in training_data.intent_examples:
            key = message.get(INTENT_RESPONSE_KEY)
            if message.get(INTENT) == intent and key:
                texts.append(words_of(message))
                labels.append(key)
        return texts, labels

    def train(self, training_data: TrainingData) -> Resource:
        """Fit the linear model on the retrieval intent's examples and store it."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union

        texts, labels = self._examples(training_data)
        if len(set(labels)) < 2:
            return self._resource  # nothing to tell apart: the selector alone
        features = make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
            TfidfVectorizer(
                token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True
            ),
        )
        model = LogisticRegression(C=float(self._config["C"]), max_iter=3000)
        self._pipeline = make_pipeline(features, model).fit(texts, labels)
        with self._model_storage.write_to(self._resource) as folder:
            joblib.dump(self._pipeline, folder / PIPELINE_FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SectionClassifier:
        """The component with the pipeline stored in the model (if any)."""
        pipeline = None
        try:
            with model_storage.read_from(resource) as folder:
                path = folder / PIPELINE_FILE
                if path.exists():
                    pipeline = joblib.load(path)
        except ValueError:
            pass  # trained without examples: the selector alone
        return cls(config, model_storage, resource, pipeline)

    @cached_property
    def _linear(self) -> tuple[list[Any], np.ndarray, np.ndarray, list[str]]:
        """Vectorizers, weights (row-major), biases and labels of the fitted model.

        scikit-learn's ``predict_proba`` copies the transposed weights on every
        call (10 ms a message, measured); multiplying by a row-major copy made
        once gives the same probabilities in under 1 ms (tested). Each TF-IDF
        vectorizer is paired with its inverse document frequencies as a
        diagonal matrix made once: its ``transform`` rebuilds them and runs
        through joblib on every call (0.6 against 0.4 ms a message, the same
        features, tested).
        """
        features, model = self._pipeline.steps[0][1], self._pipeline.steps[-1][1]
        vectorizers = [
            (vectorizer, sparse.diags(vectorizer.idf_, format="csr"))
            for _name, vectorizer in features.transformer_list
        ]
        weights = np.ascontiguousarray(model.coef_.T)
        return vectorizers, weights, model.intercept_, [str(c) for c in model.classes_]

    def features(self, texts: list[str]) -> Any:
        """The TF-IDF features of ``texts``, as the fitted pipeline makes them."""
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.preprocessing import normalize

        parts = []
        for vectorizer, idf in self._linear[0]:
            counts = CountVectorizer.transform(vectorizer, texts).astype(np.float64)
            if vectorizer.sublinear_tf:
                np.log(counts.data, counts.data)
                counts.data += 1
            parts.append(normalize(counts @ idf, norm=vectorizer.norm, copy=False))
        return sparse.hstack(parts, format="csr")

    def probabilities(self, messages: list[Message]) -> list[dict[str, float]]:
        """The linear model's probability of every section, per message."""
        if self._pipeline is None or not messages:
            return [{} for _ in messages]
        _vectorizers, weights, biases, labels = self._linear
        scores = self.features([words_of(m) for m in messages]) @ weights
        rows = softmax(np.asarray(scores) + biases, axis=1)
        return [dict(zip(labels, map(float, row), strict=True)) for row in rows]

    def process(self, messages: list[Message]) -> list[Message]:
        """Replace the selector's ranking of each message by the blend."""
        intent = self._config["retrieval_intent"]
        readings = self.probabilities(messages)
        for message, probabilities in zip(messages, readings, strict=True):
            selected = message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}
            output = selected.get(intent)
            if not probabilities or not output:
                continue
            ranking = blend(
                output.get("ranking") or (),
                probabilities,
                float(self._config["weight"]),
                int(self._config["ranking_length"]),
            )
            best = ranking[0]
            response = dict(output.get("response") or {})
            if response.get("intent_response_key") != best["intent_response_key"]:
                # The answer texts belong to the selector's choice: drop them.
                response["responses"] = []
                response["utter_action"] = f"utter_{best['intent_response_key']}"
            response["intent_response_key"] = best["intent_response_key"]
            response["confidence"] = best["confidence"]
            response["id"] = best.get("id")
            selected[intent] = {**output, "ranking": ranking, "response": response}
            message.set(RESPONSE_SELECTOR_PROPERTY_NAME, selected, add_to_output=True)
        return messages
