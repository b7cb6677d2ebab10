"""Chinese scripts: read Traditional as Simplified, and answer in the writer's script.

The model, the safety net and the catalogs work in Simplified Chinese. A
message written in Traditional characters is converted to Simplified before
it is understood (``to_simplified``); a reply to someone who writes
Traditional is converted back with OpenCC's phrase-level conversion to the
Taiwan or Hong Kong standard (``to_traditional``), then a small reviewed list
of medical terms the conversion gets wrong is applied
(``data/zh_hant_overrides.yml``).
"""

from __future__ import annotations

import os
from functools import lru_cache

import opencc
import yaml

from bot import settings

# Reply language codes: English, Simplified and Traditional Chinese.
HANT = "zh-Hant"
# OpenCC configurations: Taiwan standard with Taiwan phrases (default), or Hong Kong.
_TO_TRADITIONAL = {"tw": "s2twp", "hk": "s2hk"}
_TO_SIMPLIFIED = "t2s"


@lru_cache(maxsize=4)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def is_traditional(text: str | None) -> bool:
    """Whether the text has characters that exist only in Traditional script."""
    if not text:
        return False
    return _converter(_TO_SIMPLIFIED).convert(text) != text


def to_simplified(text: str | None) -> str:
    """The text with Traditional characters (and Taiwan phrases) made Simplified."""
    if not text or not is_traditional(text):
        return text or ""
    return _converter(_TO_SIMPLIFIED).convert(text)


def variant() -> str:
    """The Traditional standard replies follow: ``tw`` (default) or ``hk``."""
    chosen = os.environ.get("NELM_TRADITIONAL", "tw").strip().lower()
    return chosen if chosen in _TO_TRADITIONAL else "tw"


@lru_cache(maxsize=1)
def _overrides() -> tuple[tuple[str, str], ...]:
    path = settings.DATA_DIR / "zh_hant_overrides.yml"
    raw = yaml.safe_load(path.read_text("utf-8")) if path.exists() else None
    pairs = (raw or {}).get("overrides") or {}
    # Longest first, so a longer term wins over a word inside it.
    return tuple(sorted(pairs.items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=4096)
def to_traditional(text: str, standard: str | None = None) -> str:
    """Simplified text in Traditional script, with the reviewed term overrides."""
    config = _TO_TRADITIONAL.get(standard or variant(), _TO_TRADITIONAL["tw"])
    converted = _converter(config).convert(text)
    for wrong, right in _overrides():
        converted = converted.replace(wrong, right)
    return converted
