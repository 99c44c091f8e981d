"""The site's URLs plus /bench/plain/, a plain Django view that the benchmark compares every page with,
and a middleware that lets the benchmark ask for a page as the first request after a change. Only the
benchmark's settings use this module."""

from django.http import HttpResponse
from django.urls import path

from os2site import page_cache
from os2site.urls import urlpatterns as site_urlpatterns

PLAIN_HTML = "<!DOCTYPE html><html lang='da'><head><title>OS2</title></head><body><p>OS2</p></body></html>"


def plain(request):
    return HttpResponse(PLAIN_HTML)


class AfterAChangeMiddleware:
    """A request with the header `X-Bench-After-Change` starts a new page cache generation in the worker
    that answers it before anything else runs, as a change to the content would: the navigation and
    every cached part of a page are built afresh, so it measures the first visit after an edit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "HTTP_X_BENCH_AFTER_CHANGE" in request.META:
            page_cache.invalidate()
        return self.get_response(request)


urlpatterns = [path("bench/plain/", plain), *site_urlpatterns]
