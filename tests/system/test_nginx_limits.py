"""nginx's per-address limit (deploy/nginx/nginx.conf.template), with real nginx.

A tiny upstream stands in for the Rasa replicas. A whole waiting room behind
one address (phones on the clinic's Wi-Fi, kiosks) is never limited; one
machine flooding the webhooks is, and pages are never limited at all.
"""

from __future__ import annotations

import http.client
import http.server
import shutil
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.tools import cluster, devserver


class Upstream(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = b'[{"text": "ok"}]'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = _answer
    do_POST = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not shutil.which(nginx):
        pytest.fail("nginx is not installed; run `make scale-deps`")
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    workdir = tmp_path_factory.mktemp("nginx")
    (workdir / "nginx-temp").mkdir()
    port = devserver.free_port()
    conf = workdir / "nginx.conf"
    conf.write_text(
        cluster.render_nginx(
            f"127.0.0.1:{port}", [f"127.0.0.1:{upstream.server_address[1]}"], workdir
        ),
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [nginx, "-c", str(conf), "-p", str(workdir), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while devserver.http_status(base + "/chat") != 200:
        assert time.monotonic() < deadline, "nginx did not start"
        time.sleep(0.2)
    yield port
    process.terminate()
    process.wait(timeout=20)
    upstream.shutdown()


def _statuses(port: int, method: str, path: str, count: int) -> list[int]:
    """Send ``count`` requests at once (16 connections), from one address."""

    def send(indexes: range) -> list[int]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        out = []
        for i in indexes:
            body = (
                f'{{"sender": "phone-{i}", "message": "hi"}}'
                if method == "POST"
                else None
            )
            connection.request(method, path, body=body)
            response = connection.getresponse()
            response.read()
            out.append(response.status)
        connection.close()
        return out

    batches = [range(i, count, 16) for i in range(16)]
    with ThreadPoolExecutor(16) as pool:
        return [s for batch in pool.map(send, batches) for s in batch]


def test_a_waiting_room_behind_one_address_is_never_limited(proxy):
    # 150 phones and kiosks sending at the very same moment (a real waiting
    # room sends a few a second).
    assert _statuses(proxy, "POST", "/webhooks/rest/webhook", 150) == [200] * 150


def test_one_machine_flooding_the_webhooks_is_limited(proxy):
    time.sleep(12)  # the previous burst has drained (20 a second)
    statuses = _statuses(proxy, "POST", "/webhooks/rest/webhook", 600)
    assert set(statuses) == {200, 429}
    # The burst of 200, plus what the rate refills while they arrive.
    assert 200 <= statuses.count(200) < 600 - 100, statuses.count(200)


def test_pages_are_never_limited(proxy):
    time.sleep(12)
    assert set(_statuses(proxy, "GET", "/chat", 600)) == {200}
