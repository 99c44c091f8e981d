"""What search engines and link previews read: description, canonical address, Open Graph and Twitter
tags, and schema.org structured data (JSON-LD).

Every page type gets the same tags from `base.html`. The subject of a page is the Wagtail `page` in the
template context, or the `meta_object` a view puts there (an organisation, an idea). A subject may
define `meta_description`, `meta_image` and `structured_data(request)`; what it does not define falls
back to the page's own fields.

Canonical addresses are absolute and carry no query string, with one exception: `?page=` of a listing,
since page 2 of the news is other content than page 1. Filtered listings (the catalogue's filters, the
member directory's facets) point to the unfiltered listing, and search results and filtered directory
pages also say `noindex`, so only the listings themselves are indexed.
"""

import json

from django.conf import settings
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from wagtail.models import Page

DESCRIPTION_LENGTH = 160
# The query parameters that name other content rather than a view of the same content.
CANONICAL_PARAMETERS = ("page",)
SOCIAL_IMAGE_SPEC = "fill-1200x630|format-png"
SOCIAL_LOGO_SPEC = "max-600x600|format-png"


def subject(context):
    """The thing the page is about: a view's `meta_object`, else the Wagtail page (a view's own
    `page` variable, a paginator's page say, is not one)."""
    page = context.get("page")
    return context.get("meta_object") or (page if isinstance(page, Page) else None)


def description(obj):
    """The page's description: the editor's search description, else its introduction or summary."""
    if obj is None:
        return ""
    language = get_language()
    for attribute in ("search_description", "meta_description", "introduction", "tagline", "description"):
        # A field in the visitor's language where the model has one (tagline_en), else the field.
        value = getattr(obj, f"{attribute}_{language}", "") or getattr(obj, attribute, "")
        if value and isinstance(value, str):
            return Truncator(" ".join(value.split())).chars(DESCRIPTION_LENGTH)
    return ""


def title(obj):
    if obj is None:
        return ""
    if isinstance(obj, Page):
        return obj.seo_title or obj.title
    return getattr(obj, "meta_title", None) or str(obj)


def canonical_url(request):
    kept = [(name, value) for name in CANONICAL_PARAMETERS for value in request.GET.getlist(name)[:1]]
    # Page 1 is the listing itself.
    kept = [(name, value) for name, value in kept if not (name == "page" and value in {"", "1"})]
    query = "&".join(f"{name}={value}" for name, value in kept if value.isdigit())
    return request.build_absolute_uri(request.path + (f"?{query}" if query else ""))


def image(obj, request):
    """The page's picture for link previews, as an absolute address with its size."""
    picture = getattr(obj, "meta_image", None) if obj is not None else None
    if picture is None:
        return None
    spec = SOCIAL_LOGO_SPEC if getattr(obj, "meta_image_is_logo", False) else SOCIAL_IMAGE_SPEC
    rendition = picture.get_rendition(spec)
    return {
        "url": request.build_absolute_uri(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": getattr(obj, "meta_image_alt", "") or "",
        # A logo is previewed small and whole; a photo wide.
        "is_logo": getattr(obj, "meta_image_is_logo", False),
    }


def og_type(obj):
    return getattr(obj, "og_type", None) or "website"


def meta(context):
    request = context["request"]
    obj = subject(context)
    return {
        "title": title(obj) or settings.WAGTAIL_SITE_NAME,
        "description": context.get("meta_description") or description(obj),
        "canonical_url": canonical_url(request),
        "image": image(obj, request),
        "type": og_type(obj),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "locale": "da_DK" if context.get("LANGUAGE_CODE", "da").startswith("da") else "en_GB",
    }


def structured_data(context):
    obj = subject(context)
    request = context.get("request")
    if obj is None or request is None or not hasattr(obj, "structured_data"):
        return None
    return obj.structured_data(request)


def json_ld(data):
    """A `<script type="application/ld+json">` block. `<`, `>` and `&` are escaped as JSON unicode
    escapes, so no text an editor types can close the script element."""
    text = json.dumps(data, ensure_ascii=False, default=str, separators=(",", ":"))
    return mark_safe(  # noqa: S308 - escaped above like Django's json_script
        '<script type="application/ld+json">' + text.translate(_json_script_escapes) + "</script>"
    )


def absolute(request, url):
    return request.build_absolute_uri(url) if url else None


def without_empty(data):
    """Drop the keys without a value, so the JSON-LD states only what is known."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def image_url(request, picture, spec=SOCIAL_LOGO_SPEC):
    return request.build_absolute_uri(picture.get_rendition(spec).url) if picture else None


def organisation_reference(request, organisation):
    """A short schema.org Organization naming one of the site's organisations (an organiser, say)."""
    return without_empty(
        {
            "@type": "GovernmentOrganization" if organisation.is_public_authority else "Organization",
            "name": organisation.name,
            "url": absolute(request, organisation.get_absolute_url()),
        }
    )


def os2_reference(request):
    return {
        "@type": "Organization",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": request.build_absolute_uri("/"),
    }


def site_organisation(request, site_settings):
    """OS2 itself, as the home page and events without another organiser describe it."""
    return without_empty(
        {
            "@type": "Organization",
            "@id": request.build_absolute_uri("/#organisation"),
            "name": site_settings.organisation_name,
            "url": request.build_absolute_uri("/"),
            "email": site_settings.email,
            "telephone": site_settings.phone,
            "address": ", ".join(site_settings.address_lines),
            "identifier": cvr_identifier(site_settings.cvr),
            "sameAs": [url for url in (site_settings.github_url, site_settings.linkedin_url) if url],
        }
    )


def cvr_identifier(cvr):
    """The Danish company number, as schema.org's PropertyValue."""
    return {"@type": "PropertyValue", "propertyID": "CVR", "value": cvr} if cvr else None
