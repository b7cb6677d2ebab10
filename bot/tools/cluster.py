"""Several Rasa replicas behind nginx, sharing PostgreSQL and Redis, on loopback.

Used by ``make test-scale`` (and the short form in ``make test`` when the
binaries are installed): starts Debian's PostgreSQL and Redis servers in a
temporary folder, one action server, N Rasa replicas (``scripts/serve.sh``
with ``ROLE=rasa``) whose tracker store is PostgreSQL and lock store Redis,
and nginx as a round-robin load balancer in front of them
(``deploy/nginx/nginx.conf.template``). Everything listens on 127.0.0.1.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot import settings
from bot.tools import devserver

NGINX_TEMPLATE = settings.PROJECT_ROOT / "deploy" / "nginx" / "nginx.conf.template"
PG_USER = "nelm"


def postgres_bin() -> Path | None:
    """Debian's PostgreSQL binaries folder (newest version), if installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def missing_binaries() -> list[str]:
    """The servers this needs that are not installed (``make scale-deps``)."""
    missing = [] if postgres_bin() else ["postgresql"]
    missing += [b for b in ("redis-server", "nginx") if not shutil.which(b)]
    return missing


def render_nginx(
    listen: str,
    servers: list[str],
    workdir: Path | None = None,
    *,
    user: str | None = None,
    pid: str | None = None,
    error_log: str | None = None,
    temp: str | None = None,
) -> str:
    """The nginx configuration for these upstream ``host:port`` servers.

    With ``workdir``, nginx keeps its pid, log and temporary files there (the
    tests); otherwise pass the paths (``deploy/nginx/nginx.conf``).
    """
    if workdir is not None:
        pid = pid or str(workdir / "nginx.pid")
        error_log = error_log or str(workdir / "nginx-error.log")
        temp = temp or str(workdir / "nginx-temp")
    if user is None:
        user = "user root;" if os.geteuid() == 0 else ""
    lines = "\n".join(
        f"        server {server} max_fails=1 fail_timeout=5s;" for server in servers
    )
    text = NGINX_TEMPLATE.read_text(encoding="utf-8")
    for key, value in {
        "@@USER@@": user,
        "@@PID@@": pid,
        "@@ERROR_LOG@@": error_log,
        "@@TEMP@@": temp,
        "@@SERVERS@@": lines,
        "@@LISTEN@@": listen,
    }.items():
        text = text.replace(key, value)
    return text


