"""Messaging apps: Telegram, Slack, Facebook Messenger and Twilio (SMS, WhatsApp).

Each connector is Rasa's own (same webhook URL under ``/webhooks/<name>/``,
same credentials in ``credentials.yml``) with what our replies need:

- options: Telegram and Slack show buttons; Messenger and Twilio show numbered
  lines (Messenger adds "1", "2", … quick replies). Options are numbered
  across the bot's whole turn, and a reply of "2" picks the second option,
  read back from the conversation's tracker (``bot.core.messaging``). Telegram's
  buttons send the number too (its button data is limited to 64 bytes).
- long answers are split to each app's length limit, at paragraph or sentence
  ends, instead of one message per paragraph;
- Markdown becomes the app's markup, or plain text for SMS and Messenger;
- when the bot could not answer at all (the action server is down), the user
  gets "please try again" (or emergency advice) in their language;
- every webhook is authenticated, and a channel without its secrets refuses
  to start: Twilio requests must carry a valid ``X-Twilio-Signature`` (made
  with the auth token), Messenger requests a valid ``X-Hub-Signature-256``
  (HMAC-SHA256 of the body with the app secret), Telegram requests the
  ``secret_token`` given to Telegram with the webhook (header
  ``X-Telegram-Bot-Api-Secret-Token``), Slack requests the signing secret's
  signature (checked by Rasa). Secrets are compared in constant time.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextvars import ContextVar
from typing import Any

from aiogram.bot import api as telegram_api
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput as RasaFacebookInput
from rasa.core.channels.facebook import Messenger, MessengerBot
from rasa.core.channels.slack import SlackBot
from rasa.core.channels.slack import SlackInput as RasaSlackInput
from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from rasa.core.channels.telegram import TelegramOutput as RasaTelegramOutput
from rasa.core.channels.twilio import TwilioInput as RasaTwilioInput
from rasa.core.channels.twilio import TwilioOutput as RasaTwilioOutput
from rasa.shared.exceptions import InvalidConfigException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator

from bot.core import safety_model
from bot.core.messaging import (
    LIMITS,
    choice_payload,
    chosen_number,
    numbered_options,
    plain,
    reply_language,
    split_text,
    star_markup,
    turn_buttons,
)
from bot.server.rest import no_reply_messages

logger = logging.getLogger(__name__)

# The Sanic app serving the current request: the connectors read trackers
# through its agent.
_CURRENT_APP: ContextVar[Any] = ContextVar("nelm_current_app", default=None)
FACEBOOK_QUICK_REPLIES = 13
SLACK_BUTTONS_PER_BLOCK = 25
SLACK_BUTTON_TEXT = 75
TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's rule for a webhook's secret_token.
TELEGRAM_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
MESSENGER_SIGNATURE_HEADER = "X-Hub-Signature-256"


def require(channel: str, credentials: dict[str, Any] | None, *keys: str) -> None:
    """Refuse to start a channel whose credentials lack any of ``keys``."""
    missing = [k for k in keys if not str((credentials or {}).get(k) or "").strip()]
    if missing:
        raise InvalidConfigException(
            f"{channel}: {', '.join(missing)} missing in credentials.yml; "
            "the channel does not start without them (see README 'Messaging apps')"
        )


def same_secret(given: str | None, expected: str) -> bool:
    """Whether ``given`` equals the non-empty ``expected``, in constant time."""
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def choose_hint(text: str) -> str:
    """The "reply with a number" hint, in the language of the message it follows."""
    from bot.core.dialogue import ui_text  # the catalogs load on first use

    return ui_text("choose_by_number", reply_language(text))


class ChoiceOutput(OutputChannel):
    """Sending side shared by the connectors: limits, markup, numbered options."""

    limit = 1600

    @property
    def _turns(self) -> dict[str, dict[str, int]]:
        # Per recipient; set up on first use (Rasa's classes own __init__).
        return self.__dict__.setdefault("_nelm_turns", {})

    def _turn(self, recipient_id: str) -> dict[str, int]:
        return self._turns.setdefault(str(recipient_id), {"numbers": 0, "sent": 0})

    def begin_turn(self, recipient_id: str) -> None:
        """A user message arrived: number options from 1 again."""
        self._turns[str(recipient_id)] = {"numbers": 0, "sent": 0}

    def sent(self, recipient_id: str) -> int:
        """How many messages went to this recipient in this turn."""
        return self._turn(recipient_id)["sent"]

    def end_turn(self, recipient_id: str) -> None:
        """Forget the turn's counters."""
        self._turns.pop(str(recipient_id), None)

    def markup(self, recipient_id: str, text: str) -> str:
        """The bot's Markdown in this app's markup."""
        return plain(text)

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """Pass custom JSON on, except our reply data (for web clients only)."""
        from bot.core.dialogue import REPLY_DATA

        rest = {k: v for k, v in json_message.items() if k != REPLY_DATA}
        if rest:
            await super().send_custom_json(recipient_id, rest, **kwargs)

    async def send_part(
        self,
        recipient_id: str,
        text: str,
        choices: Sequence[tuple[int, Mapping[str, Any]]] = (),
    ) -> None:
        """Send one message of at most ``limit`` characters (with options)."""
        raise NotImplementedError

    async def _send(
        self,
        recipient_id: str,
        text: str,
        choices: Sequence[tuple[int, Mapping[str, Any]]] = (),
    ) -> None:
        parts = split_text(text, self.limit) or [""]
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            await self.send_part(recipient_id, part, choices if last else ())
            self._turn(recipient_id)["sent"] += 1

    async def send_text_message(
        self, recipient_id: str, text: str, **kwargs: Any
    ) -> None:
        """A text reply, split to the app's limit."""
        await self._send(recipient_id, self.markup(recipient_id, text))

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: list[dict[str, Any]],
        **kwargs: Any,
    ) -> None:
        """A reply with options, numbered on from the turn's earlier options."""
        turn = self._turn(recipient_id)
        start = turn["numbers"] + 1
        turn["numbers"] += len(buttons)
        choices = [(start + i, b) for i, b in enumerate(buttons)]
        await self.send_with_choices(recipient_id, text, choices)

    async def send_with_choices(
        self,
        recipient_id: str,
        text: str,
        choices: Sequence[tuple[int, Mapping[str, Any]]],
    ) -> None:
        """Default: the options as numbered lines under the text."""
        menu = numbered_options(
            [{"title": plain(str(b.get("title", "")))} for _, b in choices],
            choices[0][0] if choices else 1,
            choose_hint(text),
        )
        body = self.markup(recipient_id, text)
        await self._send(recipient_id, f"{body}\n\n{menu}", choices)

    async def send_quick_replies(
        self,
        recipient_id: str,
        text: str,
        quick_replies: list[dict[str, Any]],
        **kwargs: Any,
    ) -> None:
        """Quick replies are options like buttons."""
        await self.send_text_with_buttons(recipient_id, text, quick_replies)


