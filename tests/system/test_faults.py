"""Faults: the action server killed mid-conversation, the Rasa server restarted."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from bot.tools import devserver
from bot.tools.devserver import Conversation, http_status


def _action_server_pids(port: str) -> list[int]:
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"actions" in args and port.encode() in args and b"run" in args:
            pids.append(int(proc.name))
    return pids


def _wait_for(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if http_status(url) == 200:
            return
        time.sleep(0.5)
    pytest.fail(f"{url} did not come back")


def _user_texts(tracker_db: Path, sender: str) -> list[str]:
    with sqlite3.connect(tracker_db) as conn:
        rows = conn.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' "
            "ORDER BY id",
            (sender,),
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def test_action_server_crash_and_rasa_restart_keep_the_conversation(tmp_path):
    bot = devserver.start(tmp_path)
    try:
        english, chinese = Conversation(bot.base), Conversation(bot.base)
        assert any(
            "Ablation (heat or cold) — What it is" in t
            for t in english.texts("tell me about ablation")
        )
        assert any(
            "消融（加热或冷冻） — 是什么" in t for t in chinese.texts("介绍一下消融")
        )

        port = bot.env["ACTIONS_PORT"]
        pids = _action_server_pids(port)
        assert pids, "action server process not found"
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        down_en = english.texts("who is it for?")
        down_zh = chinese.texts("适合谁？")
        assert any("try again" in t for t in down_en), down_en
        assert any("请稍后再试" in t for t in down_zh), down_zh
        urgent = english.texts("I'm wheezing and my heart is racing")
        assert "This may be an emergency" in urgent[0]

        _wait_for(f"http://127.0.0.1:{port}/health")
        assert any(
            "Ablation (heat or cold) — Risks" in t
            for t in english.texts("and the risks?")
        )
    finally:
        bot.stop()

    bot = devserver.start(tmp_path)  # same databases, new processes and ports
    try:
        assert any(
            "Ablation (heat or cold) — How it is done" in t
            for t in Conversation(bot.base, english.sender).texts("how is it done?")
        )
        assert any(
            "消融（加热或冷冻） — 怎么做" in t
            for t in Conversation(bot.base, chinese.sender).texts("怎么做？")
        )
    finally:
        bot.stop()

    assert _user_texts(tmp_path / "tracker.db", english.sender) == [
        "tell me about ablation",
        "who is it for?",
        "I'm wheezing and my heart is racing",
        "and the risks?",
        "how is it done?",
    ]
