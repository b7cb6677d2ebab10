"""End to end: the trained model and the action server, over the REST channel.

Starts ``scripts/serve.sh`` (as ``make run`` does) on free loopback ports
with a temporary database, and checks real replies in both languages.
Needs the trained model: ``make test`` trains it first.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.language import has_cjk

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "nelm.tar.gz"
START_TIMEOUT = 180


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except OSError:
        return 0


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A running bot (Rasa + actions), stopped after the module."""
    assert MODEL.exists(), "no trained model: run `make train` (make test does)"
    tmp = tmp_path_factory.mktemp("e2e")
    rasa_port, actions_port = _free_port(), _free_port()
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {tmp / 'tracker.db'}\n",
        encoding="utf-8",
    )
    env = dict(
        os.environ,
        RASA_PORT=str(rasa_port),
        ACTIONS_PORT=str(actions_port),
        ENDPOINTS=str(endpoints),
        DATABASE_URL=f"sqlite:///{tmp / 'nelm.db'}",
        HOST="127.0.0.1",
    )
    env.pop("RASA_TOKEN", None)
    log = (tmp / "server.log").open("w")
    proc = subprocess.Popen(
        [str(ROOT / "scripts" / "serve.sh")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{rasa_port}"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        if (
            _get(base + "/") == 200
            and _get(f"http://127.0.0.1:{actions_port}/health") == 200
        ):
            break
        time.sleep(1)
    else:
        proc.poll()
    if proc.returncode is not None or _get(base + "/") != 200:
        _stop(proc)
        pytest.fail("bot did not start:\n" + (tmp / "server.log").read_text()[-3000:])
    yield Server(base, tmp / "server.log")
    _stop(proc)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        _stop(proc, signal.SIGKILL)


@dataclass(frozen=True)
class Server:
    """Where the bot answers, and its log file."""

    base: str
    log: Path


class Conversation:
    """One sender talking to the REST channel."""

    def __init__(self, base: str) -> None:
        self.url = base + "/webhooks/rest/webhook"
        self.sender = uuid.uuid4().hex

    def say(self, text: str) -> list[dict]:
        body = json.dumps({"sender": self.sender, "message": text}).encode()
        request = urllib.request.Request(
            self.url, data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    def texts(self, text: str) -> list[str]:
        return [m.get("text", "") for m in self.say(text)]


def test_acceptance_examples(server):
    english = Conversation(server.base).texts("What is a carcinoid crisis?")
    assert any("Carcinoid crisis — What it is" in t and "Source:" in t for t in english)
    chinese = Conversation(server.base).texts("什么是类癌危象？")
    assert any("类癌危象 — 是什么" in t and "来源：" in t for t in chinese)
    assert all("Source:" not in t for t in chinese)
    urgent_en = Conversation(server.base).texts(
        "I had TACE yesterday and now I'm flushing and wheezing"
    )
    assert "This may be an emergency" in urgent_en[0]
    urgent_zh = Conversation(server.base).texts("我昨天做了栓塞，现在脸发红、喘不上气")
    assert "这可能是急症" in urgent_zh[0]


ENGLISH_TURNS = [
    ("tell me about surgery", "Surgical resection (surgery) — What it is"),
    ("who is it for?", "Surgical resection (surgery) — Who it is for"),
    ("and the risks?", "12.6%"),
    ("What is a carcinoid crisis?", "Carcinoid crisis — What it is"),
    ("what are the symptoms?", "Carcinoid crisis — Symptoms"),
    ("how can it be prevented?", "Carcinoid crisis — Prevention"),
    ("which treatment should I have?", "I can't tell you which treatment"),
    ("what's the weather like today?", "I can't help with that"),
    ("are you a doctor?", "not a doctor"),
    ("thank you", "You're welcome"),
    ("请用中文", "好的，我会用中文回答。"),
    # One Latin word keeps the conversation's language: any reply, in Chinese.
    ("TACE", lambda reply: has_cjk(reply)),
]

CHINESE_TURNS = [
    ("肝切除是什么？", "手术切除 — 是什么"),
    ("适合谁？", "手术切除 — 适合谁"),
    ("有什么副作用？", "12.6%"),
    ("什么是类癌危象？", "类癌危象 — 是什么"),
    ("有什么症状？", "类癌危象 — 症状"),
    ("怎么预防？", "类癌危象 — 预防"),
    ("我应该做哪种治疗？", "我不能告诉您应该做哪种治疗"),
    ("今天天气怎么样？", "这个问题我帮不上忙"),
    ("你是医生吗？", "不是医生"),
    ('/ask_more{"topic": "resection", "section": "outcomes"}', "74%"),
    ("English please", "OK, I'll answer in English."),
    ("ok", lambda reply: reply and not has_cjk(reply)),
]


@pytest.mark.parametrize(
    ("turns", "first_marker"),
    [(ENGLISH_TURNS, "not a doctor"), (CHINESE_TURNS, "不是医生")],
)
def test_conversations_keep_topic_and_language(server, turns, first_marker):
    chat = Conversation(server.base)
    for index, (text, expected) in enumerate(turns):
        replies = chat.texts(text)
        check = expected if callable(expected) else (lambda r, e=expected: e in r)
        assert any(check(r) for r in replies), (text, replies)
        if index == 0:
            assert first_marker in replies[0], "first reply must say it is not a doctor"


def test_replies_carry_quick_reply_buttons(server):
    messages = Conversation(server.base).say("What is a carcinoid crisis?")
    buttons = [b for m in messages for b in m.get("buttons", [])]
    assert {
        "title": "Symptoms",
        "payload": '/ask_more{"topic": "carcinoid_crisis", "section": "symptoms"}',
    } in buttons


def test_http_api_is_off_without_a_token(server):
    assert _get(server.base + "/conversations/x/tracker") in (0, 403, 404, 405)
    assert _get(server.base + "/status") != 200


def test_message_text_is_not_logged_at_info(server):
    secret = f"my name is {uuid.uuid4().hex} and I want to know about surgery"
    Conversation(server.base).say(secret)
    time.sleep(0.5)
    assert secret.split()[3] not in server.log.read_text()
