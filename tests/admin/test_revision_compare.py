"""The revision compare names only the fields an editor changed: "Funktioner" sent back by a browser
with CR LF line ends and "Emner" in another order are not changes. On a published OS2mo with its tabs,
logged in as a member of its coordinators' group."""

import pytest

from products.permissions import ensure_secretariat_workflow
from tests.factories import catalogue, coordinator_of, product_with_tabs
from tests.markup import parse, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def os2mo():
    index = catalogue()
    ensure_secretariat_workflow(index)
    return product_with_tabs(index, "OS2mo")


@pytest.fixture
def coordinator(client, os2mo):
    user = coordinator_of(os2mo)
    client.force_login(user)
    return user


def changed_fields(client, page, revision_a, revision_b):
    """The fields the compare view lists: the first cell of each row of its table, the field's label."""
    response = client.get(f"/admin/pages/{page.pk}/revisions/compare/{revision_a.pk}...{revision_b.pk}/")
    assert response.status_code == 200
    rows = parse(response).main.find("table").tbody.find_all("tr")
    return {text(row.td).rstrip(":") for row in rows if not row.td.has_attr("colspan")}


def test_compare_shows_only_real_changes(client, coordinator, os2mo):
    product = os2mo.get_latest_revision_as_object()
    product.features = "Organisationsdiagram\nStillingsbetegnelser\nIntegration til løn"
    product.tags.set(["organisation", "HR", "integration"])
    before = product.save_revision(user=coordinator)

    product = before.as_object()
    product.features = "Organisationsdiagram \r\nStillingsbetegnelser\r\nIntegration til løn\r\n"
    product.tags.set(["integration", "organisation", "HR"])
    product.tagline = "Organisationen som data, til alle systemer."
    after = product.save_revision(user=coordinator)

    changed = changed_fields(client, product, before, after)
    assert product._meta.get_field("tagline").verbose_name.capitalize() in changed
    assert "Funktioner" not in changed
    assert "Emner" not in changed

    # A real change to either is shown.
    product = after.as_object()
    product.features += "\nRapporter"
    product.tags.set(["integration", "organisation"])
    later = product.save_revision(user=coordinator)
    assert {"Funktioner", "Emner"} <= changed_fields(client, product, after, later)
