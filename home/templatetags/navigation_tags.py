"""The site's navigation, as template tags every page uses (the shape of Wagtail's bakerydemo): the main
menu, the footer, the breadcrumbs and the language switcher. What every visitor of a page gets alike is
a cached part (os2site.page_cache.cached_part), kept under the page cache's generation."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from home import i18n
from home.locales import public_pages
from home.models import SiteSettings
from os2site.page_cache import cached_part

register = template.Library()


@register.simple_tag(takes_context=True)
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
    """The main menu as title, url_path and url of each page."""
    if request is None:
        return []
    site = Site.find_for_request(request)
    if site is None:
        return []
    # The private sections as read once per generation (home.locales), not once more for the menu.
    pages = public_pages(site.root_page.get_children().live().in_menu()).only("title", "url_path")
    return [{"title": page.title, "url_path": page.url_path, "url": page.get_url(request)} for page in pages]


def translated_menu(request, language):
    """Each menu page's translation into `language`, or (not yet translated) the Danish page at its
    address in that language, marked as Danish."""
    site = Site.find_for_request(request) if request else None
    pages = list(public_pages(site.root_page.get_children().live().in_menu())) if site else []
    translations = i18n.translations_in(pages, language)
    items = []
    for page in pages:
        translation = translations.get(page.translation_key)
        shown = translation or page
        items.append(
            {
                "title": shown.title,
                "url_path": shown.url_path,
                "url": translation.get_url(request)
                if translation
                else i18n.localized_path(page.get_url(request)),
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


def ancestors_below_root(page):
    """A page's ancestors from the front page down. Wagtail's routing read them on its way to the page
    and keeps each page's parent on it (as treebeard's `get_parent` uses it), so a routed page's are
    taken from there; any other page's (a preview, a page rendered without routing) are read."""
    chain = []
    current = page
    while current.depth > 2:
        parent = current.__dict__.get("_cached_parent_obj")
        if parent is None:
            return list(
                page.get_ancestors().filter(depth__gte=2).only("title", "url_path", "translation_key")
            )
        chain.append(parent)
        current = parent
    return chain[::-1]


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """The way from the front page to this page. Every visitor of a page gets the same, so it is a cached
    part (see os2site.page_cache), except in a preview, whose title may be a draft's."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or page.depth <= 2:
        return ""

    def render():
        ancestors = ancestors_below_root(page)
        # A Danish page shown with another language's interface: its title is marked as Danish, and so are
        # its ancestors' (in the same language's tree) unless translated (/en/produkter/ is "Products").
        page_language = i18n.language_of(page)
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
                    "url": translation.get_url(request)
                    if translation
                    else i18n.localized_path(ancestor.get_url(request)),
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
