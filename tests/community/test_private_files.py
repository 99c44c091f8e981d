"""Signed affiliation agreements and idea attachments are private files: kept in the private storage,
never in the media folder that `make run` (or any web server) serves at /media/, and handed out only by
views that check who asks, as downloads that no cache keeps. The admin's links to them lead to that
check, the approved application's agreement carries its signed PDF, and files uploaded before this are
moved out of the media folder by the migration."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import Client

from community.models import Agreement, Idea, IdeaAttachment, JoinApplication
from tests.factories import (
    JoinPageFactory,
    OrganisationFactory,
    idea_states,
    log_in,
    member_of,
    opened_for_support,
    secretary,
    submitted_idea,
)
from tests.markup import hrefs, parse

from .joining.test_applications import PUBLIC_URL, public_data

pytestmark = [pytest.mark.urls("tests.make_run_urls"), pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def application(client, db):
    JoinPageFactory()
    assert client.post(PUBLIC_URL, public_data()).status_code == 302
    return JoinApplication.objects.get()


@pytest.fixture
def secretariat(db):
    """Logged in as someone of the Sekretariat role."""
    return log_in(Client(), secretary().email)


def in_media_folder(name):
    return (Path(settings.MEDIA_ROOT) / name).exists()


def test_a_signed_agreement_is_not_in_the_media_folder(client, application):
    name = application.agreement_file.name
    assert not in_media_folder(name)
    assert Path(settings.STORAGES["private"]["OPTIONS"]["location"], name).read_bytes().startswith(b"%PDF-")
    assert client.get(f"/media/{name}").status_code == 404
    assert not application.agreement_file.url.startswith(settings.MEDIA_URL)


def test_only_the_secretariat_downloads_it(application, secretariat):
    name = application.agreement_file.name
    for url in (f"/admin/ansoegninger/{application.pk}/aftale/", f"/admin/privat/{name}"):
        assert Client().get(url).status_code == 302  # to the login page
        response = secretariat.get(url)
        assert response.status_code == 200, url
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert "attachment" in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert secretariat.get("/admin/privat/ansoegninger/gaet.pdf").status_code == 404


def test_the_admin_links_to_the_permission_check(application, secretariat):
    page = parse(secretariat.get(f"/admin/snippets/community/joinapplication/edit/{application.pk}/"))
    assert f"/admin/privat/{application.agreement_file.name}" in hrefs(page)
    # No address anywhere in the page (a link, an image, a data attribute) leads to the media folder's copy.
    addresses = [
        value for tag in page.find_all(True) for value in tag.attrs.values() if isinstance(value, str)
    ]
    assert not any(f"/media/{application.agreement_file.name}" in value for value in addresses)


def test_the_approved_applications_agreement_carries_the_signed_pdf(application, secretariat):
    response = secretariat.post(f"/admin/ansoegninger/{application.pk}/afgoer/", {"decision": "approve"})
    assert response.status_code == 302
    agreement = Agreement.objects.get(organisation__name="Testrup Kommune")
    assert agreement.signed_file.name == application.agreement_file.name
    response = secretariat.get(f"/admin/privat/{agreement.signed_file.name}")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    page = parse(secretariat.get(f"/admin/snippets/community/organisation/edit/{agreement.organisation_id}/"))
    assert f"/admin/privat/{agreement.signed_file.name}" in hrefs(page)


def test_a_hidden_ideas_attachment_is_for_its_submitter_only(db):
    idea_states()
    submitter = member_of(OrganisationFactory(name="Ballerup Kommune"), "sofie@ballerup.example.dk")
    idea = submitted_idea(
        submitter,
        "Fælles tidsbestilling",
        need="Borgerne ringer for at bestille tid.",
        benefit="Færre opkald.",
    )
    opened_for_support(idea)  # public, until it is hidden below
    assert Idea.objects.public().filter(pk=idea.pk).exists()
    attachment = idea.attachments.create(
        file=ContentFile(b"hemmeligt", name="plan.txt"), name="plan.txt", size=9
    )
    idea.is_hidden = True
    idea.save()
    assert not in_media_folder(attachment.file.name)
    stranger = Client()
    assert stranger.get(f"/media/{attachment.file.name}").status_code == 404
    assert stranger.get(attachment.get_absolute_url()).status_code == 404
    submitter = Client()
    submitter.force_login(idea.submitter)
    response = submitter.get(attachment.get_absolute_url())
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"hemmeligt"
    assert "no-store" in response["Cache-Control"]
    # The admin's address for the same file (the private storage's own) follows the idea too: the
    # secretariat, who moderate ideas, get it; someone else with admin access gets a page not found.
    secretariat = log_in(Client(), secretary().email)
    response = secretariat.get(f"/admin/privat/{attachment.file.name}")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"hemmeligt"
    editor = member_of(OrganisationFactory(name="Gribskov Kommune"), "editor@gribskov.example.dk")
    editors = Group.objects.create(name="Redaktører uden idéer")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    other = Client()
    other.force_login(editor)
    assert other.get("/admin/").status_code == 200
    assert other.get(f"/admin/privat/{attachment.file.name}").status_code == 404


class AppsAtMigration0009:
    """Today's models under the names migration 0009 knew them by (MembershipApplication became
    JoinApplication in 0017; the table and its rows are the same)."""

    renamed = {"MembershipApplication": "JoinApplication"}

    def get_model(self, app_label, model_name):
        return apps.get_model(app_label, self.renamed.get(model_name, model_name))


def test_the_migration_moves_files_out_of_the_media_folder(application):
    name = application.agreement_file.name
    public, private = storages["default"], storages["private"]
    with private.open(name, "rb") as content:
        public.save(name, content)  # where main kept it
    private.delete(name)
    application.approve(by=None)
    Agreement.objects.filter(organisation=application.organisation).update(signed_file="")

    migration = importlib.import_module("community.migrations.0009_private_files")
    migration.move_to_private_storage(AppsAtMigration0009(), None)
    assert private.exists(name) and not public.exists(name)
    assert Agreement.objects.get(organisation=application.organisation).signed_file.name == name
    assert IdeaAttachment.objects.filter(file="").count() == 0
