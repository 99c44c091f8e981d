"""The editors' roles, as the Django groups the site gives permissions to, and the approval workflow
their pages go through.

`ensure_secretariat_role()` is what the `setup_roles` command (run by `load_demo` and after each
deployment's `migrate`) applies: the Sekretariat group gets exactly the permissions below, so a
permission added or removed here reaches every installation on its next deploy."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

# The secretariat: approves pages, decides on members and applications, moderates ideas. Its users
# are also who hears about what awaits a decision (community.members.emails.secretariat_emails).
SECRETARIAT_GROUP = "Sekretariat"

WORKFLOW_NAME = "Godkendelse i sekretariatet"
TASK_NAME = "Sekretariatet godkender"

ALL = ("add", "change", "delete", "view")

# The model permissions of the secretariat's job, per app: (actions, models).
SECRETARIAT_MODEL_PERMISSIONS = {
    "wagtailadmin": [(("access",), ("admin",))],
    "community": [
        # Members: organisations, affiliations of accounts, join applications and the agreement templates
        # they sign.
        (ALL, ("organisation", "affiliation", "joinapplication", "agreementtemplate")),
        # Idea moderation: the ideas, their comments and pledges, the states and areas they are sorted by.
        (ALL, ("idea", "ideacomment", "pledge", "ideastate", "ideaarea")),
        # Projects: turning approved ideas into projects (from the list of ideas), and publishing them.
        (ALL, ("project", "projectbacker", "milestone")),
        (("publish",), ("project",)),
        # Events: the organisers' list of sign-ups (statuses change through the sign-up links).
        (("view", "change", "delete"), ("registration",)),
        # Who follows which product: seen, never changed (members choose their own follows).
        (("view",), ("productfollow",)),
        # Working groups of every product, and deciding who joins them.
        (ALL, ("workinggroup", "workinggroupmember", "workinggroupmeeting", "workinggrouprequest")),
    ],
    # Products: contact persons, governance, and every product's releases (coordinators edit their own).
    "products": [
        (ALL, ("contactperson", "governancecriterion", "criterionassessment", "productrelease")),
        # Requests to join a product: deciding them, and adding a signed agreement sent later. Members
        # make the requests on the product's page, never in the admin.
        (("view", "change", "delete"), ("joinrequest",)),
    ],
    # The footer's contact details and links.
    "home": [(("change",), ("sitesettings",))],
}

# Images and documents, in every collection (the root collection's permissions hold for all below it).
SECRETARIAT_COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "delete_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "delete_document", "choose_document"],
}

# Every page of the site (news, events, the about pages, menus through "show in menus"): write,
# publish, approve what coordinators submit, and lock while working. Deleting a subtree is left to
# administrators.
SECRETARIAT_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def model_permissions(spec):
    """The Permission rows a spec of {app_label: [(actions, models)]} names."""
    query = Q(pk__in=[])
    for app_label, rules in spec.items():
        codenames = [
            f"{action}_{model}" for actions, models in rules for action in actions for model in models
        ]
        query |= Q(content_type__app_label=app_label, codename__in=codenames)
    return Permission.objects.filter(query)


def page_permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def ensure_secretariat_role():
    """The Sekretariat group with exactly its permissions (what is no longer listed is taken away), and
    the approval workflow every page of the site goes through. Idempotent; returns the group."""
    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.set(model_permissions(SECRETARIAT_MODEL_PERMISSIONS))

    root_page = Page.get_first_root_node()
    page_permissions = [page_permission(codename) for codename in SECRETARIAT_PAGE_PERMISSIONS]
    GroupPagePermission.objects.filter(group=group).exclude(
        page=root_page, permission__in=page_permissions
    ).delete()
    for permission in page_permissions:
        GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)

    # Migrations create the root collection; a database emptied by a test flush needs it back.
    root_collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    collection_permissions = list(
        Permission.objects.filter(
            Q(
                content_type__app_label="wagtailimages",
                codename__in=SECRETARIAT_COLLECTION_PERMISSIONS["wagtailimages"],
            )
            | Q(
                content_type__app_label="wagtaildocs",
                codename__in=SECRETARIAT_COLLECTION_PERMISSIONS["wagtaildocs"],
            )
        )
    )
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=root_collection, permission__in=collection_permissions
    ).delete()
    for permission in collection_permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )

    ensure_secretariat_workflow(group, root_page)
    return group


def ensure_secretariat_workflow(secretariat, root_page):
    """One workflow for the whole site, its single task approved by the secretariat. It is the root
    page's, so news, events, product pages and every other page a non-publisher submits reach the
    secretariat (Wagtail's own "Moderators approval" waits for a group nobody is in)."""
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([secretariat])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    return workflow
