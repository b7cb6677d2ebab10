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

import re
from functools import lru_cache

import opencc

from bot.content.i18n import script_words

# Zhuyin (bopomofo) signs.
_ZHUYIN = re.compile("[\u3105-\u312f]")


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def is_traditional(text: str | None) -> bool:
    """Whether the text has characters that exist only in Traditional script."""
    return bool(text) and _converter("t2s").convert(text) != text


def is_simplified(text: str | None) -> bool:
    """Whether the text has characters that exist only in Simplified script."""
    return bool(text) and _converter("s2t").convert(text) != text


def to_simplified(text: str | None) -> str:
    """The text with Traditional characters made Simplified (others unchanged).

    Taiwan and Hong Kong medical words that differ from the mainland's ("電燒"
    for radiofrequency ablation) become the mainland word
    (``data/zh_hant_overrides.yml``, ``input``); a Zhuyin sign typed for a
    particle ("會痛ㄇ") becomes the particle first (``phonetic``).
    """
    if text and _ZHUYIN.search(text):
        for sign, particle in script_words("phonetic"):
            text = text.replace(sign, particle)
    if not text or not is_traditional(text):
        return text or ""
    converted = _converter("t2s").convert(text)
    for word, mainland in script_words("input"):
        converted = converted.replace(word, mainland)
    return converted
