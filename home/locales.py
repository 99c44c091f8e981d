"""What many pages ask the database for and that changes only with an editor's change: the content
languages' locales (the listings, the search, the sections) and where the private sections are (every
page served checks its view restrictions). Read once per page cache generation (os2site.page_cache),
so they are as fresh as a cached page, instead of once per question."""

import contextlib
import time

from django.conf import settings
from django.db.models import IntegerField, Q, Value
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from os2site import page_cache
from os2site.caches import pages as cache

CACHE_KEY = "os2site-site-facts"
# At most this long if a change reaches no generation (one made by hand in the database).
CACHE_SECONDS = 600

# The facts this process last found: (generation, facts, when found). A page asks for them many times
# (its routing, each listing and part that filters its pages), so while the generation is the same they
# are taken from here rather than read and unpickled from the pages cache each time.
_last = None


def active_locale():
    """The active language's locale, or the default one when that language has none, as
    `Locale.get_active()` finds it."""
    try:
        return _facts()["locales"][get_supported_content_language_variant(get_language())]
    except (KeyError, LookupError):
        return default_locale()


def default_locale():
    """The default language's locale, as `Locale.get_default()` finds it."""
    locale = _facts()["locales"].get(get_supported_content_language_variant(settings.LANGUAGE_CODE))
    return locale or Locale.get_default()


def locale_code(locale_id):
    """The language code of the locale with this id, or None if there is none."""
    return _facts()["codes"].get(locale_id)


def may_be_restricted(page):
    """False when no view restriction can apply to the page: it lies in no private section (a page with
    a view restriction and its descendants), and no page is an alias, whose original's restrictions
    would count. Else True, and Wagtail reads the restrictions."""
    facts = _facts()
    if facts["has_aliases"]:
        return True
    return any(page.path.startswith(path) for path in facts["restricted"])


def public_pages(pages):
    """`pages.public()` (Wagtail's rule: outside every private section) with the private sections read
    once per generation instead of once per queryset: the parts a page is built from after a change
    each filter their pages this way without a query for the restrictions."""
    private = Q()
    for path in _facts()["restricted"]:
        private |= Q(path__startswith=path)
    return pages.exclude(private) if private else pages


def _facts():
    """The locales and private sections as found under the current generation: this process's copy, else
    the pages cache's when it can be read (it only saves time), else the database's."""
    global _last  # noqa: PLW0603 - the process's copy, replaced whole (see _last)
    try:
        generation = page_cache.current_generation()
    except Exception:  # noqa: BLE001 - the cache down: ask the database
        generation = None
    last = _last
    recent = last is not None and time.monotonic() - last[2] < CACHE_SECONDS
    if recent and generation is not None and last[0] == generation:
        return last[1]
    try:
        stored = cache.get(CACHE_KEY) if generation is not None else None
    except Exception:  # noqa: BLE001 - the cache down: ask the database
        generation = stored = None
    if stored is not None and stored[0] == generation:
        _last = (generation, stored[1], time.monotonic())
        return stored[1]
    # The private sections and aliases (both decide whether a page may be restricted) and the locales,
    # in one query: a row is a page's (path, restriction, alias) or a locale's (code, id, None).
    special = Page.objects.filter(Q(view_restrictions__isnull=False) | Q(alias_of__isnull=False))
    rows = (
        special.annotate(kind=Value("page"))
        .values_list("kind", "path", "view_restrictions", "alias_of")
        .order_by()
        .union(
            Locale.objects.annotate(kind=Value("locale"), none=Value(None, IntegerField()))
            .values_list("kind", "language_code", "id", "none")
            .order_by(),
            all=True,
        )
    )
    pages, locales = [], {}
    for kind, *row in rows:
        if kind == "page":
            pages.append(row)
        else:
            code, pk, _none = row
            locales[code] = Locale.from_db(rows.db, ["id", "language_code"], [pk, code])
    facts = {
        "locales": dict(sorted(locales.items())),
        "codes": {locale.pk: code for code, locale in locales.items()},
        "restricted": sorted({path for path, restriction, _alias in pages if restriction}),
        "has_aliases": any(alias for *_rest, alias in pages),
    }
    if generation is not None:
        _last = (generation, facts, time.monotonic())
        # Not kept this time if the cache is down; asked again next time.
        with contextlib.suppress(Exception):
            cache.set(CACHE_KEY, (generation, facts), CACHE_SECONDS)
    return facts
