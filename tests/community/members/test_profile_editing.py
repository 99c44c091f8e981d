"""An approved member edits their own organisation's profile from the site: the change is public at
once and logged in the admin's history. Nobody else can edit it — visitors are sent to log in,
pending or rejected members and members of other organisations are refused. Bad input re-renders
the form with Danish messages and keeps what was typed; logo uploads are checked by content, size and
pixels, and SVG is refused."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.models import ModelLogEntry

from community.models import AffiliationStatus, Organisation
from tests.factories import member_of
from tests.markup import hrefs, parse, text

from .conftest import log_in

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

VALID = {
    "description": "Ballerup Kommune bruger og udvikler OS2-løsninger.",
    "why_os2": "Vi deler hellere end vi køber det samme to gange.",
    "website": "https://www.ballerup.dk",
    "contact_name": "Digitaliseringsenheden",
    "contact_email": "digital@ballerup.example.dk",
    "contact_phone": "44 77 20 00",
}


def png(width=300, height=120, noise=False, name="logo.png", image_format="PNG"):
    image = (
        PILImage.frombytes("RGB", (width, height), os.urandom(width * height * 3))
        if noise
        else (PILImage.new("RGB", (width, height), (0, 59, 92)))
    )
    buffer = io.BytesIO()
    image.save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def edit_url(organisation):
    return f"/medlemmer/{organisation.slug}/rediger/"


def profile(client, organisation):
    return parse(client.get(f"/medlemmer/{organisation.slug}/")).main


def typed(response, name):
    """What the form in the response holds in a text field or text area."""
    field = parse(response).main.form.find(attrs={"name": name})
    return field.get_text().strip() if field.name == "textarea" else field.get("value")


def test_member_edits_the_profile_and_it_is_public_at_once(ballerup, member, member_client):
    form = member_client.get(edit_url(ballerup))
    assert form.status_code == 200
    assert typed(form, "description") == ballerup.description  # the current text to start from

    response = member_client.post(edit_url(ballerup), VALID | {"new_logo": png()})
    assert response.status_code == 302
    public = profile(Client(), ballerup)
    for value in (
        "Ballerup Kommune bruger og udvikler OS2-løsninger.",
        "Vi deler hellere",
        "digital@ballerup.example.dk",
    ):
        assert value in text(public)
    assert public.h1.find_parent("header").find("img")  # the logo, in the profile's header
    ballerup.refresh_from_db()
    assert ballerup.logo.width == 300
    # Logged in the admin's history with the member's name, as a revision that can be compared.
    entry = ModelLogEntry.objects.for_instance(ballerup).get(action="wagtail.edit")
    assert entry.user == member
    assert ballerup.revisions.count() == 1

    # Removing the logo.
    response = member_client.post(edit_url(ballerup), VALID | {"remove_logo": "on"})
    assert response.status_code == 302
    ballerup.refresh_from_db()
    assert ballerup.logo is None


def test_visitors_are_sent_to_log_in(ballerup):
    response = Client().get(edit_url(ballerup))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")


@pytest.mark.parametrize("status", [AffiliationStatus.PENDING, AffiliationStatus.REJECTED])
def test_members_not_yet_approved_are_refused(ballerup, status):
    member_of(ballerup, "afventer@ballerup.example.dk", status=status)
    client = log_in(Client(), "afventer@ballerup.example.dk")
    assert client.get(edit_url(ballerup)).status_code == 403
    response = client.post(edit_url(ballerup), VALID)
    assert response.status_code == 403
    assert "Kun godkendte medarbejdere" in text(parse(response).main)
    ballerup.refresh_from_db()
    assert ballerup.description != VALID["description"]


def test_a_member_cannot_edit_another_organisation(aalborg, member_client):
    before = aalborg.description
    assert member_client.get(edit_url(aalborg)).status_code == 403
    assert member_client.post(edit_url(aalborg), VALID).status_code == 403
    aalborg.refresh_from_db()
    assert aalborg.description == before
    assert edit_url(aalborg) not in hrefs(profile(member_client, aalborg))


def test_only_the_organisations_own_members_see_the_edit_link(ballerup, member_client):
    assert edit_url(ballerup) in hrefs(profile(member_client, ballerup))
    assert edit_url(ballerup) not in hrefs(profile(Client(), ballerup))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"website": "ballerup dk"}, "Skriv en hel webadresse"),
        ({"contact_email": "ikke-en-adresse"}, "Skriv en gyldig e-mailadresse"),
        ({"description": "x" * 1001}, "Teksten er for lang: højst 1000 tegn"),
        (
            {
                "new_logo": SimpleUploadedFile(
                    "logo.svg",
                    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                    content_type="image/svg+xml",
                )
            },
            "ikke SVG",
        ),
        (
            {"new_logo": SimpleUploadedFile("logo.png", b"not an image at all", content_type="image/png")},
            "ikke et billede",
        ),
        ({"new_logo": "gif"}, "ikke SVG eller andre formater"),
        ({"new_logo": "renamed"}, "indholdet er"),
        ({"new_logo": "too-many-pixels"}, "for mange pixels"),
        ({"new_logo": "too-big"}, "Filen er for stor"),
    ],
)
def test_bad_input_is_explained_in_danish_and_nothing_is_lost(ballerup, member_client, changes, message):
    logo = changes.get("new_logo")
    if logo == "gif":
        changes["new_logo"] = png(name="logo.gif", image_format="GIF")
    elif logo == "renamed":
        changes["new_logo"] = png(name="logo.webp")
    elif logo == "too-many-pixels":
        changes["new_logo"] = png(width=2100, height=2000)
    elif logo == "too-big":
        changes["new_logo"] = png(width=1000, height=1000, noise=True)
    before = Organisation.objects.get(pk=ballerup.pk)
    response = member_client.post(edit_url(ballerup), VALID | changes)
    assert response.status_code == 200
    form = parse(response).main.form
    assert "Der er fejl i formularen" in text(form)
    assert message in text(form)
    # What was typed is still there.
    assert typed(response, "why_os2") == "Vi deler hellere end vi køber det samme to gange."
    for name in ("website", "contact_email", "description"):
        assert typed(response, name) == (VALID | changes)[name]
    ballerup.refresh_from_db()
    assert ballerup.description == before.description
    assert ballerup.logo_id == before.logo_id
