"""One login path for everyone: the header offers "Log ind" or the person's name with "Min side" and
"Log ud"; the admin's login and Wagtail's login for private pages hand over to the site's login page,
keeping where the person was going; wrong passwords are explained in Danish."""

from urllib.parse import unquote

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from home.models import HomePage
from tests.factories import ContentPageFactory
from tests.markup import landmark, parse, text

from .conftest import PASSWORD, log_in

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def about(db):
    """ "Om OS2" with "Medlemskab" below it."""
    page = ContentPageFactory(
        parent=HomePage.objects.get(locale__language_code="da"), title="Om OS2", slug="om-os2"
    )
    ContentPageFactory(parent=page, title="Medlemskab", slug="medlemskab")
    return page


def account_menu(client, path="/om-os2/"):
    response = client.get(path)
    assert response.status_code == 200
    return landmark(parse(response), "Konto")


def test_header_offers_login_to_visitors(about):
    menu = account_menu(Client())
    [login] = menu.find_all("a")
    assert login["href"] == "/konto/login/?next=/om-os2/" and text(login) == "Log ind"
    assert "Min side" not in text(menu)


def test_header_shows_the_person_and_logs_out_by_post(about, member):
    client = log_in(Client(), member.email)
    menu = account_menu(client)
    assert "Karen Berg" in text(menu)
    assert [(text(link), link["href"]) for link in menu.find_all("a")] == [("Min side", "/min-side/")]
    logout = menu.find("form")
    assert logout["action"] == "/konto/logout/" and logout["method"] == "post"
    assert text(logout.button) == "Log ud"
    response = client.post("/konto/logout/")
    assert response.status_code == 302
    assert "Log ind" in text(account_menu(client))
    assert client.get("/min-side/").status_code == 302


def test_wrong_password_is_explained_in_danish_and_the_address_kept(member):
    response = Client().post("/konto/login/", {"login": member.email, "password": "forkert-kode"})
    assert response.status_code == 200
    form = parse(response).main.form
    assert "Der er fejl i formularen" in text(form)
    assert "ikke korrekt" in text(form)
    assert form.find("input", attrs={"name": "login"})["value"] == member.email


def test_admin_login_hands_over_to_the_site_login_keeping_next(db):
    response = Client().get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/admin/pages/"
    response = Client().get("/django-admin/login/?next=/django-admin/")
    assert response["Location"] == "/konto/login/?next=/django-admin/"
    # Opening the admin without being logged in ends on the same login page.
    response = Client().get("/admin/", follow=True)
    assert unquote(response.redirect_chain[-1][0]) == "/konto/login/?next=/admin/"
    login_page = parse(response).main
    assert "Log ind" in text(login_page) and login_page.form.find("input", attrs={"name": "password"})


def test_the_secretariat_logs_in_on_the_site_and_lands_in_the_admin(secretariat_client):
    assert secretariat_client.get("/admin/").status_code == 200


def test_a_member_without_admin_access_is_told_so_in_danish(member_client):
    response = member_client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/min-side/"
    page = text(parse(response))
    assert "Din konto har ikke adgang til administrationen." in page
    assert "permission" not in page


def test_private_pages_use_the_same_login(about, member):
    page = about.get_children().get(slug="medlemskab")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = Client().get("/om-os2/medlemskab/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/om-os2/medlemskab/"
    client = Client()
    response = client.post(
        "/konto/login/", {"login": member.email, "password": PASSWORD, "next": "/om-os2/medlemskab/"}
    )
    assert response["Location"] == "/om-os2/medlemskab/"
    assert client.get("/om-os2/medlemskab/").status_code == 200
