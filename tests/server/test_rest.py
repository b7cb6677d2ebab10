"""The REST channel's rate limit per conversation (sender id)."""

from __future__ import annotations

import json
from types import SimpleNamespace

from bot.server.rest import RestInput, SenderRateLimit


def test_a_person_is_never_limited():
    # Someone typing and tapping fast: a message every 2 s for ten minutes.
    limit = SenderRateLimit()
    assert all(limit.allow("phone", now=2.0 * i) for i in range(300))


def test_a_flood_from_one_conversation_is_cut_to_the_rate():
    limit = SenderRateLimit(per_minute=30, burst=30)
    burst = [limit.allow("flood", now=0.0) for _ in range(100)]
    assert burst.count(True) == 30  # the burst, then nothing
    assert not limit.allow("flood", now=1.0)  # half a token after a second
    assert limit.allow("flood", now=2.0)  # one token after two seconds
    assert limit.retry_after("flood") == 2
    # Other conversations, from the same address or not, are not affected.
    assert all(limit.allow(f"kiosk-{i}", now=0.0) for i in range(50))


def test_buckets_are_bounded():
    limit = SenderRateLimit(max_senders=3)
    for sender in "abcde":
        limit.allow(sender, now=0.0)
    assert list(limit._buckets) == ["c", "d", "e"]


def _middleware(channel: RestInput, name: str):
    """One of the channel's middlewares, as Sanic would call it."""
    blueprint = channel.blueprint(lambda message: None)
    return next(
        m.middleware
        for m in blueprint._future_middleware
        if m.middleware.__name__ == name
    )


def _request(body, method="POST", path="/webhooks/rest/webhook"):
    return SimpleNamespace(method=method, path=path, json=body)


async def test_the_channel_answers_429_kindly_beyond_the_limit():
    # The whole server is exercised in tests/system/test_channels.py.
    channel = RestInput(SenderRateLimit(per_minute=60, burst=3))
    rate_limit = _middleware(channel, "rate_limit")
    flood = {"sender": "flood", "message": "hello"}
    for _ in range(3):
        assert await rate_limit(_request(flood)) is None  # on to Rasa
    response = await rate_limit(_request(flood))
    assert response.status == 429
    assert "try again in a moment" in json.loads(response.body)[0]["text"]
    assert int(response.headers["Retry-After"]) >= 1
    # In the message's language, and an emergency still gets the advice.
    urgent = {"sender": "flood", "message": "我喘不上气，脸发红"}
    response = await rate_limit(_request(urgent))
    assert response.status == 429 and "急" in json.loads(response.body)[0]["text"]
    # Another conversation goes on; malformed requests are left to validation.
    assert await rate_limit(_request({"sender": "another", "message": "hi"})) is None
    assert await rate_limit(_request([])) is None
    assert await rate_limit(_request(flood, method="GET", path="/")) is None