def _wait(check, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise RuntimeError(f"{what} did not start")


def _demote() -> tuple[int, int] | None:
    """PostgreSQL refuses to run as root: the uid/gid to run it as."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam("postgres")
    except KeyError:
        entry = pwd.getpwnam("nobody")
    return entry.pw_uid, entry.pw_gid


@dataclass
class Cluster:
    """The running servers; ``stop()`` ends them all."""

    workdir: Path
    database_url: str = ""
    tracker_url: str = ""
    redis_url: str = ""
    base: str = ""  # nginx
    actions: devserver.LocalBot | None = None
    replicas: list[devserver.LocalBot] = field(default_factory=list)
    processes: list[subprocess.Popen] = field(default_factory=list)
    cleanup: list[Path] = field(default_factory=list)

    def start_postgres(self) -> None:
        """A new PostgreSQL on a free loopback port, fsync off (tests only)."""
        pg = postgres_bin()
        # Its own folder: the server's user must reach it (pytest's are 0700).
        home = Path(tempfile.mkdtemp(prefix="nelm-pg-"))
        self.cleanup.append(home)
        data = home / "data"
        ids = _demote()
        as_user: dict = {"cwd": home}
        if ids:
            os.chown(home, *ids)
            as_user.update(user=ids[0], group=ids[1])
        subprocess.run(
            [pg / "initdb", "-D", data, "-U", PG_USER, "--auth=trust", "-E", "UTF8"],
            check=True,
            capture_output=True,
            **as_user,
        )
        port = devserver.free_port()
        log = (self.workdir / "postgres.log").open("w")  # written by us, as root
        self.processes.append(
            subprocess.Popen(
                [pg / "postgres", "-D", data, "-p", str(port), "-k", data,
                 "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                 "-c", "max_connections=100"],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **as_user,
            )
        )  # fmt: skip
        root = f"postgresql://{PG_USER}@127.0.0.1:{port}"

        def ready() -> bool:
            return (
                subprocess.run(
                    [pg / "pg_isready", "-h", "127.0.0.1", "-p", str(port)],
                    capture_output=True,
                ).returncode
                == 0
            )

        _wait(ready, "PostgreSQL")
        import psycopg2

        connection = psycopg2.connect(f"{root}/postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("CREATE DATABASE nelm")
            cursor.execute("CREATE DATABASE tracker")
        connection.close()
        self.database_url = f"{root}/nelm"
        self.tracker_url = f"{root}/tracker"

    def start_redis(self) -> None:
        """redis-server on a free loopback port, nothing written to disk."""
        port = devserver.free_port()
        self.processes.append(
            subprocess.Popen(
                ["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no", "--dir", str(self.workdir)],
                stdout=(self.workdir / "redis.log").open("w"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )  # fmt: skip
        import redis

        client = redis.Redis(host="127.0.0.1", port=port)

        def ready() -> bool:
            try:
                return bool(client.ping())
            except redis.exceptions.ConnectionError:
                return False

        _wait(ready, "Redis")
        self.redis_url = f"redis://127.0.0.1:{port}/1"

    def start_bots(self, replicas: int) -> None:
        """One action server, then the Rasa replicas (in parallel)."""
        shared = {
            "DATABASE_URL": self.database_url,
            "TRACKER_DB_URL": self.tracker_url,
            "REDIS_URL": self.redis_url,
        }
        # Our record tables, once, before anything writes to them.
        from bot.records.db import upgrade_schema

        upgrade_schema(self.database_url)
        self.actions = devserver.start(
            self.workdir / "actions", extra_env={**shared, "ROLE": "actions"}
        )
        port = self.actions.env["ACTIONS_PORT"]
        from bot.server import endpoints

        endpoints_file = self.workdir / "endpoints.yml"
        endpoints.write(
            str(endpoints_file),
            {**shared, "ACTIONS_URL": f"http://127.0.0.1:{port}/webhook"},
        )
        env = {**shared, "ROLE": "rasa", "ACTIONS_PORT": port}
        env["ENDPOINTS"] = str(endpoints_file)
        from concurrent.futures import ThreadPoolExecutor

        # The first replica creates Rasa's tracker tables; the others start
        # together once they exist.
        self.replicas = [devserver.start(self.workdir / "rasa0", 240, env)]
        with ThreadPoolExecutor(max(1, replicas - 1)) as pool:
            futures = [
                pool.submit(devserver.start, self.workdir / f"rasa{i}", 240, env)
                for i in range(1, replicas)
            ]
            self.replicas += [f.result() for f in futures]

    def start_nginx(self) -> None:
        """nginx, round robin over the replicas."""
        port = devserver.free_port()
        (self.workdir / "nginx-temp").mkdir()
        conf = self.workdir / "nginx.conf"
        servers = [r.base.removeprefix("http://") for r in self.replicas]
        conf.write_text(
            render_nginx(f"127.0.0.1:{port}", servers, self.workdir), encoding="utf-8"
        )
        test = subprocess.run(
            ["nginx", "-t", "-c", conf, "-p", self.workdir],
            capture_output=True,
            text=True,
        )
        if test.returncode:
            raise RuntimeError(f"nginx -t failed:\n{test.stderr}")
        self.processes.append(
            subprocess.Popen(
                ["nginx", "-c", conf, "-p", self.workdir, "-g", "daemon off;"],
                stdout=(self.workdir / "nginx.log").open("w"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        self.base = f"http://127.0.0.1:{port}"
        _wait(lambda: devserver.http_status(self.base + "/") == 200, "nginx")

    def stop(self) -> None:
        """Stop every server (replicas first, then the services)."""
        for bot in [*self.replicas, self.actions]:
            if bot is not None:
                bot.stop()
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
        for folder in self.cleanup:
            shutil.rmtree(folder, ignore_errors=True)

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(workdir: Path, replicas: int = 2) -> Cluster:
    """PostgreSQL, Redis, an action server, ``replicas`` Rasa servers and nginx."""
    missing = missing_binaries()
    if missing:
        raise RuntimeError(f"not installed: {', '.join(missing)} (make scale-deps)")
    cluster = Cluster(Path(workdir))
    try:
        cluster.start_postgres()
        cluster.start_redis()
        cluster.start_bots(replicas)
        cluster.start_nginx()
    except BaseException:
        cluster.stop()
        raise
    return cluster
