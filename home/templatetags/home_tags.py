"""The front page's counts and sections, which each module adds through hooks (HomePage.counts_and_sections).
They are the same for every visitor and cost most of the page, so they are a cached part (as fresh as a
cached page; the next events move on with the clock, so briefly)."""

import hashlib
import logging

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.images.models import AbstractImage

from os2site.caches import pages as cache
from os2site.page_cache import CLOCK_BOUND_SECONDS, cached_part, part_generation, templates_digest

logger = logging.getLogger(__name__)
register = template.Library()

# The templates a section is made of: a change to either (a new release) makes every section new.
SECTION_TEMPLATES = ["components/card_section.html", "components/card.html"]
SECTION_PREFIX = "home-section:v1:"
# A section is found by everything it shows (section_key), so a change shows at once; an hour bounds
# what a translation changed in a new release leaves behind.
SECTION_SECONDS = 3600


@register.simple_tag(takes_context=True)
def home_sections(context):
    """{"counts": [...], "sections": [...]} of the front page in the context, each section with its
    rendered HTML (`html`)."""
    request, page = context.get("request"), context["page"]

    def build():
        found = page.counts_and_sections(request)
        return {**found, "sections": with_html(request, found["sections"])}

    if request is None:
        return build()
    return cached_part(request, "home-sections", [page.pk], build, CLOCK_BOUND_SECONDS)


def with_html(request, sections):
    """The sections, each with its HTML (components/card_section.html), from the cache where a section
    showing the same was rendered before. After an editorial change every section is read again, but
    most show what they showed before (a news item published changes the news, not the products or the
    members): those are not rendered again. A request the page cache leaves alone (a host of the
    client's choosing, the cache down) stores nothing, as with cached parts."""
    keys = [section_key(request, section) for section in sections]
    storing = part_generation(request) is not None
    try:
        found = cache.get_many(keys) if storing else {}
    except Exception as error:  # noqa: BLE001 - the cache down: render them all
        logger.warning("Could not read the front page's cached sections: %s", error)
        found = {}
    rendered = {}
    for key, section in zip(keys, sections, strict=True):
        if key not in found:
            rendered[key] = render_to_string("components/card_section.html", {"section": section})
    if rendered and storing:
        try:
            cache.set_many(rendered, SECTION_SECONDS)
        except Exception as error:  # noqa: BLE001 - not kept this time
            logger.warning("Could not cache the front page's sections: %s", error)
    return [
        {**section, "html": mark_safe(found.get(key) or rendered[key])}  # noqa: S308 - rendered by the template engine
        for key, section in zip(keys, sections, strict=True)
    ]


def section_key(request, section):
    """The cache key of a section's HTML: a digest of everything it shows (heading, link, and each
    card's texts, address, language and image) and of what it is shown in (host, language, templates)."""
    identity = (
        request.get_host() if request is not None else "",
        get_language() or "",
        templates_digest(*SECTION_TEMPLATES),
        shown(section),
    )
    return SECTION_PREFIX + hashlib.sha256(repr(identity).encode()).hexdigest()


def shown(value):
    """What a section's value shows, as plain data to digest. Text is kept with its type, since
    a str is escaped and rendered HTML (SafeString) is not; an image by what its renditions are made
    from (a replaced file or a moved focal point gives new ones)."""
    if isinstance(value, dict):
        return tuple(sorted((name, shown(item)) for name, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(shown(item) for item in value)
    if isinstance(value, AbstractImage):
        return (
            "image",
            value.pk,
            value.file.name,
            value.width,
            value.height,
            value.focal_point_x,
            value.focal_point_y,
            value.focal_point_width,
            value.focal_point_height,
        )
    return (type(value).__name__, str(value), getattr(value, "lang", None))
