"""The three places the site reaches into Wagtail's internals, kept here so an upgrade knows where to look.

1. `PageQuerySet.private_q`, which `.public()` uses, is replaced.

Wagtail's `.public()` reads every view restriction from the database each time it is called, and a
public page calls it several times (the listing, the related news and events, the language versions).
During a public request the private sections are already known from the cached navigation bundle
(home.navigation), so they are used instead: the same rule (a page with a view restriction and all its
descendants are private), without a query. Outside a public request (the admin, management commands,
tasks) Wagtail's own method runs.

Removing it was measured (docs/performance.md): the news list in English rose from 15 to 18 queries,
a page not found from 1 to 5 with the site lookup, and the restrictions were read up to three times on
one page.

2. The request's Wagtail site is handed over from the cached navigation bundle in `request._wagtail_site`,
where `Site.find_for_request` looks first (`give_wagtail_the_site`), so a cached request asks no query for
its site; without it a page not found took 5 queries instead of 1.

3. The sites' root paths, which every page address is made from, come from the same bundle: handed over
in `request._wagtail_cached_site_root_paths`, where `Page.get_url(request)` looks first
(`give_wagtail_the_root_paths`), and `Site.get_site_root_paths`, which a page's `url` asks, is replaced
to answer from the bundle during a public request. Wagtail keeps them in Django's default cache, which
here holds the rate limits: the database unless LIMITS_CACHE_URL names a Redis, so each rendered page
asked the database for them at least once.

`tests/home/test_wagtail_patches.py` fails if Wagtail's `.public()` stops going through `private_q`, its
rule changes, `Site.find_for_request` stops looking at `request._wagtail_site`, or page addresses stop
being made from `request._wagtail_cached_site_root_paths`.
"""

import contextvars

from django.db.models import Q
from wagtail.models import Site
from wagtail.query import PageQuerySet

# The navigation bundle of the public request being served, if any (set by home.navigation).
request_bundle = contextvars.ContextVar("navigation", default=None)

wagtail_private_q = PageQuerySet.private_q


def private_q(self):
    bundle = request_bundle.get()
    if bundle is None:
        return wagtail_private_q(self)
    return private_sections_q(bundle["restricted"])


def private_sections_q(restricted):
    """Wagtail's rule for the private sections [(path, depth)]: each restricted page and its descendants."""
    q = Q()
    for path, depth in restricted:
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


PageQuerySet.private_q = private_q


def give_wagtail_the_site(request, site):
    request._wagtail_site = site


def give_wagtail_the_root_paths(request, root_paths):
    request._wagtail_cached_site_root_paths = root_paths


wagtail_site_root_paths = Site.get_site_root_paths


def site_root_paths():
    # A bundle still to be built (a lazy object, the first request after a change) is not built here:
    # building it asks for the root paths.
    bundle = request_bundle.get()
    if type(bundle) is dict and "root_paths" in bundle:
        return bundle["root_paths"]
    return wagtail_site_root_paths()


Site.get_site_root_paths = staticmethod(site_root_paths)
