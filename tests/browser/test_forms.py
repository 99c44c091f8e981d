"""Forms as people use them in the browser. "Find lignende" on the idea form keeps what was typed, with
and without JavaScript, and similar ideas appear while the title is typed; on a phone they come before
the submit button. Buttons stand apart from the field above them, the idea form's fields use the
column's width and its file input is a design-system button. After a failed submit the focus is on the
error summary; on the login page Tab goes from the e-mail to the password. Search landmarks have names
of their own."""

import pytest
from django.core.cache import cache

from community.models import EventPage, Idea, Organisation
from tests.public_pages import approved_member

from .conftest import AXE_JS, DESKTOP, PHONE, check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser]

SIMILAR_TITLE = "Fælles platform til sensorer i kommunale bygninger"

# How far a button's top is below the last form field before it, in CSS pixels.
GAP_ABOVE = """(button) => {
  const groups = [...button.form.querySelectorAll('.form-group')]
    .filter((group) => group.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING);
  return button.getBoundingClientRect().top - groups[groups.length - 1].getBoundingClientRect().bottom;
}"""


@pytest.fixture
def member(live_demo):
    cache.clear()  # the idea form's rate limits are counted in the cache
    return approved_member()


def fill_idea(page):
    page.get_by_label("Behovet", exact=True).fill("Skolerne ved ikke, hvornår luften er dårlig.")
    page.get_by_label("Forventet gevinst", exact=True).fill("Bedre luft og færre sygedage.")
    page.get_by_label("Hvem kan ellers have behovet").fill("Alle kommuner med skoler.")
    page.locator("#id_area").select_option(index=1)


def test_similar_ideas_appear_while_the_title_is_typed(page, live_demo, member):
    log_in(page, live_demo, member)
    page.goto(live_demo.url + "/ideer/ny/")
    fill_idea(page)

    page.get_by_label("Titel", exact=True).press_sequentially("sensorer", delay=30)
    page.locator(".similar-ideas").get_by_text(SIMILAR_TITLE).wait_for()

    assert page.url == live_demo.url + "/ideer/ny/"
    assert "lignende idé" in page.locator("#similar-status").inner_text()
    assert page.get_by_label("Behovet", exact=True).input_value().startswith("Skolerne")
    check_accessibility(page)

    # The button fetches the list for the title as it is, without leaving the page.
    page.get_by_label("Titel", exact=True).fill("Internet of Things")
    page.get_by_role("button", name="Find lignende").click()
    page.locator(".similar-products").get_by_text("OS2iot").wait_for()
    assert page.url == live_demo.url + "/ideer/ny/"
    assert page.get_by_label("Forventet gevinst", exact=True).input_value() == "Bedre luft og færre sygedage."
    screenshot(page, "idea-form-similar")


def test_without_javascript_find_similar_keeps_every_field(browser, live_demo, member):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP, locale="da-DK")
    page = context.new_page()
    log_in(page, live_demo, member)
    page.goto(live_demo.url + "/ideer/ny/")
    page.get_by_label("Titel", exact=True).fill("sensorer i skolerne")
    fill_idea(page)
    area = page.locator("#id_area").input_value()

    page.get_by_role("button", name="Find lignende").click()
    page.locator(".similar-ideas").get_by_text(SIMILAR_TITLE).wait_for()

    assert page.get_by_label("Titel", exact=True).input_value() == "sensorer i skolerne"
    assert (
        page.get_by_label("Behovet", exact=True).input_value()
        == "Skolerne ved ikke, hvornår luften er dårlig."
    )
    assert page.get_by_label("Forventet gevinst", exact=True).input_value() == "Bedre luft og færre sygedage."
    assert page.get_by_label("Hvem kan ellers have behovet").input_value() == "Alle kommuner med skoler."
    assert page.locator("#id_area").input_value() == area
    assert page.locator(".error-summary").count() == 0
    assert not Idea.objects.filter(title="sensorer i skolerne").exists()
    context.close()


