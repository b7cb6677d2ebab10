import os
import stat

import pytest
import yaml

from bot.server import endpoints
from bot.settings import VAR_DIR


def test_defaults_need_nothing_installed():
    config = endpoints.endpoints({})
    assert config == {
        "action_endpoint": {"url": "http://127.0.0.1:5055/webhook"},
        "tracker_store": {
            "type": "bot.server.trackers.CachingSQLTrackerStore",
            "dialect": "sqlite",
            "db": str(VAR_DIR / "tracker.db"),
        },
    }  # no lock store: Rasa's in-memory one, and one process: the cached store


def test_postgresql_redis_and_a_separate_action_server():
    config = endpoints.endpoints(
        {
            "ACTIONS_URL": "http://actions:5055/webhook",
            "TRACKER_DB_URL": "postgresql+psycopg2://rasa:p%40ss@db.internal:5433/nelm",
            "REDIS_URL": "redis://:secret@cache:6380/2",
        }
    )
    assert config["action_endpoint"]["url"] == "http://actions:5055/webhook"
    assert config["tracker_store"] == {  # replicas: Rasa's own SQL store
        "type": "SQL",
        "dialect": "postgresql",
        "url": "db.internal",
        "db": "nelm",
        "port": 5433,
        "username": "rasa",
        "password": "p@ss",
    }
    assert config["lock_store"] == {
        "type": "redis",
        "url": "cache",
        "port": 6380,
        "db": 2,
        "key_prefix": "nelm",
        "use_ssl": False,
        "password": "secret",
    }


def test_heroku_style_postgres_and_tls_redis():
    assert endpoints.tracker_store("postgres://u@h/d")["dialect"] == "postgresql"
    assert endpoints.lock_store("rediss://h")["use_ssl"] is True
    with pytest.raises(ValueError):
        endpoints.lock_store("http://h:6379")


def test_written_file_is_private_and_loads(tmp_path):
    out = tmp_path / "endpoints.yml"
    endpoints.write(str(out), {"REDIS_URL": "redis://localhost:6379/1"})
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert yaml.safe_load(out.read_text())["lock_store"]["type"] == "redis"
