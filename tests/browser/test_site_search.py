"""Site search as a visitor uses it: searching a product's name from the header leads first to the
product; the links to each type of result are plain buttons (no list bullets) and the chosen one is
marked for the eye as well as for screen readers; the results pass the axe check at both widths."""

import pytest

from .conftest import PHONE, check_accessibility, screenshot

pytestmark = [pytest.mark.browser]

# What stands before a type link's list item and how the link is painted.
TYPE_LINKS = """() => [...document.querySelectorAll('main .search-types li')].map((item) => {
  const link = item.querySelector('a');
  const style = getComputedStyle(link);
  return {
    bullet: getComputedStyle(item, '::before').content,
    current: link.getAttribute('aria-current'),
    paint: style.backgroundColor + ' ' + style.color,
  };
})"""


def test_a_product_searched_from_the_header_comes_first(page, live_demo):
    page.goto(live_demo.url + "/")
    header_search = page.get_by_role("search", name="Søgning på os2.eu")
    header_search.get_by_role("searchbox").fill("os2mo")
    header_search.get_by_role("button", name="Søg").click()
    page.wait_for_url("**/soeg/?q=os2mo")

    first_hit = page.locator("main .search-hit h4 a").first
    assert first_hit.inner_text() == "OS2mo"
    assert page.get_by_role("link", name="OS2mo › Om").is_visible()
    check_accessibility(page)
    screenshot(page, "site-search")

    first_hit.click()
    page.wait_for_url("**/produkter/os2mo/")


def test_type_links_have_no_bullets_and_the_chosen_one_stands_out(page, live_demo):
    page.goto(live_demo.url + "/soeg/?q=os2")
    page.locator("main .search-types").get_by_role("link", name="Produkter").click()
    page.wait_for_url("**type=products.productpage")

    links = page.evaluate(TYPE_LINKS)
    assert len(links) > 3
    assert {link["bullet"] for link in links} <= {"none", "normal"}
    chosen = [link for link in links if link["current"] == "page"]
    others = [link for link in links if link["current"] != "page"]
    assert len(chosen) == 1
    assert all(link["paint"] != chosen[0]["paint"] for link in others)
    check_accessibility(page)

    page.set_viewport_size(PHONE)
    check_accessibility(page)
    screenshot(page, "site-search-type-phone")
