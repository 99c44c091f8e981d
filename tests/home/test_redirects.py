"""Editors' redirects (Wagtail's) work at once, in every form Wagtail matches, though a page not found
asks for them only when one could match."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from home.models import HomePage, SiteSettings
from tests.factories import ContentPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture(params=[0, 600], ids=["page cache off", "page cache on"])
def page_cache(request, settings):
    settings.PAGE_CACHE_SECONDS = request.param


@pytest.fixture
def about(db):
    """A page under the front page the migrations create, as "Om OS2" is, on a site whose settings have
    been saved (the first page shown otherwise saves them, which starts every cache afresh)."""
    SiteSettings.load()
    return ContentPageFactory(
        parent=HomePage.objects.get(locale__language_code="da"), title="Om OS2", slug="om-os2"
    )


def test_a_new_redirect_works_at_once(client, about, page_cache):
    assert client.get("/gammel-side/").status_code == 404
    Redirect.objects.create(old_path="/gammel-side", redirect_link="https://os2.eu/", is_permanent=True)
    response = client.get("/gammel-side/")
    assert response.status_code == 301 and response["Location"] == "https://os2.eu/"
    # With a query string, as Wagtail matches it: the path alone.
    assert client.get("/gammel-side/?fra=nyhedsbrev")["Location"] == "https://os2.eu/"


def test_redirects_to_pages_with_unicode_paths_and_removed_ones(client, about):
    assert client.get("/om-os2/").status_code == 200
    Redirect.objects.create(old_path="/værktøjer", redirect_page=about, is_permanent=False)
    response = client.get("/v%C3%A6rkt%C3%B8jer/")
    assert response.status_code == 302 and response["Location"] == "/om-os2/"
    Redirect.objects.filter(old_path="/værktøjer").delete()
    assert client.get("/v%C3%A6rkt%C3%B8jer/").status_code == 404


def test_pages_not_found_are_answered_without_asking_for_redirects(client, about, django_assert_num_queries):
    Redirect.objects.create(old_path="/gammel-side", redirect_link="https://os2.eu/")
    client.get("/findes-ikke/")  # the redirects' paths are read once
    with django_assert_num_queries(4):  # Wagtail's routing only (site, front page, its translation, path)
        assert client.get("/findes-heller-ikke/").status_code == 404
