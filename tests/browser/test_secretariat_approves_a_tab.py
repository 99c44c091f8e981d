"""The two roles' day around one change, in the browser and in Danish: the coordinator of OS2mo finds
their product on the dashboard ("Mit produkt"), edits a tab and sends it for approval; the tab shows
"Afventer godkendelse"; the demo's Sekretariat member opens the tab and approves it; the visitor sees
the change. Neither role is a superuser."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import WorkflowState

from community.members.demo import DEMO_SECRETARIAT
from products.models import ProductTabPage

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser]

NEW_TITLE = "Om OS2mo, gennemgået i dag"


def test_the_coordinator_submits_and_the_secretariat_approves(page, live_demo):
    coordinator = get_user_model().objects.get(username="tovholder-os2mo")
    tab = ProductTabPage.objects.get(slug="om", url_path__contains="/os2mo/")
    log_in(page, live_demo, coordinator)

    page.goto(f"{live_demo.url}/admin/")
    panel = page.locator("[data-my-product]")
    assert panel.locator("h2").inner_text() == "Mit produkt"
    row = panel.locator("tr[data-tab]", has_text=tab.title).first
    with page.expect_navigation():
        row.get_by_role("link").click()
    assert f"/admin/pages/{tab.pk}/edit/" in page.url
    page.fill("#id_title", NEW_TITLE)
    # Sending for approval is the coordinator's main action in the footer.
    with page.expect_navigation():
        page.locator("button[name='action-submit']").click()
    page.goto(f"{live_demo.url}/admin/")
    status = page.locator("[data-my-product] tr[data-tab]", has_text=NEW_TITLE).locator("[data-status]")
    assert status.text_content().strip() == "Afventer godkendelse"
    screenshot(page, "coordinator-dashboard-awaiting-approval")

    secretary_context = page.context.browser.new_context(locale="da-DK")
    secretary_page = secretary_context.new_page()
    log_in(secretary_page, live_demo, get_user_model().objects.get(email=DEMO_SECRETARIAT[2]))
    secretary_page.goto(f"{live_demo.url}/admin/pages/{tab.pk}/edit/")
    approve = secretary_page.locator(
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    ).first
    if not approve.is_visible():
        secretary_page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    with secretary_page.expect_navigation():
        approve.click()
    screenshot(secretary_page, "secretariat-approved")
    state = WorkflowState.objects.filter(object_id=str(tab.pk)).order_by("-created_at").first()
    assert state.status == WorkflowState.STATUS_APPROVED
    tab.refresh_from_db()
    assert tab.title == NEW_TITLE and tab.live

    secretary_page.goto(live_demo.url + "/produkter/os2mo/om/")
    assert secretary_page.locator("h2.product-tab-title").inner_text() == NEW_TITLE
    secretary_context.close()
