"""The coordinator's journey: a product's coordinator opens their product's tab in the Wagtail admin,
changes it and sends it to the secretariat; visitors still see the published text until the secretariat
approves, and then the change. The coordinator cannot open another product's pages."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import WorkflowState

from products.models import ProductTabPage
from products.permissions import SECRETARIAT_GROUP

from .conftest import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser]

NEW_TITLE = "Om OS2kitos, gennemgået af tovholderen"


def test_coordinator_changes_a_tab_and_the_secretariat_approves_it(page, live_demo):
    coordinator = get_user_model().objects.get(username="tovholder-os2kitos")
    tab = ProductTabPage.objects.get(slug="om", url_path__contains="/os2kitos/")
    public_url = live_demo.url + "/produkter/os2kitos/om/"
    log_in(page, live_demo, coordinator)

    page.goto(f"{live_demo.url}/admin/pages/{tab.pk}/edit/")
    page.fill("#id_title", NEW_TITLE)
    # Sending for approval is the coordinator's main action in the footer.
    with page.expect_navigation():
        page.locator("button[name='action-submit']").click()
    screenshot(page, "coordinator-submitted-for-approval")
    state = WorkflowState.objects.get(object_id=str(tab.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.requested_by == coordinator

    # Not live yet: the visitor still reads the published tab.
    visitor = page.context.browser.new_context(locale="da-DK")
    visitor_page = visitor.new_page()
    visitor_page.goto(public_url)
    assert visitor_page.locator("h2.product-tab-title").inner_text() == "Om"
    check_accessibility(visitor_page)

    # Another product's editor is closed to them.
    other = ProductTabPage.objects.get(slug="om", url_path__contains="/os2mo/")
    response = page.goto(f"{live_demo.url}/admin/pages/{other.pk}/edit/")
    assert response.status in {403, 404} or f"/admin/pages/{other.pk}/edit/" not in page.url

    # The secretariat approves (the approval itself is tested in tests/products).
    secretary = get_user_model().objects.create_user("sekretaer-kitos-journey", password="unused-password-1")
    secretary.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    secretariat = Client()
    secretariat.force_login(secretary)
    approved = secretariat.post(
        f"/admin/pages/workflow/action/{tab.pk}/approve/{state.current_task_state.pk}/", {"comment": "Fint."}
    )
    assert approved.status_code in {200, 302}

    # The visitor's browser may keep the anonymous page a minute (Cache-Control: public, max-age, see
    # os2site/page_cache.py); reloading asks the server, which answers with the change at once.
    visitor_page.reload()
    assert visitor_page.locator("h2.product-tab-title").inner_text() == NEW_TITLE
    visitor.close()
