import jsonschema
import pytest

from bot.server import patches, speedups


def test_refuses_any_other_rasa_version():
    patches.check_rasa_version(patches.RASA_VERSION)
    for other in ("3.6.20", "3.7.0", "3.6.21.post1"):
        with pytest.raises(patches.UnsupportedRasaVersion):
            patches.check_rasa_version(other)


def test_installed_rasa_is_the_checked_release():
    patches.check_rasa_version()


def test_apply_refuses_to_patch_another_release(monkeypatch):
    import rasa

    monkeypatch.setattr(patches, "_applied", False)
    monkeypatch.setattr(rasa, "__version__", "9.9.9")
    with pytest.raises(patches.UnsupportedRasaVersion):
        patches.apply()


def test_apply_installs_the_validator_and_log_filters(monkeypatch):
    import logging

    from bot.server.logs import DropMessageText

    monkeypatch.setattr(patches, "_applied", False)
    monkeypatch.setattr(jsonschema, "validate", speedups._ORIGINAL)
    patches.apply()
    assert jsonschema.validate is speedups.cached_validate
    rest_logger = logging.getLogger("rasa.core.channels.rest")
    assert any(isinstance(f, DropMessageText) for f in rest_logger.filters)
