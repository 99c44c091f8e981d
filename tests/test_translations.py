"""Every interface text has an English translation.

The texts are collected from the sources exactly as `make messages` does (Django's makemessages, i.e.
xgettext over the templates, Python and JavaScript), into a copy of the project so the committed
catalogue is not touched. The copy also holds one new template whose text is in no catalogue: the
check must report exactly that text, which shows it catches a new untranslated string; any other
text it reports is a real one missing from locale/en.
"""

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

BASE_DIR = Path(settings.BASE_DIR)
CATALOGUE = BASE_DIR / "locale" / "en" / "LC_MESSAGES"
SOURCE_DIRS = ["os2site", "home", "products", "community", "search", "templates", "static"]
UNTRANSLATED_CANARY = "En ny tekst, som ingen har oversat endnu"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{\s*\w+\s*\}\}")


def entry_key(entry):
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The texts of the sources, per domain, collected into a scratch copy with the canary added."""
    copy = tmp_path_factory.mktemp("sources")
    for name in SOURCE_DIRS:
        shutil.copytree(BASE_DIR / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "templates" / "untranslated_canary.html").write_text(
        '{% load i18n %}<p>{% translate "' + UNTRANSLATED_CANARY + '" %}</p>\n'
    )
    (copy / "locale").mkdir()
    cwd = Path.cwd()
    try:
        os.chdir(copy)
        # makemessages writes into the first of LOCALE_PATHS: the copy's, never the committed catalogue.
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            for domain in ("django", "djangojs"):
                call_command("makemessages", locale=["en"], domain=domain, verbosity=0)
    finally:
        os.chdir(cwd)
    return {
        domain: polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"))
        for domain in ("django", "djangojs")
    }


def missing_translations(extracted_po, committed_po):
    """The texts of the sources that the committed catalogue does not translate (absent, empty, or
    marked fuzzy)."""
    committed = {entry_key(entry): entry for entry in committed_po if not entry.obsolete}
    missing = []
    for entry in extracted_po:
        translation = committed.get(entry_key(entry))
        if translation is None or "fuzzy" in translation.flags:
            missing.append(entry.msgid)
        elif entry.msgid_plural:
            if not all(translation.msgstr_plural.get(form) for form in (0, 1)):
                missing.append(entry.msgid)
        elif not translation.msgstr:
            missing.append(entry.msgid)
    return missing


def test_the_extraction_finds_the_interface_texts(extracted):
    texts = {entry.msgid for entry in extracted["django"]}
    assert {"Gå til sidens indhold", "Søg", "Forside", UNTRANSLATED_CANARY} <= texts
    assert len(texts) > 900
    assert "Forslag" in {entry.msgid for entry in extracted["djangojs"]}


def test_every_interface_text_has_an_english_translation(extracted):
    missing = missing_translations(extracted["django"], polib.pofile(str(CATALOGUE / "django.po")))
    # Only the canary may be missing: anything else is a text to translate in locale/en (make messages).
    assert missing == [UNTRANSLATED_CANARY], sorted(set(missing) - {UNTRANSLATED_CANARY})


def test_every_javascript_text_has_an_english_translation(extracted):
    missing = missing_translations(extracted["djangojs"], polib.pofile(str(CATALOGUE / "djangojs.po")))
    assert missing == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_translations_keep_the_placeholders(domain):
    for entry in polib.pofile(str(CATALOGUE / f"{domain}.po")):
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in forms:
            assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(entry.msgid)), (
                entry.msgid
            )


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogue_is_up_to_date(domain):
    """The site reads the .mo; it must hold exactly the .po's translations (run `make messages`)."""
    source = {
        entry_key(entry): (
            tuple(entry.msgstr_plural[form] for form in sorted(entry.msgstr_plural))
            if entry.msgid_plural
            else (entry.msgstr,)
        )
        for entry in polib.pofile(str(CATALOGUE / f"{domain}.po"))
        if entry.translated()
    }
    compiled = {
        entry_key(entry): (
            tuple(entry.msgstr_plural[form] for form in sorted(entry.msgstr_plural))
            if entry.msgid_plural
            else (entry.msgstr,)
        )
        for entry in polib.mofile(str(CATALOGUE / f"{domain}.mo"))
        if entry.msgid
    }
    assert compiled == source