def choosing(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    adapt: Callable[[OutputChannel], OutputChannel],
) -> Callable[[UserMessage], Awaitable[Any]]:
    """Wrap Rasa's message handler: numbered replies, our output, no silence."""

    async def handler(message: UserMessage) -> None:
        message.output_channel = adapt(message.output_channel)
        output = message.output_channel
        original = message.text or ""
        if chosen_number(original) is not None:
            payload = await _numbered_choice(message.sender_id, original)
            if payload:
                message.text = payload
        if isinstance(output, ChoiceOutput):
            output.begin_turn(message.sender_id)
        try:
            await on_new_message(message)
        finally:
            if isinstance(output, ChoiceOutput):
                if output.sent(message.sender_id) == 0:
                    for reply in no_reply_messages(original):
                        await output.send_text_message(message.sender_id, reply["text"])
                output.end_turn(message.sender_id)

    return handler


async def _numbered_choice(sender_id: str, text: str) -> str | None:
    """The payload of the option numbered ``text`` in the bot's last turn."""
    app = _CURRENT_APP.get()
    agent = getattr(getattr(app, "ctx", None), "agent", None)
    if agent is None or agent.tracker_store is None:
        return None
    try:
        tracker = await agent.tracker_store.retrieve(sender_id)
    except Exception:  # a lost tracker only means "2" is read as text
        logger.exception("could not read the conversation to resolve a number")
        return None
    return choice_payload(text, turn_buttons(tracker.events)) if tracker else None


class _Choosing:
    """Input side shared by the connectors (mixed in before Rasa's class)."""

    def adapt_output(self, output: OutputChannel) -> OutputChannel:
        """Our output channel in place of Rasa's (same client)."""
        return output

    def blueprint(self, on_new_message):  # noqa: ANN001 - Rasa's signature
        """Rasa's routes, with the message handler wrapped by ``choosing``."""
        safety_model.warm()  # the fallback replies run the safety net too
        blueprint = super().blueprint(choosing(on_new_message, self.adapt_output))

        @blueprint.middleware("request")
        async def remember_app(request: Request) -> None:
            _CURRENT_APP.set(request.app)

        return blueprint


