"""A real install names itself by BASE_URL: `setup_roles`, run after every deployment's `migrate`,
points Wagtail's site (host name and port) at it, so the addresses Wagtail writes outside a request
(the sitemap, pages' full addresses in mails and feeds, the admin's live links) are the public ones.
A BASE_URL that a Wagtail site cannot be (a path, no scheme) stops the command with a clear message."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from tests.factories import ContentPageFactory, front_page

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def setup_roles():
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    return out.getvalue()


def default_site():
    return Site.objects.values("hostname", "port", "root_page_id").get(is_default_site=True)


def test_a_new_install_answers_at_localhost_until_the_deploy_step_runs():
    # What the migrations leave: the reason the deploy step is needed at all.
    assert (default_site()["hostname"], default_site()["port"]) == ("localhost", 80)


def test_setup_roles_points_the_site_at_base_url(client, settings):
    assert settings.BASE_URL == "https://os2.test"
    page = ContentPageFactory(parent=front_page(), title="Om OS2", slug="om-os2")
    out = setup_roles()
    assert "Site https://os2.test: set" in out
    site = default_site()
    assert (site["hostname"], site["port"]) == ("os2.test", 443)
    page.refresh_from_db()
    assert page.full_url == "https://os2.test/om-os2/"
    # The sitemap, asked for at another host name, still names the public address.
    sitemap = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert "https://os2.test/om-os2/" in locations
    assert all(location.startswith("https://os2.test/") for location in locations)


def test_running_it_twice_changes_nothing():
    setup_roles()
    first = default_site()
    assert "Site https://os2.test: ok" in setup_roles()
    assert default_site() == first


@pytest.mark.parametrize(
    ("base_url", "hostname", "port", "root_url"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1", 8000, "http://127.0.0.1:8000"),
        ("http://os2.example.dk", "os2.example.dk", 80, "http://os2.example.dk"),
        ("https://os2.example.dk:443/", "os2.example.dk", 443, "https://os2.example.dk"),
    ],
)
def test_the_port_is_the_written_one_else_the_schemes(settings, base_url, hostname, port, root_url):
    settings.BASE_URL = base_url
    page = ContentPageFactory(parent=front_page(), title="Om OS2", slug="om-os2")
    setup_roles()
    site = default_site()
    assert (site["hostname"], site["port"]) == (hostname, port)
    page.refresh_from_db()
    assert page.full_url == root_url + "/om-os2/"


@pytest.mark.parametrize(
    ("base_url", "message"),
    [
        ("https://os2.eu/site", "without a path"),
        ("https://os2.eu/?lang=da", "without a path"),
        ("os2.eu", "must begin with http:// or https://"),
        ("//os2.eu", "must begin with http:// or https://"),
        ("ftp://os2.eu", "must begin with http:// or https://"),
        ("https://", "must begin with http:// or https://"),
        ("https://os2.eu:port", "is not an address"),
        # Wagtail's site would write http:// for the first and https:// for the second.
        ("https://os2.eu:8443", "https:// addresses for port 443 only"),
        ("http://os2.eu:443", "https:// addresses for port 443 only"),
    ],
)
def test_a_base_url_a_site_cannot_be_is_refused_and_nothing_changes(settings, base_url, message):
    settings.BASE_URL = base_url
    before = default_site()
    with pytest.raises(CommandError, match=re.escape(message)) as refused:
        setup_roles()
    assert repr(base_url) in str(refused.value) and "https://os2.eu" in str(refused.value)
    assert default_site() == before
