"""Two Rasa replicas behind nginx, sharing PostgreSQL (trackers, our tables)
and Redis (locks), with one action server (``bot.tools.cluster``).

Conversations whose messages alternate between the replicas keep their
language, topic and follow-ups, and every user message is in the shared
tracker store in order. Then, through nginx (round robin, no sticky
sessions), one replica is killed mid-run and the other answers every
conversation. The chat page works through the load balancer too.

``make scale-deps`` installs Debian's postgresql, redis-server and nginx;
``make test`` and ``make test-scale`` run this (SCALE_CONVERSATIONS, default 20).
"""

from __future__ import annotations

import os
import signal
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.tools import cluster
from bot.tools.devserver import Conversation, http_status

CONVERSATIONS = int(os.environ.get("SCALE_CONVERSATIONS", "20"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# (message, what the reply must contain): language, topic and follow-ups.
SCRIPT = [
    ("tell me about embolization", "Embolization (TAE, TACE, Y-90) — What it is"),
    ("what are the side effects?", "Embolization (TAE, TACE, Y-90) — Side effects"),
    # A language switch repeats the last answer in it.
    ("中文", "栓塞（TAE、TACE、钇-90放射栓塞） — 副作用"),
    ("效果怎么样？", "栓塞（TAE、TACE、钇-90放射栓塞）"),
    ("有什么副作用？", "栓塞（TAE、TACE、钇-90放射栓塞）"),
]


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    missing = cluster.missing_binaries()
    if missing:
        pytest.fail(f"not installed: {missing}; run `make scale-deps`")
    with cluster.start(tmp_path_factory.mktemp("cluster"), replicas=2) as running:
        yield running


def user_texts(nodes, sender: str) -> list[str]:
    engine = create_engine(nodes.tracker_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT data FROM events WHERE sender_id = :s AND type_name = 'user'"
                " ORDER BY id"
            ),
            {"s": sender},
        )
        import json

        texts = [json.loads(row[0])["text"] for row in rows]
    engine.dispose()
    return texts


def run_script(base_for_turn, sender: str, after_turn=None) -> list[str]:
    """Say the script; return the problems (empty when every reply fits)."""
    problems = []
    for turn, (message, expected) in enumerate(SCRIPT):
        chat = Conversation(base_for_turn(turn), sender)
        replies = "\n".join(m.get("text", "") for m in chat.say(message, timeout=120))
        if expected not in replies:
            problems.append(f"{sender} turn {turn} {message!r}: {replies[:200]!r}")
        if after_turn:
            after_turn(turn)
    return problems


def test_messages_alternating_across_replicas_keep_context(nodes):
    bases = [r.base for r in nodes.replicas]
    senders = [uuid.uuid4().hex for _ in range(CONVERSATIONS)]

    def converse(index: int) -> list[str]:
        return run_script(
            lambda turn: bases[(turn + index) % len(bases)], senders[index]
        )

    with ThreadPoolExecutor(4) as pool:
        problems = [
            p for found in pool.map(converse, range(CONVERSATIONS)) for p in found
        ]
    assert problems == []
    # Every user message is in the shared tracker store, once, in order.
    expected = [message for message, _ in SCRIPT]
    for sender in senders:
        assert user_texts(nodes, sender) == expected


def test_our_tables_are_shared_in_postgresql(nodes):
    engine = create_engine(nodes.database_url)
    with engine.connect() as connection:
        answers = connection.execute(text("SELECT count(*) FROM answers")).scalar()
    engine.dispose()
    assert answers >= CONVERSATIONS  # answers recorded by the one action server


def test_load_balancer_keeps_serving_when_a_replica_dies(nodes):
    assert http_status(nodes.base + "/chat") == 200
    senders = [uuid.uuid4().hex for _ in range(CONVERSATIONS)]
    halfway = threading.Barrier(CONVERSATIONS, timeout=300)
    victim = nodes.replicas[1]
    killed = threading.Event()

    def kill_once(turn: int) -> None:
        if turn == 1:
            halfway.wait()  # every conversation is mid-way
            if not killed.is_set():
                killed.set()
                os.killpg(victim.process.pid, signal.SIGKILL)

    def converse(index: int) -> list[str]:
        return run_script(lambda turn: nodes.base, senders[index], kill_once)

    with ThreadPoolExecutor(CONVERSATIONS) as pool:
        problems = [
            p for found in pool.map(converse, range(CONVERSATIONS)) for p in found
        ]
    assert killed.is_set() and victim.process.wait(timeout=30) is not None
    assert problems == []
    expected = [message for message, _ in SCRIPT]
    for sender in senders:
        texts = user_texts(nodes, sender)
        # nginx retries a POST the dead replica never answered, so a message
        # may be logged twice; none is ever lost or out of order.
        deduplicated = [t for i, t in enumerate(texts) if i == 0 or t != texts[i - 1]]
        assert deduplicated == expected


def test_chat_page_works_behind_the_load_balancer(nodes):
    from playwright.sync_api import expect, sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: run `make browser`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        # Under the pages' own Content-Security-Policy, as patients' browsers.
        page = browser.new_context().new_page()
        refused = []
        page.on(
            "console",
            lambda m: (
                refused.append(m.text) if "Content Security Policy" in m.text else None
            ),
        )
        page.goto(nodes.base + "/chat?lang=en")
        bot = page.locator("#nelm-log .msg.bot")
        expect(bot.first).to_be_visible(timeout=60_000)
        for question, expected in SCRIPT[:2]:
            page.fill("#nelm-input", question)
            page.press("#nelm-input", "Enter")
            expect(page.locator(".msg.bot .body", has_text=expected)).to_be_visible(
                timeout=60_000
            )
            page.reload()  # a new request, possibly to the other replica
        expect(page.locator(".msg.user")).to_have_count(2)
        assert refused == []
        browser.close()
