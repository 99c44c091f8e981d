"""Finding English in the Danish admin.

An admin text is English when it is one of the source texts of Wagtail's, Django's or an installed
app's catalogues (their msgids, which are English) that has no Danish translation, neither in that
app's Danish catalogue nor in the site's own (locale/da): such a text is shown as it is written. A
screen's texts are its visible text, the labels read aloud and shown on hover (aria-label, title,
placeholder, alt, a button's value) and the texts Wagtail's scripts render from the page's JSON (the
sidebar's menu, the block definitions of a StreamField). Content (what a user typed into a field, code)
is left out. A msgid with placeholders ("%(model_name)s '%(object)s' updated.") matches any text in its
place, so messages built from a name are found too.
"""

import functools
import gettext
import json
import re
from pathlib import Path

import django
import polib
from bs4 import BeautifulSoup, Comment, NavigableString
from django.apps import apps
from django.conf import settings

# Texts a screen shows to the reader, besides its text: read aloud, shown on hover or in a field.
LABEL_ATTRIBUTES = (
    "aria-label",
    "aria-description",
    "title",
    "placeholder",
    "alt",
    "data-w-tooltip-content-value",
)
# Content: a user's data and code, not the interface.
CONTENT_TAGS = {"script", "style", "code", "pre", "textarea", "noscript"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
# A text is only reported when it has a word: "%(count)s" or "—" say nothing in any language. A msgid
# whose only words are also Danish ("%(action)s at %(time)s", "%(a)s by %(b)s") would match Danish text.
WORD = re.compile(r"[A-Za-z]{2,}")
ALSO_DANISH = {"at", "by", "for", "is", "under", "over", "til", "om", "alle", "bare", "hold"}


def _catalogue_files(domain):
    """The English catalogues of Django and every installed app but the site's own, for `domain`."""
    roots = [Path(django.__file__).parent / "conf"]
    # The site's own apps write Danish source texts; the installed packages' are English.
    roots += [Path(app.path) for app in apps.get_app_configs() if "site-packages" in Path(app.path).parts]
    return sorted(
        {file for root in roots for file in (root / "locale" / "en" / "LC_MESSAGES").glob(f"{domain}.po")}
    )


def _danish(domain):
    """Every Danish translation the admin can use for `domain`: the apps' own and the site's."""
    catalogue = {}
    localedirs = [Path(django.__file__).parent / "conf" / "locale"]
    localedirs += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    localedirs += [Path(path) for path in settings.LOCALE_PATHS]
    for localedir in localedirs:
        try:
            translation = gettext.translation(domain, str(localedir), ["da"])
        except OSError:
            continue
        catalogue.update({key: value for key, value in translation._catalog.items() if value})
    return catalogue


def _is_translated(entry, danish):
    key = entry.msgid if not entry.msgctxt else f"{entry.msgctxt}\x04{entry.msgid}"
    if entry.msgid_plural:
        return (key, 0) in danish
    return key in danish


@functools.cache
def untranslated(domains=("django",)):
    """The English source texts (msgid and plural) that have no Danish translation."""
    texts = set()
    for domain in domains:
        danish = _danish(domain)
        for file in _catalogue_files(domain):
            for entry in polib.pofile(str(file)):
                if entry.obsolete or _is_translated(entry, danish):
                    continue
                for text in (entry.msgid, entry.msgid_plural):
                    literal = PLACEHOLDER.sub(" ", re.sub(r"<[^>]+>", " ", text or ""))
                    if any(word.lower() not in ALSO_DANISH for word in WORD.findall(literal)):
                        texts.add(text)
    return frozenset(texts)


def _normalise(text):
    return " ".join(text.split())


def _literal(part):
    """A msgid's text between placeholders: its words in order, a space being any whitespace."""
    words = r"\s+".join(re.escape(word) for word in part.split())
    if not words:
        return r"\s+" if part else ""
    return (r"\s+" if part[:1].isspace() else "") + words + (r"\s+" if part[-1:].isspace() else "")


def _pattern(text):
    """A msgid as a pattern of the text it renders: a placeholder matches any short text, a tag
    vanishes (the rendered text is read without it), a space is any whitespace."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()
    return ".{1,80}?".join(_literal(part) for part in PLACEHOLDER.split(text))


@functools.cache
def _matcher(domains):
    texts = untranslated(domains)
    exact = {_normalise(text) for text in texts if not PLACEHOLDER.search(text) and "<" not in text}
    patterns = [_pattern(text) for text in texts if PLACEHOLDER.search(text) or "<" in text]
    combined = re.compile(
        "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True)), re.IGNORECASE
    )
    return exact, combined


def english_of(text, domains=("django",)):
    """`text` if it is an untranslated English source text (or one built from one), else None."""
    text = _normalise(text)
    if not text or not WORD.search(text):
        return None
    exact, combined = _matcher(domains)
    # Wagtail writes some names with a capital first letter ("page" as "Page").
    for variant in {text, text[0].lower() + text[1:]}:
        if variant in exact or (len(variant) < 400 and combined.fullmatch(variant)):
            return text
    return None


# Keys of the JSON that Wagtail's scripts render as text (menu labels, block labels and help, the
# STRINGS of the comments and choosers); the other keys hold names, addresses and content.
TEXT_KEYS = {"label", "helpText", "help_text", "description", "heading", "footer_text", "title", "text"}


def _json_strings(value, key=None):
    if isinstance(value, str):
        if key in TEXT_KEYS or (key and (key.isupper() or " " in key)):
            yield value
    elif isinstance(value, dict):
        for item_key, item in value.items():
            yield from _json_strings(item, item_key)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item, key if key in TEXT_KEYS else None)


def _json(value):
    value = value.strip()
    if not value or value[0] not in "[{":
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


def screen_texts(html):
    """The texts a reader meets on an admin screen (see the module's docstring)."""
    soup = BeautifulSoup(html, "html.parser")
    texts = []
    for script in soup.find_all("script", type="application/json"):
        texts += _json_strings(_json(script.string or "") or [])
    for tag in soup.find_all(CONTENT_TAGS):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    # An input's value and an option's text are what a user chose or typed, except a button's label.
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            if not isinstance(value, str):
                continue
            if attribute in LABEL_ATTRIBUTES or (
                attribute == "value"
                and tag.name in ("input", "button")
                and tag.get("type") in ("submit", "button")
            ):
                texts.append(value)
            elif attribute.startswith("data-") and (data := _json(value)) is not None:
                texts += _json_strings(data)
    # Each text node, and each element's whole text (a translated sentence may hold a link or bold).
    for node in soup.find_all(string=True):
        if isinstance(node, NavigableString):
            texts.append(str(node))
    for tag in soup.find_all(True):
        if tag.find(True) is not None and len(tag.find_all(True)) < 6:
            texts.append(tag.get_text(" "))
    return texts


def english_on_screen(html, domains=("django",)):
    """The English interface texts of an admin screen, each once, in the order they appear."""
    found = []
    for text in screen_texts(html):
        english = english_of(text, domains)
        if english and english not in found:
            found.append(english)
    return found
