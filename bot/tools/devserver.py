"""Start a local bot (Rasa + action server) on free loopback ports.

Used by the end-to-end tests, ``make eval`` and the benchmarks: it runs
``scripts/serve.sh`` exactly as ``make run`` does (so with the same forced
log format), with its own endpoints file, tracker database and knowledge
database in a temporary folder, and ``PUBLIC_URL`` set to its own address
(for the kiosk's QR code). ``terminal=True`` runs it with a pseudo-terminal
as stdout and stderr, as ``make run`` in a terminal has.
"""

from __future__ import annotations

import json
import os
import pty
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bot import settings
from bot.server import endpoints

MODEL = settings.PROJECT_ROOT / "models" / "nelm.tar.gz"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_status(url: str, timeout: float = 2) -> int:
    """The HTTP status of a GET, or 0 if nothing answered."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


@dataclass
class LocalBot:
    """A running bot; ``stop()`` (or the context manager) ends it."""

    base: str
    log: Path
    process: subprocess.Popen
    workdir: Path
    env: dict = field(default_factory=dict)

    def stop(self) -> None:
        """Stop both servers (the whole process group)."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=30)
                return
            except subprocess.TimeoutExpired:
                continue

    def __enter__(self) -> LocalBot:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _copy_terminal(master: int, log: Path) -> None:
    """Copy what the servers write to the pseudo-terminal into ``log``."""
    with log.open("ab") as out:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every process closed the terminal
                break
            if not chunk:
                break
            out.write(chunk)
            out.flush()
    os.close(master)


def _popen(env: dict, log: Path, terminal: bool) -> subprocess.Popen:
    """Run serve.sh in its own process group, its output going to ``log``."""
    command = [str(settings.PROJECT_ROOT / "scripts" / "serve.sh")]
    if not terminal:
        return subprocess.Popen(
            command,
            cwd=settings.PROJECT_ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    log.write_bytes(b"")
    master, child = pty.openpty()
    try:
        process = subprocess.Popen(
            command,
            cwd=settings.PROJECT_ROOT,
            env=env,
            stdin=child,
            stdout=child,
            stderr=child,
            start_new_session=True,
        )
    finally:
        os.close(child)
    threading.Thread(target=_copy_terminal, args=(master, log), daemon=True).start()
    return process


def start(
    workdir: Path | None = None,
    timeout: float = 180,
    extra_env: dict | None = None,
    terminal: bool = False,
) -> LocalBot:
    """Start the bot and wait until both servers answer; raise if they do not."""
    if not MODEL.exists():
        raise RuntimeError("no trained model: run `make train`")
    workdir = Path(workdir or tempfile.mkdtemp(prefix="nelm-bot-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rasa_port, actions_port = free_port(), free_port()
    endpoints_file = workdir / "endpoints.yml"
    # As serve.sh writes it, with this bot's own tracker database.
    endpoints.write(
        str(endpoints_file),
        {
            "ACTIONS_PORT": str(actions_port),
            "TRACKER_DB_URL": f"sqlite:///{workdir / 'tracker.db'}",
        },
    )
    env = dict(
        os.environ,
        RASA_PORT=str(rasa_port),
        ACTIONS_PORT=str(actions_port),
        ENDPOINTS=str(endpoints_file),
        DATABASE_URL=f"sqlite:///{workdir / 'nelm.db'}",
        HOST="127.0.0.1",
    )
    env.pop("RASA_TOKEN", None)
    env.update(extra_env or {})
    if "PUBLIC_URL" not in (extra_env or {}):
        env["PUBLIC_URL"] = f"http://127.0.0.1:{env['RASA_PORT']}"
    from bot.records import db

    db.upgrade_schema(env["DATABASE_URL"])
    log = workdir / "server.log"
    process = _popen(env, log, terminal)
    # ROLE (see serve.sh): "all", a Rasa replica ("rasa") or only "actions".
    role = env.get("ROLE", "all")
    rasa_url = f"http://127.0.0.1:{env['RASA_PORT']}"
    actions_url = f"http://127.0.0.1:{env['ACTIONS_PORT']}"
    base = actions_url if role == "actions" else rasa_url
    bot = LocalBot(base, log, process, workdir, env)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if (role == "actions" or http_status(rasa_url + "/") == 200) and http_status(
            actions_url + "/health"
        ) == 200:
            return bot
        time.sleep(0.5)
    bot.stop()
    raise RuntimeError("bot did not start:\n" + log.read_text()[-3000:])


class Conversation:
    """One sender talking to the REST channel."""

    def __init__(self, base: str, sender: str | None = None) -> None:
        self.url = base + "/webhooks/rest/webhook"
        self.sender = sender or uuid.uuid4().hex

    def say(self, text: str, timeout: float = 60) -> list[dict]:
        """Send a message; return the bot's messages."""
        body = json.dumps({"sender": self.sender, "message": text}).encode()
        request = urllib.request.Request(
            self.url, data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())

    def texts(self, text: str) -> list[str]:
        """Send a message; return the texts of the replies."""
        return [m.get("text", "") for m in self.say(text)]


def converse(base: str, texts: list[str]) -> list[list[dict]]:
    """A new conversation with the bot at ``base``: each text's replies."""
    conversation = Conversation(base)
    return [conversation.say(text) for text in texts]
