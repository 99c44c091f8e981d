"""A visitor switches the site to English and back with the language switcher in the header; each page
passes the axe-core check in both languages, and the switcher works without JavaScript."""

import pytest

from .conftest import DESKTOP, PHONE, check_accessibility, main_menu, screenshot

pytestmark = [pytest.mark.browser]


def switcher(page):
    return page.locator("nav.site-language")


@pytest.mark.parametrize(("width_name", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_visitor_switches_to_english_and_back(page, live_demo, width_name, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_demo.url + "/")
    assert page.locator("html").get_attribute("lang") == "da"
    check_accessibility(page)

    switcher(page).get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text().startswith("We develop and share")
    check_accessibility(page)
    screenshot(page, f"home-en-{width_name}")

    main_menu(page, "Main menu").get_by_role("link", name="About OS2").click()
    page.wait_for_url("**/en/about-os2/")
    assert page.locator("h1").inner_text() == "About OS2"
    check_accessibility(page)
    screenshot(page, f"about-en-{width_name}")

    # The catalogue's English version lists the products, untranslated ones with the English interface.
    main_menu(page, "Main menu").get_by_role("link", name="Products").click()
    page.wait_for_url("**/en/produkter/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Products"
    check_accessibility(page)

    page.goto(live_demo.url + "/en/about-os2/")
    switcher(page).get_by_role("link", name="Dansk").click()
    page.wait_for_url("**/om-os2/")
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.locator("h1").inner_text() == "Om OS2"
    check_accessibility(page)


@pytest.mark.parametrize(
    "path", ["/en/medlemmer/", "/en/ideer/", "/en/arrangementer/", "/en/nyheder/", "/en/soeg/?q=OS2"]
)
def test_english_listings_pass_axe(page, live_demo, path):
    page.set_viewport_size(DESKTOP)
    page.goto(live_demo.url + path)
    assert page.locator("html").get_attribute("lang") == "en"
    check_accessibility(page)


def test_switcher_works_without_javascript(browser, live_demo):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_demo.url + "/om-os2/")
    page.locator("nav.site-language").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/about-os2/")
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()
