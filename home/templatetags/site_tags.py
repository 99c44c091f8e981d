"""Small helpers used by `base.html` and the components (the navigation is in navigation_tags)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from wagtail.models import Page

from home import formatting, i18n, seo
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


@register.filter
def amount(value):
    """An amount in kroner as the language writes it: "10.000 kr." in Danish, "DKK 10,000" in English."""
    return formatting.amount(value)


@register.filter(expects_localtime=True)
def weekday_date(value):
    """ "tirsdag 9. februar 2027" / "Tuesday 9 February 2027"."""
    return formatting.weekday_date(value)


@register.filter(expects_localtime=True)
def weekday_datetime(value):
    """ "tirsdag 9. februar 2027, kl. 10.00" / "Tuesday 9 February 2027, 10:00"."""
    return formatting.weekday_datetime(value)


@register.simple_tag(takes_context=True)
def content_lang(context, obj=None):
    """The language of a text's source, or "" when it is the visitor's language: for `lang` on the
    title, introduction and body of a page (its own language: "da" for a Danish page under /en/), and
    on what members and editors write in Danish outside pages (ideas, comments, profiles)."""
    obj = obj if obj is not None else context.get("page")
    if isinstance(obj, Page):
        return i18n.content_language(context.get("request"), obj)
    return i18n.DEFAULT_LANGUAGE if get_language() != i18n.DEFAULT_LANGUAGE else ""


@register.simple_tag(takes_context=True)
def in_language(context, obj, name):
    """A field in the visitor's language where the model has it (`tagline_en`), else the field itself
    with its language (see home.i18n.text_in_language). The page shown is in its own language (it may
    be a translation); what a listing shows is the default language's (looked up without a query)."""
    page = context.get("page")
    written_in = i18n.DEFAULT_LANGUAGE
    if isinstance(obj, Page) and isinstance(page, Page) and obj.pk == page.pk:
        written_in = i18n.language_of(obj)
    return i18n.text_in_language(obj, name, written_in)


@register.filter
def lang_attribute(language):
    """` lang="da"` for text in another language than the page's; nothing otherwise."""
    return format_html(' lang="{}"', language) if language else ""
