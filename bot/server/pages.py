"""The web chat page, the embeddable widget and the kiosk, served by Rasa.

``WebPages`` is a custom Rasa channel at the server root that serves them.
Pure functions behind its routes build the pages' words in both languages
(``data/web.yml`` through the Babel catalogs), the kiosk's topic menu (from
the knowledge snapshot), the "questions to ask your care team" sheet, the QR
code to the public chat page, and the HTML pages with their settings
embedded as JSON. The browser code lives in ``bot/server/web/static``; marked
and DOMPurify come from npm (``bot/server/web/package.json``) at build time
and are served from ``bot/server/web/node_modules``.
"""

from __future__ import annotations

import html
import io
import json
import logging
import os
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Any

import segno
import yaml
from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings
from bot.content.i18n import translate
from bot.content.knowledge import Knowledge, load_knowledge
from bot.content.schema import clean
from bot.core.dialogue import Replies, payload
from bot.core.language import REPLY_LANGUAGES, normalise

logger = logging.getLogger(__name__)
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
# Only the bot's own pages may frame /chat unless WIDGET_ORIGINS says more.
DEFAULT_FRAME_ANCESTORS = "'self'"
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
        "languages": list(REPLY_LANGUAGES),
        "webhook": REST_WEBHOOK,
        "chatUrl": chat_url,
        "kioskTimeout": kiosk_timeout,
        # Sessions survive a reload in the page and the widget; the kiosk
        # keeps nothing in the browser.
        "persist": mode != "kiosk",
        "strings": {code: strings(code) for code in REPLY_LANGUAGES},
        "topics": {code: topic_menu(kb, code) for code in REPLY_LANGUAGES},
    }


# The ``lang`` attribute of each reply language.
HTML_LANG = {"en": "en", "zh": "zh-Hans", "zh-Hant": "zh-Hant"}


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
    """The HTML of the chat page, the widget's frame or the kiosk.

    The kiosk shows the "continue on your phone" QR code only when the
    public address is configured (``chatUrl``).
    """
    lang = config["lang"] or "en"
    words = config["strings"][lang]
    conversation = _template("conversation.html").template
    kiosk = config["mode"] == "kiosk"
    phone = _template("kiosk-phone.html").template if config["chatUrl"] else ""
    body = (
        _template("kiosk.html").substitute(conversation=conversation, phone=phone)
        if kiosk
        else conversation
    )
    return _template("page.html").substitute(
        _LAYOUTS["kiosk" if kiosk else "chat"],
        lang=HTML_LANG[lang],
        title=html.escape(words["title"]),
        mode=config["mode"],
        config=script_json(config),
        body=body,
    )


@lru_cache(maxsize=1)
def render_widget() -> str:
    """The embed script, with its few words in both languages."""
    words = {
        code: {k: v for k, v in strings(code).items() if k in WIDGET_WORDS}
        for code in REPLY_LANGUAGES
    }
    return _template("widget.js").substitute(words=script_json(words))


def vendor_missing() -> list[str]:
    """The npm files that are not installed (run ``make web``)."""
    return [name for name, path in VENDOR_FILES.items() if not path.is_file()]


