from bot.tools import bench


def _figures(scale: float, accuracies: list[dict]) -> dict:
    timing = {"p50_ms": 10 * scale, "p95_ms": 20 * scale, "p99_ms": 30 * scale}
    return {
        "train_s": 100 * scale,
        "ready_s": 10 * scale,
        "model_mb": 20 * scale,
        "rss_rasa_mb": 700 * scale,
        "rss_actions_mb": 120.0,
        "sequential": {**timing, "per_s": 50 / scale},
        "concurrent_8": {**timing, "per_s": 80 / scale},
        "concurrent_32": {**timing, "per_s": 90 / scale},
        "trainings": len(accuracies),
        "accuracy_each": accuracies,
        "accuracy": {
            lang: sum(a[lang] for a in accuracies) / len(accuracies)
            for lang in ("en", "zh")
        },
    }


def test_table_has_ratios_means_and_lowest_training():
    results = {
        "date": "2026-11-23",
        "machine": "test",
        "ours": _figures(1.0, [{"en": 0.9, "zh": 0.8}] * 3),
        "default": _figures(
            2.0,
            [{"en": 0.9, "zh": 0.9}, {"en": 0.3, "zh": 0.9}, {"en": 0.9, "zh": 0.6}],
        ),
        "floor": {
            mode: {"p50_ms": 1.0, "p95_ms": 1.0, "p99_ms": 1.0, "per_s": 1000.0}
            for mode in ("sequential", "concurrent_8", "concurrent_32")
        },
    }
    table = bench.table(results)
    rows = {line.split(" | ")[0].lstrip("| "): line for line in table.splitlines()}
    assert (
        rows["sequential p95_ms"] == "| sequential p95_ms | 20.0 | 40.0 | 0.50 | 1.0 |"
    )
    assert "| 700.0 | 1400.0 | 0.50 |" in rows["Rasa server RSS, MB"]
    assert "| 0.900 | 0.700 | 1.29 |" in rows["dev-set accuracy en (mean of 3)"]
    assert "| 0.900 | 0.300 | 3.00 |" in rows["dev-set accuracy en, lowest training"]
    assert "| 0.800 | 0.600 | 1.33 |" in rows["dev-set accuracy zh, lowest training"]


def test_repeat_trainings_averages(monkeypatch, tmp_path):
    monkeypatch.setattr(bench, "TRAININGS", 3)
    monkeypatch.setattr(bench, "train", lambda config, work, name: 30.0)
    answers = iter([{"en": 0.5, "zh": 1.0}, {"en": 1.0, "zh": 1.0}])
    monkeypatch.setattr(bench, "model_accuracy", lambda model: next(answers))
    measured = {"train_s": 60.0, "accuracy": {"en": 0.75, "zh": 0.25}}
    bench.repeat_trainings(tmp_path / "config.yml", tmp_path, "ours", measured)
    assert measured["trainings"] == 3
    assert measured["train_s"] == 40.0
    assert measured["accuracy"] == {"en": 0.75, "zh": 0.75}
    assert measured["accuracy_each"][0] == {"en": 0.75, "zh": 0.25}
