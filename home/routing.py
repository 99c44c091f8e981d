"""Routing a request to its page in two queries, however deep the page lies.

Wagtail walks the tree one level at a time, with two queries per level (the child by its slug, then
the child in its own type). Here one query finds every page along the path by its `url_path` and a
second loads the page that answers in its own type. A page on the way that routes differently (a
routable page whose own sub-URLs match the rest of the path, or any page with its own `route`) is
handed the rest of the path exactly as Wagtail would, so the result is the same.

A page not found then asks Wagtail's redirects only when one of them could match (RedirectMiddleware).
"""

from urllib.parse import urlparse

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils.encoding import uri_to_iri
from wagtail.contrib.redirects import middleware as redirects
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from os2site.page_cache import cached_part


def route(root, request, components):
    prefixes = [root.url_path + "/".join(components[:depth]) + "/" for depth in range(1, len(components) + 1)]
    found = {
        row["url_path"]: row
        # The slugs narrow it down by their index (Wagtail's url_path has none).
        for row in Page.objects.filter(
            slug__in=set(components), url_path__in=prefixes, path__startswith=root.path
        ).values("pk", "url_path", "content_type_id", "live")
    }
    for depth, prefix in enumerate(prefixes, start=1):
        row = found.get(prefix)
        if row is None:
            raise Http404
        model = ContentType.objects.get_for_id(row["content_type_id"]).model_class()
        if model is None:
            return Page.route(root, request, components)
        remaining = components[depth:]
        if not remaining or routes_itself(model, row["live"], remaining):
            page = model.objects.get(pk=row["pk"])
            return page.route(request, remaining)
    raise Http404


def routes_itself(model, live, remaining):
    """Whether a page of this model takes the rest of the path itself rather than passing it to a
    child (Wagtail's own rule: a live routable page tries its sub-URLs first)."""
    if model.route is Page.route:
        return False
    if model.route is RoutablePageMixin.route:
        if not live:
            return False
        try:
            model.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except Http404:
            return False
        return True
    return True


class RedirectMiddleware(redirects.RedirectMiddleware):
    """Wagtail's redirects, without a query for every page not found: the old paths of every redirect
    are a cached part (see os2site.page_cache), and Wagtail looks one up only when the path is among
    them, in any of the forms it tries (as requested, decoded, without its query string)."""

    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        candidates = {path, uri_to_iri(path), urlparse(path).path, uri_to_iri(urlparse(path).path)}
        old_paths = cached_part(request, "redirects", [], redirect_old_paths)
        if old_paths.isdisjoint(candidates):
            return response
        return super().process_response(request, response)


def redirect_old_paths():
    return set(Redirect.objects.values_list("old_path", flat=True))
