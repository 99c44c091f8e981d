"""A member leaves a working group from Min side with the keyboard (the link, then the confirmation's
button), and withdraws an open request to join another without JavaScript; each time Min side says what
happened. Pages pass axe, on a phone."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from community.models import (
    Affiliation,
    AffiliationStatus,
    Organisation,
    RequestStatus,
    WorkingGroup,
    WorkingGroupMember,
    WorkingGroupRequest,
)

from .conftest import PHONE, check_accessibility, screenshot
from .test_member_joins_a_working_group import pages  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser]


def test_member_leaves_a_group_and_withdraws_a_request_from_min_side(pages, live_demo):  # noqa: F811
    organisation = Organisation.objects.get(slug="ballerup-kommune")
    user = get_user_model().objects.create_user(
        "forlad-browser", "forlad-browser@example.dk", "pw-123456789", first_name="Ole", last_name="Dam"
    )
    Affiliation.objects.create(user=user, organisation=organisation, status=AffiliationStatus.APPROVED)
    steering = WorkingGroup.objects.get(name="Styregruppen for OS2kitos")
    coordination = WorkingGroup.objects.get(name="Koordinationsgruppen for OS2kitos")
    WorkingGroupMember.objects.create(group=steering, user=user, organisation=organisation)
    open_request = WorkingGroupRequest.objects.create(
        group=coordination, user=user, organisation=organisation
    )
    mail.outbox.clear()

    phone = pages(user, viewport=PHONE)
    phone.goto(live_demo.url + "/min-side/")
    section = phone.get_by_role("region", name="Arbejdsgrupper")
    check_accessibility(phone)
    screenshot(phone, "min-side-working-groups-phone")

    # With the keyboard: the link to leave, then the confirmation's button.
    section.get_by_role("link", name="Forlad gruppen Styregruppen for OS2kitos").focus()
    phone.keyboard.press("Enter")
    phone.wait_for_url(f"**/arbejdsgrupper/{steering.pk}/forlad/?next=/min-side/")
    assert phone.get_by_role("heading", level=1).inner_text() == "Forlad Styregruppen for OS2kitos"
    check_accessibility(phone)
    phone.get_by_role("button", name="Forlad gruppen").focus()
    phone.keyboard.press("Enter")
    phone.wait_for_url(live_demo.url + "/min-side/")
    assert phone.get_by_text("Du har forladt Styregruppen for OS2kitos.").is_visible()
    assert not steering.members.filter(user=user).exists()

    # Without JavaScript: the request's own button.
    page = pages(user, viewport=PHONE, javascript=False)
    page.goto(live_demo.url + "/min-side/")
    with page.expect_navigation(url=live_demo.url + "/min-side/"):
        page.get_by_role(
            "button", name="Træk anmodningen tilbage om Koordinationsgruppen for OS2kitos"
        ).click()
    assert page.get_by_text(
        "Din anmodning om at komme med i Koordinationsgruppen for OS2kitos er trukket"
    ).is_visible()
    assert page.get_by_text("Du er ikke med i nogen af produkternes arbejdsgrupper.").is_visible()
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.WITHDRAWN
    subjects = [message.subject for message in mail.outbox]
    assert "OS2: Ole Dam har forladt Styregruppen for OS2kitos" in subjects
    assert "OS2: Anmodning om Koordinationsgruppen for OS2kitos trukket tilbage" in subjects
