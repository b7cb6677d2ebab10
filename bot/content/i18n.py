"""Translate the assistant's English text into the conversation's language.

English is the source language: every English string in the content YAML is a
gettext msgid, and ``translations/zh/LC_MESSAGES/messages.po`` holds its
Simplified Chinese. ``make i18n-compile`` turns that into the ``.mo`` file
read here.
"""

from __future__ import annotations

from functools import lru_cache

from babel.support import NullTranslations, Translations

from bot import settings

DOMAIN = "messages"


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
    return translations(lang).gettext(message)
