from bot.content.knowledge import from_content, load_knowledge
from bot.content.schema import load_content


def test_snapshot_holds_every_topic_section_and_source():
    content = load_content()
    kb = from_content(content)
    assert [t.id for t in kb.topics] == [t.id for t in content.topics]
    original = next(t for t in content.topics if t.id == "resection")
    assert kb.topic("resection").sections == original.sections
    assert set(kb.sources) == {s.id for s in content.sources}


def test_snapshot_is_read_once_per_process():
    assert load_knowledge() is load_knowledge()


def test_section_lookup_by_alias(kb):
    assert kb.section("resection", "symptoms").key == "symptom_control"
    assert kb.section("embolization", "extrahepatic").key == "eligibility"
    assert kb.section("resection", "benefits").key == "outcomes"
    assert kb.section("transplant", "symptoms") is None
    assert kb.section("nope", "overview") is None
