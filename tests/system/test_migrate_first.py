"""Migrations run before the pods that need them, and reads never write.

Kubernetes: each action pod's init container migrates our record tables
before the action server starts; pods starting together take turns (a
PostgreSQL advisory lock). The knowledge snapshot never touches a database.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml
from sqlalchemy import create_engine, inspect

from bot.tools import cluster
from tests.conftest import ROOT

K8S = list(yaml.safe_load_all((ROOT / "deploy/k8s/nelm.yaml").read_text("utf-8")))
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def _deployment(name: str) -> dict:
    return next(
        d for d in K8S if d["kind"] == "Deployment" and d["metadata"]["name"] == name
    )


def _bot_command(command: list[str]) -> list[str]:
    """`.venv/bin/python -m bot X` as it runs here."""
    assert command[:3] == [".venv/bin/python", "-m", "bot"], command
    return [sys.executable, "-m", "bot", *command[3:]]


def test_action_pods_migrate_before_they_start():
    spec = _deployment("nelm-actions")["spec"]["template"]["spec"]
    init = spec["initContainers"]
    assert [c["name"] for c in init] == ["migrate"]
    assert init[0]["command"][-1] == "migrate"
    assert init[0]["image"] == spec["containers"][0]["image"]
    assert {"secretRef": {"name": "nelm-secrets"}} in init[0]["envFrom"]
    assert init[0]["resources"]["limits"]["memory"]
    # No separate Job the pods would not wait for.
    assert not [d for d in K8S if d["kind"] == "Job"]


@pytest.mark.parametrize(
    "command",
    [
        _deployment("nelm-actions")["spec"]["template"]["spec"]["initContainers"][0][
            "command"
        ],
        COMPOSE["services"]["migrate"]["command"],
    ],
    ids=["k8s", "compose"],
)
def test_the_migration_step_is_a_real_command(command, tmp_path):
    url = f"sqlite:///{tmp_path / 'records.db'}"
    result = subprocess.run(
        _bot_command(command),
        cwd=ROOT,
        env=dict(os.environ, DATABASE_URL=url),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    tables = set(inspect(create_engine(url)).get_table_names())
    assert {"answers", "feedback", "unanswered_questions"} <= tables


@pytest.fixture(scope="module")
def postgres(tmp_path_factory):
    missing = cluster.missing_binaries()
    if "postgresql" in missing:
        pytest.fail("PostgreSQL is not installed; run `make scale-deps`")
    running = cluster.Cluster(tmp_path_factory.mktemp("pg"))
    try:
        running.start_postgres()
        yield running.database_url
    finally:
        running.stop()


def test_pods_starting_together_migrate_in_turn(postgres):
    # Four init containers at once on an empty database: each succeeds.
    command = _deployment("nelm-actions")["spec"]["template"]["spec"]["initContainers"][
        0
    ]["command"]

    def migrate(_: int) -> subprocess.CompletedProcess:
        return subprocess.run(
            _bot_command(command),
            cwd=ROOT,
            env=dict(os.environ, DATABASE_URL=postgres),
            capture_output=True,
            text=True,
        )

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(migrate, range(4)))
    assert [r.returncode for r in results] == [0, 0, 0, 0], [
        r.stderr[-800:] for r in results
    ]
    engine = create_engine(postgres)
    assert {"answers", "feedback", "alembic_version"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()


def test_the_knowledge_snapshot_never_touches_a_database(tmp_path):
    # Load the content and answer from it in a fresh process: SQLAlchemy is
    # never even imported, and no database file appears.
    code = (
        "import sys\n"
        "from bot.content.knowledge import load_knowledge\n"
        "from bot.core.dialogue import Turn, respond\n"
        "kb = load_knowledge()\n"
        "out = respond('explain_topic', Turn(text='what is TACE?', "
        "intent='ask_procedure', entities={'topic': 'embolization'}), kb)\n"
        "assert out.messages, 'no answer'\n"
        "print('sqlalchemy' in sys.modules)\n"
    )
    db = tmp_path / "nelm.db"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=dict(os.environ, DATABASE_URL=f"sqlite:///{db}"),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
    assert not db.exists()
