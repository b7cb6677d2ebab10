"""Rasa input channels with the checks a public endpoint needs, and the web pages.

``RestInput`` is Rasa's REST channel (same URL, ``/webhooks/rest/webhook``)
that answers malformed requests with 400 instead of failing with 500: the
body must be a JSON object with a non-empty string ``sender`` and a string
``message``. Very long messages are cut to ``MAX_MESSAGE`` characters.

When the bot produces no reply at all (the action server is down), the
channel says so in the message's language instead of leaving silence, and
still gives emergency advice when the message describes an emergency.
"""

from __future__ import annotations

import json
import logging
import os
from functools import lru_cache
from typing import Any

from rasa.core.channels.channel import InputChannel
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import speedups, web
from bot.knowledge import Knowledge, KnowledgeRepository, default_repository
from bot.language import detect_language, normalise
from bot.safety import assess

logger = logging.getLogger(__name__)

# Rasa's channels log the user's message text with some errors (e.g. a REST
# client that hung up: "rest.message.received.timeout"). Patients' words are
# health data: these filters blank such fields before any handler sees them.
PRIVATE_FIELDS = ("text", "message", "user_message", "parse_data_text")
RASA_CHANNEL_LOGGERS = tuple(
    f"rasa.core.channels.{name}"
    for name in ("channel", "rest", "facebook", "slack", "telegram", "twilio")
)


class DropMessageText(logging.Filter):
    """Blank message text in Rasa's structured (JSON) log events."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record, without the private fields."""
        event = record.msg
        if isinstance(event, str) and event.startswith("{"):
            try:
                event = json.loads(event)
            except ValueError:
                return True
        if isinstance(event, dict) and any(k in event for k in PRIVATE_FIELDS):
            event = {
                k: ("[not logged]" if k in PRIVATE_FIELDS else v)
                for k, v in event.items()
            }
            record.msg = json.dumps(event, ensure_ascii=False, default=str)
            record.args = ()
        return True


def install_log_filters() -> None:
    """Add ``DropMessageText`` to Rasa's channel loggers (once)."""
    for name in RASA_CHANNEL_LOGGERS:
        channel_logger = logging.getLogger(name)
        if not any(isinstance(f, DropMessageText) for f in channel_logger.filters):
            channel_logger.addFilter(DropMessageText())


install_log_filters()
# Rasa re-checks a JSON schema on every action response: see bot/speedups.py.
speedups.install()

MAX_MESSAGE = 2000
MAX_SENDER = 128


def _body(request: Request) -> dict[str, Any]:
    body = request.json  # Sanic answers 400 itself when this is not JSON
    if not isinstance(body, dict):
        raise InvalidUsage("the body must be a JSON object")
    return body


def no_reply_messages(text: str) -> list[dict[str, str]]:
    """What to send when the bot could not answer: try again, or get help now."""
    from bot.dialogue import ui_text  # the catalogs load on first use

    lang = detect_language(text)
    key = "emergency" if assess(text).is_emergency else "unavailable"
    return [{"text": ui_text(key, lang)}]


class RestInput(RasaRestInput):
    """Rasa's REST channel, validating its input and never answering with silence."""

    def blueprint(self, on_new_message):  # noqa: ANN001 - Rasa's signature
        """Rasa's routes, with a guard against empty replies."""
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("response")
        async def no_silence(request: Request, response: HTTPResponse):
            if (
                request.method == "POST"
                and request.path.endswith("/webhook")
                and response.status == 200
                and response.body in (b"[]", b"")
            ):
                message = self._extract_message(request)
                body = json.dumps(no_reply_messages(message), ensure_ascii=False)
                return HTTPResponse(body, content_type="application/json")
            return None

        return blueprint

    @classmethod
    def name(cls) -> str:
        """Keep Rasa's URL: /webhooks/rest/webhook."""
        return "rest"

    async def _extract_sender(self, req: Request) -> str:
        sender = _body(req).get("sender")
        if (
            not isinstance(sender, str)
            or not sender.strip()
            or len(sender) > MAX_SENDER
        ):
            raise InvalidUsage("'sender' must be a non-empty string")
        return sender

    def _extract_message(self, req: Request) -> str:
        message = _body(req).get("message")
        if not isinstance(message, str):
            raise InvalidUsage("'message' must be a string")
        return message[:MAX_MESSAGE]

    def _extract_input_channel(self, req: Request) -> str:
        channel = _body(req).get("input_channel")
        return channel if isinstance(channel, str) and channel else self.name()

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        """The request's metadata object, if it is one."""
        metadata = _body(request).get("metadata")
        return metadata if isinstance(metadata, dict) else None


