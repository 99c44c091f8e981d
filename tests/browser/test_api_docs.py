"""A developer finds the API from the footer and reads its documentation: Swagger UI, served from the
site's own static files under the site's Content-Security-Policy (the page fixture fails on any
violation), lists every operation and fetches one from the running site."""

import pytest

from .conftest import PHONE, check_accessibility, screenshot

pytestmark = [pytest.mark.browser]

# Swagger UI puts the copy-path button inside each operation's toggle button; nothing but replacing
# Swagger UI changes that, so this one rule is not checked on this page (every other rule is).
NESTED = ["nested-interactive"]


def test_developer_reads_the_api_documentation_and_tries_an_operation(page, live_demo):
    page.goto(live_demo.url + "/")
    page.get_by_role("link", name="Åbne data og API").click()
    page.wait_for_url("**/api/")
    page.locator(".opblock").first.wait_for()
    summaries = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/products" in summaries and "/api/v1/ideas/{idea_id}" in summaries
    check_accessibility(page, disable=NESTED)
    screenshot(page, "api-docs")

    # Try one operation in the page: the request goes to the site itself, as the policy allows.
    page.locator("#operations-products-get_product").locator(".opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.locator("input[placeholder='slug']").fill("os2mo")
    page.get_by_role("button", name="Execute").click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    assert '"slug": "os2mo"' in page.locator(".live-responses-table tbody .microlight").first.inner_text()

    page.set_viewport_size(PHONE)
    page.reload()
    page.locator(".opblock").first.wait_for()
    screenshot(page, "api-docs-phone")
