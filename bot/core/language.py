"""Decide which language and script a conversation is in.

Replies are in English (``en``), Simplified Chinese (``zh``) or Traditional
Chinese (``zh-Hant``). This module is the one place that sets the
``language`` slot. The rules:

1. an explicit request ("中文", "请用中文", "English please", a button's
   ``language`` entity) wins;
2. any CJK ideograph makes the message Chinese, so "TACE 是什么" is Chinese:
   Traditional when it has Traditional-only characters, Simplified when it
   has Simplified-only ones, and otherwise the script already in use;
3. Latin text of two or more words is English;
4. anything else ("TACE", "ok", "👍", "2") keeps the current language, and so
   does a button's payload (``/ask_more{"topic": "transplant"}``), which is
   not words the user wrote.
"""

from __future__ import annotations

import re

from bot.core.script import is_simplified, is_traditional

# The languages of the catalogs (the language button toggles between them).
SUPPORTED = ("en", "zh")
HANT = "zh-Hant"
# What a reply can be written in.
REPLY_LANGUAGES = ("en", "zh", HANT)
DEFAULT_LANGUAGE = "en"

_IDEOGRAPH = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df]"
)
_PAYLOAD = re.compile(r"^\s*/[a-z_]+(\{.*\})?\s*$", re.S)
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")

_ZH_NAMES = (
    r"(?:中文|汉语|漢語|華語|华语|普通话|普通話|简体中文|簡體中文|繁体中文|繁體中文"
    r"|国语|國語)"
)
_EN_NAMES_ZH = r"(?:英文|英语|英語)"
_VERBS_ZH = (
    r"(?:用|说|說|講|讲|换成|換成|换到|切换到|切换成|切换|切換|改用|改成|转成|转为"
    r"|请用|請用|请说|請說)"
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
_WANT_TRADITIONAL = _request_patterns(r"(?:繁体|繁體|正體)", r"traditional\s+chinese")


def normalise(code: str | None) -> str | None:
    """Map a language code or name ("zh-CN", "zh-TW", "Chinese", "en_GB")."""
    if not code:
        return None
    value = str(code).strip().lower().replace("_", "-")
    if value in {"zh-hant", "zh-tw", "zh-hk", "zh-mo"} or value.startswith("zh-hant"):
        return HANT
    if value.startswith("zh") or value in {"chinese", "中文", "cn"}:
        return "zh"
    if value.startswith("en") or value == "english":
        return "en"
    return None


def requested_language(text: str | None) -> str | None:
    """The language a message explicitly asks for, or None."""
    if not text:
        return None
    if re.search(r"繁体|繁體|正體|正体|traditional", text, re.I) and any(
        p.search(text) for p in _WANT_ZH + _WANT_TRADITIONAL
    ):
        return HANT
    if any(p.search(text) for p in _WANT_ZH):
        return HANT if is_traditional(text) else "zh"
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
        if is_traditional(text):
            return HANT
        if is_simplified(text):
            return "zh"
        return current if current in ("zh", HANT) else "zh"
    if len(_LATIN_WORD.findall(text)) >= 2:
        return "en"
    return current
