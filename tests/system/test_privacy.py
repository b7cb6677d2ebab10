"""Privacy and security defaults, checked on running servers."""

from __future__ import annotations

import http.server
import json
import logging
import os
import signal
import socket
import struct
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from bot.server import endpoints
from bot.server.run import rasa_arguments
from bot.tools import devserver
from bot.tools.devserver import Conversation, http_status
from tests.conftest import ROOT

TOKEN = "test-token-not-secret"
CLINIC = "https://clinic.example"


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """A bot with the HTTP API enabled by a token and one allowed origin."""
    try:
        bot = devserver.start(
            tmp_path_factory.mktemp("guarded"),
            # WIDGET_ORIGINS empty: the default, whatever the shell holds.
            extra_env={
                "RASA_TOKEN": TOKEN,
                "CORS_ORIGINS": CLINIC,
                "WIDGET_ORIGINS": "",
            },
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
            rasa = any(b"rasa" in a or a == b"bot.server.run" for a in args)
            if argument.encode() in args and rasa:
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


def test_the_token_is_on_no_command_line(guarded):
    # /proc/<pid>/cmdline is what `ps` shows to every user of the machine.
    rasa_found = False
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            args = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        assert TOKEN.encode() not in args, args
        rasa_found |= guarded.env["RASA_PORT"].encode() in args.split(b"\0")
    assert rasa_found
    assert http_status(f"{guarded.base}/status?token={TOKEN}") == 200


def test_the_token_is_added_inside_the_process_only():
    assert rasa_arguments(["run", "--port", "1"], "") == ["run", "--port", "1"]
    assert rasa_arguments(["run"], "t0ken") == [
        "run",
        "--enable-api",
        "--auth-token",
        "t0ken",
    ]
    for given in (["run", "--auth-token", "x"], ["run", "--auth-token=x"]):
        with pytest.raises(SystemExit):
            rasa_arguments(given, "")
    serve = (ROOT / "scripts" / "serve.sh").read_text(encoding="utf-8")
    assert "--auth-token" not in serve and "-m bot.server.run" in serve


def test_only_the_bots_own_pages_may_frame_it_by_default(guarded):
    # No WIDGET_ORIGINS: another site's page gets an empty frame.
    for path in ("/chat?embed=1", "/kiosk"):
        request = urllib.request.Request(guarded.base + path)
        with urllib.request.urlopen(request, timeout=30) as response:
            policy = response.headers["Content-Security-Policy"]
        assert policy.endswith("frame-ancestors 'self'"), policy


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


# ---- the real server's log, with stderr a pipe and a terminal ---------------------

PRIVATE = "Zebulon Quartzfield"
QUESTION = f"What is TACE? My name is {PRIVATE}"


class HangingActions(http.server.ThreadingHTTPServer):
    """An action server that is healthy but never answers: the client gives up."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _HangingHandler)
        self.called = threading.Event()
        self.release = threading.Event()


class _HangingHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        body = b'{"status": "ok"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.server.called.set()
        self.server.release.wait(120)
        self.send_response(500)
        self.end_headers()


@pytest.fixture()
def hanging_actions():
    server = HangingActions()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()


def _hang_up_mid_answer(base: str, actions: HangingActions) -> None:
    """Post a message, and hang up while the bot waits for the action server."""
    host, port = base.removeprefix("http://").split(":")
    body = json.dumps({"sender": "log-test", "message": QUESTION}).encode()
    request = (
        f"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: {host}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection((host, int(port)), timeout=30) as client:
        client.sendall(request + body)
        assert actions.called.wait(60), "the bot never called the action server"
        # Reset the connection: the server cancels the request's task.
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


@pytest.mark.parametrize("terminal", [False, True], ids=["pipe", "terminal"])
def test_the_real_server_never_logs_message_text(tmp_path, hanging_actions, terminal):
    # Rasa logs the text of a request whose client hung up; in a terminal it
    # used to print it as console text that no filter could read.
    port = hanging_actions.server_address[1]
    endpoints_file = tmp_path / "hanging-endpoints.yml"
    endpoints.write(
        str(endpoints_file),
        {
            "ACTIONS_URL": f"http://127.0.0.1:{port}/webhook",
            "TRACKER_DB_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        },
    )
    env = {"ROLE": "rasa", "ENDPOINTS": str(endpoints_file), "ACTIONS_PORT": str(port)}
    bot = devserver.start(tmp_path, extra_env=env, terminal=terminal)
    try:
        _hang_up_mid_answer(bot.base, hanging_actions)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if "rest.message.received.timeout" in bot.log.read_text(errors="replace"):
                break
            time.sleep(0.5)
    finally:
        bot.stop()
    log = bot.log.read_text(errors="replace")
    lines = [line for line in log.splitlines() if "rest.message.received" in line]
    assert lines, "the hang-up was not logged:\n" + log[-3000:]
    assert PRIVATE not in log and "Zebulon" not in log
    # One format either way: JSON events, no colours.
    event = json.loads(lines[0][lines[0].index("{") :].strip())
    assert event["event"] == "rest.message.received.timeout"
    assert event["text"] == "[not logged]"
    assert "\x1b[" not in log


def test_debug_logging_is_refused(tmp_path):
    # DEBUG logs every message's text.
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "serve.sh")],
        env={
            "PATH": "/usr/bin:/bin",
            "LOG_LEVEL": "DEBUG",
            "ENDPOINTS": str(tmp_path / "none.yml"),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _, stderr = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # it started the servers
        process.communicate()
        pytest.fail("serve.sh started with LOG_LEVEL=DEBUG")
    assert process.returncode == 2 and "LOG_LEVEL" in stderr
