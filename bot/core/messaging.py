"""Turning the bot's replies into messages a messaging app can carry.

Pure functions used by the connectors in ``bot.server.connectors``:

- Markdown the apps do not render becomes their own markup or plain text
  (``plain``, ``star_markup``).
- Long answers are cut at paragraph, line or sentence ends to fit each app's
  limit (``split_text``, ``LIMITS``).
- Where an app has no buttons, a reply's options become numbered lines
  (``numbered_options``), numbered across the whole bot turn, and a reply of
  "2" (or "２") picks the second (``choice_payload``); the options are read
  back from the conversation's tracker (``turn_buttons``), so any replica can
  resolve them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bot.core.language import detect_language

# Characters per message each app accepts (Slack: one Block Kit text section).
LIMITS = {"telegram": 4096, "slack": 3000, "facebook": 2000, "twilio": 1600}

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
_ITALIC = re.compile(r"(?<![\w*])_(\S(?:.*?\S)?)_(?![\w*])", re.S)
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_ITEM = re.compile(r"^- ", re.M)
_NUMBER = re.compile(r"^\s*#?\s*(\d{1,2})\s*[.)。]?\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？；;])\s*")


def plain(text: str) -> str:
    """Markdown as plain text: no stars or underscores, "•" list items."""
    text = _LINK.sub(r"\1 (\2)", text)
    text = _BOLD.sub(r"\1", text)
    text = _ITALIC.sub(r"\1", text)
    return _ITEM.sub("• ", text)


def star_markup(text: str) -> str:
    """Markdown as Slack / WhatsApp markup: *bold*, _italic_, "•" items."""
    text = _LINK.sub(r"\1 (\2)", text)
    text = _BOLD.sub(r"*\1*", text)
    return _ITEM.sub("• ", text)


def split_text(text: str, limit: int) -> list[str]:
    """``text`` in parts of at most ``limit`` characters, cut where it reads well.

    Paragraphs are kept together when they fit; a longer paragraph is cut at
    line ends, then sentence ends, and only as a last resort mid-sentence.
    """
    if limit <= 0:
        raise ValueError("limit must be positive")
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    parts: list[str] = []
    for unit, joiner in _units(text, limit):
        if parts and len(parts[-1]) + len(joiner) + len(unit) <= limit:
            parts[-1] += joiner + unit
        else:
            parts.append(unit)
    return [p.strip() for p in parts if p.strip()]


def _units(text: str, limit: int) -> Iterable[tuple[str, str]]:
    """Pieces no longer than ``limit``, with the separator that preceded each."""
    for paragraph in re.split(r"\n\s*\n", text):
        if len(paragraph) <= limit:
            yield paragraph, "\n\n"
            continue
        first = True
        for line in paragraph.split("\n"):
            pieces = [line] if len(line) <= limit else _sentences(line, limit)
            for piece in pieces:
                yield piece, ("\n\n" if first else "\n" if piece is pieces[0] else " ")
                first = False


def _sentences(line: str, limit: int) -> list[str]:
    out: list[str] = []
    for sentence in (s for s in _SENTENCE_END.split(line) if s):
        while len(sentence) > limit:
            out.append(sentence[:limit])
            sentence = sentence[limit:]
        if out and len(out[-1]) + 1 + len(sentence) <= limit:
            out[-1] += " " + sentence
        else:
            out.append(sentence)
    return out


def numbered_options(
    buttons: Sequence[Mapping[str, Any]], start: int, hint: str
) -> str:
    """Options as numbered lines starting at ``start``, then how to choose."""
    lines = [f"{start + i}. {b['title']}" for i, b in enumerate(buttons)]
    return "\n".join(lines) + (f"\n\n{hint}" if hint else "")


def chosen_number(text: str | None) -> int | None:
    """The option number a reply names ("2", "２", "#2", "2."), or None."""
    if not text:
        return None
    match = _NUMBER.match(text.translate(_FULL_WIDTH_DIGITS))
    return int(match.group(1)) if match else None


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def choice_payload(
    text: str | None, buttons: Sequence[Mapping[str, Any]]
) -> str | None:
    """The payload of the option a numbered reply picks, or None."""
    number = chosen_number(text)
    if number is None or not 1 <= number <= len(buttons):
        return None
    payload = buttons[number - 1].get("payload")
    return payload if isinstance(payload, str) and payload else None


def turn_buttons(events: Iterable[Any]) -> list[dict[str, Any]]:
    """The options the bot offered since the user's last message, in order.

    ``events`` are Rasa events (objects) or their dicts, oldest first.
    """
    buttons: list[dict[str, Any]] = []
    for event in events:
        kind = _event_kind(event)
        if kind == "user":
            buttons = []
        elif kind == "bot":
            data = event.get("data") if isinstance(event, dict) else event.data
            buttons.extend(b for b in (data or {}).get("buttons") or [] if b)
    return buttons


def _event_kind(event: Any) -> str | None:
    if isinstance(event, dict):
        return event.get("event")
    return getattr(event, "type_name", None)


def reply_language(text: str) -> str:
    """The language of a bot message (its words decide; English by default)."""
    return detect_language(text, "en")
