"""The layout as a visitor sees it: card grids use the content width (three or more cards a row at
1280 px); no page scrolls sideways on a 320 px phone, at 375 px without JavaScript, or at 200 % text
size; the governance explanation is readable and stays inside its card; the phone menu keeps the
current section in view and Escape returns to its button; filters fold on phones with the number of
results; the favicon is served; and axe finds no violation at all on the page types laid out here."""

import pytest

from .conftest import check_accessibility

pytestmark = [pytest.mark.browser]

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
SMALLEST_PHONE = {"width": 320, "height": 640}

LISTINGS = ["/", "/produkter/", "/medlemmer/", "/ideer/", "/arrangementer/", "/nyheder/"]
LAID_OUT = [
    *LISTINGS,
    "/produkter/os2mo/",
    "/produkter/os2mo/governance/",
    "/medlemmer/hedensted-kommune/",
    "/en/",
    "/en/produkter/",
]

# Each card grid: its width against its parent's content width, its number of cards and how many sit in
# the first row.
GRIDS = """() => [...document.querySelectorAll('.card-grid')].map((grid) => {
  const parent = grid.parentElement, style = getComputedStyle(parent);
  const available = parent.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const items = [...grid.children], top = items[0].getBoundingClientRect().top;
  return {width: grid.getBoundingClientRect().width, available, cards: items.length,
          firstRow: items.filter((item) => Math.abs(item.getBoundingClientRect().top - top) < 2).length,
          heights: items.filter((item) => Math.abs(item.getBoundingClientRect().top - top) < 2)
                        .map((item) => Math.round(item.firstElementChild.getBoundingClientRect().height))};
})"""

EXTRA_WIDTH = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def browse(browser):
    """A page in a context of its own: `browse(viewport, javascript=True)`."""
    contexts = []

    def open_page(viewport, javascript=True):
        context = browser.new_context(viewport=viewport, locale="da-DK", java_script_enabled=javascript)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("path", LISTINGS)
def test_card_grids_fill_the_content_width_with_three_or_more_cards_a_row(page, live_demo, path):
    page.set_viewport_size(WIDE)
    page.goto(live_demo.url + path)

    grids = page.evaluate(GRIDS)

    assert grids, f"no card grid on {path}"
    for grid in grids:
        assert grid["width"] >= 0.9 * grid["available"], grid
        assert grid["firstRow"] >= min(3, grid["cards"]), grid
        # Cards in a row are of equal height.
        assert len(set(grid["heights"])) == 1, grid


@pytest.mark.parametrize("path", LISTINGS)
def test_one_card_a_row_on_a_phone(page, live_demo, path):
    page.set_viewport_size(PHONE)
    page.goto(live_demo.url + path)

    for grid in page.evaluate(GRIDS):
        assert grid["firstRow"] == 1, grid


@pytest.mark.parametrize("path", LAID_OUT)
def test_no_sideways_scrolling_on_small_phones_without_javascript_or_with_large_text(browse, live_demo, path):
    smallest = browse(SMALLEST_PHONE)
    smallest.goto(live_demo.url + path)
    assert smallest.evaluate(EXTRA_WIDTH) <= 0, "wider than a 320 px phone"

    without_javascript = browse(PHONE, javascript=False)
    without_javascript.goto(live_demo.url + path)
    assert without_javascript.evaluate(EXTRA_WIDTH) <= 0, "wider than a 375 px phone without JavaScript"

    # 200 % text: the design system sets the root size to 62.5 %, so twice that.
    large_text = browse(PHONE)
    large_text.goto(live_demo.url + path)
    large_text.add_style_tag(content="html { font-size: 125% !important; }")
    assert large_text.evaluate(EXTRA_WIDTH) <= 0, "wider than a 375 px phone at 200 % text size"


def test_without_javascript_the_menu_wraps_and_shows_every_section(browse, live_demo):
    phone = browse(PHONE, javascript=False)
    phone.goto(live_demo.url + "/produkter/")
    menu = phone.get_by_role("navigation", name="Hovedmenu")

    for name in ["Om OS2", "Produkter", "Medlemmer", "Idéer", "Arrangementer", "Nyheder"]:
        link = menu.get_by_role("link", name=name, exact=True)
        assert link.is_visible(), name
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], name
    assert not menu.get_by_role("button", name="Menu").is_visible()