# ---- Twilio: SMS and WhatsApp ------------------------------------------------


class TwilioOutput(ChoiceOutput, RasaTwilioOutput):
    """Twilio: numbered options, one message per 1,600 characters."""

    limit = LIMITS["twilio"]

    def markup(self, recipient_id: str, text: str) -> str:
        """WhatsApp shows *bold* and _italic_; SMS shows plain text."""
        if str(recipient_id).startswith("whatsapp:"):
            return star_markup(text)
        return plain(text)

    async def send_part(self, recipient_id, text, choices=()):  # noqa: ANN001
        """One Twilio message (the client is synchronous: run it off the loop)."""
        data = {"to": recipient_id, "from_": self.twilio_number, "body": text}
        try:
            await asyncio.to_thread(self.messages.create, **data)
        except TwilioRestException as error:
            logger.error("Twilio refused a message: %s", error.msg)


class TwilioInput(_Choosing, RasaTwilioInput):
    """Twilio's webhook (``/webhooks/twilio/webhook``), signature checked.

    Credentials: ``account_sid``, ``auth_token``, ``twilio_number`` as in Rasa
    (all required: without the auth token no signature can be checked), plus
    ``webhook_url`` (the public URL set in Twilio's console, needed to check
    signatures behind a proxy). Every POST must be signed; there is no switch
    to turn the check off.
    """

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TwilioInput:
        """Rasa's credentials, plus the webhook URL; refused when incomplete."""
        if not credentials:
            cls.raise_missing_credentials_exception()
        require("Twilio", credentials, "account_sid", "auth_token", "twilio_number")
        if credentials.get("validate_signature", True) is not True:
            raise InvalidConfigException(
                "Twilio: validate_signature cannot be turned off; set webhook_url "
                "to the exact URL in Twilio's console instead"
            )
        channel = cls(
            credentials.get("account_sid"),
            credentials.get("auth_token"),
            credentials.get("twilio_number"),
            debug_mode=False,
        )
        channel.webhook_url = credentials.get("webhook_url")
        return channel

    webhook_url: str | None = None

    def get_output_channel(self) -> OutputChannel:
        """Our Twilio output."""
        return TwilioOutput(self.account_sid, self.auth_token, self.twilio_number)

    def signed(self, request: Request) -> bool:
        """Whether the request carries Twilio's signature for our auth token."""
        if not self.auth_token:  # never accept a signature made with no secret
            return False
        url = self.webhook_url or request.url
        params = {key: request.form.get(key) for key in request.form}
        signature = request.headers.get("X-Twilio-Signature", "")
        if not signature:
            return False
        return RequestValidator(self.auth_token).validate(url, params, signature)

    def blueprint(self, on_new_message):  # noqa: ANN001 - Rasa's signature
        """Rasa's routes; unsigned posts are refused with 403."""
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def check_signature(request: Request):
            if (
                request.method == "POST"
                and request.path.endswith("/twilio/webhook")
                and not self.signed(request)
            ):
                return response.text("invalid signature", status=403)
            return None

        return blueprint


# ---- Facebook Messenger -----------------------------------------------------


class MessengerOutput(ChoiceOutput, MessengerBot):
    """Messenger: numbered options with "1", "2", … quick replies; 2,000 characters."""

    limit = LIMITS["facebook"]

    async def send_part(self, recipient_id, text, choices=()):  # noqa: ANN001
        """One Send API message (the client is synchronous: run it off the loop)."""
        message: dict[str, Any] = {"text": text}
        if choices:
            message["quick_replies"] = [
                {"content_type": "text", "title": str(n), "payload": str(n)}
                for n, _ in choices[:FACEBOOK_QUICK_REPLIES]
            ]
        await asyncio.to_thread(
            self.messenger_client.send, message, recipient_id, "RESPONSE"
        )

    async def send_action(self, recipient_id: str, sender_action: str) -> None:
        """Typing indicators, off the event loop."""
        await asyncio.to_thread(
            self.messenger_client.send_action,
            {"sender_action": sender_action},
            recipient_id,
        )


