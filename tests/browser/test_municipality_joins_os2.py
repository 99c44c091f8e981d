"""A municipality applies to join OS2 in the browser, and the secretariat approves it in the admin."""

import pytest
from django.contrib.auth import get_user_model

from community.joining.demo import pdf_bytes
from community.models import MemberInvitation, Organisation

from .conftest import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser]


def test_apply_as_municipality_and_get_approved(page, live_demo, tmp_path):
    agreement = tmp_path / "partneraftale.pdf"
    agreement.write_bytes(pdf_bytes("Partneraftale"))

    page.goto(live_demo.url + "/bliv-medlem/")
    check_accessibility(page)
    page.get_by_role("link", name="Ansøg som offentligt medlem").click()
    page.wait_for_url("**/bliv-medlem/ansoeg/offentlig/")
    check_accessibility(page)

    # First try: a mistyped CVR is explained in Danish, and what was typed stays.
    page.get_by_label("Organisationens navn").fill("Testrup Kommune")
    page.get_by_label("CVR-nummer").fill("12345678")
    page.get_by_label("EAN-nummer").fill("5798000000001")
    page.get_by_label("Adresse").fill("Rådhuspladsen 1\n9999 Testrup")
    page.get_by_label("Kontaktperson", exact=True).fill("Karen Hansen")
    page.get_by_label("Kontaktpersonens e-mail").fill("karen@testrup.dk")
    page.get_by_label("Kontaktpersonens telefon").fill("12345678")
    page.get_by_label("Underskrevet aftale (PDF)").set_input_files(str(agreement))
    page.get_by_label("Vi har læst og accepterer OS2's code of conduct").check()
    page.get_by_role("button", name="Send ansøgning").click()
    assert page.get_by_text("CVR-nummeret er ikke gyldigt").first.is_visible()
    assert page.get_by_label("Organisationens navn").input_value() == "Testrup Kommune"
    check_accessibility(page)

    page.get_by_label("CVR-nummer").fill("55133018")
    page.get_by_label("Underskrevet aftale (PDF)").set_input_files(str(agreement))
    page.get_by_role("button", name="Send ansøgning").click()
    page.wait_for_url("**/bliv-medlem/tak/")
    screenshot(page, "join-application-sent")

    secretary = get_user_model().objects.create_superuser(
        "sekretariat-test", "sekretariat-test@os2.eu", "pw-123456789"
    )
    log_in(page, live_demo, secretary)
    page.goto(live_demo.url + "/admin/snippets/community/joinapplication/")
    page.get_by_role("link", name="Behandl").first.click()
    page.get_by_label("Godkend").check()
    page.get_by_role("button", name="Gem afgørelse").click()
    page.wait_for_url("**/admin/snippets/community/joinapplication/")
    assert page.get_by_text("Testrup Kommune er godkendt og oprettet.").is_visible()

    organisation = Organisation.objects.get(name="Testrup Kommune")
    assert MemberInvitation.objects.filter(organisation=organisation).count() == 1
    page.goto(live_demo.url + organisation.get_absolute_url())
    assert page.locator("h1").inner_text() == "Testrup Kommune"
