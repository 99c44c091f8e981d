"""One login path for everyone: the header offers "Log ind" or the person's name with "Min side" and
"Log ud"; the admin's login and Wagtail's login for private pages hand over to the site's login page,
keeping where the person was going; wrong passwords are explained in Danish."""

from urllib.parse import unquote

from django.test import Client
from wagtail.models import Page, PageViewRestriction

from .conftest import PASSWORD, log_in


def test_header_offers_login_to_visitors(demo):
    html = Client().get("/om-os2/").content.decode()
    assert 'href="/konto/login/?next=/om-os2/"' in html
    assert "Min side" not in html


def test_header_shows_the_person_and_logs_out_by_post(member):
    client = log_in(Client(), member.email)
    html = client.get("/om-os2/").content.decode()
    assert "Karen Berg" in html
    assert 'href="/min-side/"' in html
    assert 'action="/konto/logout/"' in html and 'method="post"' in html
    response = client.post("/konto/logout/")
    assert response.status_code == 302
    assert "Log ind" in client.get("/om-os2/").content.decode()
    assert client.get("/min-side/").status_code == 302


def test_wrong_password_is_explained_in_danish_and_the_address_kept(member):
    response = Client().post("/konto/login/", {"login": member.email, "password": "forkert-kode"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Der er fejl i formularen" in html
    assert "ikke korrekt" in html
    assert f'value="{member.email}"' in html


def test_admin_login_hands_over_to_the_site_login_keeping_next(demo):
    response = Client().get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/admin/pages/"
    response = Client().get("/django-admin/login/?next=/django-admin/")
    assert response["Location"] == "/konto/login/?next=/django-admin/"
    # Opening the admin without being logged in ends on the same login page.
    response = Client().get("/admin/", follow=True)
    assert unquote(response.redirect_chain[-1][0]) == "/konto/login/?next=/admin/"
    assert "Log ind" in response.content.decode()


def test_the_secretariat_logs_in_on_the_site_and_lands_in_the_admin(secretariat_client):
    assert secretariat_client.get("/admin/").status_code == 200


def test_a_member_without_admin_access_is_told_so_in_danish(member_client):
    response = member_client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/min-side/"
    html = response.content.decode()
    assert "Din konto har ikke adgang til administrationen." in html
    assert "permission" not in html


def test_private_pages_use_the_same_login(demo, member):
    page = Page.objects.get(slug="medlemskab")
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
