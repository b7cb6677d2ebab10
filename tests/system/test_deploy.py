"""Deployment files, checked offline (no Docker engine or cluster here)."""

import re
import shutil
import subprocess

import pytest
import yaml

from bot.tools import cluster
from tests.conftest import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
K8S = list(yaml.safe_load_all((ROOT / "deploy/k8s/nelm.yaml").read_text("utf-8")))
BOTS = ("migrate", "actions", "rasa-1", "rasa-2")


def test_compose_has_the_topology():
    services = COMPOSE["services"]
    assert set(services) == {*BOTS, "nginx", "postgres", "redis"}
    assert services["rasa-1"]["environment"]["ROLE"] == "rasa"
    assert services["actions"]["environment"]["ROLE"] == "actions"
    # Only the load balancer is published; the rest is on an internal network.
    published = {name for name, s in services.items() if s.get("ports")}
    assert published == {"nginx"}
    assert COMPOSE["networks"]["backend"]["internal"] is True


@pytest.mark.parametrize(
    "name", ["actions", "rasa-1", "rasa-2", "nginx", "postgres", "redis"]
)
def test_compose_services_have_health_checks_and_limits(name):
    service = COMPOSE["services"][name]
    assert service["healthcheck"]["test"]
    limits = service["deploy"]["resources"]["limits"]
    assert limits["memory"] and limits["cpus"]


def test_compose_takes_secrets_from_the_environment_and_keeps_privacy_defaults():
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    assert "${POSTGRES_PASSWORD:?" in text and "${REDIS_PASSWORD:?" in text
    for name in BOTS:
        env = COMPOSE["services"][name]["environment"]
        assert env["RASA_TELEMETRY_ENABLED"] == "false"
        assert env["RASA_TOKEN"] == "${RASA_TOKEN:-}"  # API off unless set
        for key in ("DATABASE_URL", "TRACKER_DB_URL", "REDIS_URL"):
            assert re.search(r"\$\{[A-Z_]+:\?", env[key]), key


def test_k8s_manifests():
    kinds = [(d["kind"], d["metadata"]["name"]) for d in K8S]
    assert ("Deployment", "nelm-rasa") in kinds and (
        "Deployment",
        "nelm-actions",
    ) in kinds
    for doc in K8S:
        if doc["kind"] not in ("Deployment", "Job"):
            continue
        spec = doc["spec"]["template"]["spec"]
        assert spec["securityContext"]["runAsNonRoot"] is True
        for container in spec["containers"]:
            assert container["resources"]["limits"]["memory"]
            assert {"secretRef": {"name": "nelm-secrets"}} in container["envFrom"]
            if doc["kind"] == "Deployment":
                assert container["readinessProbe"] and container["livenessProbe"]
                env = {e["name"]: e["value"] for e in container["env"]}
                assert env["RASA_TELEMETRY_ENABLED"] == "false"
    rasa = next(d for d in K8S if d["metadata"]["name"] == "nelm-rasa")
    assert rasa["spec"]["replicas"] >= 2
    service = next(
        d
        for d in K8S
        if d["kind"] == "Service" and d["metadata"]["name"] == "nelm-rasa"
    )
    assert service["spec"]["sessionAffinity"] == "None"


def test_compose_nginx_config_is_the_template_rendered():
    rendered = cluster.render_nginx(
        "8080",
        ["rasa-1:5005", "rasa-2:5005"],
        user="",
        pid="/tmp/nginx.pid",
        error_log="/dev/stderr",
        temp="/tmp",
    )
    assert (ROOT / "deploy/nginx/nginx.conf").read_text(encoding="utf-8") == rendered
    # No sticky sessions: no hashing or affinity directive in the upstream.
    assert not re.search(r"^\s*(ip_hash|hash|sticky)\b", rendered, re.M)


def test_nginx_accepts_the_generated_config(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    (tmp_path / "nginx-temp").mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        cluster.render_nginx(
            "127.0.0.1:18080", ["127.0.0.1:5005", "127.0.0.1:5006"], tmp_path
        )
    )
    result = subprocess.run(
        [nginx, "-t", "-c", str(conf), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_dockerfile_keeps_the_privacy_defaults():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "RASA_TELEMETRY_ENABLED=false" in dockerfile
    assert "USER nelm" in dockerfile and "npm ci" in dockerfile
