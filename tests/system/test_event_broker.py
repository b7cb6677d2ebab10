"""The running bot with an event broker: every event of every message reaches it.

Rasa streams the new events of a message by comparing the tracker it saves
with the one the tracker store gives back (``TrackerStore.stream_events``).
Our caching tracker store (``bot.server.trackers``) hands out copies, so the
broker (here Rasa's SQL event broker on SQLite) sees everything the tracker
store stores.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
import yaml

from bot.server import endpoints
from bot.tools import devserver
from bot.tools.devserver import Conversation


def _events(db, sender: str) -> list[dict]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)
        ).fetchall()
    return [json.loads(data) for (data,) in rows]


def test_every_event_reaches_the_event_broker(tmp_path):
    rasa_port, actions_port = devserver.free_port(), devserver.free_port()
    config = endpoints.endpoints(
        {
            "ACTIONS_PORT": str(actions_port),
            "TRACKER_DB_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        }
    )
    assert config["tracker_store"]["type"] == endpoints.CACHING_STORE
    config["event_broker"] = {
        "type": "sql",
        "dialect": "sqlite",
        "db": str(tmp_path / "broker.db"),
    }
    endpoints_file = tmp_path / "endpoints-with-broker.yml"
    endpoints_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    try:
        bot = devserver.start(
            tmp_path,
            extra_env={
                "ENDPOINTS": str(endpoints_file),
                "RASA_PORT": str(rasa_port),
                "ACTIONS_PORT": str(actions_port),
            },
        )
    except RuntimeError as error:
        pytest.fail(str(error))
    try:
        chat = Conversation(bot.base)
        questions = [
            "What is a carcinoid crisis?",
            "what are the symptoms?",
            "请用中文",
        ]
        for question in questions:
            assert chat.texts(question)
    finally:
        bot.stop()
    stored = _events(tmp_path / "tracker.db", chat.sender)
    streamed = _events(tmp_path / "broker.db", chat.sender)
    said = [e["text"] for e in streamed if e["event"] == "user"]
    assert said == questions
    assert [e["event"] for e in streamed] == [e["event"] for e in stored]
    assert sum(e["event"] == "bot" for e in streamed) >= len(questions)