class WebPages(InputChannel):
    """The chat page, the widget and the kiosk, served by the Rasa server itself.

    Routes (at the server's root): ``/chat`` (``?lang=zh``, ``?embed=1`` for the
    widget's frame), ``/widget.js``, ``/kiosk`` (``?timeout=`` seconds), the
    kiosk's ``/kiosk/qr.svg`` and ``/kiosk/questions.json``, and the pages'
    scripts under ``/web/``. The pages talk to the REST channel.

    Settings (``credentials.yml`` under ``bot.channels.WebPages``, or the
    environment, which wins): ``public_url`` / ``PUBLIC_URL`` (the address
    phones should open, for the kiosk's QR code), ``kiosk_timeout`` /
    ``KIOSK_TIMEOUT`` (seconds, default 90), ``frame_ancestors`` /
    ``WIDGET_ORIGINS`` (sites allowed to embed the widget, default any).
    """

    def __init__(
        self,
        public_url: str | None = None,
        kiosk_timeout: int | None = None,
        frame_ancestors: str | None = None,
    ) -> None:
        self.public_url = (os.environ.get("PUBLIC_URL") or public_url or "").strip()
        timeout = os.environ.get("KIOSK_TIMEOUT") or kiosk_timeout
        if timeout is None or timeout == "":
            timeout = web.DEFAULT_KIOSK_TIMEOUT
        self.kiosk_timeout = int(timeout)
        if self.kiosk_timeout <= 0:
            raise ValueError("the kiosk timeout must be a positive number of seconds")
        self.frame_ancestors = (
            os.environ.get("WIDGET_ORIGINS") or frame_ancestors or "*"
        ).strip()
        missing = web.vendor_missing()
        if missing:
            logger.warning("web pages: %s missing, run `make web`", ", ".join(missing))
        # Rendered once per mode, language and address (bounded: the address
        # comes from the request's Host header).
        self._page = lru_cache(maxsize=32)(self._render_page)

    def _render_page(self, mode: str, lang: str | None, chat_url: str) -> str:
        config = web.page_config(knowledge(), mode, lang, chat_url, self.kiosk_timeout)
        return web.render_page(config)

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

    def chat_url(self, request: Request) -> str:
        """The public address of the chat page."""
        if self.public_url:
            return self.public_url.rstrip("/") + "/chat"
        return f"{request.scheme}://{request.host}/chat"

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

    def blueprint(self, on_new_message):  # noqa: ANN001 - Rasa's signature
        """The page routes; messages go through the REST channel."""
        pages = Blueprint("nelm_web_pages", __name__)

        def page(request: Request, mode: str) -> HTTPResponse:
            lang = normalise(request.args.get("lang"))
            html = self._page(mode, lang, self.chat_url(request))
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
                web.render_widget(),
                content_type="text/javascript; charset=utf-8",
                headers={**self._headers(), "Access-Control-Allow-Origin": "*"},
            )

        @pages.route("/web/<name:path>", methods=["GET"])
        async def static(request: Request, name: str) -> HTTPResponse:
            found = web.asset(name)
            if found is None:
                return response.text("not found", status=404)
            body, content_type = found
            return HTTPResponse(
                body, content_type=content_type, headers=self._headers()
            )

        @pages.route("/kiosk/qr.svg", methods=["GET"])
        async def qr(request: Request) -> HTTPResponse:
            return HTTPResponse(
                web.qr_svg(self.chat_url(request)),
                content_type="image/svg+xml",
                headers=self._headers(html=True),
            )

        @pages.route("/kiosk/questions.json", methods=["GET"])
        async def questions(request: Request) -> HTTPResponse:
            sheet = web.questions_sheet(
                knowledge(), request.args.get("topic", ""), request.args.get("lang")
            )
            if sheet is None:
                return response.json({"error": "no such topic"}, status=404)
            return response.json(sheet, headers=self._headers(html=True))

        return pages


def knowledge() -> Knowledge:
    """The knowledge snapshot (read once per process)."""
    return _repository().snapshot()


@lru_cache(maxsize=1)
def _repository() -> KnowledgeRepository:
    return default_repository()