class WebPages(InputChannel):
    """The chat page, the widget and the kiosk, served by the Rasa server itself.

    Routes (at the server's root): ``/chat`` (``?lang=zh``, ``?embed=1`` for the
    widget's frame), ``/widget.js``, ``/kiosk`` (``?timeout=`` seconds), the
    kiosk's ``/kiosk/qr.svg`` and ``/kiosk/questions.json``, and the pages'
    scripts under ``/web/``. The pages talk to the REST channel.

    Settings (``credentials.yml`` under ``bot.server.pages.WebPages``, or the
    environment, which wins): ``public_url`` / ``PUBLIC_URL`` (the address
    phones should open, for the kiosk's QR code), ``kiosk_timeout`` /
    ``KIOSK_TIMEOUT`` (seconds, default 90), ``frame_ancestors`` /
    ``WIDGET_ORIGINS`` (sites allowed to embed the widget, CSP
    ``frame-ancestors``; default ``'self'``, the bot's own pages only).

    The QR code's address is the configured public address only, never the
    request's Host header (which anyone can set): without one the kiosk shows
    no QR code and ``/kiosk/qr.svg`` answers 404.
    """

    def __init__(
        self,
        public_url: str | None = None,
        kiosk_timeout: int | None = None,
        frame_ancestors: str | None = None,
    ) -> None:
        self.public_url = (os.environ.get("PUBLIC_URL") or public_url or "").strip()
        if self.public_url and not self.public_url.startswith(("https://", "http://")):
            raise ValueError("PUBLIC_URL must start with https:// (or http://)")
        timeout = os.environ.get("KIOSK_TIMEOUT") or kiosk_timeout
        if timeout is None or timeout == "":
            timeout = DEFAULT_KIOSK_TIMEOUT
        self.kiosk_timeout = int(timeout)
        if self.kiosk_timeout <= 0:
            raise ValueError("the kiosk timeout must be a positive number of seconds")
        self.frame_ancestors = " ".join(
            (
                os.environ.get("WIDGET_ORIGINS")
                or frame_ancestors
                or DEFAULT_FRAME_ANCESTORS
            ).split()
        )
        if any(c in self.frame_ancestors for c in ";,"):
            raise ValueError("WIDGET_ORIGINS: origins separated by spaces only")
        missing = vendor_missing()
        if missing:
            logger.warning("web pages: %s missing, run `make web`", ", ".join(missing))
        if not self.public_url:
            logger.warning(
                "web pages: PUBLIC_URL is not set, so the kiosk shows no QR code"
            )
        # Rendered once per mode and language.
        self._page = lru_cache(maxsize=32)(self._render_page)

    def _render_page(self, mode: str, lang: str | None) -> str:
        config = page_config(
            knowledge(), mode, lang, self.chat_url(), self.kiosk_timeout
        )
        return render_page(config)

    @classmethod
    def name(cls) -> str:
        """The channel's name in Rasa's logs and trackers."""
        return "web"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Settings from credentials.yml (all optional)."""
        credentials = credentials or {}
        return cls(
            credentials.get("public_url"),
            credentials.get("kiosk_timeout"),
            credentials.get("frame_ancestors"),
        )

    def url_prefix(self) -> str:
        """At the root of the server, not under /webhooks/."""
        return "/"

    def chat_url(self) -> str | None:
        """The public address of the chat page, if one is configured."""
        if self.public_url:
            return self.public_url.rstrip("/") + "/chat"
        return None

    def _headers(self, html: bool = False) -> dict[str, str]:
        headers = {
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-cache" if html else "public, max-age=3600",
        }
        if html:
            headers["Content-Security-Policy"] = (
                "default-src 'self'; script-src 'self'; style-src 'self'; "
                "img-src 'self' data:; connect-src 'self'; object-src 'none'; "
                f"base-uri 'none'; form-action 'self'; "
                f"frame-ancestors {self.frame_ancestors}"
            )
        return headers

    def qr_response(self) -> HTTPResponse:
        """The QR code to the configured chat address, or 404 without one."""
        url = self.chat_url()
        if url is None:
            return response.text(
                "no QR code: set PUBLIC_URL", status=404, headers=self._headers()
            )
        return HTTPResponse(
            qr_svg(url), content_type="image/svg+xml", headers=self._headers(html=True)
        )

    def blueprint(self, on_new_message):  # noqa: ANN001 - Rasa's signature
        """The page routes; messages go through the REST channel."""
        pages = Blueprint("nelm_web_pages", __name__)

        def page(request: Request, mode: str) -> HTTPResponse:
            lang = normalise(request.args.get("lang"))
            html = self._page(mode, lang)
            return response.html(html, headers=self._headers(html=True))

        @pages.route("/chat", methods=["GET"])
        async def chat(request: Request) -> HTTPResponse:
            embed = request.args.get("embed") in ("1", "true")
            return page(request, "widget" if embed else "page")

        @pages.route("/kiosk", methods=["GET"])
        async def kiosk(request: Request) -> HTTPResponse:
            return page(request, "kiosk")

        @pages.route("/widget.js", methods=["GET"])
        async def widget(request: Request) -> HTTPResponse:
            return HTTPResponse(
                render_widget(),
                content_type="text/javascript; charset=utf-8",
                headers={**self._headers(), "Access-Control-Allow-Origin": "*"},
            )

        @pages.route("/web/<name:path>", methods=["GET"])
        async def static(request: Request, name: str) -> HTTPResponse:
            found = asset(name)
            if found is None:
                return response.text("not found", status=404)
            body, content_type = found
            return HTTPResponse(
                body, content_type=content_type, headers=self._headers()
            )

        @pages.route("/kiosk/qr.svg", methods=["GET"])
        async def qr(request: Request) -> HTTPResponse:
            return self.qr_response()

        @pages.route("/kiosk/questions.json", methods=["GET"])
        async def questions(request: Request) -> HTTPResponse:
            sheet = questions_sheet(
                knowledge(), request.args.get("topic", ""), request.args.get("lang")
            )
            if sheet is None:
                return response.json({"error": "no such topic"}, status=404)
            return response.json(sheet, headers=self._headers(html=True))

        return pages


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """The knowledge snapshot (read once per process)."""
    return load_knowledge()
