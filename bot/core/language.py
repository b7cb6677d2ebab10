"""Decide which language (English or Simplified Chinese) a conversation is in.

This module is the one place that sets the ``language`` slot. The rules:

1. an explicit request ("中文", "请用中文", "English please", a button's
   ``language`` entity) wins;
2. any CJK ideograph makes the message Chinese, so "TACE 是什么" is Chinese;
3. Latin text of two or more words is English;
4. anything else ("TACE", "ok", "👍", "2") keeps the current language, and so
   does a button's payload (``/ask_more{"topic": "transplant"}``), which is
   not words the user wrote.
"""

from __future__ import annotations

import re

SUPPORTED = ("en", "zh")
DEFAULT_LANGUAGE = "en"

_IDEOGRAPH = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df]"
)
_PAYLOAD = re.compile(r"^\s*/[a-z_]+(\{.*\})?\s*$", re.S)
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")

_ZH_NAMES = r"(?:中文|汉语|漢語|華語|华语|普通话|简体中文|国语)"
_EN_NAMES_ZH = r"(?:英文|英语|英語)"
_VERBS_ZH = (
    r"(?:用|说|講|讲|换成|换到|切换到|切换成|切换|改用|改成|转成|转为|请用|请说)"
)


def _request_patterns(zh_names: str, en_names: str) -> list[re.Pattern[str]]:
    """Ways of asking for one language: "用中文", "中文", "in Chinese", "Chinese"."""
    verbs_en = (
        r"(?:in|speak|use|switch\s+to|change\s+to|reply\s+in|answer\s+in|talk\s+in)"
    )
    alone_zh = r"\s*(?:吧|好吗|可以吗|谢谢)?\s*[!！。.?？]*\s*$"
    return [
        re.compile(_VERBS_ZH + r"\s*" + zh_names),
        re.compile(r"^\s*(?:请\s*)?" + zh_names + alone_zh),
        re.compile(r"\b" + verbs_en + r"\s+" + en_names + r"\b", re.I),
        re.compile(r"^\s*" + en_names + r"(?:\s+please)?\s*[!.]*\s*$", re.I),
    ]


_WANT_ZH = _request_patterns(_ZH_NAMES, r"(?:simplified\s+)?(?:chinese|mandarin)")
_WANT_EN = _request_patterns(_EN_NAMES_ZH, r"english")


def normalise(code: str | None) -> str | None:
    """Map a language code or name ("zh-CN", "Chinese", "en_GB") to en/zh."""
    if not code:
        return None
    value = str(code).strip().lower().replace("_", "-")
    if value.startswith("zh") or value in {"chinese", "中文", "cn"}:
        return "zh"
    if value.startswith("en") or value == "english":
        return "en"
    return None


def requested_language(text: str | None) -> str | None:
    """The language a message explicitly asks for, or None."""
    if not text:
        return None
    if any(p.search(text) for p in _WANT_ZH):
        return "zh"
    if any(p.search(text) for p in _WANT_EN):
        return "en"
    return None


def is_payload(text: str) -> bool:
    """Whether a message is a button's ``/intent{...}`` payload, not typed words."""
    return bool(_PAYLOAD.match(text))


def has_cjk(text: str) -> bool:
    """Whether the text contains a Chinese ideograph."""
    return bool(_IDEOGRAPH.search(text))


def detect_language(text: str | None, current: str | None = None) -> str:
    """The language to answer this message in, given the conversation's current one."""
    current = normalise(current) or DEFAULT_LANGUAGE
    if not text or is_payload(text):
        return current
    explicit = requested_language(text)
    if explicit:
        return explicit
    if has_cjk(text):
        return "zh"
    if len(_LATIN_WORD.findall(text)) >= 2:
        return "en"
    return current
