"""Which channels the running bot opens, and the limits on its REST channel."""

from __future__ import annotations

import json
import sqlite3
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import yaml

from bot.server.rest import RATE_BURST
from bot.tools.devserver import Conversation, http_status
from tests.conftest import ROOT


def test_credentials_enable_only_our_guarded_channels():
    # Rasa's own channels (socketio, rest, telegram...) skip our guards:
    # input checks, size cap, rate limit, the "never silent" reply.
    channels = yaml.safe_load((ROOT / "credentials.yml").read_text("utf-8"))
    assert set(channels) == {"bot.server.rest.RestInput", "bot.server.pages.WebPages"}
    comment = (ROOT / "credentials.yml").read_text("utf-8").split("\n\n")[0]
    assert "socket.io" in comment and "not enabled" in comment


def test_the_running_bot_serves_no_socket_io(server):
    assert http_status(server.base + "/") == 200  # the server is up
    for path in ("/socket.io/?EIO=4&transport=polling", "/socket.io/?EIO=3"):
        assert http_status(server.base + path) == 404, path


def _post(base: str, sender: str, text: str) -> tuple[int, list]:
    request = urllib.request.Request(
        base + "/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def test_one_conversation_flooding_is_limited_and_others_are_not(server):
    flood = Conversation(server.base).sender
    total = RATE_BURST + 10
    with ThreadPoolExecutor(total) as pool:
        results = list(
            pool.map(lambda _: _post(server.base, flood, "hi"), range(total))
        )
    statuses = sorted(status for status, _ in results)
    assert statuses.count(429) >= 10 - 1, statuses  # about one more refills
    assert set(statuses) == {200, 429}
    limited = next(body for status, body in results if status == 429)
    assert "try again in a moment" in limited[0]["text"]
    # Someone else at the same time, from the same address: answered.
    replies = Conversation(server.base).texts("What is a carcinoid crisis?")
    assert any("Carcinoid crisis — What it is" in r for r in replies)


def test_feedback_counts_once_per_answer(server):
    chat = Conversation(server.base)
    answer = chat.say("What is a carcinoid crisis?")
    thumbs = next(
        b["payload"]
        for m in answer
        for b in m.get("buttons") or []
        if b["payload"].startswith("/feedback") and '"no"' in b["payload"]
    )
    database = server.workdir / "nelm.db"

    def stored() -> int:
        with sqlite3.connect(database) as conn:
            return conn.execute(
                "SELECT COUNT(*) FROM feedback WHERE topic = 'carcinoid_crisis' "
                "AND helpful = 0"
            ).fetchone()[0]

    before = stored()
    for _ in range(5):
        assert any("Thank you" in t for t in chat.texts(thumbs))
    assert stored() == before + 1
    # The same section answered again: its feedback counts again.
    chat.say('/ask_more{"topic": "carcinoid_crisis", "section": "overview"}')
    chat.say(thumbs)
    assert stored() == before + 2
