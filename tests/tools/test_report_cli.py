"""`python -m bot report` on the databases of a short scripted conversation."""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest

from bot.settings import PROJECT_ROOT
from bot.tools import devserver
from bot.tools.devserver import Conversation


@pytest.fixture(scope="module")
def scripted(tmp_path_factory):
    """A fresh bot, one scripted conversation, then the bot is stopped."""
    workdir = tmp_path_factory.mktemp("report")
    try:
        bot = devserver.start(workdir)
    except RuntimeError as error:
        pytest.fail(str(error))
    try:
        chat = Conversation(bot.base)
        chat.say("What is a carcinoid crisis?")
        chat.say("what are the risks of surgery?")
        chat.say("消融一般适合什么样的病人？")
        chat.say("what's the weather like today?")
        chat.say("asdf qwer zxcv")
        thumbs_up = (
            '/feedback{"helpful": "yes", "topic": "ablation", "section": "overview"}'
        )
        for _ in range(3):  # the same answer rated three times: counted once
            chat.say(thumbs_up)
        # A page opened (it greets by itself) and left: nobody wrote anything.
        Conversation(bot.base).say("/session_start")
    finally:
        bot.stop()
    return workdir


def test_report_counts_the_scripted_conversation(scripted, tmp_path):
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{scripted / 'nelm.db'}",
        TRACKER_DB_URL=f"sqlite:///{scripted / 'tracker.db'}",
    )
    out = subprocess.run(
        [sys.executable, "-m", "bot", "report", "--out", str(tmp_path)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = {
        (r["measure"], r["key"], r["language"]): r["value"]
        for r in csv.DictReader((tmp_path / "report.csv").open(encoding="utf-8"))
    }
    # People's messages apart from button presses; the idle page is no one.
    assert rows[("conversations", "", "")] == "1"
    assert rows[("messages typed", "", "")] == "5"
    assert rows[("buttons pressed", "", "")] == "3"
    assert rows[("questions answered", "carcinoid_crisis", "en")] == "1"
    assert rows[("questions answered", "resection", "en")] == "1"
    assert rows[("questions answered", "ablation", "zh")] == "1"
    assert rows[("not answered", "out_of_scope", "")] == "1"
    assert rows[("helpful", "ablation", "")] == "1 of 1"
    assert "conversations" in out and "report.html" in out
    assert "<svg" in (tmp_path / "report.html").read_text(encoding="utf-8")
