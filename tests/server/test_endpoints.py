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


def test_written_file_is_made_private_even_if_it_existed(tmp_path):
    out = tmp_path / "endpoints.yml"
    out.write_text("old: file\n")
    os.chmod(out, 0o644)  # e.g. written by an older version, or copied
    endpoints.write(str(out), {"TRACKER_DB_URL": "postgresql://rasa:secret@db/nelm"})
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert yaml.safe_load(out.read_text())["tracker_store"]["password"] == "secret"


def test_database_url_query_parameters_are_kept():
    config = endpoints.tracker_store(
        "postgresql://rasa:pw@db.internal/nelm"
        "?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem&application_name=nelm"
    )
    assert config["query"] == {
        "sslmode": "verify-full",
        "sslrootcert": "/etc/ssl/ca.pem",
        "application_name": "nelm",
    }
    sqlite = endpoints.tracker_store("sqlite:////tmp/t.db?timeout=30")
    assert sqlite["db"] == "/tmp/t.db" and sqlite["query"] == {"timeout": "30"}
    assert "query" not in endpoints.tracker_store("postgresql://u@h/d")


def test_rasa_builds_the_database_url_with_the_query():
    from rasa.core.tracker_store import SQLTrackerStore

    config = endpoints.tracker_store(
        "postgres://rasa:p%40ss@db.internal:5433/nelm?sslmode=require"
    )
    url = SQLTrackerStore.get_db_url(
        config["dialect"],
        config["url"],
        config["port"],
        config["db"],
        config["username"],
        config["password"],
        query=config["query"],
    )
    assert url.query == {"sslmode": "require"}
    assert (url.host, url.port, url.database) == ("db.internal", 5433, "nelm")


def test_settings_keep_the_query(monkeypatch):
    from bot import settings

    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@h/nelm?sslmode=verify-full")
    monkeypatch.setenv("TRACKER_DB_URL", "postgres://u:p@h/tracker?sslmode=require")
    assert settings.database_url() == "postgresql://u:p@h/nelm?sslmode=verify-full"
    assert settings.tracker_url() == "postgresql://u:p@h/tracker?sslmode=require"


def test_redis_url_options_are_kept_or_refused():
    config = endpoints.lock_store(
        "rediss://nelm:pw@cache:6380/2?ssl_ca_certs=/etc/ssl/ca.pem&socket_timeout=5"
    )
    assert config["use_ssl"] is True and config["username"] == "nelm"
    assert config["ssl_ca_certs"] == "/etc/ssl/ca.pem"
    assert config["socket_timeout"] == 5.0
    with pytest.raises(ValueError, match="unknown option"):
        endpoints.lock_store("redis://cache:6379/1?ssl_cert_reqs=none")