def test_on_a_phone_the_similar_ideas_come_before_the_submit_button(page, live_demo, member):
    log_in(page, live_demo, member)
    page.set_viewport_size(PHONE)
    page.goto(live_demo.url + "/ideer/ny/?titel=sensorer")

    similar = page.locator("#similar").bounding_box()
    submit = page.get_by_role("button", name="Indsend idéen").bounding_box()

    assert similar["y"] + similar["height"] <= submit["y"]
    screenshot(page, "idea-form-phone")


def test_idea_fields_use_the_forms_width_and_the_file_input_is_a_button(page, live_demo, member):
    log_in(page, live_demo, member)
    page.goto(live_demo.url + "/ideer/ny/")
    form_width = page.locator("form.idea-form").bounding_box()["width"]

    for field in ("#id_title", "#id_need", "#id_benefit", "#id_shared_with"):
        assert page.locator(field).bounding_box()["width"] >= 0.95 * form_width > 320

    selector_button = page.locator("input[type=file]").evaluate(
        "(input) => { const style = getComputedStyle(input, '::file-selector-button');"
        " return [style.fontWeight, style.borderTopWidth, style.borderTopStyle]; }"
    )
    assert selector_button == ["600", "2px", "solid"]


def test_buttons_stand_apart_from_the_field_above(page, live_demo, member):
    event = next(
        event
        for event in EventPage.objects.live().upcoming().filter(guests_allowed=True, registration_open=True)
        if not event.is_full()
    )
    page.goto(live_demo.url + event.url + "tilmeld/")
    assert page.get_by_role("button", name="Tilmeld mig").evaluate(GAP_ABOVE) >= 16

    log_in(page, live_demo, member)
    page.goto(live_demo.url + "/ideer/ny/")
    assert page.get_by_role("button", name="Find lignende").evaluate(GAP_ABOVE) >= 16

    organisation = Organisation.objects.get(affiliations__user=member)
    idea = (
        Idea.objects.public()
        .filter(state__is_open_for_support=True)
        .exclude(pledges__organisation=organisation)
        .order_by("pk")
        .first()
    )
    page.goto(live_demo.url + idea.get_absolute_url())
    assert page.get_by_role("button", name="Giv tilsagn").evaluate(GAP_ABOVE) >= 16


def test_after_a_failed_submit_the_focus_is_on_the_error_summary(page, live_demo, member):
    page.goto(live_demo.url + "/konto/login/")
    page.get_by_label("E-mail").fill("ingen@example.dk")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    page.locator(".error-summary").wait_for()
    assert page.evaluate("document.activeElement.matches('.error-summary')")

    log_in(page, live_demo, member)
    page.goto(live_demo.url + "/ideer/ny/")
    page.get_by_role("button", name="Indsend idéen").click()
    page.locator(".error-summary").wait_for()
    assert page.evaluate("document.activeElement.matches('.error-summary')")
    # Its links lead to the fields.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_title"


def test_on_the_login_page_tab_goes_from_e_mail_to_password(page, live_demo):
    page.goto(live_demo.url + "/konto/login/")
    page.get_by_label("E-mail").focus()

    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.id") == "id_password"
    assert page.get_by_role("link", name="Glemt din adgangskode?").is_visible()


def unnamed_or_repeated_landmarks(page):
    page.evaluate(AXE_JS.read_text())
    results = page.evaluate("async () => await axe.run(document, {runOnly: ['landmark-unique']})")
    return [node["target"] for violation in results["violations"] for node in violation["nodes"]]


def test_every_landmark_has_a_name_of_its_own(page, live_demo, member):
    """axe's landmark-unique: the header's search and a page's own search (or a section and the table
    region inside it) were landmarks of the same role without names to tell them apart."""
    organisation = Organisation.objects.get(affiliations__user=member)
    for path in ["/soeg/?q=os2mo", "/en/soeg/?q=os2mo", organisation.get_absolute_url()]:
        page.goto(live_demo.url + path)
        assert unnamed_or_repeated_landmarks(page) == [], path
    log_in(page, live_demo, member)
    for path in ["/ideer/ny/", "/min-side/", organisation.get_absolute_url()]:
        page.goto(live_demo.url + path)
        assert unnamed_or_repeated_landmarks(page) == [], path
