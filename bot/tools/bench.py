"""Benchmark: speed, memory and accuracy, against Rasa's default pipeline and a floor.

``make bench`` runs, on this machine in one go:

* for our pipeline and for Rasa's default one (the ``config.yml`` that
  ``rasa init`` writes), each trained on the same data: training time, model
  size, time from start to ready, resident memory of the Rasa and action
  servers, REST latency (p50/p95/p99) for sequential messages and with 8 and
  32 conversations at once, throughput, and accuracy on the held-out dev set;
* a floor: a bare Sanic endpoint that only echoes, measured the same way.

Each pipeline is trained ``BENCH_TRAININGS`` times (3): Rasa's default
pipeline has no random seed, so its dev-set accuracy moves from training to
training; accuracy and training time are the means, and the lowest accuracy
is shown too.

It writes ``bench/results.json`` and prints a table.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from bot import settings
from bot.tools import devserver, evaluate
from bot.tools.devserver import Conversation, free_port, http_status

ROOT = settings.PROJECT_ROOT
# The same questions in both languages: content, follow-ups, glossary.
SCRIPTS = {
    "en": [
        "What is a carcinoid crisis?",
        "what are the symptoms?",
        "tell me about ablation",
        "who is it for?",
        "and the risks?",
        "what is TACE?",
        "what does bilobar mean?",
        "can I have a liver transplant?",
    ],
    "zh": [
        "什么是类癌危象？",
        "有什么症状？",
        "介绍一下消融",
        "适合谁？",
        "那风险呢？",
        "TACE 是什么",
        "双叶是什么意思？",
        "我能做肝移植吗？",
    ],
}
MESSAGES = [t for pair in zip(SCRIPTS["en"], SCRIPTS["zh"], strict=True) for t in pair]
SEQUENTIAL = 320
# A conversation in a waiting room is short: start a new one every N messages
# (the tracker store loads a conversation's whole history on every message).
CONVERSATION_LENGTH = 10
# Each pipeline is trained this many times; accuracy and training time are
# the means (the default pipeline is not seeded, so its accuracy varies).
TRAININGS = int(os.environ.get("BENCH_TRAININGS", "3"))


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return {"p50_ms": pick(0.50), "p95_ms": pick(0.95), "p99_ms": pick(0.99)}


def _timed(chat: Conversation, text: str) -> float:
    start = time.perf_counter()
    chat.say(text)
    return time.perf_counter() - start


def latency(base: str, total: int, concurrency: int) -> dict[str, float]:
    """Latency percentiles and throughput for ``total`` messages."""
    per_conversation = max(1, total // concurrency)

    def run(index: int) -> list[float]:
        times = []
        for i in range(per_conversation):
            if i % CONVERSATION_LENGTH == 0:
                chat = Conversation(base)
            times.append(_timed(chat, MESSAGES[(index + i) % len(MESSAGES)]))
        return times

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        times = [t for ts in pool.map(run, range(concurrency)) for t in ts]
    elapsed = time.perf_counter() - start
    return {
        **_percentiles(times),
        "messages": len(times),
        "per_s": len(times) / elapsed,
    }


def _rss_mb(port: str, marker: bytes) -> float:
    """Resident memory of the processes whose command line has port and marker."""
    total = 0
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
            if port.encode() in args and marker in args:
                for line in (proc / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def train(config: Path, out: Path, name: str) -> float:
    """Train a model from our data with ``config``; return seconds.

    Each training gets its own empty cache folder: Rasa would otherwise reuse
    the components ``make train`` cached in .rasa/cache and report seconds.
    """
    cache = Path(tempfile.mkdtemp(prefix=f"nelm-cache-{name}-"))
    env = dict(os.environ, RASA_CACHE_DIRECTORY=str(cache))
    start = time.perf_counter()
    subprocess.run(
        [
            str(ROOT / ".venv/bin/rasa"),
            "train",
            "--config",
            str(config),
            "--out",
            str(out),
            "--fixed-model-name",
            name,
        ],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    shutil.rmtree(cache, ignore_errors=True)
    return seconds


def measure_bot(model: Path) -> dict:
    """Start the bot on ``model`` and measure it."""
    start = time.perf_counter()
    bot = devserver.start(extra_env={"MODEL": str(model)})
    ready = time.perf_counter() - start
    try:
        for text in MESSAGES:  # warm up: first calls load jieba, caches
            Conversation(bot.base).say(text)
        result = {
            "ready_s": ready,
            "model_mb": model.stat().st_size / 1e6,
            "rss_rasa_mb": _rss_mb(bot.env["RASA_PORT"], b"--port") or None,
            "rss_actions_mb": _rss_mb(bot.env["ACTIONS_PORT"], b"actions"),
            "sequential": latency(bot.base, SEQUENTIAL, 1),
            "concurrent_8": latency(bot.base, SEQUENTIAL, 8),
            "concurrent_32": latency(bot.base, SEQUENTIAL, 32),
        }
        result["accuracy"] = dev_set_accuracy(bot.base)
    finally:
        bot.stop()
    return result


def dev_set_accuracy(base: str) -> dict[str, float]:
    """Share of dev-set questions answered right, per language, by the bot at base."""
    groups = {"dev:en": "en", "dev:zh-Hans": "zh"}
    cases = [c for c in evaluate.load_cases("dev") if c.group in groups]
    results = evaluate.evaluate(partial(devserver.converse, base), cases)
    return {
        groups[group]: right / total
        for group, (right, total) in evaluate.accuracy(results).items()
    }


def model_accuracy(model: Path) -> dict[str, float]:
    """Dev-set accuracy of the bot on ``model`` (started for this and stopped)."""
    bot = devserver.start(extra_env={"MODEL": str(model)})
    try:
        return dev_set_accuracy(bot.base)
    finally:
        bot.stop()


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def repeat_trainings(config: Path, work: Path, name: str, measured: dict) -> None:
    """Train ``TRAININGS - 1`` more times; add mean accuracy and training time.

    Rasa's default pipeline has no random seed, so its accuracy changes from
    one training to the next; one training would compare against luck. The
    first training's figures are in ``measured``; each further one is trained
    from an empty cache and asked the dev set.
    """
    seconds = [measured["train_s"]]
    accuracies = [measured["accuracy"]]
    for index in range(2, TRAININGS + 1):
        seconds.append(train(config, work, f"{name}-{index}"))
        accuracies.append(model_accuracy(work / f"{name}-{index}.tar.gz"))
    measured["trainings"] = len(seconds)
    measured["train_s_each"] = seconds
    measured["accuracy_each"] = accuracies
    measured["train_s"] = _mean(seconds)
    measured["accuracy"] = {
        lang: _mean([a[lang] for a in accuracies]) for lang in accuracies[0]
    }


ECHO_APP = """
from sanic import Sanic, response
app = Sanic("echo")
@app.post("/webhooks/rest/webhook")
async def echo(request):
    return response.json([{"text": request.json.get("message", "")}])
