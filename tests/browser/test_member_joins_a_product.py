"""A member of Ballerup Kommune asks to join a product from its page in the browser: sees the price for
Ballerup, sends a file that is not a PDF and is told so in Danish with the note kept, then sends the
signed agreement and is thanked; the page passes axe at each step, and the form works without
JavaScript."""

import pytest
from django.contrib.auth import get_user_model

from community.joining.demo import pdf_bytes
from products.models import JoinRequest, ProductPage

from .conftest import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser]


def product_ballerup_may_join():
    return (
        ProductPage.objects.live()
        .filter(status="produkt", prices__isnull=False)
        .exclude(joining_agreements__organisation__slug="ballerup-kommune")
        .exclude(join_requests__organisation__slug="ballerup-kommune")
        .distinct()
        .order_by("title")
        .first()
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_ballerup_asks_to_join_a_product(browser, live_demo, tmp_path, javascript):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    product = product_ballerup_may_join()
    mette = get_user_model().objects.get(email="mette.soerensen@ballerup.example.dk")
    log_in(page, live_demo, mette)
    page.goto(live_demo.url + product.url)
    section = page.locator("section.product-join")
    assert "Ballerup Kommune" in section.inner_text()
    assert "ekskl. moms" in section.inner_text()
    if javascript:
        check_accessibility(page)

    not_pdf = tmp_path / "aftale.pdf"
    not_pdf.write_bytes(b"Dette er ikke en PDF")
    page.get_by_label("Underskrevet tilslutningsaftale (PDF)").set_input_files(str(not_pdf))
    page.get_by_label("Bemærkning til sekretariatet").fill("Vi vil gerne starte i januar.")
    page.get_by_role("button", name="Send anmodning om tilslutning").click()
    assert page.get_by_text("Filen er ikke en gyldig PDF-fil.").first.is_visible()
    assert page.get_by_label("Bemærkning til sekretariatet").input_value() == "Vi vil gerne starte i januar."
    assert not JoinRequest.objects.filter(product=product, organisation__slug="ballerup-kommune").exists()
    if javascript:
        check_accessibility(page)
        screenshot(page, "product-join-error")

    agreement = tmp_path / "tilslutningsaftale.pdf"
    agreement.write_bytes(pdf_bytes("Tilslutningsaftale"))
    page.get_by_label("Underskrevet tilslutningsaftale (PDF)").set_input_files(str(agreement))
    page.get_by_role("button", name="Send anmodning om tilslutning").click()
    page.wait_for_url(f"**{product.url}#tilslut")
    assert page.get_by_text("Jeres anmodning om tilslutning er sendt").is_visible()
    assert "afventer behandling" in page.locator("section.product-join").inner_text()
    if javascript:
        check_accessibility(page)
        screenshot(page, "product-join-sent")
    join_request = JoinRequest.objects.get(product=product, organisation__slug="ballerup-kommune")
    assert join_request.note == "Vi vil gerne starte i januar." and join_request.agreement_file
    # Leave the demo as it was for the other browser tests.
    join_request.agreement_file.delete(save=False)
    join_request.delete()
    context.close()
