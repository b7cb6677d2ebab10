"""The one place where the Rasa server's internals are changed, at start-up.

Each change was measured or is needed for privacy, and each depends on how
this exact Rasa release works inside, so ``apply`` refuses to run on any
other version (``RASA_VERSION``): a Rasa upgrade must re-check every change
here and the tests that pin them (tests/server/test_patches.py).

- ``speedups.install``: a cached JSON-schema validator for action responses.
- ``logs.install_log_filters``: message text blanked in Rasa's channel logs.

``bot.server.trackers.CachingSQLTrackerStore`` overrides a private method of
Rasa's SQL tracker store; it calls ``check_rasa_version`` when it is built.
"""

from __future__ import annotations

import rasa

from bot.server import logs, speedups

# The Rasa release these changes were written and tested against.
RASA_VERSION = "3.6.21"


class UnsupportedRasaVersion(RuntimeError):
    """Rasa is not the release our patches were checked against."""


def check_rasa_version(version: str | None = None) -> None:
    """Raise ``UnsupportedRasaVersion`` unless Rasa is exactly ``RASA_VERSION``."""
    found = version or rasa.__version__
    if found != RASA_VERSION:
        raise UnsupportedRasaVersion(
            f"bot.server patches were checked against Rasa {RASA_VERSION}, "
            f"not {found}: re-check bot/server/patches.py before upgrading"
        )


_applied = False


def apply() -> None:
    """Apply every patch once per process (later calls do nothing)."""
    global _applied
    if _applied:
        return
    check_rasa_version()
    speedups.install()
    logs.install_log_filters()
    _applied = True
