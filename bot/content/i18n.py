"""Translate the assistant's English text into the conversation's language.

English is the source language: every English string in the content YAML is a
gettext msgid, and ``translations/zh/LC_MESSAGES/messages.po`` holds its
Simplified Chinese. ``make i18n-compile`` turns that into the ``.mo`` file
read here.

Traditional Chinese (``zh-Hant``) is the Simplified catalog converted with
OpenCC's phrase-level conversion to the Taiwan standard (``NELM_TRADITIONAL=hk``
for Hong Kong's), then a small reviewed list of terms the conversion gets
wrong is applied (``data/zh_hant_overrides.yml``).
"""

from __future__ import annotations

import os
from functools import lru_cache

import opencc
import yaml
from babel.support import NullTranslations, Translations

from bot import settings

DOMAIN = "messages"
HANT = "zh-Hant"
# OpenCC configurations for Traditional replies: Taiwan (default) or Hong Kong.
_TRADITIONAL = {"tw": "s2twp", "hk": "s2hk"}


@lru_cache(maxsize=8)
def translations(lang: str) -> NullTranslations:
    """The catalog for ``lang``; English needs none (msgids are English)."""
    if lang == "en":
        return NullTranslations()
    return Translations.load(str(settings.TRANSLATIONS_DIR), [lang], DOMAIN)


def catalog_loaded(lang: str) -> bool:
    """Whether a real compiled catalog was found for ``lang``.

    ``Translations.load`` silently returns a ``NullTranslations`` when the
    ``.mo`` file is missing, which would make every answer English.
    """
    return isinstance(translations(lang), Translations)


def translate(message: str, lang: str) -> str:
    """``message`` (English) in ``lang``; unchanged if there is no translation."""
    if not message or lang == "en":
        return message
    if lang == HANT:
        return to_traditional(translations("zh").gettext(message))
    return translations(lang).gettext(message)


def traditional_standard() -> str:
    """The Traditional standard replies follow: ``tw`` (default) or ``hk``."""
    chosen = os.environ.get("NELM_TRADITIONAL", "tw").strip().lower()
    return chosen if chosen in _TRADITIONAL else "tw"


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@lru_cache(maxsize=2)
def script_words(kind: str) -> tuple[tuple[str, str], ...]:
    """One list of ``data/zh_hant_overrides.yml`` (``overrides`` or ``input``).

    Longest first, so a longer term wins over a word inside it.
    """
    path = settings.DATA_DIR / "zh_hant_overrides.yml"
    raw = yaml.safe_load(path.read_text("utf-8")) if path.exists() else None
    pairs = (raw or {}).get(kind) or {}
    return tuple(sorted(pairs.items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=8192)
def to_traditional(text: str, standard: str | None = None) -> str:
    """Simplified text in Traditional script, with the reviewed overrides."""
    config = _TRADITIONAL[standard or traditional_standard()]
    converted = _converter(config).convert(text)
    for wrong, right in script_words("overrides"):
        converted = converted.replace(wrong, right)
    return converted
