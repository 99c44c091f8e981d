"""The life of an idea in the browser: a member submits an idea, the secretariat opens it for support
in the admin, a member of another organisation pledges co-funding, and the secretariat accepts it as a
project; the submitter sees the history and is e-mailed. Pages pass the axe-core check.

Members are logged in by giving the browser the session cookie of a Django login (the login pages are
not part of this module)."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from community.models import Affiliation, AffiliationStatus, Idea, Organisation

from .conftest import DESKTOP, check_accessibility, screenshot

pytestmark = [pytest.mark.browser]


@pytest.fixture
def logged_in_page(browser, live_demo):
    """Opens a browser context per user, logged in with the session cookie of a Django login, and
    closes them all after the test so no request is left running against the stopped server."""
    contexts = []

    def open_page(user):
        client = Client()
        client.force_login(user)
        context = browser.new_context(viewport=DESKTOP, locale="da-DK")
        contexts.append(context)
        return _with_session(context, live_demo, client)

    yield open_page
    for context in contexts:
        context.close()


def _with_session(context, live_server, client):
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def member_of(organisation, username):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.dk", "pw-123456789", first_name=username.title()
    )
    Affiliation.objects.create(user=user, organisation=organisation, status=AffiliationStatus.APPROVED)
    return user


def set_state_in_admin(page, live_server, idea, state_name, reason):
    page.goto(f"{live_server.url}/admin/snippets/community/idea/edit/{idea.pk}/")
    page.locator("#id_state").select_option(label=state_name)
    page.locator("#id_reason").fill(reason)
    page.locator("button.action-save").first.click()
    page.wait_for_url("**/admin/snippets/community/idea/")


def test_member_submits_another_organisation_supports_and_the_secretariat_accepts(logged_in_page, live_demo):
    first, second = Organisation.objects.public_members().order_by("name")[:2]
    submitter = member_of(first, "idemager")
    supporter = member_of(second, "stoetter")
    secretariat = get_user_model().objects.create_superuser(
        "ideer-sekretariat-browser", "ideer-sekretariat-browser@os2.example", "pw-123"
    )

    # A member submits an idea.
    page = logged_in_page(submitter)
    page.goto(live_demo.url + "/ideer/")
    check_accessibility(page)
    page.get_by_role("link", name="Indsend en idé").click()
    page.wait_for_url("**/ideer/ny/")
    # Similar ideas appear while the title is typed.
    page.get_by_label("Titel", exact=True).fill("sensorer")
    page.locator(".similar-ideas").get_by_text(
        "Fælles platform til sensorer i kommunale bygninger"
    ).wait_for()
    page.get_by_label("Titel", exact=True).fill("Fælles bookingsystem til kommunale idrætshaller")
    page.get_by_label("Behovet", exact=True).fill("Foreninger ringer og skriver for at booke haltider.")
    page.get_by_label("Forventet gevinst", exact=True).fill(
        "Færre henvendelser og bedre udnyttelse af hallerne."
    )
    page.locator("#id_area").select_option(label="Selvbetjening og borgerdialog")
    check_accessibility(page)
    screenshot(page, "idea-form")
    page.get_by_role("button", name="Indsend idéen").click()
    page.wait_for_url(re.compile(r"/ideer/\d+/$"))
    assert page.locator("h1").inner_text() == "Fælles bookingsystem til kommunale idrætshaller"
    assert page.get_by_text("Tak! Idéen er sendt til OS2’s sekretariat.").is_visible()
    idea = Idea.objects.get(title="Fælles bookingsystem til kommunale idrætshaller")
    assert idea.organisation == first

    # The secretariat opens it for support.
    admin = logged_in_page(secretariat)
    admin.goto(live_demo.url + "/admin/ideer/moderation/")
    admin.get_by_role("link", name=idea.title).click()
    admin.wait_for_url(f"**/admin/snippets/community/idea/edit/{idea.pk}/")
    set_state_in_admin(admin, live_demo, idea, "Åben for opbakning", "Behovet er tydeligt beskrevet.")

    # A member of another organisation supports it with co-funding.
    other = logged_in_page(supporter)
    other.goto(live_demo.url + idea.get_absolute_url())
    other.get_by_label("Vil medfinansiere").check()
    other.locator("#id_amount").fill("200000")
    check_accessibility(other)
    other.get_by_role("button", name="Giv tilsagn").click()
    other.wait_for_url("**#opbakning")
    assert other.get_by_text("1 organisation bakker op").is_visible()
    assert other.get_by_text("200.000 kr. lovet i medfinansiering").is_visible()
    screenshot(other, "idea-supported")

    # The secretariat accepts it as a project.
    mail.outbox.clear()
    set_state_in_admin(admin, live_demo, idea, "Godkendt som projekt", "Bestyrelsen har godkendt projektet.")

    page.goto(live_demo.url + idea.get_absolute_url())
    history = page.locator("ol.idea-history")
    assert "Godkendt som projekt" in history.inner_text()
    assert "Bestyrelsen har godkendt projektet." in history.inner_text()
    check_accessibility(page)
    screenshot(page, "idea-accepted")
    assert {message.to[0] for message in mail.outbox} == {submitter.email, supporter.email}
