"""A visitor uses only the keyboard to go from the catalogue through its filters to a product, moves
between the product's tabs and opens the governance explanation; every page passes the axe-core
check, and the filters and tabs also work with JavaScript switched off."""

import pytest

from .conftest import DESKTOP, check_accessibility, screenshot

pytestmark = [pytest.mark.browser]


def tab_to(page, name, limit=200):
    """Press Tab until the focused element has the accessible text `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if (
            page.evaluate("(document.activeElement.innerText || document.activeElement.id || '').trim()")
            == name
        ):
            return
    raise AssertionError(f"Could not reach {name!r} by keyboard")


def test_visitor_filters_the_catalogue_and_reads_a_product_by_keyboard(page, live_demo):
    page.goto(live_demo.url + "/produkter/")
    assert page.locator("h1").inner_text() == "Produkter"
    check_accessibility(page)
    screenshot(page, "catalogue")

    # Choose status "Produkt" and level N2 in the filter form, by keyboard.
    page.get_by_label("Status").focus()
    page.keyboard.press("ArrowDown")  # Projekt
    page.keyboard.press("ArrowDown")  # Produkt
    page.get_by_label("Governanceniveau").focus()
    page.get_by_label("Governanceniveau").select_option("n2")
    tab_to(page, "Vis produkter")
    page.keyboard.press("Enter")
    page.wait_for_url("**/produkter/?*")
    assert "niveau=n2" in page.url and "status=produkt" in page.url
    cards = page.locator(".product-card h2").all_inner_texts()
    assert "OS2mo" in cards and "OS2kitos" not in cards
    assert page.locator("#results-heading").inner_text() == f"{len(cards)} produkter"
    check_accessibility(page)

    # The governance badge says what the level means, links to the governance tab and describes
    # itself with the explanation shown beneath it.
    badge = page.locator(".product-card", has_text="OS2mo").get_by_role("link", name="N2 styret i fællesskab")
    assert badge.get_attribute("href") == "/produkter/os2mo/governance/"
    assert page.locator("#level-os2mo").is_visible()

    # Follow the product link by keyboard.
    page.get_by_role("link", name="OS2mo", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/produkter/os2mo/")
    assert page.locator("h1").inner_text() == "OS2mo"
    tabs = page.get_by_role("navigation", name="Faner for OS2mo")
    assert tabs.get_by_role("link", name="Overblik").get_attribute("aria-current") == "page"
    check_accessibility(page)
    screenshot(page, "product")

    # Move to the "Om" tab by keyboard; it has its own address and table of contents.
    tabs.get_by_role("link", name="Om", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/produkter/os2mo/om/")
    assert (
        page.get_by_role("navigation", name="Faner for OS2mo")
        .get_by_role("link", name="Om", exact=True)
        .get_attribute("aria-current")
        == "page"
    )
    page.get_by_role("link", name="Historik").click()
    assert page.url.endswith("#historik")
    check_accessibility(page)

    # And to the governance tab.
    page.get_by_role("navigation", name="Faner for OS2mo").get_by_role("link", name="Governance").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/produkter/os2mo/governance/")
    assert page.get_by_role("heading", name="Governanceniveau: N2").is_visible()
    check_accessibility(page)
    screenshot(page, "product-governance")


def test_filters_and_tabs_work_without_javascript(browser, live_demo):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_demo.url + "/produkter/")
    page.get_by_label("Emne").select_option("identitet")
    page.get_by_role("button", name="Vis produkter").click()
    page.wait_for_url("**emne=identitet*")
    assert sorted(page.locator(".product-card h2").all_inner_texts()) == ["OS2faktor", "OS2rollekatalog"]
    page.get_by_role("link", name="OS2faktor", exact=True).click()
    page.get_by_role("navigation", name="Faner for OS2faktor").get_by_role("link", name="Tilslutning").click()
    page.wait_for_url("**/produkter/os2faktor/tilslutning/")
    assert page.get_by_role("heading", name="Tilslutning").is_visible()
    context.close()
