"""Read Chinese written in Traditional characters as Simplified.

The model, the safety net and the keyword lists work in Simplified Chinese:
``to_simplified`` converts a message written in Traditional characters (with
OpenCC) before it is understood, and ``is_traditional`` /
``is_simplified`` tell which script a message is in, so the reply can come
back in the same script (``bot.content.i18n`` converts it). Taiwan and Hong
Kong medical words that differ from the mainland's are mapped too
(``data/zh_hant_overrides.yml``).
"""

from __future__ import annotations

from functools import lru_cache

import opencc
import yaml

from bot import settings


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def is_traditional(text: str | None) -> bool:
    """Whether the text has characters that exist only in Traditional script."""
    return bool(text) and _converter("t2s").convert(text) != text


def is_simplified(text: str | None) -> bool:
    """Whether the text has characters that exist only in Simplified script."""
    return bool(text) and _converter("s2t").convert(text) != text


@lru_cache(maxsize=1)
def _input_words() -> tuple[tuple[str, str], ...]:
    path = settings.DATA_DIR / "zh_hant_overrides.yml"
    raw = yaml.safe_load(path.read_text("utf-8")) if path.exists() else None
    pairs = (raw or {}).get("input") or {}
    return tuple(sorted(pairs.items(), key=lambda kv: -len(kv[0])))


def to_simplified(text: str | None) -> str:
    """The text with Traditional characters made Simplified (others unchanged).

    Taiwan and Hong Kong medical words that differ from the mainland's ("電燒"
    for radiofrequency ablation) become the mainland word
    (``data/zh_hant_overrides.yml``, ``input``).
    """
    if not text or not is_traditional(text):
        return text or ""
    converted = _converter("t2s").convert(text)
    for word, mainland in _input_words():
        converted = converted.replace(word, mainland)
    return converted
