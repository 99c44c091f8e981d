"""The site's URLs plus /bench/plain/, a plain Django view that the benchmark compares every page with.
Only the benchmark's settings use this module."""

from django.http import HttpResponse
from django.urls import path

from .urls import urlpatterns as site_urlpatterns

PLAIN_HTML = "<!DOCTYPE html><html lang='da'><head><title>OS2</title></head><body><p>OS2</p></body></html>"


def plain(request):
    return HttpResponse(PLAIN_HTML)


urlpatterns = [path("bench/plain/", plain), *site_urlpatterns]
