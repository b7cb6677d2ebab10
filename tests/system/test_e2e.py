"""End to end: the trained model and the action server, over the REST channel.

Starts the bot as ``make run`` does (``bot.tools.devserver``) on free loopback
ports with temporary databases, and checks real replies in both languages.
Needs the trained model: ``make test`` trains it first.
"""

from __future__ import annotations

import json
import time
import urllib.request
import uuid

import pytest

from bot.tools.devserver import Conversation, http_status


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
    # A language switch repeats the last answer (which treatment) in it.
    ("请用中文", "哪种治疗适合我？ — 治疗是怎样决定的"),
    # One Latin word keeps the conversation's language: an answer about it,
    # in Chinese (its source line says 来源).
    ("TACE", lambda reply: "TACE" in reply and "来源" in reply),
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
    ("English please", "Surgical resection (surgery) — Survival"),
    # ... and in English.
    ("TACE", lambda reply: "TACE" in reply and "Source:" in reply),
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


@pytest.mark.parametrize(
    "turns",
    [
        [
            ("tell me about ablation", "Ablation (heat or cold) — What it is"),
            ("who is it for?", "Ablation (heat or cold) — Who it is for"),
            ("and the risks?", "Ablation (heat or cold) — Risks"),
            ("what does bilobar mean?", "Glossary: what words mean — Bilobar"),
            ("where does this information come from?", "Mayo SC"),
        ],
        [
            ("介绍一下消融", "消融（加热或冷冻） — 是什么"),
            ("适合谁？", "消融（加热或冷冻） — 适合谁"),
            ("那风险呢？", "消融（加热或冷冻） — 风险"),
            # "What is TACE?" gets the section that explains the three types.
            (
                "TACE 是什么",
                "栓塞（TAE、TACE、钇-90放射栓塞） — 单纯栓塞、化疗栓塞和钇-90放射栓塞",
            ),
            ("双叶是什么意思？", "词汇表：词语的意思 — 双叶"),
        ],
    ],
)
def test_follow_ups_keep_context_across_topics(server, turns):
    chat = Conversation(server.base)
    for text, expected in turns:
        replies = chat.texts(text)
        assert any(expected in r for r in replies), (text, replies)


def test_replies_carry_quick_reply_buttons(server):
    messages = Conversation(server.base).say("What is a carcinoid crisis?")
    buttons = [b for m in messages for b in m.get("buttons", [])]
    assert {
        "title": "Symptoms",
        "payload": '/ask_more{"topic": "carcinoid_crisis", "section": "symptoms"}',
    } in buttons


def test_http_api_is_off_without_a_token(server):
    assert http_status(server.base + "/") == 200  # the server answers
    # ... but not the API: no such routes without --enable-api.
    assert http_status(server.base + "/conversations/x/tracker") in (403, 404, 405)
    assert http_status(server.base + "/status") in (403, 404, 405)


def test_message_text_is_not_logged_at_info(server):
    secret = f"my name is {uuid.uuid4().hex} and I want to know about surgery"
    Conversation(server.base).say(secret)
    time.sleep(0.5)
    assert secret.split()[3] not in server.log.read_text()


def test_buttons_answer_in_the_conversations_language(server):
    # Payloads are not words: a Chinese conversation stays Chinese.
    chat = Conversation(server.base)
    menu = chat.say('/switch_language{"language": "zh"}')
    button = next(
        b for m in menu for b in m.get("buttons") or [] if "移植" in b["title"]
    )
    answer = " ".join(chat.texts(button["payload"]))
    assert "肝移植" in answer and "来源" in answer and "Source" not in answer


def test_web_session_start_greets_in_the_pages_language(server):
    body = {"message": "/session_start", "metadata": {"language": "zh"}}
    chat = Conversation(server.base)
    request = urllib.request.Request(
        chat.url,
        data=json.dumps({"sender": chat.sender, **body}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        messages = json.loads(response.read())
    assert "不是医生" in messages[0]["text"] and messages[-2]["buttons"]
    assert messages[-1]["custom"]["nelm"]["kind"] == "session_start"
