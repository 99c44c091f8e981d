"""Every public page type in the browser, at phone and desktop width: no serious or critical axe
violation, no Content-Security-Policy violation (the `page` fixture), nothing wider than a 320 px
phone, and a screenshot of each in test-artifacts/.

The pages are the shared list in tests/public_pages.py; another language's pages are the same list
through `in_language`."""

import pytest

from tests.public_pages import PUBLIC_PAGES_IN_EVERY_LANGUAGE, approved_member

from .conftest import DESKTOP, PHONE, check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser]

SMALLEST_PHONE = {"width": 320, "height": 640}

# The elements that stick out to the right, named so a failure says where to look.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter((element) => element.getBoundingClientRect().right > width + 1)
    .filter((element) => !element.closest('.sr-only, [hidden]'))
    .slice(0, 8)
    .map((element) => element.tagName.toLowerCase() + (element.className ? '.' + String(element.className).trim().split(/\\s+/).join('.') : ''));
}"""


def overflow(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    ), page.evaluate(OVERFLOWING)


@pytest.mark.parametrize(
    "public_page", PUBLIC_PAGES_IN_EVERY_LANGUAGE, ids=lambda public_page: public_page.id
)
def test_public_page_type(page, live_demo, public_page):
    if public_page.member:
        log_in(page, live_demo, approved_member())
    page.set_viewport_size(DESKTOP)
    response = page.goto(live_demo.url + public_page.url_path())

    assert response.status == public_page.status
    assert page.locator("html").get_attribute("lang") == public_page.language
    assert page.locator("main h1").count() == 1
    check_accessibility(page, every_impact=True)
    screenshot(page, f"page-{public_page.id}-desktop")

    page.set_viewport_size(PHONE)
    check_accessibility(page, every_impact=True)
    screenshot(page, f"page-{public_page.id}-phone")

    # Loaded afresh, as a phone would: the design system's script lays out some parts at load.
    page.set_viewport_size(SMALLEST_PHONE)
    page.reload()
    extra_width, elements = overflow(page)
    assert extra_width <= 0, f"{extra_width} px wider than a 320 px phone; these stick out: {elements}"


def test_the_overflow_check_sees_a_page_wider_than_the_phone(page, live_demo):
    """The 320 px check above would fail on a page that scrolls sideways."""
    page.set_viewport_size(SMALLEST_PHONE)
    page.goto(live_demo.url + "/")
    page.evaluate(
        "() => { const wide = document.createElement('div'); wide.className = 'too-wide';"
        " wide.append('x'.repeat(400)); document.querySelector('main').append(wide); }"
    )

    extra_width, _elements = overflow(page)

    assert extra_width > 0


@pytest.mark.parametrize(
    ("path", "schema_type"),
    [
        ("/", None),
        ("/produkter/os2mo/", "SoftwareApplication"),
        ("/medlemmer/hedensted-kommune/", "GovernmentOrganization"),
    ],
)
def test_structured_data_is_read_without_breaking_the_content_security_policy(
    page, live_demo, path, schema_type
):
    """The strict policy (script-src 'self') does not block JSON-LD: it is data, never run. The `page`
    fixture fails the test on any CSP violation the browser reports."""
    page.goto(live_demo.url + path)

    blocks = page.locator('script[type="application/ld+json"]')
    assert blocks.count() == 1
    data = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    types = [item["@type"] for item in data.get("@graph", [data])]
    assert schema_type in types if schema_type else types == ["WebSite", "Organization"]
