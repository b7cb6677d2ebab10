"""Jieba word segmentation with a compact main dictionary, stored in the model.

Jieba's own dictionary has 349,046 words; loading it added 75 MB to a fresh
Python process (measured), in every Rasa server, which kept the server above
its 900 MB target. ``CompactJiebaTokenizer`` is Rasa's ``JiebaTokenizer`` with a
smaller dictionary chosen at training time and stored in the model:

* every word of Jieba's dictionary that occurs anywhere in the training data,
  so the training data is segmented exactly as with the full dictionary
  (Jieba only ever looks up pieces of the sentence it is cutting, and the
  kept words keep their frequencies and the full dictionary's total);
* the ``common_words`` most frequent words, for what people write that the
  training data does not contain. Anything else is cut by Jieba's model for
  unknown words, as before, and the character n-gram features still see it.
  With 50,000 (the default), 108 of the 110 Chinese dev-set questions, which
  are never trained on, are cut exactly as with the full dictionary.

The component owns its ``jieba.Tokenizer``: Jieba's global default dictionary
is never loaded. Custom dictionaries (``dictionary_path``) still work: they
are copied into the model and added on top, as with ``JiebaTokenizer``.

In config.yml: ``- name: bot.server.tokenizer.CompactJiebaTokenizer``.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.core.script import to_simplified

WORDS_FILE = "words.txt"
META_FILE = "dictionary.json"
USER_FOLDER = "user"


def full_dictionary() -> Path:
    """Jieba's own main dictionary file."""
    import jieba

    return Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME


def read_dictionary(path: Path) -> list[tuple[str, int, str]]:
    """(word, frequency, rest of line) for each line of a Jieba dictionary."""
    entries = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            parts = line.strip().split(" ")
            if len(parts) >= 2:
                entries.append((parts[0], int(parts[1]), " ".join(parts[2:])))
    return entries


def words_in(texts: Iterable[str], vocabulary: set[str], longest: int) -> set[str]:
    """The words of ``vocabulary`` that occur somewhere in ``texts``."""
    found = set()
    for text in texts:
        for start in range(len(text)):
            for end in range(start + 1, min(len(text), start + longest) + 1):
                piece = text[start:end]
                if piece in vocabulary:
                    found.add(piece)
    return found


def compact(
    entries: list[tuple[str, int, str]], texts: Iterable[str], common_words: int
) -> tuple[list[tuple[str, int, str]], int]:
    """The kept entries (in dictionary order) and the full dictionary's total."""
    vocabulary = {word for word, _, _ in entries}
    longest = max((len(word) for word in vocabulary), default=1)
    keep = words_in(texts, vocabulary, longest)
    by_frequency = sorted(entries, key=lambda entry: (-entry[1], entry[0]))
    keep.update(word for word, _, _ in by_frequency[:common_words])
    total = sum(frequency for _, frequency, _ in entries)
    return [entry for entry in entries if entry[0] in keep], total


def training_texts(training_data: TrainingData) -> Iterator[str]:
    """Every text in the NLU training data: examples, synonyms, lookup tables."""
    for message in training_data.training_examples:
        if message.get(TEXT):
            yield message.get(TEXT)
    for synonym, value in training_data.entity_synonyms.items():
        yield synonym
        yield value
    for table in training_data.lookup_tables:
        elements = table.get("elements")
        if isinstance(elements, list):
            yield from (str(element) for element in elements)


def build_segmenter(words_file: Path | None, total: int | None) -> Any:
    """A ``jieba.Tokenizer`` on ``words_file`` (Jieba's own one when None).

    The prefix dictionary is built here instead of by ``initialize``, which
    would write a cache file to the temporary folder on every start.
    """
    import jieba

    segmenter = jieba.Tokenizer()
    if words_file is not None:
        with open(words_file, "rb") as handle:
            segmenter.FREQ, own_total = segmenter.gen_pfdict(handle)
        segmenter.total = total or own_total
        segmenter.dictionary = str(words_file)
        segmenter.initialized = True
    return segmenter


def add_user_dictionaries(segmenter: Any, folder: Path | str | None) -> None:
    """Add every Jieba user dictionary in ``folder`` (if any) to ``segmenter``."""
    if folder is None:
        return
    for user_dictionary in sorted(glob.glob(f"{folder}/*")):
        segmenter.load_userdict(user_dictionary)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True
)
class CompactJiebaTokenizer(JiebaTokenizer):
    """Rasa's JiebaTokenizer with the dictionary cut down to what is needed."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """JiebaTokenizer's settings, and how many common words to keep."""
        return {**JiebaTokenizer.get_default_config(), "common_words": 50000}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        segmenter: Any = None,
    ) -> None:
        super().__init__(config, model_storage, resource)
        self._segmenter = segmenter

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CompactJiebaTokenizer:
        """A tokenizer to be trained (it segments with the full dictionary)."""
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Choose the words and store them (and custom dictionaries) in the model."""
        entries, total = compact(
            read_dictionary(full_dictionary()),
            training_texts(training_data),
            int(self._config["common_words"]),
        )
        with self._model_storage.write_to(self._resource) as folder:
            with open(folder / WORDS_FILE, "w", encoding="utf-8") as out:
                for word, frequency, rest in entries:
                    out.write(" ".join(filter(None, [word, str(frequency), rest])))
                    out.write("\n")
            (folder / META_FILE).write_text(
                json.dumps({"total": total, "words": len(entries)}), encoding="utf-8"
            )
            custom = self._config["dictionary_path"]
            if custom is not None:
                self._copy_files_dir_to_dir(custom, str(folder / USER_FOLDER))
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> CompactJiebaTokenizer:
        """The tokenizer with the dictionary stored in the model."""
        with model_storage.read_from(resource) as folder:
            meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
            segmenter = build_segmenter(folder / WORDS_FILE, meta["total"])
            add_user_dictionaries(segmenter, folder / USER_FOLDER)
        return cls(config, model_storage, resource, segmenter)

    @property
    def segmenter(self) -> Any:
        """The Jieba segmenter of the component (full dictionary until trained)."""
        if self._segmenter is None:
            self._segmenter = build_segmenter(None, None)
            add_user_dictionaries(self._segmenter, self._config["dictionary_path"])
        return self._segmenter

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        """Tokens of the message's ``attribute`` (as JiebaTokenizer, own Jieba).

        Traditional characters are read as Simplified first (``to_simplified``),
        so the model, trained on Simplified examples, understands both scripts.
        """
        text = to_simplified(message.get(attribute))
        tokens = [
            Token(word, start) for word, start, _ in self.segmenter.tokenize(text)
        ]
        return self._apply_token_pattern(tokens)
