"""Messaging connectors, end to end, with the apps' APIs replaced by recorders.

A Rasa server runs in this process (in a thread) with the trained model, the
four connectors of ``bot.server.connectors`` and the e2e action server. Each test
posts the webhook payload the app itself would send (Telegram update, Slack
event, Messenger entry, Twilio form), signed where the app signs, and reads
the outbound API calls: ``aioresponses`` records Telegram's and Slack's
(aiohttp), ``responses`` records Messenger's and Twilio's (requests). No
network is used.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import re
import threading
import time
import urllib.parse
import urllib.request
from typing import Any

import pytest
import responses
from aioresponses import aioresponses
from twilio.request_validator import RequestValidator

from bot.core.messaging import LIMITS
from bot.server import connectors
from bot.tools import devserver
from bot.tools.devserver import http_status

TELEGRAM_TOKEN = "123456:TEST-TOKEN"
TELEGRAM_API = f"https://api.telegram.org/bot{TELEGRAM_TOKEN}"
TELEGRAM_SECRET = "telegram-secret_token-1"
SLACK_SECRET = "slack-signing-secret"
FB_SECRET = "facebook-app-secret"
TWILIO_SID = "AC" + "0" * 32
TWILIO_TOKEN = "twilio-auth-token"
TWILIO_NUMBER = "+15550000000"

EN_QUESTION = "What is TACE?"
ZH_QUESTION = "什么是TACE？"
CJK = re.compile("[\u4e00-\u9fff]")


def _chat(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "type": "private", "first_name": "Pat"}


class ChannelServer:
    """Rasa (model + connectors) serving in a background thread."""

    def __init__(self, actions_url: str, port: int) -> None:
        self.actions_url = actions_url
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def channels(self) -> list:
        return [
            connectors.TelegramInput.from_credentials(
                {
                    "access_token": TELEGRAM_TOKEN,
                    "verify": "nelm_guide_bot",
                    "webhook_url": f"{self.base}/webhooks/telegram/webhook",
                    "secret_token": TELEGRAM_SECRET,
                }
            ),
            connectors.SlackInput.from_credentials(
                {"slack_token": "xoxb-test", "slack_signing_secret": SLACK_SECRET}
            ),
            connectors.FacebookInput.from_credentials(
                {"verify": "verify-me", "secret": FB_SECRET, "page-access-token": "P"}
            ),
            connectors.TwilioInput.from_credentials(
                {
                    "account_sid": TWILIO_SID,
                    "auth_token": TWILIO_TOKEN,
                    "twilio_number": TWILIO_NUMBER,
                    "webhook_url": f"{self.base}/webhooks/twilio/webhook",
                }
            ),
        ]

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._start())
            self.ready.set()
            self.loop.run_forever()
        except BaseException as error:  # reported to the test thread
            self.error = error
            self.ready.set()

    async def _start(self) -> None:
        from rasa.core.agent import load_agent
        from rasa.core.run import configure_app
        from rasa.core.utils import AvailableEndpoints
        from rasa.utils.endpoints import EndpointConfig

        app = configure_app(self.channels_built, enable_api=False, port=self.port)
        app.ctx.agent = await load_agent(
            model_path=str(devserver.MODEL),
            endpoints=AvailableEndpoints(action=EndpointConfig(self.actions_url)),
        )
        self.server = await app.create_server(
            host="127.0.0.1", port=self.port, return_asyncio_server=True
        )
        await self.server.startup()
        await self.server.before_start()
        await self.server.after_start()

    def start(self) -> None:
        # Blueprints are built here, in a thread without a running loop:
        # Telegram registers its webhook with asyncio.run (recorded below).
        self.channels_built = self.channels()
        self.thread.start()
        self.ready.wait(180)
        if self.error or not self.ready.is_set():
            raise RuntimeError(f"channel server did not start: {self.error!r}")

    def stop(self) -> None:
        async def close() -> None:
            self.server.close()
            await self.server.wait_closed()

        asyncio.run_coroutine_threadsafe(close(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(30)

    def post(
        self, path: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int, bytes]:
        request = urllib.request.Request(
            self.base + path, data=body, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


@pytest.fixture(scope="module")
def recorders(server):
    """Outbound HTTP recorders, active for the whole module."""
    actions = f"http://127.0.0.1:{server.env['ACTIONS_PORT']}"
    with aioresponses(passthrough=[actions, "http://127.0.0.1"]) as aio:
        telegram_ok = {"ok": True, "result": True}
        aio.post(f"{TELEGRAM_API}/setWebhook", payload=telegram_ok, repeat=True)
        aio.post(
            f"{TELEGRAM_API}/getMe",
            payload={
                "ok": True,
                "result": {
                    "id": 42,
                    "is_bot": True,
                    "first_name": "NELM",
                    "username": "nelm_guide_bot",
                },
            },
            repeat=True,
        )
        aio.post(
            f"{TELEGRAM_API}/sendMessage",
            payload={
                "ok": True,
                "result": {
                    "message_id": 7,
                    "date": 1700000000,
                    "chat": _chat(111),
                    "text": "ok",
                },
            },
            repeat=True,
        )
        aio.post(
            "https://slack.com/api/chat.postMessage",
            payload={"ok": True, "channel": "D1", "ts": "1700000000.1"},
            repeat=True,
        )
        with responses.RequestsMock(assert_all_requests_are_fired=False) as req:
            req.add_passthru("http://127.0.0.1")
            req.add(
                responses.POST,
                re.compile(r"https://graph\.facebook\.com/.*/me/messages.*"),
                json={"recipient_id": "u", "message_id": "m"},
            )
            req.add(
                responses.POST,
                f"https://api.twilio.com/2010-04-01/Accounts/{TWILIO_SID}/Messages.json",
                json={"sid": "SM1", "status": "queued", "body": "ok"},
                status=201,
            )
            yield aio, req


@pytest.fixture(scope="module")
def channel_server(server, recorders):
    actions = f"http://127.0.0.1:{server.env['ACTIONS_PORT']}/webhook"
    bot = ChannelServer(actions, devserver.free_port())
    bot.start()
    yield bot
    bot.stop()


# ---- reading what was sent -------------------------------------------------


def _form_fields(data: Any) -> dict[str, str]:
    """aiogram posts aiohttp FormData: its fields by name."""
    fields = getattr(data, "_fields", None)
    if fields is None:
        return dict(data or {})
    return {f[0]["name"]: f[2] for f in fields}


def telegram_sent(recorders, since: int = 0) -> list[dict[str, str]]:
    aio, _ = recorders
    calls = []
    for (_method, url), items in aio.requests.items():
        if str(url).endswith("/sendMessage"):
            calls.extend(_form_fields(c.kwargs.get("data")) for c in items)
    return calls[since:]


def slack_sent(recorders) -> list[dict[str, Any]]:
    aio, _ = recorders
    out = []
    for (_method, url), items in aio.requests.items():
        if str(url).endswith("/chat.postMessage"):
            for call in items:
                body = call.kwargs.get("json") or _form_fields(call.kwargs.get("data"))
                out.append(body)
    return out


def facebook_sent(recorders) -> list[dict[str, Any]]:
    _, req = recorders
    out = []
    for call in req.calls:
        if "graph.facebook.com" in call.request.url:
            body = json.loads(call.request.body)
            if "message" in body:
                out.append(body)
    return out


def twilio_sent(recorders) -> list[dict[str, str]]:
    _, req = recorders
    return [
        dict(urllib.parse.parse_qsl(call.request.body))
        for call in req.calls
        if "api.twilio.com" in call.request.url
    ]


def wait_for(read, count: int, timeout: float = 60) -> list:
    """Poll ``read()`` until it returns at least ``count`` items (then settle)."""
    deadline = time.monotonic() + timeout
    items = read()
    while time.monotonic() < deadline and len(items) < count:
        time.sleep(0.2)
        items = read()
    time.sleep(0.3)
    return read()


def assert_language(texts: list[str], lang: str) -> None:
    joined = "\n".join(texts)
    assert "TACE" in joined
    if lang == "zh":
        assert CJK.search(joined) and "来源" in joined, joined
    else:
        assert not CJK.search(joined) and "Source:" in joined, joined


# ---- Telegram ----------------------------------------------------------------


TELEGRAM_HEADERS = {
    "Content-Type": "application/json",
    "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET,
}


def telegram_update(update_id: int, chat_id: int, text: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1700000000,
            "chat": _chat(chat_id),
            "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"},
            "text": text,
        },
    }


@pytest.mark.parametrize(
    ("chat_id", "question", "lang"),
    [(111, EN_QUESTION, "en"), (112, ZH_QUESTION, "zh")],
)
def test_telegram_answers_in_the_users_language(
    channel_server, recorders, chat_id, question, lang
):
    before = len(telegram_sent(recorders))
    body = json.dumps(telegram_update(chat_id, chat_id, question)).encode()
    status, _ = channel_server.post(
        "/webhooks/telegram/webhook", body, TELEGRAM_HEADERS
    )
    assert status == 200
    sent = telegram_sent(recorders, before)
    assert sent, "nothing was sent to Telegram"
    assert all(m["chat_id"] == str(chat_id) for m in sent)
    assert all(len(m["text"]) <= LIMITS["telegram"] for m in sent)
    assert_language([m["text"] for m in sent], lang)
    # Markdown stars are not shown to the user; options are inline buttons
    # whose data is the option's number (Telegram allows only 64 bytes).
    assert not any("**" in m["text"] for m in sent)
    keyboards = [json.loads(m["reply_markup"]) for m in sent if m.get("reply_markup")]
    assert keyboards
    data = [
        b["callback_data"]
        for k in keyboards
        for row in k["inline_keyboard"]
        for b in row
    ]
    assert data == [str(n) for n in range(1, len(data) + 1)]


def test_telegram_button_press_picks_that_option(channel_server, recorders):
    chat_id = 113
    before = len(telegram_sent(recorders))
    body = json.dumps(telegram_update(300, chat_id, EN_QUESTION)).encode()
    channel_server.post("/webhooks/telegram/webhook", body, TELEGRAM_HEADERS)
    first = telegram_sent(recorders, before)
    keyboard = json.loads(
        next(m["reply_markup"] for m in first if m.get("reply_markup"))
    )
    second_title = keyboard["inline_keyboard"][1][0]["text"]

    before = len(telegram_sent(recorders))
    press = {
        "update_id": 301,
        "callback_query": {
            "id": "cb-1",
            "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"},
            "chat_instance": "ci",
            "data": "2",
            "message": {
                "message_id": 9,
                "date": 1700000000,
                "chat": _chat(chat_id),
                "text": "menu",
            },
        },
    }
    channel_server.post(
        "/webhooks/telegram/webhook", json.dumps(press).encode(), TELEGRAM_HEADERS
    )
    answer = telegram_sent(recorders, before)
    assert answer and second_title in answer[0]["text"], (second_title, answer)


@pytest.mark.parametrize("secret", [None, "", "wrong", TELEGRAM_SECRET + "x"])
def test_telegram_refuses_updates_without_the_secret(channel_server, recorders, secret):
    # Anyone who knows the URL could otherwise make the bot message any chat.
    before = len(telegram_sent(recorders))
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    body = json.dumps(telegram_update(400, 114, EN_QUESTION)).encode()
    status, _ = channel_server.post("/webhooks/telegram/webhook", body, headers)
    assert status == 403
    time.sleep(0.5)
    assert len(telegram_sent(recorders)) == before


def set_webhook_calls(recorders) -> list[dict[str, str]]:
    aio, _ = recorders
    return [
        _form_fields(call.kwargs.get("data"))
        for (_method, url), items in aio.requests.items()
        if str(url).endswith("/setWebhook")
        for call in items
    ]


def test_telegram_webhook_is_registered_with_the_secret(recorders):
    # As `rasa run` does at start-up (no event loop running yet).
    before = len(set_webhook_calls(recorders))
    connectors.TelegramInput.from_credentials(TELEGRAM).get_output_channel()
    assert set_webhook_calls(recorders)[before:] == [
        {
            "url": "https://guide.example/webhooks/telegram/webhook",
            "secret_token": TELEGRAM_SECRET,
        }
    ]


def test_telegram_set_webhook_needs_the_secret(channel_server, recorders):
    before = len(set_webhook_calls(recorders))
    for method in ("GET", "POST"):
        request = urllib.request.Request(
            channel_server.base + "/webhooks/telegram/set_webhook", method=method
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 403
    assert len(set_webhook_calls(recorders)) == before
    status, body = channel_server.post(
        "/webhooks/telegram/set_webhook", b"", TELEGRAM_HEADERS
    )
    assert status == 200 and b"successful" in body
    assert set_webhook_calls(recorders)[before:] == [
        {
            "url": f"{channel_server.base}/webhooks/telegram/webhook",
            "secret_token": TELEGRAM_SECRET,
        }
    ]


# ---- Slack -------------------------------------------------------------------


def slack_headers(body: bytes) -> dict[str, str]:
    stamp = str(int(time.time()))
    digest = hmac.new(
        SLACK_SECRET.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256
    ).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest}",
    }


@pytest.mark.parametrize(
    ("user", "question", "lang"), [("U1", EN_QUESTION, "en"), ("U2", ZH_QUESTION, "zh")]
)
def test_slack_answers_in_the_users_language(
    channel_server, recorders, user, question, lang
):
    before = len(slack_sent(recorders))
    event = {
        "type": "event_callback",
        "team_id": "T1",
        "api_app_id": "A1",
        "event_id": f"Ev{user}",
        "event_time": int(time.time()),
        "event": {
            "type": "message",
            "channel": f"D{user}",
            "channel_type": "im",
            "user": user,
            "text": question,
            "ts": f"{time.time():.6f}",
        },
    }
    body = json.dumps(event).encode()
    status, _ = channel_server.post(
        "/webhooks/slack/webhook", body, slack_headers(body)
    )
    assert status == 200
    sent = wait_for(lambda: slack_sent(recorders)[before:], 2)
    assert sent, "nothing was sent to Slack"
    assert all(m["channel"] == f"D{user}" for m in sent)
    assert_language([m["text"] for m in sent], lang)
    buttons = [
        e
        for m in sent
        for block in m.get("blocks") or []
        if block["type"] == "actions"
        for e in block["elements"]
    ]
    assert buttons and all(b["value"].startswith("/") for b in buttons)
    assert all(len(b["text"]["text"]) <= 75 for b in buttons)


def test_slack_refuses_unsigned_requests(channel_server):
    body = json.dumps({"type": "event_callback", "event": {"type": "message"}}).encode()
    status, _ = channel_server.post(
        "/webhooks/slack/webhook", body, {"Content-Type": "application/json"}
    )
    assert status == 400


# ---- Facebook Messenger ----------------------------------------------------------


def facebook_post(
    channel_server,
    user: str,
    message: dict[str, Any],
    header: str = "X-Hub-Signature-256",
    method: str = "sha256",
) -> int:
    body = json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": "PAGE",
                    "time": 1700000000,
                    "messaging": [
                        {
                            "sender": {"id": user},
                            "recipient": {"id": "PAGE"},
                            "timestamp": 1700000000,
                            "message": message,
                        }
                    ],
                }
            ],
        }
    ).encode()
    signature = hmac.new(FB_SECRET.encode(), body, getattr(hashlib, method))
    status, _ = channel_server.post(
        "/webhooks/facebook/webhook",
        body,
        {
            "Content-Type": "application/json",
            header: f"{method}={signature.hexdigest()}",
        },
    )
    return status


@pytest.mark.parametrize(
    ("user", "question", "lang"), [("F1", EN_QUESTION, "en"), ("F2", ZH_QUESTION, "zh")]
)
def test_messenger_numbers_the_options(channel_server, recorders, user, question, lang):
    before = len(facebook_sent(recorders))
    assert facebook_post(channel_server, user, {"mid": "m1", "text": question}) == 200
    sent = facebook_sent(recorders)[before:]
    assert sent and all(m["recipient"]["id"] == user for m in sent)
    texts = [m["message"]["text"] for m in sent]
    assert all(len(t) <= LIMITS["facebook"] for t in texts)
    assert_language(texts, lang)
    numbered = re.findall(r"^(\d+)\. ", "\n".join(texts), re.M)
    assert numbered[:3] == ["1", "2", "3"]
    quick = [q for m in sent for q in m["message"].get("quick_replies", [])]
    assert quick and all(
        q["title"] == q["payload"] and q["title"].isdigit() for q in quick
    )
    hint = "回复数字" if lang == "zh" else "Reply with a number"
    assert hint in "\n".join(texts)


def test_messenger_quick_reply_number_picks_the_option(channel_server, recorders):
    user = "F3"
    before = len(facebook_sent(recorders))
    facebook_post(channel_server, user, {"mid": "m1", "text": EN_QUESTION})
    texts = "\n".join(m["message"]["text"] for m in facebook_sent(recorders)[before:])
    title = re.search(r"^2\. (.+)$", texts, re.M).group(1)
    before = len(facebook_sent(recorders))
    message = {"mid": "m2", "text": "2", "quick_reply": {"payload": "2"}}
    facebook_post(channel_server, user, message)
    answer = facebook_sent(recorders)[before:]
    assert title in answer[0]["message"]["text"]


def test_messenger_refuses_a_wrong_signature(channel_server, recorders):
    before = len(facebook_sent(recorders))
    body = json.dumps({"object": "page", "entry": []}).encode()
    status, _ = channel_server.post(
        "/webhooks/facebook/webhook",
        body,
        {"Content-Type": "application/json", "X-Hub-Signature-256": "sha256=00"},
    )
    assert status == 403
    assert len(facebook_sent(recorders)) == before


@pytest.mark.parametrize(
    ("header", "method"),
    [
        # Right secret, but the caller picked the hash or the old header.
        ("X-Hub-Signature", "sha1"),
        ("X-Hub-Signature", "md5"),
        ("X-Hub-Signature-256", "sha1"),
        ("X-Hub-Signature-256", "md5"),
        ("X-Hub-Signature", "sha256"),
    ],
)
def test_messenger_accepts_only_hmac_sha256(channel_server, recorders, header, method):
    before = len(facebook_sent(recorders))
    message = {"mid": "m9", "text": EN_QUESTION}
    assert facebook_post(channel_server, "F9", message, header, method) == 403
    time.sleep(0.5)
    assert len(facebook_sent(recorders)) == before


def test_messenger_webhook_verification_needs_the_verify_token(channel_server):
    url = channel_server.base + "/webhooks/facebook/webhook?hub.mode=subscribe"
    with urllib.request.urlopen(
        f"{url}&hub.verify_token=verify-me&hub.challenge=42", timeout=30
    ) as answer:
        assert answer.read() == b"42"
    assert http_status(f"{url}&hub.verify_token=nope&hub.challenge=42") == 403


# ---- Twilio (SMS and WhatsApp) -------------------------------------------------


def twilio_post(channel_server, sender: str, text: str, sign: bool = True) -> int:
    params = {"From": sender, "To": TWILIO_NUMBER, "Body": text, "MessageSid": "SM0"}
    url = f"{channel_server.base}/webhooks/twilio/webhook"
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if sign:
        validator = RequestValidator(TWILIO_TOKEN)
        headers["X-Twilio-Signature"] = validator.compute_signature(url, params)
    body = urllib.parse.urlencode(params).encode()
    status, _ = channel_server.post("/webhooks/twilio/webhook", body, headers)
    return status


@pytest.mark.parametrize(
    ("sender", "question", "lang"),
    [
        ("+15551230001", EN_QUESTION, "en"),
        ("whatsapp:+8613800000000", ZH_QUESTION, "zh"),
    ],
)
def test_twilio_answers_with_numbered_options(
    channel_server, recorders, sender, question, lang
):
    before = len(twilio_sent(recorders))
    assert twilio_post(channel_server, sender, question) == 204
    sent = twilio_sent(recorders)[before:]
    assert sent and all(m["To"] == sender and m["From"] == TWILIO_NUMBER for m in sent)
    texts = [m["Body"] for m in sent]
    assert all(len(t) <= LIMITS["twilio"] for t in texts)
    assert_language(texts, lang)
    joined = "\n".join(texts)
    assert "**" not in joined
    numbers = [int(n) for n in re.findall(r"^(\d+)\. ", joined, re.M)]
    # Numbered across the whole turn: the answer's options, then 👍 / 👎.
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 3


def test_twilio_reply_of_2_picks_the_second_option(channel_server, recorders):
    sender = "+15551230002"
    before = len(twilio_sent(recorders))
    twilio_post(channel_server, sender, EN_QUESTION)
    joined = "\n".join(m["Body"] for m in twilio_sent(recorders)[before:])
    title = re.search(r"^2\. (.+)$", joined, re.M).group(1)
    before = len(twilio_sent(recorders))
    twilio_post(channel_server, sender, "2")
    answer = twilio_sent(recorders)[before:]
    assert title in answer[0]["Body"], (title, answer[0]["Body"])


def test_twilio_refuses_unsigned_requests(channel_server, recorders):
    before = len(twilio_sent(recorders))
    assert twilio_post(channel_server, "+15551230003", EN_QUESTION, sign=False) == 403
    assert len(twilio_sent(recorders)) == before


def test_twilio_refuses_a_signature_made_with_an_empty_token(channel_server, recorders):
    params = {"From": "+15551230005", "To": TWILIO_NUMBER, "Body": EN_QUESTION}
    url = f"{channel_server.base}/webhooks/twilio/webhook"
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": RequestValidator("").compute_signature(url, params),
    }
    before = len(twilio_sent(recorders))
    body = urllib.parse.urlencode(params).encode()
    assert channel_server.post("/webhooks/twilio/webhook", body, headers)[0] == 403
    assert len(twilio_sent(recorders)) == before


def test_emergency_advice_comes_first_on_sms(channel_server, recorders):
    before = len(twilio_sent(recorders))
    twilio_post(channel_server, "+15551230004", "I'm flushing and wheezing after TACE")
    first = twilio_sent(recorders)[before]["Body"]
    assert "emergency" in first.lower()


# ---- secrets, without a server ------------------------------------------------

TELEGRAM = {
    "access_token": TELEGRAM_TOKEN,
    "verify": "nelm_guide_bot",
    "webhook_url": "https://guide.example/webhooks/telegram/webhook",
    "secret_token": TELEGRAM_SECRET,
}
FACEBOOK = {"verify": "verify-me", "secret": FB_SECRET, "page-access-token": "P"}
TWILIO = {
    "account_sid": TWILIO_SID,
    "auth_token": TWILIO_TOKEN,
    "twilio_number": TWILIO_NUMBER,
}


@pytest.mark.parametrize(
    ("channel", "credentials"),
    [
        (connectors.TelegramInput, {**TELEGRAM, "secret_token": None}),
        (connectors.TelegramInput, {**TELEGRAM, "secret_token": ""}),
        (connectors.TelegramInput, {**TELEGRAM, "secret_token": "has spaces"}),
        (connectors.TelegramInput, {**TELEGRAM, "secret_token": "x" * 257}),
        (connectors.TelegramInput, {**TELEGRAM, "access_token": ""}),
        (connectors.FacebookInput, {**FACEBOOK, "secret": ""}),
        (connectors.FacebookInput, {**FACEBOOK, "secret": None}),
        (connectors.FacebookInput, {**FACEBOOK, "verify": ""}),
        (connectors.FacebookInput, {**FACEBOOK, "page-access-token": ""}),
        (connectors.TwilioInput, {**TWILIO, "auth_token": ""}),
        (connectors.TwilioInput, {**TWILIO, "auth_token": None}),
        (connectors.TwilioInput, {**TWILIO, "auth_token": "  "}),
        (connectors.TwilioInput, {**TWILIO, "validate_signature": False}),
    ],
)
def test_channels_refuse_to_start_without_their_secrets(channel, credentials):
    from rasa.shared.exceptions import RasaException

    with pytest.raises(RasaException, match="Telegram|Messenger|Twilio"):
        channel.from_credentials(credentials)


class FakeRequest:
    def __init__(self, url: str, form: dict[str, str], headers: dict[str, str]):
        self.url, self.form, self.headers = url, form, headers


def test_twilio_never_accepts_a_signature_of_an_empty_token():
    # Even if a channel were built around from_credentials with no token.
    channel = connectors.TwilioInput(TWILIO_SID, "", TWILIO_NUMBER, debug_mode=False)
    url, form = "https://guide.example/webhooks/twilio/webhook", {"Body": "hi"}
    signature = RequestValidator("").compute_signature(url, form)
    assert not channel.signed(FakeRequest(url, form, {"X-Twilio-Signature": signature}))
    channel.auth_token = TWILIO_TOKEN
    good = RequestValidator(TWILIO_TOKEN).compute_signature(url, form)
    assert channel.signed(FakeRequest(url, form, {"X-Twilio-Signature": good}))


def test_messenger_signature_is_hmac_sha256_compared_in_constant_time(monkeypatch):
    compared = []
    real = hmac.compare_digest

    def spy(a, b):
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(connectors.hmac, "compare_digest", spy)
    check = connectors.FacebookInput.validate_hub_signature
    body = b'{"object": "page"}'

    def signed(method: str) -> str:
        digest = hmac.new(FB_SECRET.encode(), body, getattr(hashlib, method))
        return f"{method}={digest.hexdigest()}"

    assert check(FB_SECRET, body, signed("sha256"))
    assert compared, "not compared with hmac.compare_digest"
    assert not check(FB_SECRET, body, signed("sha1"))
    assert not check(FB_SECRET, body, signed("md5"))
    assert not check(FB_SECRET, body + b" ", signed("sha256"))
    assert not check("", body, "sha256=" + hmac.new(b"", body, "sha256").hexdigest())
    assert not check(FB_SECRET, body, "")


def test_telegram_secret_is_compared_in_constant_time(monkeypatch):
    compared = []
    monkeypatch.setattr(
        connectors.hmac, "compare_digest", lambda a, b: compared.append(1) or a == b
    )
    channel = connectors.TelegramInput.from_credentials(TELEGRAM)
    header = "X-Telegram-Bot-Api-Secret-Token"
    good = FakeRequest("", {}, {header: TELEGRAM_SECRET})
    assert channel.from_telegram(good) and compared
    assert not channel.from_telegram(FakeRequest("", {}, {header: "nope"}))
    assert not channel.from_telegram(FakeRequest("", {}, {}))


# ---- what matters to me, check what I learned on messaging apps -----------------


def test_sms_quiz_choices_are_numbered_and_a_number_answers(channel_server, recorders):
    sender = "+15551230101"
    before = len(twilio_sent(recorders))
    assert twilio_post(channel_server, sender, "quiz me on ablation") == 204
    joined = "\n".join(m["Body"] for m in twilio_sent(recorders)[before:])
    assert "Question 1 of 3" in joined and "**" not in joined
    options = dict(re.findall(r"^(\d+)\. (.+)$", joined, re.M))
    assert list(options) == ["1", "2", "3"]
    right = next(n for n, title in options.items() if title.startswith("Small tumours"))
    before = len(twilio_sent(recorders))
    twilio_post(channel_server, sender, right)
    marked = "\n".join(m["Body"] for m in twilio_sent(recorders)[before:])
    assert "✅ Right." in marked and "Source: UpToDate" in marked
    # Numbered across the turn: back to the section, then the next question's.
    assert re.search(r"^1\. Read: What it is$", marked, re.M), marked
    assert "Question 2 of 3" in marked
    assert re.findall(r"^(\d+)\. ", marked, re.M) == ["1", "2", "3", "4"]


def test_telegram_values_buttons_and_a_press_asks_the_next(channel_server, recorders):
    chat_id = 121
    before = len(telegram_sent(recorders))
    body = json.dumps(telegram_update(400, chat_id, "我不知道自己更在意什么")).encode()
    channel_server.post("/webhooks/telegram/webhook", body, TELEGRAM_HEADERS)
    sent = telegram_sent(recorders, before)
    assert any("第1题，共5题" in m["text"] for m in sent), sent
    keyboard = json.loads(
        next(m["reply_markup"] for m in sent if m.get("reply_markup"))
    )
    titles = [row[0]["text"] for row in keyboard["inline_keyboard"]]
    assert titles[-1] == "跳过" and len(titles) == 4
    before = len(telegram_sent(recorders))
    press = {
        "update_id": 401,
        "callback_query": {
            "id": "cb-9",
            "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"},
            "chat_instance": "ci",
            "data": str(len(titles)),
            "message": {
                "message_id": 19,
                "date": 1700000000,
                "chat": _chat(chat_id),
                "text": "values",
            },
        },
    }
    channel_server.post(
        "/webhooks/telegram/webhook", json.dumps(press).encode(), TELEGRAM_HEADERS
    )
    answer = telegram_sent(recorders, before)
    assert answer and "第2题，共5题" in answer[-1]["text"], answer


# ---- decision support: the comparison and the summary -------------------------
# No tables on a messaging app: one compact message per option; the take-home
# summary as one message.


def telegram_say(channel_server, recorders, chat_id, update_id, text):
    before = len(telegram_sent(recorders))
    body = json.dumps(telegram_update(update_id, chat_id, text)).encode()
    status, _ = channel_server.post(
        "/webhooks/telegram/webhook", body, TELEGRAM_HEADERS
    )
    assert status == 200
    return wait_for(lambda: telegram_sent(recorders, before), 1)


def test_telegram_compares_one_message_per_option(channel_server, recorders):
    sent = telegram_say(channel_server, recorders, 901, 9001, "compare the treatments")
    texts = [m["text"] for m in sent]
    starts = [t.splitlines()[0] for t in texts]
    for label in (
        "Surgery (resection)",
        "Ablation (heat or cold)",
        "Embolization (TAE, TACE, Y-90)",
        "Liver transplant",
    ):
        assert starts.count(label) == 1, starts
    assert not any("<table" in t or "<td" in t or "**" in t for t in texts)
    assert all(len(t) <= LIMITS["telegram"] for t in texts)
    assert sum("Source:" in t for t in texts) >= 4
    # The options' topics are buttons under the last one.
    keyboards = [m for m in sent if m.get("reply_markup")]
    assert keyboards


def test_twilio_compares_just_the_two_options_named_in_chinese(
    channel_server, recorders
):
    sender = "+15551239901"
    before = len(twilio_sent(recorders))
    assert twilio_post(channel_server, sender, "比较一下手术和栓塞") == 204
    texts = [m["Body"] for m in twilio_sent(recorders)[before:]]
    joined = "\n".join(texts)
    assert CJK.search(joined) and "<table" not in joined and "**" not in joined
    assert any(t.startswith("手术（切除）") for t in texts), texts
    assert any(t.startswith("栓塞（TAE、TACE、钇-90放射栓塞）") for t in texts), texts
    assert "肝移植\n" not in joined and not any(t.startswith("肝移植") for t in texts)
    assert "来源" in joined
    assert re.search(r"^1\. ", joined, re.M)  # the buttons, numbered


def test_telegram_summary_is_one_message(channel_server, recorders):
    telegram_say(channel_server, recorders, 902, 9002, "What is TACE?")
    sent = telegram_say(channel_server, recorders, 902, 9003, "my summary")
    summaries = [m["text"] for m in sent if m["text"].startswith("My summary")]
    assert len(summaries) == 1, [m["text"][:40] for m in sent]
    summary = summaries[0]
    assert "Embolization (TAE, TACE, Y-90)" in summary
    assert "Questions for your care team" in summary
    assert "Which type would you use (TAE, TACE or Y-90), and why?" in summary
    assert "UpToDate topic 16105" in summary
    assert "**" not in summary


# ---- the same in Traditional Chinese --------------------------------------------
# Traditional in, Traditional out: no Simplified form of a character that differs.

SIMPLIFIED_ONLY = re.compile("[这说术问题谢们选择医疗团队读习检来线对]")


def assert_traditional(text: str) -> None:
    assert CJK.search(text), text
    assert not SIMPLIFIED_ONLY.search(text), SIMPLIFIED_ONLY.findall(text)


def telegram_press(channel_server, recorders, chat_id, update_id, number):
    """Press the inline button with this number; what was sent back."""
    before = len(telegram_sent(recorders))
    press = {
        "update_id": update_id,
        "callback_query": {
            "id": f"cb-{update_id}",
            "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"},
            "chat_instance": "ci",
            "data": str(number),
            "message": {
                "message_id": update_id,
                "date": 1700000000,
                "chat": _chat(chat_id),
                "text": "quiz",
            },
        },
    }
    status, _ = channel_server.post(
        "/webhooks/telegram/webhook", json.dumps(press).encode(), TELEGRAM_HEADERS
    )
    assert status == 200
    return wait_for(lambda: telegram_sent(recorders, before), 1)


def test_telegram_compares_in_traditional_one_message_per_option(
    channel_server, recorders
):
    sent = telegram_say(channel_server, recorders, 931, 9301, "比較一下手術和栓塞")
    texts = [m["text"] for m in sent]
    starts = [t.splitlines()[0] for t in texts]
    assert starts.count("手術（切除）") == 1, starts
    assert starts.count("栓塞（TAE、TACE、釔-90放射栓塞）") == 1, starts
    # Only the two options named: no ablation or transplant message.
    assert not any(s.startswith(("消融", "肝移植")) for s in starts), starts
    joined = "\n".join(texts)
    assert "術" in joined and "來源" in joined
    assert_traditional(joined)
    assert not any("<table" in t or "<td" in t or "**" in t or "|" in t for t in texts)
    assert all(len(t) <= LIMITS["telegram"] for t in texts)
    assert any(m.get("reply_markup") for m in sent)


def test_twilio_summary_in_traditional_is_one_message(channel_server, recorders):
    sender = "whatsapp:+886912000001"
    before = len(twilio_sent(recorders))
    assert twilio_post(channel_server, sender, "什麼是TACE？") == 204
    answer = "\n".join(m["Body"] for m in twilio_sent(recorders)[before:])
    assert "TACE" in answer and "來源" in answer, answer
    before = len(twilio_sent(recorders))
    assert twilio_post(channel_server, sender, "我的小結") == 204
    texts = [m["Body"] for m in twilio_sent(recorders)[before:]]
    # WhatsApp shows *single stars* as bold: the heading is one.
    summaries = [t for t in texts if t.startswith("*我的小結*\n")]
    assert len(summaries) == 1, [t[:40] for t in texts]
    summary = summaries[0]
    assert len(summary) <= LIMITS["twilio"]
    assert "您看過的主題" in summary
    assert "栓塞（TAE、TACE、釔-90放射栓塞）" in summary
    assert "要問醫療團隊的問題" in summary
    assert "會用哪一種（TAE、TACE還是釔-90放射栓塞）？為什麼？" in summary
    assert "資料來源" in summary and "UpToDate topic 16105" in summary
    assert "**" not in summary
    assert_traditional(summary)


def test_telegram_quiz_answer_in_traditional(channel_server, recorders):
    chat_id = 932
    sent = telegram_say(channel_server, recorders, chat_id, 9311, "考考我消融的知識")
    joined = "\n".join(m["text"] for m in sent)
    assert "第1題，共3題" in joined and "消融能處理哪些腫瘤？" in joined, joined
    assert_traditional(joined)
    titles = [
        button["text"]
        for m in sent
        if m.get("reply_markup")
        for row in json.loads(m["reply_markup"])["inline_keyboard"]
        for button in row
    ]
    right = "小腫瘤，通常不超過3 cm"
    assert right in titles, titles
    answer = telegram_press(
        channel_server, recorders, chat_id, 9312, titles.index(right) + 1
    )
    marked = "\n".join(m["text"] for m in answer)
    assert "答對了" in marked and "來源" in marked, marked
    assert "第2題，共3題" in marked, marked
    assert_traditional(marked)
    buttons = [
        button["text"]
        for m in answer
        if m.get("reply_markup")
        for row in json.loads(m["reply_markup"])["inline_keyboard"]
        for button in row
    ]
    assert any(b.startswith("閱讀：") for b in buttons), buttons
