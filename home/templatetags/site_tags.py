"""Navigation and small helpers used by `base.html` and the components."""

from django import template
from wagtail.models import Page, Site

from home.forms import with_design_system_classes
from home.models import heading_anchor

register = template.Library()


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    current = context.get("page")
    current_path = current.url_path if isinstance(current, Page) else ""
    items = [
        {
            **item,
            "active": current_path.startswith(item["url_path"]),
            "current": current_path == item["url_path"],
        }
        for item in menu_pages(request)
    ]
    return {"items": items, "request": request}


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


@register.inclusion_tag("navigation/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "page": page}
    ancestors = page.get_ancestors().filter(depth__gte=2).only("title", "url_path")
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.filter
def anchor(text):
    """The id of a heading, shared by the heading itself and the table of contents."""
    return heading_anchor(text)


@register.filter
def design_system(form):
    """The form with the design system's classes on its widgets (see components/form.html)."""
    return with_design_system_classes(form)
