"""Bad input against the running server: never a 5xx, and it keeps answering."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.tools.devserver import Conversation


def _post(
    server, body: bytes, content_type: str = "application/json"
) -> tuple[int, bytes]:
    request = urllib.request.Request(
        server.base + "/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": content_type},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _message(text) -> bytes:
    return json.dumps({"sender": "bad-input", "message": text}).encode()


BAD_BODIES = [
    _message(""),
    _message("   \n\t  "),
    _message("👍🏽🔥🤔"),
    _message("\x00\x01\x02\x1b[31m"),
    _message("x" * 100_000),
    _message("'; DROP TABLE events; --"),
    _message("<img src=x onerror=alert(1)>"),
    _message("{{7*7}} ${7*7} %(x)s %s"),
    b'{"sender": "bad-input", "message": "unterminated',
    b"\xff\xfe\xfa not utf-8",
    b"[]",
    b"null",
    b'{"sender": 5, "message": 6}',
    b'{"sender": "bad-input", "message": ["list"]}',
    b'{"sender": "bad-input"}',
    b'{"message": "no sender"}',
    b"",
]


@pytest.mark.parametrize("body", BAD_BODIES, ids=range(len(BAD_BODIES)))
def test_bad_input_never_breaks_the_server(server, body):
    status, _ = _post(server, body)
    assert status < 500, status
    replies = Conversation(server.base).texts("What is a carcinoid crisis?")
    assert any("Carcinoid crisis — What it is" in r for r in replies)


def test_wrong_content_type_is_a_client_error(server):
    status, _ = _post(server, b"message=hi", "application/x-www-form-urlencoded")
    assert status < 500


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.text(max_size=300))
def test_generated_messages_get_a_reply_or_a_client_error(server, text):
    status, body = _post(server, _message(text))
    assert status < 500
    if status == 200:
        assert isinstance(json.loads(body), list)
