"""A member follows a product in the browser, without JavaScript too: they choose the daily digest on
the product's page, see that they follow it, find it on Min side and stop there. Both pages pass the
axe-core check, at desktop and phone widths."""

import pytest
from django.contrib.auth import get_user_model

from community.models import Affiliation, AffiliationStatus, FollowFrequency, Organisation, ProductFollow

from .conftest import DESKTOP, PHONE, check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser]


@pytest.fixture
def follower(live_demo):
    user, _created = get_user_model().objects.get_or_create(
        username="produktfoelger",
        defaults={"email": "produktfoelger@example.dk", "first_name": "Pia", "last_name": "Følger"},
    )
    Affiliation.objects.get_or_create(
        user=user,
        defaults={
            "organisation": Organisation.objects.public_members().order_by("name").first(),
            "status": AffiliationStatus.APPROVED,
        },
    )
    ProductFollow.objects.filter(user=user).delete()
    yield user
    ProductFollow.objects.filter(user=user).delete()


def checked_at_both_widths(page, name):
    for label, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        check_accessibility(page)
        screenshot(page, f"{name}-{label}")
    page.set_viewport_size(DESKTOP)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_member_follows_a_product_and_stops_on_min_side(browser, live_demo, follower, javascript):
    context = browser.new_context(viewport=DESKTOP, locale="da-DK", java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, live_demo, follower)
        page.goto(f"{live_demo.url}/produkter/os2mo/")
        box = page.locator("section#foelg")
        box.get_by_label("Samlet én gang i døgnet").check()
        box.get_by_role("button", name="Følg", exact=True).click()
        page.wait_for_url("**/produkter/os2mo/#foelg")
        assert "Du følger OS2mo. E-mails: samlet én gang i døgnet." in page.locator("main").inner_text()
        assert box.get_by_label("Samlet én gang i døgnet").is_checked()
        assert ProductFollow.objects.get(user=follower).frequency == FollowFrequency.DIGEST
        if javascript:
            checked_at_both_widths(page, "product-follow")

        page.goto(f"{live_demo.url}/min-side/")
        section = page.locator("section[aria-labelledby=follows]")
        assert section.get_by_role("link", name="OS2mo").is_visible()
        if javascript:
            checked_at_both_widths(page, "min-side-follows")
        section.get_by_role("button", name="Følg ikke længere OS2mo").click()
        page.wait_for_url("**/min-side/")
        assert "Du følger ikke længere OS2mo." in page.locator("main").inner_text()
        assert "Du følger ingen produkter." in section.inner_text()
        assert not ProductFollow.objects.filter(user=follower).exists()
    finally:
        context.close()


def test_the_unfollow_link_from_a_mail_asks_and_stops_in_the_browser(page, live_demo, follower):
    from community.following import services
    from products.models import ProductPage

    follow = services.follow(ProductPage.objects.get(slug="os2mo"), follower, FollowFrequency.INSTANT, "da")
    page.goto(f"{live_demo.url}/foelg/stop/{follow.unfollow_token()}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Følg ikke længere OS2mo?"
    check_accessibility(page)
    page.get_by_role("button", name="Følg ikke længere").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Du følger ikke længere produktet"
    check_accessibility(page)
    assert not ProductFollow.objects.filter(pk=follow.pk).exists()
