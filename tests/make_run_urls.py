"""The site's addresses plus the media folder served at MEDIA_URL, as `make run` (DEBUG) serves it: what
anyone can fetch from a demo or a server that serves the media folder."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from os2site.urls import urlpatterns as site

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site,
]
