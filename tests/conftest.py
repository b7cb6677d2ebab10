"""Shared fixtures: the knowledge snapshot, temporary databases, action helpers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.content.knowledge import load_knowledge
from bot.records.db import get_engine

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture()
def engine(tmp_path):
    """A fresh SQLite database file for one test."""
    engine = get_engine(f"sqlite:///{tmp_path / 'test.db'}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def kb():
    """The knowledge snapshot of data/."""
    return load_knowledge()


@pytest.fixture(scope="session")
def records_url(tmp_path_factory):
    """A migrated database for our record tables, shared by the session."""
    from bot.records.db import upgrade_schema

    url = f"sqlite:///{tmp_path_factory.mktemp('records') / 'records.db'}"
    upgrade_schema(url)
    return url


@pytest.fixture(autouse=True)
def _records_on_temp_db(monkeypatch, records_url):
    """Nothing a test stores may land in var/: DATABASE_URL is a temp file."""
    monkeypatch.setenv("DATABASE_URL", records_url)
    get_engine.cache_clear()
    yield
    get_engine.cache_clear()


@pytest.fixture()
def dispatcher() -> CollectingDispatcher:
    """A fresh dispatcher that collects what an action sends."""
    return CollectingDispatcher()


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """The assistant's domain."""
    return yaml.safe_load((ROOT / "domain.yml").read_text("utf-8"))


def load_tracker(name: str, **changes: Any) -> Tracker:
    """A tracker from tests/data/<name>.json, with the latest message changed."""
    state = json.loads((TEST_DATA / f"{name}.json").read_text("utf-8"))
    latest = dict(state["latest_message"], **changes.pop("latest_message", {}))
    slots = dict(state["slots"], **changes.pop("slots", {}))
    return Tracker(
        sender_id=state["sender_id"],
        slots=slots,
        latest_message=latest,
        events=changes.pop("events", state["events"]),
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


@pytest.fixture()
def tracker_factory():
    """Build trackers from the JSON files in tests/data/."""
    return load_tracker


# The tests that need the trained model (they start the bot). `make test` runs
# the others while the model trains (marker `model`).
NEEDS_MODEL = (
    "system/",
    "server/test_connectors.py",
    "server/test_pages.py",
    "tools/test_report_cli.py",
)


def pytest_collection_modifyitems(config, items):
    root = Path(__file__).parent
    for item in items:
        path = Path(str(item.fspath)).resolve().relative_to(root.resolve())
        if path.as_posix().startswith(NEEDS_MODEL) or "server" in item.fixturenames:
            item.add_marker(pytest.mark.model)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """A running bot (Rasa + actions) on loopback, shared by the e2e tests."""
    from bot.tools import devserver

    try:
        bot = devserver.start(tmp_path_factory.mktemp("e2e"))
    except RuntimeError as error:
        pytest.fail(str(error))
    yield bot
    bot.stop()
