"""A visitor opens the home page and reads about OS2, on a phone and on a desktop, by keyboard;
every page passes the axe-core check."""

import pytest

from .conftest import DESKTOP, PHONE, check_accessibility, main_menu, screenshot

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize(("width_name", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_home_and_about_pages(page, live_demo, width_name, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_demo.url + "/")
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.locator("h1").first.inner_text().startswith("Vi udvikler og deler")
    # The design system is loaded: its stylesheet gives the body its font.
    assert "IBM Plex Sans" in page.evaluate("getComputedStyle(document.body).fontFamily")
    check_accessibility(page)
    screenshot(page, f"home-{width_name}")

    main_menu(page).get_by_role("link", name="Om OS2").click()
    page.wait_for_url("**/om-os2/")
    assert page.locator("h1").inner_text() == "Om OS2"
    check_accessibility(page)
    screenshot(page, f"about-{width_name}")

    page.get_by_role("link", name="Governancemodellen").click()
    page.wait_for_url("**/om-os2/governance/")
    assert page.get_by_role("table").count() == 1
    check_accessibility(page)


def test_skip_link_is_first_and_moves_focus_to_the_content(page, live_demo):
    page.goto(live_demo.url + "/om-os2/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Gå til sidens indhold"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_faq_opens_by_keyboard_without_javascript(browser, live_demo):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_demo.url + "/om-os2/medlemskab/")
    summary = page.locator("summary", has_text="Giver OS2 support på produkterne?")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.get_by_text("Drift og support aftaler hver myndighed").is_visible()
    context.close()
