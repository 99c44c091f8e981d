"""The site in two languages: Danish at its own addresses, English under /en/.

A page's English version is its Wagtail translation (same translation key, English locale). A page
not yet translated is still reachable under /en/ at its Danish path (the English front page falls
back to the Danish tree), shown with the English interface around its Danish text.
"""

import functools

from django.conf import settings
from django.urls import translate_url
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language, get_language_from_path, override
from wagtail.models import Page

from os2site.page_cache import cached_part

from .locales import locale_code, public_pages

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


def language_name(language_code):
    """A language's name in that language, as a language switcher shows it."""
    return {"da": "Dansk", "en": "English"}.get(language_code, language_code)


def path_in_language(path, language_code, from_language=None):
    """The same address in another language: /medlemmer/ ↔ /en/medlemmer/. An address no URL pattern
    matches comes back unchanged."""
    with override(from_language or get_language()):
        return translate_url(path, language_code)


@functools.cache
def home_url(language_code):
    """The front page's address in a language; the same as long as the site runs, so worked out once."""
    return path_in_language("/", language_code, DEFAULT_LANGUAGE)


def page_versions(request, page):
    """{language: page} of the published, public versions of a page (itself and its translations),
    looked up once per request: the switcher, the alternates and the localized links all need them."""

    def find():
        # The private sections and the locales as read once per generation (home.locales), not once
        # more per page.
        versions = public_pages(Page.objects.live().filter(translation_key=page.translation_key))
        return {language_of(version): version for version in versions}

    if request is None:
        return find()
    found = request.__dict__.setdefault("_page_versions", {})
    if page.pk not in found:
        # The same for every visitor of the page: a cached part (see os2site.page_cache).
        found[page.pk] = cached_part(request, "page-versions", [page.pk, page.translation_key], find)
    return found[page.pk]


def language_of(page):
    """The language a page is written in: its locale's code, as kept with the site's facts
    (home.locales), so no query (every page served asks, before it is rendered: home.wagtail_hooks)."""
    return locale_code(page.locale_id) or page.locale.language_code


def url_in_language(request, page, language_code):
    """Where the language switcher leads: the page's translation when there is one; for a Danish page
    without one, its address in the other language (same text, that language's interface);
    otherwise that language's front page. The query (a listing's filters, its page) goes along."""
    if not isinstance(page, Page):
        return path_in_language(request.get_full_path(), language_code)
    versions = page_versions(request, page)
    translation = versions.get(language_code)
    if translation is not None and translation.pk != page.pk:
        query = request.META.get("QUERY_STRING", "")
        return translation.get_url(request) + ("?" + iri_to_uri(query) if query else "")
    if translation is not None or language_of(page) == DEFAULT_LANGUAGE:
        # The same page at the other language's address (a Danish page is served under /en/ too).
        return path_in_language(request.get_full_path(), language_code)
    return home_url(language_code)


def alternates(request, page):
    """(language, absolute address) of each published version of a translated page, for
    <link rel="alternate" hreflang>."""
    if not isinstance(page, Page):
        return []
    versions = page_versions(request, page)
    if len(versions) < 2:
        return []
    # With the request, so Wagtail reads the sites' root paths once for the whole request.
    return [
        (language, request.build_absolute_uri(version.get_url(request)))
        for language, version in versions.items()
    ]


def translations_in(pages, language_code, model=Page, fields=None):
    """{translation key: page} of the published translations of `pages` into a language (one query),
    as instances of `model`, with only `fields` (and the locale, which their addresses need) when
    given."""
    translations = public_pages(
        model.objects.live()
        .filter(
            translation_key__in=[page.translation_key for page in pages], locale__language_code=language_code
        )
        .select_related("locale")
    )
    if fields:
        translations = translations.only(*fields, "locale")
    return {translation.translation_key: translation for translation in translations}


def with_localized_versions(pages, fields=None):
    """`pages` (a listing's pages, all of one type) as a list, each with `localized_version`: its
    published translation into the active language, else itself. What Wagtail's `Page.localized` gives
    one page at a time, found for the whole listing in one query (none in the default language). A
    listing shows the version's title, summary and address; the facts (time, place, seats, image) stay
    the listed page's own. `localized_lang` is the language to mark the version's text with, if any.
    `fields`: only these of the translations are read (a section's few columns, not a page's StreamFields
    and forty others, which cost more to select and load than the query to run)."""
    pages = list(pages)
    language = get_language()
    translations = {}
    if pages and language and language != DEFAULT_LANGUAGE:
        translations = translations_in(pages, language, model=type(pages[0]), fields=fields)
    for page in pages:
        page.localized_version = translations.get(page.translation_key, page)
        # An untranslated page's text is in the default language, marked as such on a page in another.
        untranslated = page.localized_version is page and language and language != DEFAULT_LANGUAGE
        page.localized_lang = DEFAULT_LANGUAGE if untranslated else ""
    return pages


def localized_path(path):
    """A path of the Danish site as the active language's visitors reach it (/produkter/ becomes
    /en/produkter/ in English), so links from English pages keep the visitor in English."""
    language = get_language()
    if language == DEFAULT_LANGUAGE or not path or not path.startswith("/"):
        return path
    if get_language_from_path(path):
        return path  # already a translated page's or a translated view's address
    return path_in_language(path, language, DEFAULT_LANGUAGE)


class Text(str):
    """A text with the language it is written in (`lang`: empty when that is the page's language)."""

    lang = ""


def text_in_language(obj, name, written_in=DEFAULT_LANGUAGE):
    """A field of `obj` in the active language: its `<name>_<language>` field (`tagline_en`) where
    the model has one and it is filled in, else the field itself, written in `written_in`. The result
    says its language (`lang`) when that differs from the page's, so the template can mark it
    (WCAG 3.1.2, language of parts)."""
    language = get_language()
    if language != written_in:
        translated = getattr(obj, f"{name}_{language}", "")
        if translated:
            return Text(translated)
    text = Text(getattr(obj, name, "") or "")
    if text and language != written_in:
        text.lang = written_in
    return text


def content_language(request, page):
    """The language of a page's own text when it differs from the active language (a Danish page
    served under /en/), else empty: what its title and body are marked with."""
    if not isinstance(page, Page):
        return ""
    language = language_of(page)
    return language if language != get_language() else ""
