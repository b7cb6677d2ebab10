"""Rasa's endpoints (action server, tracker store, lock store) from the environment.

``scripts/serve.sh`` writes ``var/endpoints.yml`` with this unless
``ENDPOINTS`` names a file, so deployment is configured by environment only:

- ``ACTIONS_URL`` (default ``http://127.0.0.1:$ACTIONS_PORT/webhook``);
- ``TRACKER_DB_URL`` — conversation history, a SQLAlchemy URL
  (default ``sqlite:///var/tracker.db``; ``postgresql://user:pw@host:5432/db``
  for several replicas); query parameters such as ``?sslmode=verify-full``
  are passed on to the database driver;
- ``REDIS_URL`` — the lock store that keeps one conversation's messages in
  order across replicas (``redis://:pw@host:6379/1``, ``rediss://`` for TLS,
  with ``?ssl_ca_certs=…``, ``ssl_certfile``, ``ssl_keyfile`` or
  ``socket_timeout``); unset: Rasa's in-memory lock store, right for one
  process.

With one process (no ``REDIS_URL``) the tracker store is
``bot.server.trackers.CachingSQLTrackerStore``: the same SQL tables, with recent
conversations kept in memory; with replicas, Rasa's own SQL store.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import yaml

from bot import settings

# One process only: see bot/server/trackers.py.
CACHING_STORE = "bot.server.trackers.CachingSQLTrackerStore"


# The Redis lock store's settings that a REDIS_URL query may set.
REDIS_OPTIONS = {
    "ssl_ca_certs": str,
    "ssl_certfile": str,
    "ssl_keyfile": str,
    "socket_timeout": float,
}


def _query(parts: Any) -> dict[str, Any]:
    """A URL's query parameters (a repeated one as a list)."""
    values: dict[str, list[str]] = {}
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        values.setdefault(key, []).append(value)
    return {k: v[0] if len(v) == 1 else v for k, v in values.items()}


def tracker_store(url: str) -> dict[str, Any]:
    """Rasa's SQL tracker store settings for a SQLAlchemy URL (query kept)."""
    parts = urlsplit(url)
    dialect = parts.scheme.split("+")[0]
    if dialect == "postgres":
        dialect = "postgresql"
    query = _query(parts)
    if dialect == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path
        path = url.split(":///", 1)[1].split("?", 1)[0]
        config = {"type": "SQL", "dialect": "sqlite", "db": path}
        if query:
            config["query"] = query
        return config
    config: dict[str, Any] = {
        "type": "SQL",
        "dialect": dialect,
        "url": parts.hostname or "localhost",
        "db": parts.path.lstrip("/") or "rasa",
    }
    if parts.port:
        config["port"] = parts.port
    if parts.username:
        config["username"] = unquote(parts.username)
    if parts.password:
        config["password"] = unquote(parts.password)
    if query:
        config["query"] = query
    return config


def lock_store(url: str) -> dict[str, Any]:
    """Rasa's Redis lock store settings for a ``redis://`` URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        raise ValueError("REDIS_URL must start with redis:// or rediss://")
    config: dict[str, Any] = {
        "type": "redis",
        "url": parts.hostname or "localhost",
        "port": parts.port or 6379,
        "db": int(parts.path.lstrip("/") or 1),
        "key_prefix": "nelm",
        "use_ssl": parts.scheme == "rediss",
    }
    if parts.username:
        config["username"] = unquote(parts.username)
    if parts.password:
        config["password"] = unquote(parts.password)
    for key, value in _query(parts).items():
        if key not in REDIS_OPTIONS or isinstance(value, list):
            raise ValueError(
                f"REDIS_URL: unknown option {key!r} "
                f"(known: {', '.join(sorted(REDIS_OPTIONS))})"
            )
        config[key] = REDIS_OPTIONS[key](value)
    return config


def endpoints(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The endpoints configuration for this environment."""
    env = os.environ if env is None else env
    port = env.get("ACTIONS_PORT") or "5055"
    actions = env.get("ACTIONS_URL") or f"http://127.0.0.1:{port}/webhook"
    tracker = (
        env.get("TRACKER_DB_URL") or f"sqlite:///{settings.VAR_DIR / 'tracker.db'}"
    )
    config: dict[str, Any] = {
        "action_endpoint": {"url": actions},
        "tracker_store": tracker_store(tracker),
    }
    if env.get("REDIS_URL"):
        config["lock_store"] = lock_store(env["REDIS_URL"])
    else:
        config["tracker_store"]["type"] = CACHING_STORE
    return config


def write(path: str, env: Mapping[str, str] | None = None) -> None:
    """Write the endpoints file (readable by its owner only: it may hold passwords).

    The mode is set to 0600 every time, before anything is written: ``open``'s
    mode only applies to a new file, and an older file may have been readable
    by others.
    """
    text = "# Written by scripts/serve.sh from the environment.\n"
    text += yaml.safe_dump(endpoints(env), sort_keys=False)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
