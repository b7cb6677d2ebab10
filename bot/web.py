"""What the web chat page, the embeddable widget and the kiosk are made of.

Pure functions behind the routes in ``bot.channels.WebPages``: the pages'
words in both languages (``data/web.yml`` through the Babel catalogs), the
kiosk's topic menu (from the knowledge snapshot), the "questions to ask your
care team" sheet, the QR code to the public chat page, and the HTML pages
with their settings embedded as JSON. The browser code lives in
``bot/web/static``; marked and DOMPurify come from npm (``bot/web/package.json``)
at build time and are served from ``bot/web/node_modules``.
"""

from __future__ import annotations

import io
import json
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Any

import segno
import yaml

from bot import settings
from bot.content import clean
from bot.dialogue import Replies, payload
from bot.i18n import translate
from bot.knowledge import Knowledge
from bot.language import SUPPORTED, normalise

WEB_DIR = Path(__file__).resolve().parent / "web"
STATIC_DIR = WEB_DIR / "static"
NODE_MODULES = WEB_DIR / "node_modules"
LABELS_FILE = settings.DATA_DIR / "web.yml"

# The npm files the pages load, by the name they are served under.
VENDOR_FILES = {
    "marked.js": NODE_MODULES / "marked" / "lib" / "marked.umd.js",
    "purify.js": NODE_MODULES / "dompurify" / "dist" / "purify.min.js",
}
_JS = "text/javascript; charset=utf-8"
# Every file the pages load, by its path under /web/, with its type.
ASSETS = {
    "nelm-chat.js": (STATIC_DIR / "nelm-chat.js", _JS),
    "nelm-chat.css": (STATIC_DIR / "nelm-chat.css", "text/css; charset=utf-8"),
    **{f"vendor/{name}": (path, _JS) for name, path in VENDOR_FILES.items()},
}
_ASSET_BYTES: dict[str, bytes] = {}
MODES = ("page", "widget", "kiosk")
QUESTIONS = "questions"
DEFAULT_KIOSK_TIMEOUT = 90
WIDGET_WORDS = ("title", "open_chat", "close_chat")
# Relative, so the pages also work behind a proxy under a path prefix.
REST_WEBHOOK = "webhooks/rest/webhook"


@lru_cache(maxsize=1)
def load_labels() -> dict[str, str]:
    """The English labels of ``data/web.yml``, keyed by purpose."""
    data = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))
    return {key: clean(entry["label"]) for key, entry in data["labels"].items()}


def strings(lang: str) -> dict[str, str]:
    """Every page label in ``lang``."""
    return {key: translate(text, lang) for key, text in load_labels().items()}


def topic_menu(kb: Knowledge, lang: str) -> list[dict[str, str]]:
    """The menu topics as kiosk tiles: id, title in ``lang``, and the payload."""
    return [
        {
            "topic": topic.id,
            "title": translate(topic.title, lang),
            "payload": payload("ask_more", topic=topic.id, section="overview"),
        }
        for topic in kb.menu_topics()
    ]


def questions_sheet(kb: Knowledge, topic_id: str, lang: str) -> dict[str, str] | None:
    """The printable "questions to ask" answer of a topic, or None if it has none."""
    topic = kb.topic(topic_id)
    section = topic.section(QUESTIONS) if topic else None
    if topic is None or section is None or section.key != QUESTIONS:
        return None
    lang = normalise(lang) or "en"
    return {
        "topic": topic.id,
        "title": translate(topic.title, lang),
        "heading": strings(lang)["print_heading"],
        "text": Replies(kb, lang).section_message(topic, section).text,
    }


def asset(name: str) -> tuple[bytes, str] | None:
    """A page file's bytes and type (read from disk once), or None."""
    if name not in ASSETS:
        return None
    path, content_type = ASSETS[name]
    if name not in _ASSET_BYTES:
        if not path.is_file():
            return None  # not installed yet: `make web`
        _ASSET_BYTES[name] = path.read_bytes()
    return _ASSET_BYTES[name], content_type


@lru_cache(maxsize=16)
def qr_svg(url: str) -> str:
    """An SVG QR code for ``url`` (high contrast, with a quiet zone)."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=8, border=4, dark="#000", light="#fff", title=url)
    return out.getvalue().decode("utf-8")


def page_config(
    kb: Knowledge,
    mode: str,
    lang: str | None,
    chat_url: str,
    kiosk_timeout: int = DEFAULT_KIOSK_TIMEOUT,
) -> dict[str, Any]:
    """What a page needs to run: its mode, language, words and menu."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    return {
        "mode": mode,
        # None: the page follows the browser's language.
        "lang": normalise(lang),
        "languages": list(SUPPORTED),
        "webhook": REST_WEBHOOK,
        "chatUrl": chat_url,
        "kioskTimeout": kiosk_timeout,
        # Sessions survive a reload in the page and the widget; the kiosk
        # keeps nothing in the browser.
        "persist": mode != "kiosk",
        "strings": {code: strings(code) for code in SUPPORTED},
        "topics": {code: topic_menu(kb, code) for code in SUPPORTED},
    }


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script type="application/json">`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@lru_cache(maxsize=8)
def _template(name: str) -> Template:
    return Template((WEB_DIR / "templates" / name).read_text(encoding="utf-8"))


# What differs between the chat page (and the widget's frame) and the kiosk:
# words in the header (keys of data/web.yml) and the body.
_LAYOUTS = {
    "kiosk": {"subtitle": "kiosk_welcome", "english": "English",
              "new_conversation": "start_over"},
    "chat": {"subtitle": "subtitle", "english": "EN",
             "new_conversation": "new_conversation"},
}  # fmt: skip


def render_page(config: dict[str, Any]) -> str:
    """The HTML of the chat page, the widget's frame or the kiosk."""
    lang = config["lang"] or "en"
    words = config["strings"][lang]
    conversation = _template("conversation.html").template
    kiosk = config["mode"] == "kiosk"
    body = (
        _template("kiosk.html").substitute(conversation=conversation)
        if kiosk
        else conversation
    )
    return _template("page.html").substitute(
        _LAYOUTS["kiosk" if kiosk else "chat"],
        lang="zh-Hans" if lang == "zh" else "en",
        title=_escape(words["title"]),
        mode=config["mode"],
        config=script_json(config),
        body=body,
    )


@lru_cache(maxsize=1)
def render_widget() -> str:
    """The embed script, with its few words in both languages."""
    words = {
        code: {k: v for k, v in strings(code).items() if k in WIDGET_WORDS}
        for code in SUPPORTED
    }
    return _template("widget.js").substitute(words=script_json(words))


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def vendor_missing() -> list[str]:
    """The npm files that are not installed (run ``make web``)."""
    return [name for name, path in VENDOR_FILES.items() if not path.is_file()]
