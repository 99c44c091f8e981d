"""Friendly error pages in the site's design."""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.markup import banner

pytestmark = pytest.mark.factories


@pytest.mark.django_db
def test_a_missing_page_says_so_in_the_sites_design_and_offers_a_way_on(client):
    response = client.get("/findes-ikke/")

    assert response.status_code == 404
    document = BeautifulSoup(response.content, "html.parser")
    assert document.h1.string == "Siden blev ikke fundet"
    assert banner(document).find("a", href="/")  # the logo leads home
    assert document.select_one("form[role=search]")
    assert {a["href"] for a in document.select("main a")} >= {"/", "/soeg/"}
    # The address names nothing: no canonical address, link preview or language versions of it.
    assert document.title.string == "Siden blev ikke fundet · OS2"
    assert document.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert not document.select('link[rel="canonical"], link[rel="alternate"], meta[property^="og:"]')


def test_the_server_error_page_needs_neither_database_nor_context():
    """Rendered by Django's own handler, as after an unhandled exception. The test has no database
    (pytest-django raises on any query), as the database may be what failed."""
    response = server_error(RequestFactory().get("/produkter/"))

    assert response.status_code == 500
    document = BeautifulSoup(response.content, "html.parser")
    assert document.h1.string == "Der opstod en fejl"
    assert banner(document).find("a", href="/")  # the logo leads home
    assert document.find("a", href="/")
    assert document.find("link", href="/static/css/site.css")
    assert document.find("meta", attrs={"name": "robots"})["content"] == "noindex"