class _SignedMessengerWebhook(RasaFacebookInput):
    """Rasa's Messenger routes, with the signature checked as Meta makes it.

    Rasa 3.6 reads ``X-Hub-Signature``, compares with ``==`` and lets the
    caller name the hash; here only ``X-Hub-Signature-256`` counts, always
    HMAC-SHA256 of the body with the app secret, compared in constant time.
    Unsigned or wrongly signed posts get 403 and reach no conversation.
    """

    @classmethod
    def from_credentials(
        cls, credentials: dict[str, Any] | None
    ) -> _SignedMessengerWebhook:
        """Rasa's credentials, all required."""
        if not credentials:
            cls.raise_missing_credentials_exception()
        keys = ("verify", "secret", "page-access-token")
        require("Facebook Messenger", credentials, *keys)
        return cls(*(credentials[k] for k in keys))

    @staticmethod
    def validate_hub_signature(
        app_secret: str, request_payload: bytes, hub_signature_header: str
    ) -> bool:
        """Whether the header is ``sha256=<HMAC-SHA256 of the body>``."""
        method, _, signature = (hub_signature_header or "").partition("=")
        if not app_secret or method != "sha256" or not signature:
            return False
        expected = hmac.new(
            app_secret.encode("utf-8"), request_payload or b"", hashlib.sha256
        ).hexdigest()
        given = signature.strip().lower().encode()
        return hmac.compare_digest(given, expected.encode())

    def blueprint(self, on_new_message):  # noqa: ANN001 - Rasa's signature
        """Health, webhook verification and the signed webhook."""
        webhook = Blueprint("fb_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["GET"])
        async def token_verification(request: Request) -> HTTPResponse:
            if same_secret(request.args.get("hub.verify_token"), self.fb_verify):
                return response.text(request.args.get("hub.challenge") or "")
            logger.warning("Messenger: wrong verify token on webhook verification")
            return response.text("failure, invalid token", status=403)

        @webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            signature = request.headers.get(MESSENGER_SIGNATURE_HEADER, "")
            if not self.validate_hub_signature(self.fb_secret, request.body, signature):
                logger.warning("Messenger: request refused (bad X-Hub-Signature-256)")
                return response.text("invalid signature", status=403)
            messenger = Messenger(self.fb_access_token, on_new_message)
            await messenger.handle(request.json, self.get_metadata(request))
            return response.text("success")

        return webhook


class FacebookInput(_Choosing, _SignedMessengerWebhook):
    """Messenger's webhook (``/webhooks/facebook/webhook``).

    Credentials ``verify``, ``secret`` (the app secret) and
    ``page-access-token`` are required; each post must carry Meta's
    ``X-Hub-Signature-256``.
    """

    def adapt_output(self, output: OutputChannel) -> OutputChannel:
        """Rasa builds a MessengerBot per message; use ours with the same client."""
        if isinstance(output, MessengerBot) and not isinstance(output, ChoiceOutput):
            return MessengerOutput(output.messenger_client)
        return output

    def get_output_channel(self) -> OutputChannel:
        """Our Messenger output."""
        output = super().get_output_channel()
        return MessengerOutput(output.messenger_client)


# ---- Telegram ---------------------------------------------------------------


class TelegramOutput(ChoiceOutput, RasaTelegramOutput):
    """Telegram: inline buttons (sending their number back), 4,096 characters."""

    limit = LIMITS["telegram"]

    def __init__(self, access_token: str | None, secret_token: str | None = None):
        super().__init__(access_token)
        self.webhook_secret = secret_token

    async def set_webhook(self, url: str, **kwargs: Any) -> bool:
        """Register the webhook with our ``secret_token`` (Bot API 6.1).

        aiogram 2.15 predates the parameter, so the call is made here. Rasa's
        ``/set_webhook`` route calls this too.
        """
        payload = {k: v for k, v in kwargs.items() if v is not None}
        payload["url"] = url
        if self.webhook_secret:
            payload["secret_token"] = self.webhook_secret
        return await self.request(telegram_api.Methods.SET_WEBHOOK, payload)

    async def send_part(self, recipient_id, text, choices=()):  # noqa: ANN001
        """One message; options as one inline button per row."""
        keyboard = None
        if choices:
            keyboard = InlineKeyboardMarkup()
            for number, button in choices:
                keyboard.row(
                    InlineKeyboardButton(
                        plain(str(button.get("title", ""))), callback_data=str(number)
                    )
                )
        await self.send_message(recipient_id, text, reply_markup=keyboard)

    async def send_with_choices(self, recipient_id, text, choices):  # noqa: ANN001
        """Buttons under the text (typing the number works as well)."""
        await self._send(recipient_id, self.markup(recipient_id, text), choices)


class TelegramInput(_Choosing, RasaTelegramInput):
    """Telegram's webhook (``/webhooks/telegram/webhook``).

    Credentials ``access_token``, ``verify`` (the bot's username),
    ``webhook_url`` and ``secret_token`` are required. The webhook is
    registered with the secret, and Telegram sends it back in the
    ``X-Telegram-Bot-Api-Secret-Token`` header of every update: requests
    without it get 403, so nobody who merely knows the URL can inject
    updates. Unlike Rasa's, failing to register the webhook at start-up (no
    network) is logged and does not stop the server; a POST to
    ``/webhooks/telegram/set_webhook`` with the same header registers it later.
    """

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TelegramInput:
        """Rasa's credentials plus ``secret_token``; refused when incomplete."""
        if not credentials:
            cls.raise_missing_credentials_exception()
        require("Telegram", credentials, "access_token", "verify", "webhook_url")
        require("Telegram", credentials, "secret_token")
        secret = str(credentials["secret_token"])
        if not TELEGRAM_SECRET.fullmatch(secret):
            raise InvalidConfigException(
                "Telegram: secret_token must be 1-256 characters A-Z, a-z, 0-9, _ or -"
            )
        return cls(
            credentials["access_token"],
            credentials["verify"],
            credentials["webhook_url"],
            secret_token=secret,
        )

    def __init__(self, *args: Any, secret_token: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.debug_mode = False
        self.secret_token = secret_token

    def from_telegram(self, request: Request) -> bool:
        """Whether the request carries our secret token."""
        given = request.headers.get(TELEGRAM_SECRET_HEADER)
        return same_secret(given, self.secret_token)

    def blueprint(self, on_new_message):  # noqa: ANN001 - Rasa's signature
        """Rasa's routes; the webhook and set_webhook need the secret (else 403)."""
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def check_secret(request: Request):
            path = request.path.rstrip("/")
            guarded = path.endswith(("/telegram/webhook", "/telegram/set_webhook"))
            if guarded and not self.from_telegram(request):
                return response.text("forbidden", status=403)
            return None

        return blueprint

    def get_output_channel(self) -> TelegramOutput:
        """Our Telegram output; registers the webhook if it can."""
        channel = TelegramOutput(self.access_token, self.secret_token)

        async def register() -> None:
            try:
                await channel.set_webhook(url=self.webhook_url)
            finally:
                # This loop ends here; the server's loop opens its own session.
                await channel.session.close()

        registration = register()
        try:
            asyncio.run(registration)
        except Exception as error:  # offline, or a loop is already running
            registration.close()
            logger.warning(
                "Telegram: the webhook was not registered (%s); "
                "open /webhooks/telegram/set_webhook once online",
                error,
            )
        return channel


# ---- Slack ------------------------------------------------------------------


class SlackOutput(ChoiceOutput, SlackBot):
    """Slack: Block Kit buttons, mrkdwn text, 3,000 characters per section."""

    limit = LIMITS["slack"]

    def markup(self, recipient_id: str, text: str) -> str:
        """Slack's *bold* and _italic_."""
        return star_markup(text)

    async def send_part(self, recipient_id, text, choices=()):  # noqa: ANN001
        """One chat.postMessage, with the options as buttons."""
        recipient = self.slack_channel or recipient_id
        if not choices:
            await self._post_message(channel=recipient, text=text, mrkdwn=True)
            return
        blocks: list[dict[str, Any]] = [
            {"type": "section", "text": {"type": "mrkdwn", "text": text}}
        ]
        per_block = SLACK_BUTTONS_PER_BLOCK
        for first in range(0, len(choices), per_block):
            blocks.append(
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "action_id": f"choice_{number}",
                            "text": {
                                "type": "plain_text",
                                "text": plain(str(b.get("title", "")))[
                                    :SLACK_BUTTON_TEXT
                                ],
                                "emoji": True,
                            },
                            "value": str(b.get("payload", number)),
                        }
                        for number, b in choices[first : first + per_block]
                    ],
                }
            )
        await self._post_message(channel=recipient, text=text, blocks=blocks)

    async def send_with_choices(self, recipient_id, text, choices):  # noqa: ANN001
        """Buttons under the text."""
        await self._send(recipient_id, self.markup(recipient_id, text), choices)


class SlackInput(_Choosing, RasaSlackInput):
    """Slack's webhook (``/webhooks/slack/webhook``); Rasa checks the signing secret."""

    def get_output_channel(
        self, channel: str | None = None, thread_id: str | None = None
    ) -> OutputChannel:
        """Our Slack output."""
        return SlackOutput(
            self.slack_token, channel or self.slack_channel, thread_id, self.proxy
        )
