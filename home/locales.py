"""The content languages' locales, which many pages ask for (the listings, the search, the sections),
read once per page cache generation (os2site.page_cache) instead of once per question."""

import contextlib

from django.conf import settings
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from os2site import page_cache
from os2site.caches import pages as cache

CACHE_KEY = "os2site-locales"
# At most this long if a change to the locales reaches no generation (one made by hand in the database).
CACHE_SECONDS = 600


def active_locale():
    """The active language's locale, or the default one when that language has none, as
    `Locale.get_active()` finds it."""
    try:
        return _locales()[get_supported_content_language_variant(get_language())]
    except (KeyError, LookupError):
        return default_locale()


def default_locale():
    """The default language's locale, as `Locale.get_default()` finds it."""
    locale = _locales().get(get_supported_content_language_variant(settings.LANGUAGE_CODE))
    return locale or Locale.get_default()


def _locales():
    """{language code: locale}, from the pages cache under the current generation when it can be read
    (it only saves time), else from the database."""
    try:
        generation = page_cache.current_generation()
        stored = cache.get(CACHE_KEY)
    except Exception:  # noqa: BLE001 - the cache down: ask the database
        generation = stored = None
    if stored is not None and stored[0] == generation:
        return stored[1]
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    if generation is not None:
        # Not kept this time if the cache is down; asked again next time.
        with contextlib.suppress(Exception):
            cache.set(CACHE_KEY, (generation, locales), CACHE_SECONDS)
    return locales
