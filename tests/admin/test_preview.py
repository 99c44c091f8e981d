"""The editor's live preview panel frames the page from the admin's own origin: the preview answers
with the admin's security policy (framed by 'self' only), not the public pages' frame-ancestors 'none'.
Logged in as a coordinator of OS2mo previewing their own tab, on a small catalogue built for the test."""

import pytest

from tests.factories import coordinated_catalogue, coordinator_of
from tests.products.test_coordinator_permissions import tab_form

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_the_preview_may_be_framed_by_the_admin_only(client):
    os2mo = coordinated_catalogue("OS2mo")["os2mo"]
    client.force_login(coordinator_of(os2mo))
    tab = os2mo.get_children().first().specific
    url = f"/admin/pages/{tab.pk}/edit/preview/"
    assert client.post(url, tab_form("Om OS2mo i forhåndsvisning", slug=tab.slug)).json()["is_valid"]
    response = client.get(url, {"mode": ""})
    assert response.status_code == 200
    assert "Om OS2mo i forhåndsvisning" in response.content.decode()
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # The public page itself still refuses every frame.
    public = client.get(tab.url)
    assert public.status_code == 200
    assert directives(public["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]
