"""Wagtail's redirects, asked only when one of them could match: a page not found (a mistyped address,
a bot probing for files) then costs no query for the redirects."""

from urllib.parse import urlparse

from django.utils.encoding import uri_to_iri
from wagtail.contrib.redirects import middleware as redirects
from wagtail.contrib.redirects.models import Redirect

from os2site.page_cache import cached_part


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
