"""The content languages' locales and the private sections as the navigation bundle of the public
request being served knows them (see `home.navigation`), so pages ask the database only without one.
Apart from the navigation, since the page models need these and the navigation needs the models."""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from .wagtail_patches import request_bundle


def active_locale():
    """The active language's locale, or the default one when that language has none, as
    `Locale.get_active()` finds it: from the bundle of the public request being served, else asked of
    the database."""
    locales = _cached_locales()
    try:
        return locales[get_supported_content_language_variant(get_language())]
    except (KeyError, LookupError):
        return default_locale() if locales else Locale.get_active()


def default_locale():
    """The default language's locale, as `Locale.get_default()` finds it, from the bundle if it can."""
    locale = _cached_locales().get(get_supported_content_language_variant(settings.LANGUAGE_CODE))
    return locale or Locale.get_default()


def _cached_locales():
    bundle = request_bundle.get()
    return (bundle.get("locales") if bundle is not None else None) or {}


def may_be_restricted(page):
    """False when the bundle shows that no view restriction can apply to the page (it lies in no
    private section and no page is an alias, whose original's restrictions would count); else True."""
    bundle = request_bundle.get()
    if bundle is None or bundle.get("has_aliases", True):
        return True
    return any(page.path.startswith(path) for path, _depth in bundle["restricted"])
