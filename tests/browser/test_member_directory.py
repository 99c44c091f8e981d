"""A visitor finds a member: types in the directory's search field and picks a suggestion; narrows the
list by facets and words with plain links and forms (no JavaScript), sees the matches marked, and
opens a profile; searches the whole site and opens a product. Every page passes the axe-core check."""

import re

import pytest

from .conftest import PHONE, check_accessibility, screenshot

pytestmark = [pytest.mark.browser]


def test_suggestions_as_you_type_open_a_profile(page, live_demo):
    page.goto(live_demo.url + "/medlemmer/")
    field = page.get_by_role("combobox", name="Søg efter navn eller beskrivelse")
    field.press_sequentially("Baller", delay=30)
    option = page.get_by_role("option", name="Ballerup Kommune")
    option.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    check_accessibility(page)
    screenshot(page, "directory-suggestions")
    field.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    field.press("Enter")
    page.wait_for_url("**/medlemmer/ballerup-kommune/")
    assert page.locator("h1").inner_text() == "Ballerup Kommune"


def test_filtered_directory_is_accessible(page, live_demo):
    """axe-core needs JavaScript, so the filtered page the no-JavaScript visitor reaches is checked here."""
    page.goto(live_demo.url + "/medlemmer/?q=kommune&type=kommune&region=nordjylland&sort=-navn")
    assert page.locator(".directory-hit mark").count() > 0
    check_accessibility(page)
    page.goto(live_demo.url + "/medlemmer/?q=zzzzqqq")
    assert "Ingen medlemmer matcher" in page.content()
    check_accessibility(page)


def test_facets_and_search_without_javascript(browser, live_demo):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="da-DK")
    page = context.new_page()
    page.goto(live_demo.url + "/medlemmer/")
    heading = page.locator("#results-heading")
    everyone = int(re.match(r"\d+", heading.inner_text()).group())

    # On a phone the facets are folded under "Afgræns", which shows the number of results.
    facets = page.locator("summary", has_text="Afgræns")
    assert f"{everyone} medlemmer" in facets.inner_text()
    facets.click()
    type_facet = page.locator("section", has=page.get_by_role("heading", name="Type", exact=True))
    type_facet.get_by_role("link", name=re.compile(r"^Kommune \d+")).click()
    page.wait_for_url(re.compile(r"type=kommune"))
    kommuner = int(re.match(r"\d+", heading.inner_text()).group())
    assert 0 < kommuner < everyone

    page.locator("summary", has_text="Afgræns").click()
    region_facet = page.locator("section", has=page.get_by_role("heading", name="Region", exact=True))
    link = region_facet.get_by_role("link", name=re.compile(r"^Region Nordjylland \d+"))
    expected = int(link.locator(".facet-count").inner_text())
    link.click()
    page.wait_for_url(re.compile(r"region=nordjylland"))
    assert int(re.match(r"\d+", heading.inner_text()).group()) == expected

    page.get_by_label("Søg efter navn eller beskrivelse").fill("Aalborg")
    page.locator("form.directory-search").get_by_role("button", name="Søg", exact=True).click()
    page.wait_for_url(re.compile(r"q=Aalborg.*type=kommune|type=kommune.*q=Aalborg"))
    assert page.locator(".directory-hit mark").first.inner_text() == "Aalborg"
    screenshot(page, "directory-facets-phone")

    page.locator(".directory-hit h3 a").first.click()
    page.wait_for_url("**/medlemmer/aalborg-kommune/")
    assert page.locator("h1").inner_text() == "Aalborg Kommune"
    context.close()


def test_site_search_finds_a_product(page, live_demo):
    page.goto(live_demo.url + "/soeg/")
    form = page.locator("main form.search-form")
    form.get_by_label("Søgeord").fill("OS2mo")
    form.get_by_role("button", name="Søg", exact=True).click()
    page.wait_for_url(re.compile(r"/soeg/\?q=OS2mo"))
    check_accessibility(page)
    screenshot(page, "site-search")
    page.get_by_role("link", name="OS2mo", exact=True).first.click()
    page.wait_for_url("**/produkter/os2mo/")
