"""What every public page needs before its own content: the Wagtail site with its root page, the main
menu, the site settings and where the private sections are. Without help that is half a dozen queries
per request (a 404 included), and Wagtail's `.public()` asks again for the view restrictions each time
it is used. So they are read once into one cached bundle per host, kept under the page cache's
generation (os2site.page_cache), so any change that can show on a page drops it too; the page itself
and everything on it are never cached here.
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http.request import split_domain_port
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site
from wagtail.views import serve as wagtail_serve

from os2site import page_cache
from os2site.caches import pages as cache

from .i18n import localized_path
from .models import SiteSettings
from .wagtail_patches import (
    give_wagtail_the_root_paths,
    private_sections_q,
    request_bundle,
    wagtail_site_root_paths,
)

logger = logging.getLogger(__name__)

CACHE_KEY = "os2site-navigation"
# How long a bundle may live even if no change reaches the cache (say, a change made by hand in the
# database); changes made through the site start a new page cache generation, which drops it at once.
CACHE_SECONDS = 600

# The bundle of the public request being served, if any.
_current = request_bundle


def host_key(request):
    return f"{split_domain_port(request._get_raw_host())[0]}:{request.get_port()}"


def cached_state(request):
    """(generation, {host: bundle}). The bundles are kept with the page cache generation they were built
    in, and only that generation's count; (None, {}) when the cache cannot be reached (it only saves
    time)."""
    generation = page_cache.request_generation(request)
    if generation is None:
        return None, {}
    try:
        stored = cache.get(CACHE_KEY)
    except Exception as error:  # noqa: BLE001 - any cache failure means: build it afresh
        logger.warning("Could not read the cached navigation: %s", error)
        return None, {}
    if generation is None or stored is None or stored[0] != generation:
        return generation, {}
    return generation, stored[1]


def store(request, generation, bundles):
    """Builds the request's host's bundle and caches it with the others of `generation`."""
    bundle = bundles[host_key(request)] = build(request)
    if generation is not None:
        try:
            cache.set(CACHE_KEY, (generation, bundles), CACHE_SECONDS)
        except Exception as error:  # noqa: BLE001
            logger.warning("Could not cache the navigation: %s", error)
    return bundle


def build(request):
    site = Site.find_for_request(request)
    # Private sections and aliases in one query: both decide whether a page may be restricted.
    special = Page.objects.filter(Q(view_restrictions__isnull=False) | Q(alias_of__isnull=False))
    special = list(special.values_list("path", "depth", "view_restrictions", "alias_of"))
    restricted = sorted({(path, depth) for path, depth, restriction, _alias in special if restriction})
    bundle = {"site": site, "menu": [], "settings": None, "restricted": restricted}
    if site is None:
        return bundle
    # Every page address is made from these (Wagtail keeps them in the rate limits' store).
    bundle["root_paths"] = wagtail_site_root_paths()
    give_wagtail_the_root_paths(request, bundle["root_paths"])
    # Every content language's locale, so the active one is known without a query (home.locales).
    bundle["locales"] = {locale.language_code: locale for locale in Locale.objects.all()}
    # The root page in its specific type, so routing a request starts without a query.
    site.root_page = site.root_page.specific
    # With its locale, so routing knows the front page's language without a query (HomePage.localized).
    site.root_page.locale = next(
        locale for locale in bundle["locales"].values() if locale.pk == site.root_page.locale_id
    )
    bundle["has_aliases"] = any(alias for *_rest, alias in special)
    # The root page's children and, in the same query, those of its translations (the English front
    # page's), which lie at the same depth.
    top_level = (
        Page.objects.live().filter(depth=site.root_page.depth + 1).exclude(private_sections_q(restricted))
    )
    top_level = top_level.only(
        "title", "url_path", "path", "depth", "show_in_menus", "content_type", "translation_key", "locale"
    ).order_by("path")
    children = [page for page in top_level if page.path.startswith(site.root_page.path)]
    bundle["menu"] = []
    # {content type: {language: URL}} of the first top-level page of each type and its translations.
    bundle["sections"] = {}
    section_types = {}
    for page in children:
        url = page.get_url(request)
        if page.show_in_menus:
            bundle["menu"].append({"title": page.title, "url_path": page.url_path, "url": url})
        if page.content_type_id not in bundle["sections"]:
            bundle["sections"][page.content_type_id] = {site.root_page.locale.language_code: url}
            section_types[page.translation_key] = page.content_type_id
    languages = {locale.pk: language for language, locale in bundle["locales"].items()}
    for page in top_level:
        if page.translation_key in section_types and page.locale_id != site.root_page.locale_id:
            urls = bundle["sections"][section_types[page.translation_key]]
            urls.setdefault(languages.get(page.locale_id), page.get_url(request))
    # With the accessibility statement's page, which the footer links to.
    bundle["settings"] = SiteSettings.base_queryset().select_related("accessibility_page").first()
    return bundle


class NavigationMiddleware:
    """Hands the cached bundle to Wagtail (site, site settings) and to `.public()` for one request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The admin has its own navigation, and the health check must not depend on the cache.
        if request.method not in ("GET", "HEAD") or request.path_info.startswith(
            (*admin_prefixes(), "/healthz/")
        ):
            return self.get_response(request)
        # Another host (say, another port) gets its navigation and parts built, not stored.
        if page_cache.is_configured_host(request):
            generation, bundles = cached_state(request)
        else:
            generation, bundles = None, {}
        # Parts shared by many pages are stored under the same generation (page_cache.cached_part).
        request.cache_generation = generation
        bundle = bundles.get(host_key(request))
        if bundle is not None:
            hand_to_wagtail(request, bundle)
        else:
            # Built when something asks for it (a JSON answer needs no menu), and at the latest before
            # Wagtail serves a page (process_view).
            request.navigation = SimpleLazyObject(
                lambda: hand_to_wagtail(request, store(request, generation, bundles))
            )
        token = _current.set(request.navigation)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Builds a missing bundle before Wagtail looks for the site, the front page and the settings,
        which then come from it: the first page after a change asks for each once."""
        if view_func is wagtail_serve and hasattr(request, "navigation"):
            request.navigation["site"]  # noqa: B018 - evaluates the lazy bundle


def hand_to_wagtail(request, bundle):
    """The request's site, site settings and the sites' root paths from `bundle`, where Wagtail looks for
    them first."""
    request._wagtail_site = bundle["site"]
    if "root_paths" in bundle:
        give_wagtail_the_root_paths(request, bundle["root_paths"])
    if bundle["settings"] is not None:
        setattr(request, SiteSettings.get_cache_attr_name(), bundle["settings"])
    request.navigation = bundle
    # For the rest of the request, the bundle itself rather than the lazy object that built it, so the
    # root paths (home.wagtail_patches) come from it too.
    _current.set(bundle)
    return bundle


def section_url(request, model):
    """The URL of a section's index page (a `home.models.SectionIndexPage`, such as /arrangementer/) in
    the visitor's language, else the default language's page at its address in the visitor's language:
    from the navigation when it is a top-level page, else asked of the database."""
    navigation = getattr(request, "navigation", None) if request is not None else None
    if navigation is not None:
        urls = navigation["sections"].get(ContentType.objects.get_for_model(model).pk)
        if urls is not None:
            default_url = urls[navigation["site"].root_page.locale.language_code]
            return urls.get(get_language()) or localized_path(default_url)
    page = model.in_active_language()
    return localized_path(page.get_url(request)) if page else None


def admin_prefixes():
    return settings.ADMIN_URL_PREFIXES
