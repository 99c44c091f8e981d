"""Who may edit what: one Wagtail group per product, and the secretariat's approval workflow.

A product's coordinators may add and edit pages in their product's subtree (the product page and its
tabs) and nothing else; they cannot publish, so their changes go through the workflow on the catalogue,
where the secretariat approves them. Wagtail's own page permissions guard every admin view
(editor, history, revision compare, copy, move, preview).
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
)

from home.roles import SECRETARIAT_GROUP, TASK_NAME, WORKFLOW_NAME, ensure_secretariat_role  # noqa: F401

COORDINATOR_GROUP_PREFIX = "Tovholdere for "


def coordinator_group_name(product):
    return f"{COORDINATOR_GROUP_PREFIX}{product.title}"


def _page_permission(codename):
    return Permission.objects.get(content_type=ContentType.objects.get_for_model(Page), codename=codename)


def _admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def _grant_pages(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_permission(codename)
        )


def ensure_product_group(product):
    """The coordinators' group of a product with exactly its permissions. Idempotent."""
    group, _created = Group.objects.get_or_create(name=coordinator_group_name(product))
    group.permissions.add(
        _admin_access(),
        # Choosing existing contact persons and images for the product; editing them is the secretariat's.
        Permission.objects.get(content_type__app_label="products", codename="view_contactperson"),
    )
    _grant_pages(group, product, ["add_page", "change_page"])
    for event in product.events.all():
        _grant_pages(group, event, ["change_page"])
    root_collection = Collection.get_first_root_node()
    if root_collection:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root_collection,
            permission=Permission.objects.get(
                content_type__app_label="wagtailimages", codename="choose_image"
            ),
        )
    return group


def ensure_secretariat_workflow(catalogue=None):
    """The secretariat group and the approval workflow every page, the catalogue's too, goes through."""
    ensure_secretariat_role()
    return Workflow.objects.get(name=WORKFLOW_NAME)


def sync_event_permissions(event):
    """The coordinators of the products an event is about may edit it (without publishing, like their
    product); coordinators of products the event no longer mentions lose that right."""
    groups = list(
        Group.objects.filter(name__in=[coordinator_group_name(p) for p in event.related_products.all()])
    )
    change = _page_permission("change_page")
    GroupPagePermission.objects.filter(
        page=event, permission=change, group__name__startswith=COORDINATOR_GROUP_PREFIX
    ).exclude(group__in=groups).delete()
    for group in groups:
        GroupPagePermission.objects.get_or_create(group=group, page=event, permission=change)
