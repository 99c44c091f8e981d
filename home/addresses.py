"""The site's one public address (BASE_URL) for every address written outside a request: e-mails,
feeds, calendar files, the sitemap, publiccode.yml. Pages rendered for a request name the host the
request came to (validated against ALLOWED_HOSTS); `make run` sets BASE_URL to the address it serves,
so both agree there as in production."""

from urllib.parse import urljoin, urlsplit

from django.conf import settings


def absolute_url(url):
    """`url` (a path, or already absolute) as an absolute address at the public address."""
    return urljoin(settings.BASE_URL.rstrip("/") + "/", url)


def public_hostname():
    """The host name of the public address (for identifiers such as calendar UIDs)."""
    return urlsplit(settings.BASE_URL).hostname or "localhost"


def webcal_url(url):
    """A calendar feed's subscribable address (webcal:// makes calendar programs subscribe)."""
    return "webcal://" + absolute_url(url).split("://", 1)[1]
