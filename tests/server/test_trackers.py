import json

import pytest
from rasa.core.brokers.sql import SQLEventBroker
from rasa.core.tracker_store import SQLTrackerStore
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


async def test_kept_in_memory_and_written_through(store, tmp_path, monkeypatch):
    tracker = await store.get_or_create_tracker("a")
    for event in turn(1):
        tracker.update(event)
    await store.save(tracker)

    def no_database(*args, **kwargs):
        raise AssertionError("read from the database")

    monkeypatch.setattr(SQLTrackerStore, "_retrieve", no_database)
    again = await store.retrieve("a")
    # A copy (Rasa may change it), made of the same event objects: no JSON.
    assert again is not tracker
    assert list(again.events) == list(tracker.events)
    assert all(a is b for a, b in zip(again.events, tracker.events, strict=True))
    assert again.get_slot("language") == "en"
    assert again.latest_message.text == "message 1"
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
    tracker = await store.retrieve("b")
    for event in turn(3):
        tracker.update(event)
    await store.save(tracker)
    await store.save(tracker)  # saved twice: nothing new the second time
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


def streamed(db) -> list[str]:
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT data FROM events ORDER BY id")).all()
    engine.dispose()
    return [json.loads(r[0])["event"] for r in rows]


async def test_an_event_broker_receives_every_event_once(tmp_path):
    # Rasa streams the difference between the tracker it saves and the one
    # the store gives back: a shared object would stream nothing after the
    # first save.
    broker = SQLEventBroker(dialect="sqlite", db=str(tmp_path / "broker.db"))
    store = CachingSQLTrackerStore(
        DOMAIN, event_broker=broker, dialect="sqlite", db=str(tmp_path / "t.db")
    )
    tracker = await store.get_or_create_tracker("e")  # as Rasa's processor does
    for n in (1, 2, 3):
        for event in turn(n):
            tracker.update(event)
        await store.save(tracker)
        tracker = await store.retrieve("e")
    saved = stored(tmp_path / "t.db")
    assert streamed(tmp_path / "broker.db") == saved
    assert saved.count("user") == 3


async def test_events_of_an_unsaved_request_do_not_stay_in_memory(store, tmp_path):
    tracker = await store.get_or_create_tracker("f")
    for event in turn(1):
        tracker.update(event)
    await store.save(tracker)
    # The next request reads the conversation, adds its message, then is
    # cancelled (client gone, timeout) before Rasa saves.
    cancelled = await store.retrieve("f")
    cancelled.update(UserUttered("never answered", {"name": "greet"}))
    # The one saved before is changed too after its save (Rasa keeps using it).
    tracker.update(UserUttered("also not saved", {"name": "greet"}))
    fresh = await store.retrieve("f")
    texts = [e.text for e in fresh.events if isinstance(e, UserUttered)]
    assert texts == ["message 1"]
    for event in turn(2):
        fresh.update(event)
    await store.save(fresh)
    texts = [json.loads(r)["text"] for r in _user_rows(tmp_path / "t.db")]
    assert texts == ["message 1", "message 2"]


def _user_rows(db) -> list[str]:
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT data FROM events WHERE type_name = 'user' ORDER BY id")
        ).all()
    engine.dispose()
    return [r[0] for r in rows]


def test_the_store_refuses_another_rasa_release(tmp_path, monkeypatch):
    # It overrides a private method of Rasa 3.6.21's SQL tracker store.
    import rasa

    from bot.server.patches import UnsupportedRasaVersion

    monkeypatch.setattr(rasa, "__version__", "3.6.22")
    with pytest.raises(UnsupportedRasaVersion):
        CachingSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))


async def test_sqlite_commits_append_to_a_write_ahead_log(store, tmp_path):
    tracker = await store.get_or_create_tracker("wal")
    for event in turn(1):
        tracker.update(event)
    await store.save(tracker)
    with store.engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
        synchronous = connection.exec_driver_sql("PRAGMA synchronous").scalar()
    assert mode == "wal"
    assert synchronous == 1  # NORMAL (FULL is 2)
