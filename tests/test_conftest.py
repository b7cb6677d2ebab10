"""The split of the suite that `make test` runs beside training (tests/conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import NEEDS_MODEL

TESTS = Path(__file__).parent
# What a test that needs the trained model uses: the bot started for real.
STARTS_THE_BOT = re.compile(r"\bdevserver\b|models/nelm|\bcluster\b|\bserver\b\)")


def test_every_test_file_that_starts_the_bot_is_marked_as_needing_the_model():
    unmarked = [
        path.relative_to(TESTS).as_posix()
        for path in sorted(TESTS.rglob("test_*.py"))
        if STARTS_THE_BOT.search(path.read_text("utf-8"))
        and not path.relative_to(TESTS).as_posix().startswith(NEEDS_MODEL)
        and path.name != Path(__file__).name
    ]
    assert unmarked == []
