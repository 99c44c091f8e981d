"""Files attached to an idea are checked: an allowed type whose content matches its name, within the size
limit. Accepted files are downloadable from the idea page, always as a download."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from community.ideas import attachments
from community.models import Idea
from tests.markup import parse, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"


def post(client, *files):
    return client.post(
        "/ideer/ny/",
        {
            "title": "Idé med bilag",
            "need": "Et behov.",
            "benefit": "En gevinst.",
            "form_token": str(uuid.uuid4()),
            "action": "submit",
            "attachments": list(files),
        },
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_accepted_attachment_is_listed_and_downloads(client, member):
    client.force_login(member)
    response = post(client, SimpleUploadedFile("budget.pdf", PDF, "application/pdf"))
    assert response.status_code == 302
    idea = Idea.objects.get(title="Idé med bilag")
    attachment = idea.attachments.get()
    link = parse(client.get(idea.get_absolute_url())).main.find("a", href=attachment.get_absolute_url())
    assert "budget.pdf" in text(link)
    download = client.__class__().get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("virus.exe", b"MZ\x90\x00", "application/octet-stream"),
            "filtypen er ikke tilladt",
        ),
        (
            SimpleUploadedFile("side.html", b"<script>alert(1)</script>", "text/html"),
            "filtypen er ikke tilladt",
        ),
        (
            SimpleUploadedFile("falsk.pdf", b"<html>ikke en pdf</html>", "application/pdf"),
            "passer ikke til filtypen",
        ),
        (SimpleUploadedFile("billede.png", PDF, "image/png"), "passer ikke til filtypen"),
        (SimpleUploadedFile("noter.txt", b"\x00\x01\x02binary", "text/plain"), "passer ikke til filtypen"),
        (SimpleUploadedFile("tom.pdf", b"", "application/pdf"), "tom"),
    ],
)
def test_bad_attachments_are_refused_with_a_reason(client, member, upload, message):
    client.force_login(member)
    response = post(client, upload)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Idea.objects.filter(title="Idé med bilag").exists()


def test_too_large_and_too_many_attachments_are_refused(client, member, monkeypatch):
    client.force_login(member)
    monkeypatch.setattr(attachments, "MAX_SIZE", 100)
    response = post(client, SimpleUploadedFile("stor.pdf", PDF + b"x" * 200, "application/pdf"))
    assert response.status_code == 400 and "er for stor" in response.content.decode()
    files = [
        SimpleUploadedFile(f"fil{n}.txt", b"tekst", "text/plain") for n in range(attachments.MAX_FILES + 1)
    ]
    response = post(client, *files)
    assert response.status_code == 400 and "Du kan højst vedhæfte 5 filer." in response.content.decode()
    assert not Idea.objects.filter(title="Idé med bilag").exists()


def edit(client, idea, *files):
    return client.post(
        f"/ideer/{idea.pk}/rediger/",
        {
            "title": idea.title,
            "need": idea.need,
            "benefit": idea.benefit,
            "form_token": str(idea.form_token),
            "action": "save",
            "attachments": list(files),
        },
    )


def test_an_idea_has_at_most_five_attachments_however_often_it_is_edited(client, member):
    client.force_login(member)
    post(client, *[SimpleUploadedFile(f"a{n}.txt", b"tekst", "text/plain") for n in range(3)])
    idea = Idea.objects.get(title="Idé med bilag")
    assert edit(client, idea, SimpleUploadedFile("b.txt", b"tekst", "text/plain")).status_code == 302
    for _attempt in range(3):
        response = edit(
            client, idea, *[SimpleUploadedFile(f"c{n}.txt", b"tekst", "text/plain") for n in range(2)]
        )
        assert response.status_code == 400
        assert "En idé kan højst have 5 bilag, og denne har allerede 4." in response.content.decode()
    assert edit(client, idea, SimpleUploadedFile("d.txt", b"tekst", "text/plain")).status_code == 302
    assert idea.attachments.count() == 5


def test_edits_are_rate_limited(client, member, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "idea-edit": (2, 3600)}
    client.force_login(member)
    post(client)
    idea = Idea.objects.get(title="Idé med bilag")
    assert edit(client, idea).status_code == 302
    assert edit(client, idea).status_code == 302
    response = edit(client, idea, SimpleUploadedFile("e.txt", b"tekst", "text/plain"))
    assert response.status_code == 400 and "mange gange på kort tid" in response.content.decode()
    assert not idea.attachments.exists()
