import json

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from sqlalchemy import create_engine, text

from bot.server.trackers import CachingSQLTrackerStore
from tests.conftest import ROOT

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def stored(db) -> list[str]:
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT data FROM events ORDER BY id")).all()
    engine.dispose()
    return [json.loads(r[0])["event"] for r in rows]


def turn(n: int):
    return [
        UserUttered(f"message {n}", {"name": "greet", "confidence": 1.0}),
        ActionExecuted("action_greet"),
        BotUttered(f"reply {n}"),
        SlotSet("language", "en"),
        ActionExecuted("action_listen"),
    ]


@pytest.fixture()
def store(tmp_path):
    return CachingSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))


async def test_kept_in_memory_and_written_through(store, tmp_path):
    tracker = await store.get_or_create_tracker("a")
    for event in turn(1):
        tracker.update(event)
    await store.save(tracker)
    again = await store.retrieve("a")
    assert again is tracker  # no database read, no event rebuilt
    assert len(stored(tmp_path / "t.db")) == len(tracker.events)


async def test_a_session_started_inside_a_kept_tracker_stores_no_duplicates(
    store, tmp_path
):
    # The web page's first message is "/session_start": a second session
    # starts inside the tracker the store keeps.
    tracker = await store.get_or_create_tracker("b")
    for event in [ActionExecuted("action_session_start"), SessionStarted()]:
        tracker.update(event)
    for event in turn(1):
        tracker.update(event)
    await store.save(tracker)
    tracker = await store.retrieve("b")
    for event in [ActionExecuted("action_session_start"), SessionStarted(), *turn(2)]:
        tracker.update(event)
    await store.save(tracker)
    for event in turn(3):
        (await store.retrieve("b")).update(event)
    await store.save(await store.retrieve("b"))
    events = [e.type_name for e in tracker.events]
    assert stored(tmp_path / "t.db") == events  # each event once, in order


async def test_forgotten_or_stale_conversations_are_read_from_the_database(
    tmp_path,
):
    store = CachingSQLTrackerStore(
        DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"), cache_seconds=0
    )
    tracker = await store.get_or_create_tracker("c")
    for event in turn(1):
        tracker.update(event)
    await store.save(tracker)
    fresh = await store.retrieve("c")
    assert fresh is not tracker
    assert [e.type_name for e in fresh.events] == [e.type_name for e in tracker.events]
    for event in turn(2):
        fresh.update(event)
    await store.save(fresh)
    assert len(stored(tmp_path / "t.db")) == len(fresh.events)


async def test_cache_size_is_bounded(tmp_path):
    store = CachingSQLTrackerStore(
        DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"), cache_size=2
    )
    for sender in "xyz":
        await store.save(await store.get_or_create_tracker(sender))
    assert list(store._cache) == ["y", "z"]
    store.forget("y")
    assert list(store._cache) == ["z"]
