"""The addresses of the site's sections (the catalogue, the events, the news) for links to "see all".
The menu, the footer and the breadcrumbs are template tags (home/templatetags/navigation_tags.py)."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import get_language
from wagtail.models import Page

from os2site.page_cache import cached_part

from .i18n import localized_path
from .locales import active_locale, default_locale
from .models import SectionIndexPage


def section_url(request, model):
    """The URL of a section's index page (a `home.models.SectionIndexPage`, such as /arrangementer/) in
    the visitor's language, else the default language's page at its address in the visitor's language.
    Many pages link to the same sections, so all of them are found together (one query) and kept with
    the shared parts of pages."""
    if request is None:
        return section_urls(None).get(model._meta.label)
    found = request.__dict__.setdefault("_section_urls", {})
    language = get_language()
    if language not in found:
        found[language] = cached_part(request, "section-urls", [language], lambda: section_urls(request))
    return found[language].get(model._meta.label)


def section_urls(request):
    """{model label: URL} of every section's index page, each as `SectionIndexPage.in_active_language()`
    finds it (the live page in the visitor's language, else the default language's), in one query for
    all sections rather than one per section."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, SectionIndexPage) and not model._meta.abstract
    ]
    content_types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
    labels = {content_types[model].pk: model._meta.label for model in models}
    active, default = active_locale(), default_locale()
    pages = (
        Page.objects.live()
        .filter(content_type__in=labels, locale__in={active.pk, default.pk})
        .order_by("path")
        .only("url_path", "locale_id", "content_type_id")
    )
    by_language = {}
    for page in pages:
        by_language.setdefault(labels[page.content_type_id], {})[page.locale_id] = page
    urls = {}
    for label, versions in by_language.items():
        page = versions.get(active.pk) or versions.get(default.pk)
        urls[label] = localized_path(page.get_url(request))
    return urls
