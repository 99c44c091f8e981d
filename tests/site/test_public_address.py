"""The site names itself by one address. Served as `make run` serves it, on a port other than the
default (the dev settings, BASE_URL set to the address served), every document it writes — pages'
canonical links, the sitemap, robots.txt, the news feeds, the calendar feeds, publiccode.yml, and a
mail sent from a management command outside any request — names only that address. A page that does
not exist is the site's own 404 page, not Django's debug page listing every URL pattern."""

import re

import pytest

from tests.site.development_server import fetch, manage_shell, served_copy

# It starts its own server on its own database, so one run of the suite covers it (see .ci/run).
pytestmark = pytest.mark.standalone

# The names a local server can go by; the site must use exactly one of them, with its port.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "testserver", "0.0.0.0"}  # noqa: S104
ADDRESS = re.compile(r"(?:https?|webcal)://([^/\s\"'<>)]+)")

SEND_MAIL_OUTSIDE_A_REQUEST = """
from community.events import registration
from community.models import EventPage
event = next(e for e in EventPage.objects.live().upcoming() if not e.registration_closed_reason())
registration.register(event, name="Karen Jensen", email="karen@example.dk")
"""


@pytest.fixture(scope="module")
def served(built_demo, tmp_path_factory):
    """The demo served like `make run` does, on a port of its own: (base URL, environment, mail folder)."""
    folder = tmp_path_factory.mktemp("served")
    mails = folder / "mails"
    # Three slashes and the absolute path.
    with served_copy(built_demo, folder, EMAIL_URL=f"filemail:///{mails}") as (base_url, environment):
        yield base_url, environment, mails


def self_addresses(text):
    """The addresses in `text` that name a local server (host and port as written)."""
    return {
        netloc
        for netloc in ADDRESS.findall(text)
        if netloc.rsplit(":", 1)[0] in LOCAL_HOSTS or netloc in LOCAL_HOSTS
    }


def test_every_document_names_the_one_public_address(served):
    base_url, environment, mails = served
    netloc = base_url.split("://", 1)[1]
    sitemap = fetch(base_url + "/sitemap.xml")[1]
    event_path = re.search(rf"{re.escape(base_url)}(/arrangementer/[^<]+/)</loc>", sitemap).group(1)
    paths = [
        "/",
        "/om-os2/",
        "/produkter/os2mo/",
        "/en/",
        "/robots.txt",
        "/nyheder/feed/rss/",
        "/nyheder/feed/atom/",
        "/arrangementer/kalender/",
        event_path + "kalender/",
        "/produkter/os2mo/publiccode.yml",
    ]
    documents = {"/sitemap.xml": sitemap}
    for path in paths:
        status, body = fetch(base_url + path)
        assert status == 200, path
        documents[path] = body

    # A mail sent outside any request, as a cron job or an import would.
    manage_shell(environment, SEND_MAIL_OUTSIDE_A_REQUEST)
    [mail_file] = list(mails.iterdir())
    documents["mail"] = mail_file.read_text()

    for name, text in documents.items():
        assert self_addresses(text) == {netloc}, name


def test_a_missing_page_is_the_sites_own_404(served):
    base_url, _environment, _mails = served
    status, body = fetch(base_url + "/findes-ikke/")
    assert status == 404
    assert "Siden blev ikke fundet" in body and "URLconf" not in body
