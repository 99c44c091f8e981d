"""The site in two languages: Danish at its own addresses, English under /en/.

A page's English version is its Wagtail translation (same translation key, English locale). A page
not yet translated is still reachable under /en/ at its Danish path (the English front page falls
back to the Danish tree), shown with the English interface around its Danish text.
"""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, override
from wagtail.models import Locale, Page

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


def language_name(language_code):
    """A language's name in that language, as a language switcher shows it."""
    return {"da": "Dansk", "en": "English"}.get(language_code, language_code)


def path_in_language(path, language_code, from_language=None):
    """The same address in another language: /medlemmer/ ↔ /en/medlemmer/. An address no URL pattern
    matches comes back unchanged."""
    with override(from_language or get_language()):
        return translate_url(path, language_code)


def live_translation(page, language_code):
    """The page's published, public version in a language (itself if it is in that language)."""
    if page.locale.language_code == language_code:
        return page
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None
    return Page.objects.live().public().filter(translation_key=page.translation_key, locale=locale).first()


def home_url(language_code):
    return path_in_language("/", language_code, DEFAULT_LANGUAGE)


def url_in_language(request, page, language_code):
    """Where the language switcher leads: the page's translation when there is one; for a Danish page
    without one, its English address (same text, English interface); otherwise the language's front
    page. Views that are not pages keep their path (and query)."""
    if not isinstance(page, Page):
        return path_in_language(request.get_full_path(), language_code)
    translation = live_translation(page, language_code)
    if translation is not None and translation.pk != page.pk:
        return translation.url
    if translation is not None or page.locale.language_code == DEFAULT_LANGUAGE:
        # The same page at the other language's address (a Danish page is served under /en/ too).
        return path_in_language(request.get_full_path(), language_code)
    return home_url(language_code)


def alternates(request, page):
    """(language, absolute address) of each published version of a translated page, for
    <link rel="alternate" hreflang>."""
    if not isinstance(page, Page):
        return []
    versions = (
        Page.objects.live().public().filter(translation_key=page.translation_key).select_related("locale")
    )
    if len(versions) < 2:
        return []
    return [(version.locale.language_code, request.build_absolute_uri(version.url)) for version in versions]


def localized_path(path):
    """A path of the Danish site as the active language's visitors reach it (/produkter/ becomes
    /en/produkter/ in English), so links from English pages keep the visitor in English."""
    language = get_language()
    if language == DEFAULT_LANGUAGE or not path or not path.startswith("/"):
        return path
    return path_in_language(path, language, DEFAULT_LANGUAGE)
