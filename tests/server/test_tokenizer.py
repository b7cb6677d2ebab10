import uuid

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.server import tokenizer

ENTRIES = [
    ("肝", 900, "n"),
    ("肝脏", 500, "n"),
    ("栓塞", 40, "v"),
    ("消融", 30, "v"),
    ("放射", 20, "v"),
    ("鸡蛋", 10, "n"),
]


@pytest.fixture(scope="module")
def full_entries():
    return tokenizer.read_dictionary(tokenizer.full_dictionary())


@pytest.fixture(scope="module")
def training_data():
    return load_data("data/nlu")


def test_keeps_the_words_of_the_texts_and_the_most_common_words():
    kept, total = tokenizer.compact(ENTRIES, ["什么是栓塞？"], common_words=2)
    assert [word for word, _, _ in kept] == ["肝", "肝脏", "栓塞"]
    assert total == sum(frequency for _, frequency, _ in ENTRIES)


def test_nothing_common_kept_when_asked_for_none():
    kept, _ = tokenizer.compact(ENTRIES, ["消融"], common_words=0)
    assert kept == [("消融", 30, "v")]


def test_training_texts_cover_examples_synonyms_and_lookups():
    data = TrainingData(
        training_examples=[Message({TEXT: "什么是消融"}), Message({})],
        entity_synonyms={"射频": "消融"},
        lookup_tables=[{"name": "t", "elements": ["栓塞"]}],
    )
    assert list(tokenizer.training_texts(data)) == [
        "什么是消融",
        "射频",
        "消融",
        "栓塞",
    ]


def test_our_training_data_is_cut_exactly_as_with_jiebas_full_dictionary(
    full_entries, training_data, tmp_path
):
    texts = list(tokenizer.training_texts(training_data))
    kept, total = tokenizer.compact(full_entries, texts, common_words=0)
    words = tmp_path / "words.txt"
    words.write_text(
        "".join(f"{w} {f} {r}".strip() + "\n" for w, f, r in kept), encoding="utf-8"
    )
    small = tokenizer.build_segmenter(words, total)
    full = tokenizer.build_segmenter(None, None)
    chinese = [text for text in texts if any("\u4e00" <= ch <= "\u9fff" for ch in text)]
    assert len(chinese) > 400
    for text in texts:
        assert list(small.tokenize(text)) == list(full.tokenize(text)), text
    assert len(small.FREQ) * 10 < len(full.FREQ)


def _context():
    return ExecutionContext(GraphSchema({}), uuid.uuid4().hex)


def _trained(tmp_path, training_data, **config):
    storage = LocalModelStorage.create(tmp_path)
    resource = Resource("tokenizer")
    settings = {**tokenizer.CompactJiebaTokenizer.get_default_config(), **config}
    component = tokenizer.CompactJiebaTokenizer.create(
        settings, storage, resource, _context()
    )
    component.train(training_data)
    return tokenizer.CompactJiebaTokenizer.load(settings, storage, resource, _context())


def test_trained_component_stores_a_small_dictionary_and_tokenizes(
    tmp_path, training_data, full_entries
):
    loaded = _trained(tmp_path, training_data, common_words=5000)
    stored = tmp_path / "tokenizer"
    kept = tokenizer.read_dictionary(stored / tokenizer.WORDS_FILE)
    assert 5000 <= len(kept) < len(full_entries) // 10
    message = Message({TEXT: "肝动脉化疗栓塞有什么风险？"})
    loaded.process([message])
    tokens = [token.text for token in message.get("text_tokens")]
    assert "".join(tokens) == "肝动脉化疗栓塞有什么风险？"
    assert "风险" in tokens and "什么" in tokens
    english = Message({TEXT: "what is TACE"})
    loaded.process([english])
    words = [t.text for t in english.get("text_tokens") if t.text.strip()]
    assert words == ["what", "is", "TACE"]  # spaces are tokens, as in JiebaTokenizer


def test_custom_dictionaries_still_add_words(tmp_path, training_data):
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "words.txt").write_text("肝动脉灌注栓塞术 10 n\n", encoding="utf-8")
    loaded = _trained(
        tmp_path, training_data, common_words=0, dictionary_path=str(custom)
    )
    message = Message({TEXT: "什么是肝动脉灌注栓塞术"})
    loaded.process([message])
    assert "肝动脉灌注栓塞术" in [t.text for t in message.get("text_tokens")]


def test_config_uses_it():
    import yaml

    pipeline = yaml.safe_load(open("config.yml", encoding="utf-8"))["pipeline"]
    assert pipeline[0]["name"] == "bot.server.tokenizer.CompactJiebaTokenizer"
