"""A new tab's form sent twice in the same second (the editor's autosave and "Gem skitse") makes one
draft, never a 500: the second save finds the draft the first made; where another page took the
address meanwhile, the form says so in Danish. On a catalogue of OS2mo and OS2kitos with their tabs,
under the secretariat's approval workflow, logged in as a member of OS2mo's coordinators' group."""

import pytest
from django.db import connection

from products.models import ProductTabPage
from products.permissions import ensure_secretariat_workflow
from tests.factories import catalogue, coordinator_of, product_with_tabs
from tests.markup import parse, text
from tests.products.test_coordinator_permissions import tab_form

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def products():
    index = catalogue()
    ensure_secretariat_workflow(index)
    return {title: product_with_tabs(index, title) for title in ("OS2mo", "OS2kitos")}


@pytest.fixture
def os2mo(products):
    return products["OS2mo"]


@pytest.fixture
def coordinator(client, os2mo):
    user = coordinator_of(os2mo)
    client.force_login(user)
    return user


def add_url(product):
    return f"/admin/pages/add/products/producttabpage/{product.pk}/"


def new_tabs(product, slug="nyheder-om-drift"):
    return ProductTabPage.objects.child_of(product).filter(slug=slug)


def test_autosave_then_save_draft_on_the_create_form_make_one_draft(client, coordinator, os2mo):
    autosave = client.post(
        add_url(os2mo), tab_form("Drift", slug="nyheder-om-drift"), HTTP_ACCEPT="application/json"
    )
    assert autosave.status_code == 200 and autosave.json()["success"]
    page_id = autosave.json()["pk"]
    # "Gem skitse" from the same, not yet refreshed, create form.
    response = client.post(add_url(os2mo), tab_form("Drift og nyheder", slug="nyheder-om-drift"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"/admin/pages/{page_id}/edit/")
    assert new_tabs(os2mo).count() == 1
    draft = new_tabs(os2mo).get()
    assert draft.get_latest_revision_as_object().title == "Drift og nyheder"
    assert draft.revisions.count() == 2


def test_a_draft_placed_while_the_form_is_checked_is_found(client, coordinator, os2mo, monkeypatch):
    """The two requests overlap: the autosave's draft is not there when the second request looks for it,
    but is by the time its form checks the address."""
    from home.admin_views import SingleDraftCreateView

    autosave = client.post(
        add_url(os2mo), tab_form("Drift", slug="nyheder-om-drift"), HTTP_ACCEPT="application/json"
    )
    page_id = autosave.json()["pk"]
    first_draft = SingleDraftCreateView.first_draft
    looks = []

    def not_yet_committed(view, slug):
        looks.append(slug)
        return None if len(looks) == 1 else first_draft(view, slug)

    monkeypatch.setattr(SingleDraftCreateView, "first_draft", not_yet_committed)
    response = client.post(add_url(os2mo), tab_form("Drift og nyheder", slug="nyheder-om-drift"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"/admin/pages/{page_id}/edit/")
    assert len(looks) == 2
    assert new_tabs(os2mo).count() == 1
    assert new_tabs(os2mo).get().get_latest_revision_as_object().title == "Drift og nyheder"


def test_save_draft_then_autosave_moves_the_editor_to_the_draft(client, coordinator, os2mo):
    client.post(add_url(os2mo), tab_form("Drift", slug="nyheder-om-drift"))
    autosave = client.post(
        add_url(os2mo), tab_form("Drift i dag", slug="nyheder-om-drift"), HTTP_ACCEPT="application/json"
    )
    assert autosave.status_code == 200
    data = autosave.json()
    draft = new_tabs(os2mo).get()
    assert data["success"] and data["pk"] == draft.pk
    assert data["url"] == f"/admin/pages/{draft.pk}/edit/"
    assert draft.get_latest_revision_as_object().title == "Drift i dag"


class SaveInBetween:
    """Runs `save` (the other request's page) once, right after the form has found the address free and
    before the page is saved: the moment two requests in the same second meet."""

    def __init__(self, save):
        self.save = save
        self.done = False

    def __call__(self, execute, sql, params, many, context):
        # The checks of the address alone, not the view's search for the user's own draft.
        address_check = 'FROM "wagtailcore_page"' in sql and '"slug" =' in sql and '"owner_id"' not in sql
        result = execute(sql, params, many, context)
        if not self.done and address_check and "nyheder-om-drift" in params:
            self.done = True
            self.save()
        return result


def test_the_first_draft_saved_while_the_second_request_runs_is_found(client, coordinator, os2mo):
    def first_request():
        os2mo.add_child(
            instance=ProductTabPage(title="Drift", slug="nyheder-om-drift", owner=coordinator, live=False)
        )
        new_tabs(os2mo).get().save_revision(user=coordinator)

    between = SaveInBetween(first_request)
    with connection.execute_wrapper(between):
        response = client.post(add_url(os2mo), tab_form("Drift og nyheder", slug="nyheder-om-drift"))
    assert between.done
    assert response.status_code == 302
    draft = new_tabs(os2mo).get()
    assert response["Location"].startswith(f"/admin/pages/{draft.pk}/edit/")
    assert draft.get_latest_revision_as_object().title == "Drift og nyheder"


def test_an_address_taken_meanwhile_by_another_page_is_a_danish_form_error(
    client, coordinator, os2mo, products
):
    someone = coordinator_of(products["OS2kitos"])

    def other_page():
        os2mo.add_child(
            instance=ProductTabPage(title="Andet", slug="nyheder-om-drift", owner=someone, live=False)
        )

    between = SaveInBetween(other_page)
    with connection.execute_wrapper(between):
        response = client.post(add_url(os2mo), tab_form("Drift og nyheder", slug="nyheder-om-drift"))
    assert between.done
    assert response.status_code == 200
    assert "er lige blevet taget af en anden side" in text(parse(response))
    assert new_tabs(os2mo).get().title == "Andet"
    # Sent again, the taken address is Wagtail's own form error; autosave is told so, not saved.
    autosave = client.post(
        add_url(os2mo), tab_form("Drift", slug="nyheder-om-drift"), HTTP_ACCEPT="application/json"
    )
    assert autosave.status_code == 400 and not autosave.json()["success"]
