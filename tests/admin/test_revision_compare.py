"""The revision compare names only the fields an editor changed: "Funktioner" sent back by a browser
with CR LF line ends and "Emner" in another order are not changes. Logged in as the coordinator
`tovholder-os2mo` on their own product."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from products.models import ProductPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(demo, client):
    user = get_user_model().objects.get(username="tovholder-os2mo")
    client.force_login(user)
    return user


def changed_fields(client, page, revision_a, revision_b):
    response = client.get(f"/admin/pages/{page.pk}/revisions/compare/{revision_a.pk}...{revision_b.pk}/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {cell.get_text(strip=True).rstrip(":") for cell in soup.select("table.listing tbody td.title")}


def test_compare_shows_only_real_changes(client, coordinator):
    product = ProductPage.objects.get(slug="os2mo").get_latest_revision_as_object()
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
