"""A product's coordinators edit that product and its tabs and nothing else, through the real Wagtail
admin views: another product's editor, history, revision compare, copy, move, preview, add and delete
are refused; they cannot publish, so their changes go to the secretariat's approval workflow; the
`create_product_group` command creates the group and permissions. On three products with tabs built
for the test, logged in as a member of OS2mo's coordinators' group."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from wagtail.models import Locale, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from community.events.pages import EventIndexPage
from products.models import ProductPage, ProductTabPage
from products.permissions import SECRETARIAT_GROUP, coordinator_group_name, ensure_secretariat_workflow
from tests.factories import (
    catalogue,
    coordinator_of,
    events_page,
    product_with_tabs,
    publish_event_about,
)

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture(autouse=True)
def products():
    index = catalogue()
    ensure_secretariat_workflow(index)
    events_page()
    made = {title: product_with_tabs(index, title) for title in ("OS2mo", "OS2kitos", "OS2iot")}
    publish_event_about(made["OS2iot"], "Temadag om OS2iot")
    return made


@pytest.fixture
def coordinator(client, products):
    user = coordinator_of(products["OS2mo"])
    client.force_login(user)
    return user


@pytest.fixture
def os2mo(products):
    return ProductPage.objects.get(slug="os2mo")


@pytest.fixture
def other(products):
    return ProductPage.objects.get(slug="os2kitos")


def refused(response):
    """Wagtail answers a permission failure with 403 or a redirect away (to the dashboard)."""
    if response.status_code == 302:
        return "/admin/login" not in response["Location"]
    return response.status_code in {403, 404}


def tab_form(title, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": extra.pop("slug", "om"),
            "introduction": "Ny indledning.",
            "body": streamfield([]),
            "last_reviewed": "2026-01-15",
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_coordinator_can_open_own_product_and_add_a_tab(client, coordinator, os2mo):
    assert client.get(f"/admin/pages/{os2mo.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/add/products/producttabpage/{os2mo.pk}/").status_code == 200
    tab = os2mo.get_children().first()
    assert client.get(f"/admin/pages/{tab.pk}/edit/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/{pk}/edit/",
        "/admin/pages/{pk}/history/",
        "/admin/pages/{pk}/copy/",
        "/admin/pages/{pk}/move/",
        "/admin/pages/{pk}/delete/",
        "/admin/pages/{pk}/unpublish/",
        "/admin/pages/add/products/producttabpage/{pk}/",
        "/admin/pages/{pk}/revisions/compare/earliest...{revision}/",
        "/admin/pages/{pk}/revisions/{revision}/view/",
        "/admin/produkter/{pk}/publiccode/",
    ],
)
def test_coordinator_is_refused_on_another_product(client, coordinator, other, url):
    response = client.get(url.format(pk=other.pk, revision=other.latest_revision_id))
    assert refused(response), (url, response.status_code)


def test_coordinator_cannot_preview_or_change_another_products_tab(client, coordinator, other):
    tab = other.get_children().first().specific
    preview = client.post(f"/admin/pages/{tab.pk}/edit/preview/", tab_form("Overtaget", slug=tab.slug))
    assert refused(preview)
    response = client.post(f"/admin/pages/{tab.pk}/edit/", tab_form("Overtaget", slug=tab.slug))
    assert refused(response)
    tab.refresh_from_db()
    assert tab.title != "Overtaget"
    assert tab.get_latest_revision_as_object().title != "Overtaget"


def test_admin_api_is_read_only(client, coordinator, other):
    assert (
        client.put(
            f"/admin/api/main/pages/{other.pk}/", {"title": "x"}, content_type="application/json"
        ).status_code
        == 405
    )
    assert client.delete(f"/admin/api/main/pages/{other.pk}/").status_code == 405


def test_coordinator_cannot_publish_and_changes_go_to_the_secretariat(client, coordinator, os2mo):
    tab = ProductTabPage.objects.get(slug="om", url_path__contains="/os2mo/")
    # Asking to publish only saves a draft: coordinators have no publish permission.
    client.post(f"/admin/pages/{tab.pk}/edit/", tab_form("Om OS2mo", **{"action-publish": "1"}))
    tab.refresh_from_db()
    assert tab.title == "Om"
    assert tab.get_latest_revision_as_object().title == "Om OS2mo"
    assert '<h2 class="product-tab-title">Om</h2>' in Client().get("/produkter/os2mo/om/").content.decode()

    response = client.post(f"/admin/pages/{tab.pk}/edit/", tab_form("Om OS2mo", **{"action-submit": "1"}))
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(tab.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.specific.groups.filter(name=SECRETARIAT_GROUP).exists()

    # The secretariat approves; then the change is live.
    secretary = get_user_model().objects.create_user("sekretaer", password="x")
    secretary.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    client.force_login(secretary)
    response = client.post(
        f"/admin/pages/workflow/action/{tab.pk}/approve/{state.current_task_state.pk}/", {"comment": "Fint."}
    )
    assert response.status_code in {200, 302}
    tab.refresh_from_db()
    assert tab.title == "Om OS2mo"
    assert (
        '<h2 class="product-tab-title">Om OS2mo</h2>' in Client().get("/produkter/os2mo/om/").content.decode()
    )


def test_command_creates_group_and_permissions():
    product = ProductPage.objects.get(slug="os2iot")
    Group.objects.filter(name=coordinator_group_name(product)).delete()
    call_command("create_product_group", "os2iot", stdout=open("/dev/null", "w"))  # noqa: SIM115
    group = Group.objects.get(name=coordinator_group_name(product))
    codenames = set(
        group.page_permissions.filter(page=product).values_list("permission__codename", flat=True)
    )
    assert codenames == {"add_page", "change_page"}
    # Besides the product's own subtree, only the events about the product, and adding events (their
    # own drafts) on the Danish events page.
    events_page = EventIndexPage.objects.get(locale=Locale.get_default())
    others = group.page_permissions.exclude(page=product).exclude(page__in=product.events.all())
    assert [(p.page_id, p.permission.codename) for p in others] == [(events_page.pk, "add_page")]
    # Running it again changes nothing.
    before = group.page_permissions.count()
    assert product.events.count() == 1
    assert before == 3 + product.events.count()
    call_command("create_product_group", "os2iot", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert group.page_permissions.count() == before
    with pytest.raises(CommandError):
        call_command("create_product_group", "os2ukendt")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/{pk}/edit/",
        "/admin/pages/{pk}/history/",
        "/admin/pages/{pk}/revisions/compare/earliest...{revision}/",
        "/admin/pages/{pk}/revisions/{revision}/view/",
        "/admin/produkter/{pk}/publiccode/",
    ],
)
def test_the_same_views_open_for_the_own_product(client, coordinator, os2mo, url):
    """The refusals above are about the product, not the views: on their own product they open."""
    response = client.get(url.format(pk=os2mo.pk, revision=os2mo.latest_revision_id))
    assert response.status_code == 200, (url, response.status_code)


def test_coordinator_can_preview_a_change_to_their_own_tab(client, coordinator, os2mo):
    tab = ProductTabPage.objects.get(slug="om", url_path__contains="/os2mo/")
    response = client.post(f"/admin/pages/{tab.pk}/edit/preview/", tab_form("Om OS2mo i forhåndsvisning"))
    assert response.status_code == 200
    assert response.json()["is_valid"]
    preview = client.get(f"/admin/pages/{tab.pk}/edit/preview/")
    assert preview.status_code == 200
    assert "Om OS2mo i forhåndsvisning" in preview.content.decode()
