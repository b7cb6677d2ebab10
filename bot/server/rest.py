"""Rasa's REST channel with the checks a public endpoint needs.

``RestInput`` keeps Rasa's URL (``/webhooks/rest/webhook``) and answers
malformed requests with 400 instead of failing with 500: the body must be a
JSON object with a non-empty string ``sender`` and a string ``message``. Very
long messages are cut to ``MAX_MESSAGE`` characters.

When the bot produces no reply at all (the action server is down), the
channel says so in the message's language instead of leaving silence, and
still gives emergency advice when the message describes an emergency.
"""

from __future__ import annotations

import json
from typing import Any

from rasa.core.channels.channel import InputChannel
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.core.language import detect_language
from bot.core.safety import assess
from bot.server import patches

MAX_MESSAGE = 2000
MAX_SENDER = 128


def _body(request: Request) -> dict[str, Any]:
    body = request.json  # Sanic answers 400 itself when this is not JSON
    if not isinstance(body, dict):
        raise InvalidUsage("the body must be a JSON object")
    return body


def no_reply_messages(text: str) -> list[dict[str, str]]:
    """What to send when the bot could not answer: try again, or get help now."""
    from bot.core.dialogue import ui_text  # the catalogs load on first use

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
