"""The Chinese catalog: complete, loaded for real, and faithful to the numbers."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from bot import settings
from bot.content.extract import extract_yaml
from bot.content.i18n import catalog_loaded, translate, translations

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "translations/zh/LC_MESSAGES/messages.po"
POT = ROOT / "translations/messages.pot"
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _catalog(path):
    with path.open("rb") as handle:
        return read_po(handle)


def _extracted_ids():
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = extract_from_dir(str(ROOT), method_map, options_map)
    return {message for _file, _line, message, _comments, _ctx in found}


def test_chinese_catalog_really_loads():
    translations.cache_clear()
    assert catalog_loaded("zh"), (
        "translations/zh/LC_MESSAGES/messages.mo missing: make i18n-compile"
    )
    assert translate("Carcinoid crisis", "zh") == "类癌危象"


def test_english_needs_no_catalog():
    assert translate("Carcinoid crisis", "en") == "Carcinoid crisis"


def test_no_untranslated_or_fuzzy_entries():
    catalog = _catalog(PO)
    assert not catalog.fuzzy, "the catalog header is marked fuzzy"
    untranslated = [m.id for m in catalog if m.id and not m.string]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_catalog_has_no_errors():
    errors = [(m.id, err) for m, errs in _catalog(PO).check() for err in errs]
    assert errors == []


def test_every_msgstr_has_the_same_numbers_as_its_msgid():
    mismatches = [
        (m.id, m.string)
        for m in _catalog(PO)
        if m.id and sorted(NUMBER.findall(m.id)) != sorted(NUMBER.findall(m.string))
    ]
    assert mismatches == []


def test_catalog_is_up_to_date_with_the_content():
    """Every extracted string has a translation, and nothing stale remains."""
    extracted = _extracted_ids()
    in_po = {m.id for m in _catalog(PO) if m.id}
    in_pot = {m.id for m in _catalog(POT) if m.id}
    assert extracted - in_pot == set(), "run make i18n-extract"
    assert extracted - in_po == set(), "run make i18n-update and translate"
    assert in_po - extracted == set(), "obsolete entries: run make i18n-update"


def test_extractor_reads_only_prose_keys(tmp_path):
    source = tmp_path / "t.yml"
    source.write_text(
        "topic: x\ntitle: A title\nkeywords:\n  en: [cut it out]\n"
        "sections:\n  - key: risks\n    title: Risks\n    text:\n      - >-\n"
        "        One\n        paragraph.\n    sources: [mayo2011]\n",
        encoding="utf-8",
    )
    with source.open("rb") as handle:
        found = list(extract_yaml(handle, [], [], {}))
    assert [(line, msg) for line, _f, msg, _c in found] == [
        (2, "A title"),
        (7, "Risks"),
        (9, "One paragraph."),
    ]
    assert found[2][3] == ["x/sections/risks.text"]


def test_translations_dir_setting_points_at_the_catalogs():
    assert (settings.TRANSLATIONS_DIR / "zh/LC_MESSAGES/messages.po").exists()


@pytest.mark.parametrize(
    "term", ["神经内分泌瘤", "类癌危象", "奥曲肽", "手术切除", "消融"]
)
def test_standard_chinese_terms_are_used(term):
    assert term in PO.read_text("utf-8")
