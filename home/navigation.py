"""The addresses of the site's sections (the catalogue, the events, the news) for links to "see all".
The menu, the footer and the breadcrumbs are template tags (home/templatetags/navigation_tags.py)."""

from django.utils.translation import get_language

from os2site.page_cache import cached_part

from .i18n import localized_path


def section_url(request, model):
    """The URL of a section's index page (a `home.models.SectionIndexPage`, such as /arrangementer/) in
    the visitor's language, else the default language's page at its address in the visitor's language.
    Many pages link to the same sections, so it is kept with the shared parts of pages."""

    def find():
        page = model.in_active_language()
        return localized_path(page.get_url(request)) if page else None

    if request is None:
        return find()
    return cached_part(request, "section-url", [model._meta.label, get_language()], find)
