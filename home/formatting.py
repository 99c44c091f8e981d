"""Dates and amounts in the active language's own way: "tirsdag 9. februar 2027, kl. 10.00" and
"10.000 kr." in Danish, "Tuesday 9 February 2027, 10:00" and "DKK 10,000" in English. The formats
live in os2site/formats/<language>/formats.py (FORMAT_MODULE_PATH); templates use these through the
`amount`, `weekday_date` and `weekday_datetime` filters (home.templatetags.site_tags) and Django's
named formats (`|date:"DATE_FORMAT"`)."""

from django.utils.formats import date_format, get_format_modules, number_format
from django.utils.translation import get_language, gettext


def site_format(name):
    """One of the site's own named formats (WEEKDAY_DATE_FORMAT...), which Django's `get_format` does
    not look up, from the active language's format module."""
    for module in get_format_modules(get_language()):
        if hasattr(module, name):
            return getattr(module, name)
    raise LookupError(name)


def weekday_date(value):
    return date_format(value, site_format("WEEKDAY_DATE_FORMAT")) if value else ""


def weekday_datetime(value):
    return date_format(value, site_format("WEEKDAY_DATETIME_FORMAT")) if value else ""


def amount(value):
    """An amount in Danish kroner, grouped and with the currency where the language puts it."""
    if value is None or value == "":
        return ""
    return gettext("%(amount)s kr.") % {"amount": number_format(value, decimal_pos=0, force_grouping=True)}
