"""Small helpers used by `base.html` and the components (the navigation is in navigation_tags)."""

from django import template
from django.utils.translation import get_language

from home import i18n, seo
from home.forms import widget_classes, with_design_system_classes
from home.models import heading_anchor

register = template.Library()


@register.simple_tag(takes_context=True)
def page_alternates(context):
    """The published language versions of the current page, for <link rel="alternate" hreflang>."""
    request = context.get("request")
    return i18n.alternates(request, context.get("page")) if request else []


@register.simple_tag
def home_url():
    return i18n.home_url(get_language())


@register.filter
def localized_path(path):
    return i18n.localized_path(path)


@register.simple_tag(takes_context=True)
def localized_page(context, page):
    """The page's published translation into the active language, else the page itself."""
    language = get_language()
    if page is None or language == i18n.DEFAULT_LANGUAGE:
        return page
    return i18n.page_versions(context.get("request"), page).get(language, page)


@register.filter
def anchor(text):
    """The id of a heading, shared by the heading itself and the table of contents."""
    return heading_anchor(text)


@register.filter
def design_system(form):
    """The form with the design system's classes on its widgets (see components/form.html)."""
    return with_design_system_classes(form)


@register.filter
def design_system_widget(field):
    """A bound field's widget with its design-system class, for forms rendered field by field (see
    components/form_field.html)."""
    classes = widget_classes(field.field)
    return field.as_widget(attrs={"class": classes}) if classes else field.as_widget()


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Title, description, canonical address and link-preview image of the page (see home.seo)."""
    return seo.meta(context)


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page subject's schema.org description as JSON-LD, if it has one."""
    data = seo.structured_data(context)
    return seo.json_ld(data) if data else ""