app.run(host="127.0.0.1", port={port}, access_log=False)
"""


def measure_floor() -> dict:
    """A bare Sanic endpoint that only echoes, measured the same way."""
    port = free_port()
    script = Path(tempfile.mkdtemp()) / "echo.py"
    script.write_text(ECHO_APP.replace("{port}", str(port)))
    proc = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and http_status(base + "/") == 0:
            time.sleep(0.2)
        return {
            "sequential": latency(base, SEQUENTIAL, 1),
            "concurrent_8": latency(base, SEQUENTIAL, 8),
            "concurrent_32": latency(base, SEQUENTIAL, 32),
        }
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def default_config(folder: Path) -> Path:
    """The config.yml that `rasa init` writes (Rasa picks its default pipeline)."""
    import rasa.cli

    source = Path(rasa.cli.__file__).parent / "initial_project" / "config.yml"
    target = folder / "default_config.yml"
    shutil.copy(source, target)
    return target


def run(out: Path = ROOT / "bench" / "results.json") -> dict:
    """Everything above; write and return the results."""
    work = Path(tempfile.mkdtemp(prefix="nelm-bench-"))
    configs = {"ours": ROOT / "config.yml", "default": default_config(work)}
    seconds = {name: train(config, work, name) for name, config in configs.items()}
    results = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}",
    }
    for name, config in configs.items():
        results[name] = {
            "train_s": seconds[name],
            **measure_bot(work / f"{name}.tar.gz"),
        }
        repeat_trainings(config, work, name, results[name])
    results["floor"] = measure_floor()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return results


def table(results: dict) -> str:
    """The results as a Markdown table, with ratios against the default pipeline."""
    ours, default, floor = results["ours"], results["default"], results["floor"]

    def row(
        label: str, a: float, b: float | None, c: float | None = None, fmt="{:.1f}"
    ):
        ratio = f"{a / b:.2f}" if b else ""
        floor_cell = fmt.format(c) if c is not None else ""
        b_cell = fmt.format(b) if b is not None else ""
        return f"| {label} | {fmt.format(a)} | {b_cell} | {ratio} | {floor_cell} |"

    lines = [
        f"Measured {results['date']} on {results['machine']}.",
        "",
        "| measure | ours | Rasa default | ours / default | echo floor |",
        "|---|---|---|---|---|",
    ]
    for mode in ("sequential", "concurrent_8", "concurrent_32"):
        for q in ("p50_ms", "p95_ms", "p99_ms"):
            lines.append(
                row(f"{mode} {q}", ours[mode][q], default[mode][q], floor[mode][q])
            )
        lines.append(
            row(
                f"{mode} messages/s",
                ours[mode]["per_s"],
                default[mode]["per_s"],
                floor[mode]["per_s"],
            )
        )
    for key, label in (
        ("ready_s", "start to ready, s"),
        ("rss_rasa_mb", "Rasa server RSS, MB"),
        ("rss_actions_mb", "action server RSS, MB"),
        ("model_mb", "model size, MB"),
        ("train_s", f"training time, s (mean of {ours.get('trainings', 1)})"),
    ):
        lines.append(row(label, ours[key] or 0, default[key]))
    for lang in ("en", "zh"):
        lines.append(
            row(
                f"dev-set accuracy {lang} (mean of {ours.get('trainings', 1)})",
                ours["accuracy"][lang],
                default["accuracy"][lang],
                fmt="{:.3f}",
            )
        )
    for lang in ("en", "zh"):
        lines.append(
            row(
                f"dev-set accuracy {lang}, lowest training",
                min(a[lang] for a in ours.get("accuracy_each", [ours["accuracy"]])),
                min(
                    a[lang] for a in default.get("accuracy_each", [default["accuracy"]])
                ),
                fmt="{:.3f}",
            )
        )
    return "\n".join(lines)
