"""A person's link to the organisation they act for is called a "tilknytning" wherever the site names
it (the secretariat's list, Min side), and the rename from member accounts kept the secretariat's
rights: an installation whose permissions still carry the old codenames gets them renamed by the
migration, and the secretariat opens the lists as before."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

from home.roles import SECRETARIAT_GROUP
from tests.markup import parse, text

AFFILIATIONS = "/admin/snippets/community/affiliation/"
JOIN_APPLICATIONS = "/admin/snippets/community/joinapplication/"
ACTIONS = ("add", "change", "delete", "view")

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

migration = importlib.import_module("community.migrations.0017_affiliation_and_join_application")


def test_the_secretariat_list_is_called_tilknytninger(secretariat_client):
    document = parse(secretariat_client.get(AFFILIATIONS))
    assert text(document.find("h1")) == "Tilknytninger"


def test_min_side_names_the_affiliation(member_client):
    heading = parse(member_client.get("/min-side/")).find(id="affiliation")
    assert heading.name == "h2" and text(heading) == "Tilknytning"


def community_permissions(model):
    return Permission.objects.filter(content_type__app_label="community", content_type__model=model)


def as_before_the_rename():
    """The permissions as a database migrated before the rename has them: the tables and content types
    renamed, the permissions' codenames and names not yet."""
    for permission in community_permissions("affiliation"):
        action = permission.codename.split("_")[0]
        permission.codename, permission.name = f"{action}_membership", f"Can {action} medlemskonto"
        permission.save()
    for permission in community_permissions("joinapplication"):
        permission.codename = permission.codename.replace("joinapplication", "membershipapplication")
        permission.save()


def secretariat_can_open_the_lists(secretariat_client):
    return all(secretariat_client.get(url).status_code == 200 for url in (AFFILIATIONS, JOIN_APPLICATIONS))


def test_the_migration_renames_the_permissions_the_secretariat_has(secretariat_member, secretariat_client):
    as_before_the_rename()
    assert not secretariat_can_open_the_lists(secretariat_client)

    migration.forwards(apps, None)

    assert secretariat_can_open_the_lists(secretariat_client)
    secretary = Group.objects.get(name=SECRETARIAT_GROUP).user_set.get(pk=secretariat_member.pk)
    assert {f"community.{action}_affiliation" for action in ACTIONS} <= secretary.get_all_permissions()
    assert {f"community.{action}_joinapplication" for action in ACTIONS} <= secretary.get_all_permissions()
    assert set(community_permissions("affiliation").values_list("name", flat=True)) == {
        f"Can {action} tilknytning" for action in ACTIONS
    }


def test_the_migration_can_be_reversed(secretariat_client):
    migration.backwards(apps, None)
    assert set(community_permissions("affiliation").values_list("codename", flat=True)) == {
        f"{action}_membership" for action in ACTIONS
    }
    assert not secretariat_can_open_the_lists(secretariat_client)
    migration.forwards(apps, None)
    assert secretariat_can_open_the_lists(secretariat_client)


@pytest.mark.parametrize("holder", ["group", "user"])
def test_where_the_new_permissions_exist_already_the_old_ones_are_merged_into_them(
    secretariat_member, secretariat_client, holder
):
    """A database whose `migrate` created the new permissions before the old ones were renamed: whoever
    held an old one gets the new one, and the old one goes."""
    group = Group.objects.get(name=SECRETARIAT_GROUP)
    secretary = group.user_set.get(pk=secretariat_member.pk)
    new = list(community_permissions("affiliation"))
    group.permissions.remove(*new)
    for permission in new:
        action = permission.codename.split("_")[0]
        old = Permission.objects.create(
            content_type=permission.content_type, codename=f"{action}_membership", name="gammel"
        )
        (group.permissions if holder == "group" else secretary.user_permissions).add(old)
    assert secretariat_client.get(AFFILIATIONS).status_code != 200

    migration.forwards(apps, None)

    assert secretariat_client.get(AFFILIATIONS).status_code == 200
    assert not community_permissions("affiliation").filter(codename__endswith="_membership").exists()
    assert community_permissions("affiliation").count() == len(ACTIONS)
