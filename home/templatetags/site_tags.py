"""Small helpers used by `base.html` and the components (the navigation is in navigation_tags)."""

from django import template
<<<<<<< HEAD
=======
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
>>>>>>> main
from django.utils.html import format_html
from django.utils.translation import get_language
<<<<<<< HEAD
from wagtail.models import Page
=======
from django.utils.translation import gettext as _
from wagtail.models import Page, Site
>>>>>>> main

from home import formatting, i18n, seo
from home.forms import widget_classes, with_design_system_classes
from home.models import heading_anchor

register = template.Library()


@register.simple_tag(takes_context=True)
<<<<<<< HEAD
=======
def main_menu(context):
    """The Danish front page's menu pages; in another language each one's translation, or (not yet
    translated) the Danish page at its address in that language, marked as Danish. Every page shares
    it, so it is a cached part; it differs only in which menu page holds the current page."""
    request = context.get("request")
    current = context.get("page")
    current_path = current.url_path if isinstance(current, Page) else ""
    # Menu pages are the front page's children: /home/produkter/ holds /home/produkter/os2mo/.
    section = "/".join(current_path.split("/")[:3]) + "/" if current_path.count("/") > 2 else ""

    def render():
        language = get_language()
        if language == i18n.DEFAULT_LANGUAGE:
            items = [{**item, "lang": ""} for item in menu_pages(request)]
        else:
            items = translated_menu(request, language)
        for item in items:
            item["active"] = current_path.startswith(item["url_path"])
            item["current"] = current_path == item["url_path"]
        # The sections that are views, not pages, come after the products (or first, if none).
        after = next(
            (i + 1 for i, item in enumerate(items) if item["url"].rstrip("/").endswith("/produkter")), 0
        )
        items[after:after] = [
            {
                "title": title,
                "url": url,
                "lang": "",
                "active": url == view_section,
                "current": url == request_path,
            }
            for title, url in view_sections()
        ]
        return render_to_string("navigation/main_menu.html", {"items": items, "request": request})

    request_path = request.path if request is not None else ""
    view_section = next((url for _title, url in view_sections() if request_path.startswith(url)), "")
    if request is None:
        return mark_safe(render())  # noqa: S308 - rendered by the template engine, which escapes
    key = [section, section == current_path, view_section, view_section == request_path]
    return mark_safe(cached_part(request, "main-menu", key, render))  # noqa: S308


def view_sections():
    """The main menu's sections that are Django views, not pages: the member directory and the ideas
    (title and address in the active language)."""
    return [(_("Medlemmer"), reverse("directory")), (_("Idéer"), reverse("idea_list"))]


@register.simple_tag(takes_context=True)
def footer(context):
    """The footer with the site settings: the same on every page, so a cached part."""
    request = context.get("request")

    def render():
        site_settings = SiteSettings.load(request_or_site=request)
        return render_to_string(
            "navigation/footer.html", {"site_settings": site_settings, "request": request}
        )

    if request is None:
        return mark_safe(render())  # noqa: S308 - rendered by the template engine, which escapes
    return mark_safe(cached_part(request, "footer", [], render))  # noqa: S308


def menu_pages(request):
    """The main menu as title, url_path and url of each page, from the cached navigation if the request
    has it (see home.navigation)."""
    if request is None:
        return []
    navigation = getattr(request, "navigation", None)
    if navigation is not None:
        return navigation["menu"]
    site = Site.find_for_request(request)
    if site is None:
        return []
    pages = site.root_page.get_children().live().public().in_menu().only("title", "url_path")
    return [{"title": page.title, "url_path": page.url_path, "url": page.get_url(request)} for page in pages]


def translated_menu(request, language):
    """Each menu page's translation into `language`, or (not yet translated) the Danish page at its
    address in that language, marked as Danish."""
    site = Site.find_for_request(request) if request else None
    pages = list(site.root_page.get_children().live().public().in_menu()) if site else []
    translations = i18n.translations_in(pages, language)
    items = []
    for page in pages:
        translation = translations.get(page.translation_key)
        shown = translation or page
        items.append(
            {
                "title": shown.title,
                "url_path": shown.url_path,
                "url": translation.url if translation else i18n.localized_path(page.url),
                "lang": "" if translation else i18n.DEFAULT_LANGUAGE,
            }
        )
    return items


@register.inclusion_tag("navigation/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the other languages: the current page's translation, else the same address in that
    language, else its front page. Plain links, so it works without JavaScript."""
    request = context.get("request")
    language = get_language()
    links = [
        {
            "code": code,
            "name": i18n.language_name(code),
            "url": i18n.url_in_language(request, context.get("page"), code) if request else "/",
        }
        for code, _name in settings.LANGUAGES
        if code != language
    ]
    return {"links": links}


@register.simple_tag(takes_context=True)
>>>>>>> main
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


<<<<<<< HEAD
=======
@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """The way from the front page to this page. Every visitor of a page gets the same, so it is a cached
    part (see os2site.page_cache), except in a preview, whose title may be a draft's."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or page.depth <= 2:
        return ""

    def render():
        ancestors = list(
            page.get_ancestors().filter(depth__gte=2).only("title", "url_path", "translation_key")
        )
        # A Danish page shown with another language's interface: its title is marked as Danish, and so are
        # its ancestors' (in the same language's tree) unless translated (/en/produkter/ is "Products").
        page_language = i18n.page_language(request, page)
        language = get_language()
        content_lang = page_language if page_language != language else ""
        translations = i18n.translations_in(ancestors[1:], language) if content_lang else {}
        crumbs = []
        for ancestor in ancestors:
            translation = translations.get(ancestor.translation_key)
            shown = translation or ancestor
            crumbs.append(
                {
                    "title": shown.title,
                    "url": translation.url if translation else i18n.localized_path(ancestor.url),
                    "lang": "" if translation else content_lang,
                }
            )
        return render_to_string(
            "navigation/breadcrumbs.html",
            {"crumbs": crumbs, "page": page, "request": request, "content_lang": content_lang},
        )

    if request is None or getattr(request, "is_preview", False):
        return mark_safe(render())  # noqa: S308 - rendered by the template engine, which escapes
    return mark_safe(cached_part(request, "breadcrumbs", [page.pk], render))  # noqa: S308


>>>>>>> main
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
        written_in = i18n.page_language(context.get("request"), obj)
    return i18n.text_in_language(obj, name, written_in)


@register.filter
def lang_attribute(language):
    """` lang="da"` for text in another language than the page's; nothing otherwise."""
    return format_html(' lang="{}"', language) if language else ""
