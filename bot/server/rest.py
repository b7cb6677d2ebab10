"""Rasa's REST channel with the checks a public endpoint needs.

``RestInput`` keeps Rasa's URL (``/webhooks/rest/webhook``) and answers
malformed requests with 400 instead of failing with 500: the body must be a
JSON object with a non-empty string ``sender`` and a string ``message``. Very
long messages are cut to ``MAX_MESSAGE`` characters.

When the bot produces no reply at all (the action server is down), the
channel says so in the message's language instead of leaving silence, and
still gives emergency advice when the message describes an emergency.

Each conversation (sender id) may send ``RATE_PER_MINUTE`` messages a minute
on average, in bursts of up to ``RATE_BURST`` (a token bucket per sender, in
this process): far more than a person types or taps. Beyond that the channel
answers 429 with the same kind "try again in a moment" message (and the
emergency advice when the message describes one), and Rasa never sees it.
Many people behind one address (a clinic's phones and kiosks) each have their
own conversation, so they never limit each other; nginx adds a generous
per-address limit in front (``deploy/nginx/nginx.conf.template``).
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from typing import Any

from rasa.core.channels.channel import InputChannel
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.core import safety_model
from bot.core.language import detect_language
from bot.core.safety import assess
from bot.server import patches

MAX_MESSAGE = 2000
MAX_SENDER = 128
# Per conversation: the average rate, and how many may come at once.
RATE_PER_MINUTE = 30
RATE_BURST = 30
# Conversations whose buckets are kept (the least recently used go first).
RATE_SENDERS = 10_000


def _body(request: Request) -> dict[str, Any]:
    body = request.json  # Sanic answers 400 itself when this is not JSON
    if not isinstance(body, dict):
        raise InvalidUsage("the body must be a JSON object")
    return body


def no_reply_messages(text: str) -> list[dict[str, str]]:
    """What to send when the bot could not answer: try again, or get help now.

    The safety net still runs: self-harm gets the caring message with the
    clinic's crisis lines, an emergency the emergency advice.
    """
    from bot.core.dialogue import join_paragraphs, ui_text  # catalogs load lazily
    from bot.core.safety import crisis_lines

    lang = detect_language(text)
    safety = assess(text)
    if safety.is_self_harm:
        lines = [f"- {line}" for line in crisis_lines(lang)]
        return [{"text": join_paragraphs([ui_text("self_harm", lang), *lines])}]
    key = "emergency" if safety.is_emergency else "unavailable"
    return [{"text": ui_text(key, lang)}]


class SenderRateLimit:
    """A token bucket per sender id: ``burst`` at once, ``per_minute`` on average."""

    def __init__(
        self,
        per_minute: float = RATE_PER_MINUTE,
        burst: int = RATE_BURST,
        max_senders: int = RATE_SENDERS,
    ) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.max_senders = max_senders
        # sender id -> (tokens left, when they were counted)
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, sender: str, now: float | None = None) -> bool:
        """Take one token from the sender's bucket; False when it is empty."""
        now = time.monotonic() if now is None else now
        tokens, then = self._buckets.pop(sender, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.rate)
        allowed = tokens >= 1
        self._buckets[sender] = (tokens - 1 if allowed else tokens, now)
        while len(self._buckets) > self.max_senders:
            # The oldest bucket: forgetting it only gives that sender a full one.
            self._buckets.popitem(last=False)
        return allowed

    def retry_after(self, sender: str) -> int:
        """Whole seconds until the sender's bucket holds a token again."""
        tokens, _ = self._buckets.get(sender, (self.burst, 0.0))
        return max(1, int((1 - tokens) / self.rate + 0.999)) if self.rate else 60


def _sender_of(request: Request) -> str | None:
    """The request's sender id, or None when the body is not one we accept."""
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - any parse error: the route answers 400
        return None
    sender = body.get("sender") if isinstance(body, dict) else None
    return sender if isinstance(sender, str) and sender.strip() else None


def _message_of(request: Request) -> str:
    body = request.json
    message = body.get("message") if isinstance(body, dict) else None
    return message[:MAX_MESSAGE] if isinstance(message, str) else ""


class RestInput(RasaRestInput):
    """Rasa's REST channel, validating its input and never answering with silence."""

    def __init__(self, limit: SenderRateLimit | None = None) -> None:
        super().__init__()
        self.limit = limit or SenderRateLimit()

    def blueprint(self, on_new_message):  # noqa: ANN001 - Rasa's signature
        """Rasa's routes, with a rate limit per sender and no empty replies."""
        safety_model.warm()  # the fallback replies run the safety net too
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def rate_limit(request: Request):
            if request.method != "POST" or not request.path.endswith("/webhook"):
                return None
            sender = _sender_of(request)
            if sender is None or self.limit.allow(sender):
                return None
            body = json.dumps(
                no_reply_messages(_message_of(request)), ensure_ascii=False
            )
            return HTTPResponse(
                body,
                status=429,
                content_type="application/json",
                headers={"Retry-After": str(self.limit.retry_after(sender))},
            )

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

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """The channel; the Rasa server's start-up patches are applied first."""
        patches.apply()
        return cls()

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
