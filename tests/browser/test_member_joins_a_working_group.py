"""A member of a member organisation finds a product's working groups on its page, asks to join one
with the form (no JavaScript needed), is told the request is sent, and sees it awaiting an answer; the
secretariat approves it in the admin and the member then shows in the group. Pages pass axe, on a
desktop and on a phone."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from community.models import Affiliation, AffiliationStatus, Organisation, RequestStatus, WorkingGroup

from .conftest import DESKTOP, PHONE, check_accessibility, screenshot
from .test_idea_journey import _with_session

pytestmark = [pytest.mark.browser]


@pytest.fixture
def pages(browser, live_demo):
    from django.test import Client

    contexts = []

    def open_page(user, viewport=DESKTOP, javascript=True):
        client = Client()
        client.force_login(user)
        context = browser.new_context(viewport=viewport, locale="da-DK", java_script_enabled=javascript)
        contexts.append(context)
        return _with_session(context, live_demo, client)

    yield open_page
    for context in contexts:
        context.close()


def test_member_asks_to_join_a_group_and_the_secretariat_approves(pages, live_demo):
    group = WorkingGroup.objects.get(name="Styregruppen for OS2kitos")
    organisation = Organisation.objects.get(slug="ballerup-kommune")
    user = get_user_model().objects.create_user(
        "gruppe-browser", "gruppe-browser@example.dk", "pw-123456789", first_name="Signe", last_name="Krog"
    )
    Affiliation.objects.create(user=user, organisation=organisation, status=AffiliationStatus.APPROVED)
    mail.outbox.clear()

    # On a phone: the group's link leads to a plain form.
    phone = pages(user, viewport=PHONE)
    phone.goto(live_demo.url + "/produkter/os2kitos/")
    phone.locator("#arbejdsgrupper").get_by_role(
        "link", name="Bed om at komme med i Styregruppen for OS2kitos"
    ).click()
    phone.wait_for_url(f"**/arbejdsgrupper/{group.pk}/anmod/")
    check_accessibility(phone)
    screenshot(phone, "working-group-request-phone")

    # Sent without JavaScript (axe needs it, so it runs on the pages with it).
    page = pages(user, viewport=PHONE, javascript=False)
    page.goto(f"{live_demo.url}/arbejdsgrupper/{group.pk}/anmod/")
    page.get_by_label("Besked til gruppen").fill("Ballerup vil gerne være med i styregruppen.")
    page.get_by_role("button", name="Send anmodningen").click()
    page.wait_for_url("**/produkter/os2kitos/#arbejdsgrupper")
    assert page.get_by_text("Din anmodning om at komme med i Styregruppen for OS2kitos er sendt").is_visible()
    assert page.locator("#arbejdsgrupper").get_by_text("Anmodningen afventer svar.").first.is_visible()

    request = group.requests.get(user=user)
    assert request.status == RequestStatus.PENDING
    assert "gruppe-browser@example.dk" in [m.to[0] for m in mail.outbox]

    # Asking again is refused in Danish.
    page.goto(f"{live_demo.url}/arbejdsgrupper/{group.pk}/anmod/")
    assert page.get_by_text("Du har allerede bedt om at komme med i Styregruppen for OS2kitos.").is_visible()

    # The secretariat decides in the admin.
    secretary = get_user_model().objects.get(email="sekretariat@os2.example.dk")
    admin = pages(secretary)
    admin.goto(f"{live_demo.url}/admin/arbejdsgrupper/anmodninger/{request.pk}/afgoer/")
    admin.get_by_label("Godkend").check()
    admin.get_by_role("button", name="Gem afgørelse").click()
    admin.wait_for_url("**/admin/snippets/community/workinggrouprequest/")
    assert admin.get_by_text("Signe Krog er nu medlem af Styregruppen for OS2kitos.").is_visible()

    desktop = pages(user)
    desktop.goto(live_demo.url + "/produkter/os2kitos/")
    group_section = desktop.locator(f"section[aria-labelledby='gruppe-{group.pk}']")
    assert group_section.get_by_role("rowheader", name="Signe Krog").is_visible()
    assert group_section.get_by_text("Du er medlem af gruppen.").is_visible()
    check_accessibility(desktop)
    screenshot(desktop, "working-groups")
