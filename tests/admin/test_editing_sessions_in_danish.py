"""Two windows on one page: when a product's coordinator has the product open while colleagues have it
open too, or saved it in another window, Wagtail's notices of who else is there and its warning before
saving over a newer version speak Danish. They come from the editor's regular ping (Wagtail's editing
sessions), read here as the editor's script receives them."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.models import Page

from tests.factories import coordinated_catalogue, coordinator_of, secretary

from .english import english_on_screen

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def os2mo():
    return coordinated_catalogue("OS2mo")["os2mo"]


def opened_editor(client, product):
    """Opens the product's editor; returns its ping address and what the editor's script posts."""
    response = client.get(f"/admin/pages/{product.pk}/edit/")
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").select_one("form[data-controller~='w-session']")
    fields = {field["name"]: field.get("value", "") for field in form.select("input[type='hidden']")}
    return form["data-w-swap-src-value"], fields


def notices(client, ping, fields):
    """What the coordinator's editor shows after its next ping: the HTML Wagtail sends it."""
    response = client.post(ping, fields)
    assert response.status_code == 200, response.content[:500]
    return response.json()["html"]


def someone_on(product, user, minutes_ago=0, editing=False):
    """`user` has the product's editor open in their browser, seen `minutes_ago`."""
    EditingSession.objects.create(
        user=user,
        # Wagtail keeps a page's sessions under the page model, whatever the page's type.
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(product.pk),
        last_seen_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        is_editing=editing,
    )


def test_a_version_saved_in_another_window_is_told_in_danish(os2mo, client):
    coordinator = coordinator_of(os2mo)
    assert not coordinator.is_superuser
    client.force_login(coordinator)
    ping, fields = opened_editor(client, os2mo)
    # The coordinator saves the product in a second window.
    os2mo.save_revision(user=coordinator)

    html = notices(client, ping, fields)

    assert "Du har gemt en ny version i et andet vindue" in html
    assert "Fortsætter du, overskrives de ændringer, du har lavet i det andet vindue." in html
    assert "Du kan også se den nyeste version i en ny fane." in html
    assert not english_on_screen(html)


def test_colleagues_on_the_same_page_are_told_in_danish(os2mo, client):
    coordinator = coordinator_of(os2mo)
    client.force_login(coordinator)
    ping, fields = opened_editor(client, os2mo)
    anne = secretary()
    others = [secretary(f"kollega{n}@os2.example.dk", first_name=f"Kollega {n}") for n in range(4)]
    someone_on(os2mo, anne, editing=True)
    someone_on(os2mo, others[0])
    someone_on(os2mo, others[1], minutes_ago=20)
    someone_on(os2mo, others[2])
    someone_on(os2mo, others[3])
    # One of them saved the product meanwhile.
    os2mo.save_revision(user=others[0])

    html = notices(client, ping, fields)

    assert "Kollega 0 Lund har gemt en ny version" in html
    assert "Anne Lund har ændringer, som ikke er gemt" in html
    assert "Ser siden lige nu" in html and "Inaktiv lige nu" in html
    assert "Én anden bruger ser siden lige nu" in html
    assert "Fortsætter du, overskrives de ændringer, som Kollega 0 Lund har lavet." in html
    assert not english_on_screen(html)
    assert get_user_model().objects.filter(is_superuser=True).count() == 0
