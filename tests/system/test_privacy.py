"""Privacy and security defaults, checked on running servers."""

from __future__ import annotations

import json
import logging
import urllib.request
from pathlib import Path

import pytest

from bot.tools import devserver
from bot.tools.devserver import Conversation, http_status

TOKEN = "test-token-not-secret"
CLINIC = "https://clinic.example"


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """A bot with the HTTP API enabled by a token and one allowed origin."""
    try:
        bot = devserver.start(
            tmp_path_factory.mktemp("guarded"),
            extra_env={"RASA_TOKEN": TOKEN, "CORS_ORIGINS": CLINIC},
        )
    except RuntimeError as error:
        pytest.fail(str(error))
    yield bot
    bot.stop()


def _listening_addresses(port: int) -> set[str]:
    """Local addresses listening on a TCP port, from /proc/net/tcp{,6}."""
    found = set()
    for name in ("tcp", "tcp6"):
        path = Path(f"/proc/net/{name}")
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == "0A":  # LISTEN
                found.add(address)
    return found


def _origin_header(url: str, origin: str) -> str | None:
    request = urllib.request.Request(url, headers={"Origin": origin})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("Access-Control-Allow-Origin")


def test_api_needs_the_token_when_enabled(guarded):
    tracker = f"{guarded.base}/conversations/x/tracker"
    assert http_status(tracker) in (401, 403)
    assert http_status(f"{tracker}?token=wrong") in (401, 403)
    assert http_status(f"{tracker}?token={TOKEN}") == 200


def test_cors_allows_only_the_configured_origin(guarded):
    assert _origin_header(guarded.base + "/", CLINIC) == CLINIC
    assert _origin_header(guarded.base + "/", "https://evil.example") in (None, "")


def test_action_server_listens_on_loopback_only(guarded):
    port = int(guarded.env["ACTIONS_PORT"])
    addresses = _listening_addresses(port)
    assert addresses, "action server not found listening"
    assert addresses == {"0100007F"}  # 127.0.0.1


def _environ_of_processes_with(argument: str) -> list[str]:
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
            if argument.encode() in args and any(b"rasa" in a for a in args):
                found.append((proc / "environ").read_bytes().decode(errors="replace"))
        except OSError:
            continue
    return found


def test_telemetry_is_off_in_the_running_servers(guarded):
    for port in (guarded.env["RASA_PORT"], guarded.env["ACTIONS_PORT"]):
        environs = _environ_of_processes_with(port)
        assert environs, f"no rasa process with port {port}"
        assert all(
            "RASA_TELEMETRY_ENABLED=false" in env.split("\0") for env in environs
        )


def test_conversation_still_works_with_the_guards_on(guarded):
    replies = Conversation(guarded.base).texts("What is a carcinoid crisis?")
    assert any("Carcinoid crisis — What it is" in r for r in replies)


def test_rasa_channel_errors_never_log_the_message_text(caplog):
    # Rasa's REST channel logs the text when a client hangs up mid-answer:
    # structlog renders the event as JSON to the stdlib logger of rest.py.
    from bot.server.rest import RestInput

    RestInput.from_credentials({})  # installs the filters, as `rasa run` does

    event = {
        "text": "I have chest pain, my name is Ann",
        "event": "rest.message.received.timeout",
        "level": "error",
    }
    with caplog.at_level(logging.INFO):
        logging.getLogger("rasa.core.channels.rest").error(json.dumps(event))
    assert "rest.message.received.timeout" in caplog.text
    assert "chest pain" not in caplog.text and "Ann" not in caplog.text
