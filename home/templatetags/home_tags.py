"""The front page's counts and sections, which each module adds through hooks (HomePage.counts_and_sections).
They are the same for every visitor and cost most of the page, so they are a cached part (as fresh as a
cached page; the next events move on with the clock, so briefly)."""

from django import template

from os2site.page_cache import CLOCK_BOUND_SECONDS, cached_part

register = template.Library()


@register.simple_tag(takes_context=True)
def home_sections(context):
    """{"counts": [...], "sections": [...]} of the front page in the context."""
    request, page = context.get("request"), context["page"]

    def build():
        return page.counts_and_sections(request)

    if request is None:
        return build()
    return cached_part(request, "home-sections", [page.pk], build, CLOCK_BOUND_SECONDS)
