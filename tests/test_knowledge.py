import pytest
from sqlalchemy import func, select

import bot.db
from bot import settings
from bot.content import load_content
from bot.knowledge import KnowledgeRepository, build_database, database_is_built
from bot.models import SectionRow, TopicRow


def test_build_database_loads_every_section(engine):
    content = load_content()
    assert not database_is_built(engine)
    count = build_database(engine, content)
    assert count == sum(len(t.sections) for t in content.topics)
    assert database_is_built(engine)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(TopicRow)).scalar() == len(
            content.topics
        )


def test_rebuilding_replaces_rows_instead_of_adding(engine):
    first = build_database(engine)
    second = build_database(engine)
    with engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(SectionRow)).scalar()
    assert first == second == rows


def test_repository_reads_back_what_was_stored(engine):
    content = load_content()
    build_database(engine, content)
    kb = KnowledgeRepository(engine).snapshot()
    assert [t.id for t in kb.topics] == [t.id for t in content.topics]
    original = next(t for t in content.topics if t.id == "resection")
    assert kb.topic("resection").sections == original.sections
    assert set(kb.sources) == {s.id for s in content.sources}


def test_repository_builds_an_empty_database_on_first_use(engine):
    kb = KnowledgeRepository(engine).snapshot()
    assert kb.topic("carcinoid_crisis") is not None


def test_snapshot_is_cached_until_reload(engine):
    repo = KnowledgeRepository(engine)
    assert repo.snapshot() is repo.snapshot()
    first = repo.snapshot()
    assert repo.reload() is not first


def test_section_lookup_by_alias(kb):
    assert kb.section("resection", "symptoms").key == "symptom_control"
    assert kb.section("embolization", "extrahepatic").key == "eligibility"
    assert kb.section("resection", "benefits").key == "outcomes"
    assert kb.section("transplant", "symptoms") is None
    assert kb.section("nope", "overview") is None


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("what are the risks of surgery?", "resection"),
        ("Can they cut it out?", "resection"),
        ("切除后会复发吗", "resection"),
        ("类癌危象的症状", "carcinoid_crisis"),
        ("what is a carcinoid crisis", "carcinoid_crisis"),
        ("which treatment should I have", "choosing"),
        ("what are the risks?", None),
        ("I like operations research", None),
        ("", None),
    ],
)
def test_topic_in_text(kb, text, topic):
    assert kb.topic_in_text(text) == topic


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("what are the side effects", "risks"),
        ("有什么副作用", "risks"),
        ("who is it for?", "eligibility"),
        ("how can it be prevented", "prevention"),
        ("what is the survival", "survival"),
        ("hello", None),
    ],
)
def test_section_in_text(kb, text, section):
    assert kb.section_in_text(text) == section


def test_database_url_defaults_to_sqlite_in_var(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert settings.database_url() == f"sqlite:///{settings.VAR_DIR / 'nelm.db'}"


def test_database_url_switches_to_postgresql_by_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/nelm")
    assert settings.database_url() == "postgresql://u:p@db:5432/nelm"


def test_engine_is_not_created_at_import():
    import importlib

    bot.db.get_engine.cache_clear()
    importlib.reload(bot.db)
    assert bot.db.get_engine.cache_info().currsize == 0
