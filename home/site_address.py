"""Wagtail's Site answers at the site's one public address (BASE_URL).

Wagtail writes the addresses it makes outside a request (the sitemap, `page.full_url` in mails and
feeds, the admin's "live" links) from its default Site's host name and port, which migrations leave at
`localhost:80`. `setup_roles`, run after every deployment's `migrate`, applies the public address with
`set_site_address()`, so a real install names itself as it is served."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site


def public_site_address():
    """(host name, port) of BASE_URL, or ImproperlyConfigured saying what is wrong with it.

    A Wagtail Site is a host name and a port only: a path or a missing scheme in BASE_URL would make
    the site's own addresses differ from those Wagtail writes, so such a BASE_URL is refused, and so is
    https at another port than 443 or http at port 443, which a Site cannot name."""
    base_url = settings.BASE_URL
    example = "such as https://os2.eu"
    try:
        parts = urlsplit(base_url)
        port = parts.port
    except ValueError as error:
        raise ImproperlyConfigured(
            f"BASE_URL {base_url!r} is not an address ({error}); set it {example}."
        ) from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"BASE_URL {base_url!r} must begin with http:// or https:// and a host name, {example}."
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"BASE_URL {base_url!r} must be the site's address without a path, query or fragment, {example}: "
            "the site is served at the root of its host."
        )
    port = port or (443 if parts.scheme == "https" else 80)
    # A Site has no scheme of its own: Wagtail writes https:// for port 443 and http:// for any other.
    if (parts.scheme == "https") != (port == 443):
        raise ImproperlyConfigured(
            f"BASE_URL {base_url!r} cannot be Wagtail's site address: Wagtail writes https:// addresses "
            f"for port 443 only and http:// for every other port; use https at port 443, {example}."
        )
    return parts.hostname, port


def set_site_address():
    """Point the default Wagtail Site at BASE_URL's host name and port. Returns 1 if it changed, 0 if it
    already answered there (idempotent)."""
    hostname, port = public_site_address()
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port) == (hostname, port):
        return 0
    site.hostname, site.port = hostname, port
    # Saving a Site clears Wagtail's cache of the sites' root addresses, so full_url follows at once.
    site.save()
    return 1
