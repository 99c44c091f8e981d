"""Navigation and small helpers used by `base.html` and the components."""

from django import template
from wagtail.models import Page, Site

from home import seo
from home.forms import with_design_system_classes
from home.models import heading_anchor

register = template.Library()


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    current_path = current.url_path if isinstance(current, Page) else ""
    pages = site.root_page.get_children().live().public().in_menu().only("title", "url_path") if site else []
    items = [
        {
            "page": item,
            "active": current_path.startswith(item.url_path),
            "current": current_path == item.url_path,
        }
        for item in pages
    ]
    return {"items": items, "request": request}


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


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Title, description, canonical address and link-preview image of the page (see home.seo)."""
    return seo.meta(context)


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page subject's schema.org description as JSON-LD, if it has one."""
    data = seo.structured_data(context)
    return seo.json_ld(data) if data else ""
