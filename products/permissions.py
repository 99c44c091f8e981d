"""Who may edit what: one Wagtail group per product, and the secretariat's approval workflow.

A product's coordinators may add and edit pages in their product's subtree (the product page and its
tabs) and nothing else; they cannot publish, so their changes go through the workflow on the catalogue,
where the secretariat approves them. Wagtail's own page permissions guard every admin view
(editor, history, revision compare, copy, move, preview).
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
)

from home.roles import SECRETARIAT_GROUP, TASK_NAME, WORKFLOW_NAME, ensure_secretariat_role  # noqa: F401

from .coordinators import COORDINATOR_GROUP_PREFIX, coordinator_group_name  # noqa: F401
from .models import JoinRequest, ProductPage, ProductRelease


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
        # The sign-ups of the events about the product (the list shows only those).
        Permission.objects.get(content_type__app_label="community", codename="view_registration"),
        # The product's working groups (the admin shows and lets them change only their product's) and
        # the requests to join them.
        *Permission.objects.filter(
            content_type__app_label="community",
            codename__in=[
                "add_workinggroup",
                "change_workinggroup",
                "delete_workinggroup",
                "view_workinggroup",
                "view_workinggrouprequest",
                "change_workinggrouprequest",
            ],
        ),
        # The product's releases: the admin shows and edits only their own product's (may_edit_release).
        *Permission.objects.filter(
            content_type__app_label="products",
            codename__in=[f"{action}_productrelease" for action in ("add", "change", "delete", "view")],
        ),
        # Deciding the product's requests to join it (the list shows only those).
        *Permission.objects.filter(
            content_type__app_label="products", codename__in=["view_joinrequest", "change_joinrequest"]
        ),
    )
    _grant_pages(group, product, ["add_page", "change_page"])
    for event in product.events.all():
        _grant_pages(group, event, ["change_page"])
    ensure_product_collection(product, group)
    # Writing events about the product: new events start as the coordinator's own drafts under the
    # events page (Wagtail's "add" lets them edit their own pages); the event's form keeps the product.
    events_pages = Page.objects.type(apps.get_model("community", "EventIndexPage"))
    for events_page in events_pages.filter(locale=Locale.get_default()):
        _grant_pages(group, events_page, ["add_page"])
    return group


COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "delete_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "delete_document", "choose_document"],
}


def ensure_product_collection(product, group):
    """The product's own collection of images and documents, under the root collection: its coordinators
    upload, edit and delete there, and choose from every collection (the shared logos and photos)."""
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    collection = root.get_children().filter(name=product.title).first()
    if collection is None:
        collection = root.add_child(name=product.title)
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    for codename, app_label in [("choose_image", "wagtailimages"), ("choose_document", "wagtaildocs")]:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    return collection


def product_collection(product):
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=product.title).first() if root else None


def coordinated_products(user):
    """The products whose coordinators' group the user is in (none for the secretariat: its page
    permissions are the whole site's, not a product's)."""
    return ProductPage.objects.filter(
        group_permissions__group__user=user,
        group_permissions__group__name__startswith=COORDINATOR_GROUP_PREFIX,
        group_permissions__permission__codename="add_page",
    ).distinct()


def releases_for(user):
    """The releases a user may see and edit in the admin: every product's for the secretariat (its
    role gives the model's permissions), a coordinator's own products' otherwise."""
    releases = ProductRelease.objects.all()
    if user.is_superuser or user.groups.filter(name=SECRETARIAT_GROUP).exists():
        return releases
    return releases.filter(product__in=coordinated_products(user))


def join_requests_for(user):
    """The requests `user` may see and decide: all for the secretariat, their products' for coordinators."""
    requests = JoinRequest.objects.select_related("product", "organisation", "requested_by")
    if not user.has_perm("products.view_joinrequest"):
        return requests.none()
    if user.is_superuser or user.groups.filter(name=SECRETARIAT_GROUP).exists():
        return requests
    return requests.filter(product__in=coordinated_products(user))


def may_decide(user, join_request):
    return (
        user.has_perm("products.change_joinrequest")
        and join_requests_for(user).filter(pk=join_request.pk).exists()
    )


def products_for_releases(user):
    """The products a user may add releases to."""
    if user.is_superuser or user.groups.filter(name=SECRETARIAT_GROUP).exists():
        return ProductPage.objects.all()
    return coordinated_products(user)


def is_coordinator_only(user):
    """A coordinator who is neither the secretariat nor an administrator: the admin shows them the
    published site and their own product, not other products' drafts."""
    return (
        not user.is_superuser
        and not user.groups.filter(name=SECRETARIAT_GROUP).exists()
        and coordinated_products(user).exists()
    )


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