def test_the_phone_menu_keeps_the_current_section_in_view_and_escape_returns_to_its_button(page, live_demo):
    page.set_viewport_size(PHONE)
    page.goto(live_demo.url + "/medlemmer/")
    menu = page.get_by_role("navigation", name="Hovedmenu")
    button = menu.get_by_role("button", name="Menu")

    # Closed: the button and the current section, the first item not cut at the edge.
    current = menu.get_by_role("link", name="Medlemmer", exact=True)
    assert current.is_visible() and current.bounding_box()["x"] >= 0
    assert not menu.get_by_role("link", name="Nyheder", exact=True).is_visible()

    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    first = menu.get_by_role("link", name="Om OS2", exact=True)
    assert first.is_visible() and first.bounding_box()["x"] >= 0
    first.focus()
    page.keyboard.press("Escape")

    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('site-menu-button')")


def test_the_governance_explanation_is_readable_and_stays_in_its_card(page, live_demo):
    page.set_viewport_size(WIDE)
    page.goto(live_demo.url + "/produkter/")

    cards = page.locator(".product-card")
    assert cards.count() >= 3
    for index in range(cards.count()):
        card = cards.nth(index)
        explanation = card.locator(".governance-explanation")
        assert float(explanation.evaluate("e => getComputedStyle(e).fontSize")[:-2]) >= 14
        inner, outer = explanation.bounding_box(), card.bounding_box()
        assert inner["width"] >= 150
        assert outer["x"] <= inner["x"] and inner["x"] + inner["width"] <= outer["x"] + outer["width"]
        # The badge says the level in words and leads to the governance tab.
        badge = card.locator(".governance-level")
        assert badge.get_attribute("href").endswith("/governance/")


def test_filters_fold_on_phones_with_the_number_of_results(browse, live_demo):
    phone = browse(PHONE, javascript=False)
    phone.goto(live_demo.url + "/produkter/")
    summary = phone.locator("summary", has_text="Filtrér og sortér")
    count = phone.locator("#results-heading").inner_text()  # "17 produkter"

    assert count in summary.inner_text()
    assert not phone.get_by_label("Governanceniveau").is_visible()
    summary.click()
    assert phone.get_by_label("Governanceniveau").is_visible()

    phone.goto(live_demo.url + "/medlemmer/")
    assert not phone.locator(".facet-value").first.is_visible()
    phone.locator("summary", has_text="Afgræns").click()
    assert phone.locator(".facet-value").first.is_visible()

    wide = browse(WIDE, javascript=False)
    wide.goto(live_demo.url + "/produkter/")
    assert wide.get_by_label("Governanceniveau").is_visible()
    assert not wide.locator("summary", has_text="Filtrér og sortér").is_visible()


def test_the_users_list_is_short_and_shows_them_all_without_javascript(browse, live_demo):
    phone = browse(PHONE, javascript=False)
    phone.goto(live_demo.url + "/produkter/os2mo/")
    users = phone.locator(".product-users-list a")
    total = users.count()

    assert total > 8
    assert phone.locator(".product-users-list a:visible").count() == 8
    # The key facts come before the users.
    licence = phone.get_by_text("MPL-2.0").first.bounding_box()
    assert licence["y"] < users.first.bounding_box()["y"]

    phone.locator("summary", has_text=f"Vis alle {total}").click()
    assert phone.locator(".product-users-list a:visible").count() == total


def test_the_favicon_and_touch_icons_are_served(page, live_demo):
    response = page.request.get(live_demo.url + "/favicon.ico")
    assert response.status == 200
    assert response.headers["content-type"] == "image/x-icon"

    page.goto(live_demo.url + "/")
    for selector in ['link[rel="icon"]', 'link[rel="apple-touch-icon"]']:
        for href in page.locator(selector).evaluate_all("links => links.map((link) => link.href)"):
            assert page.request.get(href).status == 200, href


@pytest.mark.parametrize("path", LAID_OUT)
def test_no_accessibility_violations_at_all(page, live_demo, path):
    for viewport in (WIDE, PHONE):
        page.set_viewport_size(viewport)
        page.goto(live_demo.url + path)
        check_accessibility(page, every_impact=True)
