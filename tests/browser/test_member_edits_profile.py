"""A member logs in from the header, finds their organisation on Min side, edits its profile with a
new logo and sees the change on the public profile. The login page, Min side, the edit form (also
with errors) and the profile pass the accessibility check."""

import io

import pytest
from PIL import Image as PILImage

from community.members.demo import DEMO_MEMBERS, DEMO_PASSWORD

from .conftest import check_accessibility, screenshot

pytestmark = [pytest.mark.browser]


def logo_png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 120), (0, 59, 92)).save(buffer, "PNG")
    return {"name": "logo.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def test_member_logs_in_and_edits_the_organisation_profile(page, live_demo):
    first, last, email, job_title, slug, status = DEMO_MEMBERS[0]
    page.goto(live_demo.url + f"/medlemmer/{slug}/")
    page.get_by_role("navigation", name="Konto").get_by_role("link", name="Log ind").click()
    page.wait_for_url("**/konto/login/**")
    assert page.locator("h1").inner_text() == "Log ind"
    check_accessibility(page)
    screenshot(page, "login")

    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"**/medlemmer/{slug}/")
    account = page.get_by_role("navigation", name="Konto")
    assert f"{first} {last}" in account.inner_text()

    account.get_by_role("link", name="Min side").click()
    page.wait_for_url("**/min-side/")
    assert "Godkendt" in page.locator("main").inner_text()
    check_accessibility(page)
    screenshot(page, "my-page")

    page.get_by_role("link", name="Rediger organisationens profil").click()
    page.wait_for_url(f"**/medlemmer/{slug}/rediger/")
    check_accessibility(page)

    # A mistake first: the form comes back with the error and keeps the text.
    page.get_by_label("Kort beskrivelse").fill("Vi bruger OS2-løsninger i hele kommunen.")
    page.get_by_label("Websted").fill("ikke en adresse")
    page.get_by_role("button", name="Gem profilen").click()
    assert "Skriv en hel webadresse" in page.locator(".error-summary").inner_text()
    assert page.get_by_label("Kort beskrivelse").input_value() == "Vi bruger OS2-løsninger i hele kommunen."
    check_accessibility(page)
    screenshot(page, "profile-edit-error")

    page.get_by_label("Websted").fill("https://www.ballerup.dk")
    page.get_by_label("Nyt logo").set_input_files(logo_png())
    page.get_by_role("button", name="Gem profilen").click()
    page.wait_for_url(f"**/medlemmer/{slug}/")
    assert "Profilen er gemt" in page.locator("main").inner_text()
    assert "Vi bruger OS2-løsninger i hele kommunen." in page.locator("main").inner_text()
    assert page.locator("img.organisation-logo").count() == 1
    check_accessibility(page)
    screenshot(page, "profile-after-edit")

    # The account's own pages (allauth's) share the site's layout and pass the same check.
    page.get_by_role("link", name="Min side").click()
    page.get_by_role("navigation", name="Min konto").get_by_role("link", name="E-mailadresser").click()
    page.wait_for_url("**/konto/email/")
    check_accessibility(page)
    page.get_by_role("navigation", name="Min konto").get_by_role("link", name="Skift adgangskode").click()
    page.wait_for_url("**/konto/password/change/")
    check_accessibility(page)
    screenshot(page, "password-change")

    # Logging out is a button (POST), and afterwards the header offers login again.
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url(live_demo.url + "/")
    assert page.get_by_role("navigation", name="Konto").get_by_role("link", name="Log ind").is_visible()


def test_signup_form_is_accessible_and_explains_errors(page, live_demo):
    page.goto(live_demo.url + "/konto/login/")
    page.get_by_role("link", name="opret dig").click()
    page.wait_for_url("**/konto/signup/")
    check_accessibility(page)
    page.get_by_label("Fornavn").fill("Jonas")
    page.get_by_label("Organisation").select_option(label="Ballerup Kommune")
    page.get_by_role("button", name="Opret konto").click()
    summary = page.locator(".error-summary")
    assert "Efternavn" in summary.inner_text()
    assert page.get_by_label("Fornavn").input_value() == "Jonas"
    assert page.get_by_label("Organisation").input_value() != ""
    check_accessibility(page)
    screenshot(page, "signup-errors")
