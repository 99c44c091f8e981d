"""Routing a request to its page in two queries, however deep the page lies.

Wagtail walks the tree one level at a time, with two queries per level (the child by its slug, then
the child in its own type). Here one query finds every page along the path by its `url_path` and a
second loads the page that answers in its own type. A page on the way that routes differently (a
routable page whose own sub-URLs match the rest of the path, or any page with its own `route`) is
handed the rest of the path exactly as Wagtail would, so the result is the same.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def route(root, request, components):
    prefixes = [root.url_path + "/".join(components[:depth]) + "/" for depth in range(1, len(components) + 1)]
    found = {
        row["url_path"]: row
        for row in Page.objects.filter(url_path__in=prefixes, path__startswith=root.path).values(
            "pk", "url_path", "content_type_id", "live"
        )
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
