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


# ---- secrets and reproducible installs ------------------------------------------


def _lines(name: str) -> list[str]:
    return (ROOT / name).read_text(encoding="utf-8").splitlines()


def test_compose_keeps_the_web_defaults():
    # Unset: only the bot's own pages may frame it, no QR code without an address.
    env = COMPOSE["services"]["rasa-1"]["environment"]
    assert env["WIDGET_ORIGINS"] == "${WIDGET_ORIGINS:-}"
    assert env["PUBLIC_URL"] == "${PUBLIC_URL:-}"


def test_env_files_stay_out_of_git_and_images():
    assert ".env" in _lines(".gitignore")
    assert ".env" in _lines(".dockerignore")
    if not (ROOT / ".git").exists():  # an exported tree: nothing is tracked
        return
    tracked = subprocess.run(
        ["git", "ls-files", "--", ".env", "*.env"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert tracked == ""


def _constraints() -> dict[str, str]:
    from packaging.utils import canonicalize_name

    pins = {}
    for line in _lines("constraints.txt"):
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version and ";" not in line and "@" not in line, line
            pins[canonicalize_name(name)] = version
    return pins


def test_constraints_pin_exactly_what_setup_installed():
    # A clean `make setup` installs exactly these; anything else (or another
    # version) means constraints.txt is stale: `make lock`.
    from importlib.metadata import distributions

    from packaging.utils import canonicalize_name

    installed = {
        canonicalize_name(d.metadata["Name"]): d.version for d in distributions()
    }
    installed.pop("nelm-guide", None)
    assert _constraints() == installed


def test_constraints_satisfy_pyproject_and_ruff_is_pinned():
    import tomli  # Python 3.10 has no tomllib
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomli.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    pins = _constraints()
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    for text in wanted:
        requirement = Requirement(text)
        pin = pins[canonicalize_name(requirement.name)]
        assert requirement.specifier.contains(pin, prereleases=True), (text, pin)
    ruff = next(Requirement(t) for t in wanted if Requirement(t).name == "ruff")
    assert str(ruff.specifier) == f"=={pins['ruff']}"


def test_setup_and_the_image_install_with_the_constraints():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    setup = makefile.split("$(STAMPS)/venv:", 1)[1].split("\n\n", 1)[0]
    assert "constraints.txt" in setup.splitlines()[0]  # a prerequisite
    installs = [line for line in setup.splitlines() if "pip install" in line]
    assert len(installs) == 2
    assert all("-c $(CONSTRAINTS)" in line for line in installs)
    assert "CONSTRAINTS := $(CURDIR)/constraints.txt" in makefile
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    installs = [line for line in dockerfile.splitlines() if "pip install" in line]
    assert installs and all("-c constraints.txt" in line for line in installs)
    copy = dockerfile.index("constraints.txt ./")
    assert copy < dockerfile.index("pip install")
