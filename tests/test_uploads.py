"""Every place people upload files refuses what could hurt the site, with a Danish message and never an
error page: decompression bombs (a small PNG that unpacks to a huge image), SVG with a script, files too
large, and files whose content does not match their name. Covers the admin's image library, logos on
organisation profiles, attachments to ideas and the agreement PDF of a join application."""

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from community.models import Idea, JoinApplication, Organisation
from tests.factories import member_of

from .community.joining.test_applications import PUBLIC_URL, public_data
from .community.members.test_profile_editing import VALID, edit_url

SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def decompression_bomb(name="bombe.png"):
    """A PNG of 10,000 x 10,000 pixels (100 megapixels) that is only some kilobytes as a file."""
    buffer = io.BytesIO()
    PILImage.new("1", (10_000, 10_000)).save(buffer, "PNG", optimize=True)
    assert len(buffer.getvalue()) < 200_000
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def small_png(name="billede.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (0, 59, 92)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def admin_client(client, django_user_model, demo):
    client.force_login(
        django_user_model.objects.create_superuser("billedadmin", "billedadmin@os2.eu", "pw-1234567")
    )
    return client


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (decompression_bomb, "pixels"),
        (lambda: SimpleUploadedFile("logo.svg", SVG_WITH_SCRIPT, "image/svg+xml"), "svg"),
        (lambda: small_png(name="billede.jpg"), "jpg"),
        (
            lambda: SimpleUploadedFile(
                "stor.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (11 * 1024 * 1024), "image/png"
            ),
            "10,0\xa0MB",
        ),
    ],
    ids=["decompression-bomb", "svg-with-script", "wrong-extension", "too-large"],
)
def test_the_admin_image_library_refuses_harmful_uploads(admin_client, upload, message):
    before = get_image_model().objects.count()
    response = admin_client.post("/admin/images/add/", {"title": "Upload", "file": upload()})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html.lower() or message in html
    assert get_image_model().objects.count() == before


def test_the_admin_image_library_accepts_a_plain_png(admin_client):
    before = get_image_model().objects.count()
    # Each product has a collection of its own, so the form asks which one.
    collection = Collection.get_first_root_node().pk
    response = admin_client.post(
        "/admin/images/add/", {"title": "Fint billede", "file": small_png(), "collection": collection}
    )
    assert response.status_code == 302
    assert get_image_model().objects.count() == before + 1


def test_a_logo_that_unpacks_to_a_huge_image_is_refused(client, demo, django_user_model):
    ballerup = Organisation.objects.get(slug="ballerup-kommune")
    logo_before = ballerup.logo_id
    client.force_login(member_of(ballerup, "bombe@ballerup.example.dk"))
    response = client.post(edit_url(ballerup), VALID | {"new_logo": decompression_bomb("logo.png")})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Billedet har for mange pixels" in html
    ballerup.refresh_from_db()
    assert ballerup.logo_id == logo_before


def test_an_svg_attached_to_an_idea_is_refused(client, demo, django_user_model):
    member = member_of(Organisation.objects.get(slug="ballerup-kommune"), "svg@ballerup.example.dk")
    client.force_login(member)
    response = client.post(
        "/ideer/ny/",
        {
            "title": "Idé med SVG",
            "need": "Et behov.",
            "benefit": "En gevinst.",
            "attachments": SimpleUploadedFile("tegning.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
            "form_token": str(uuid.uuid4()),
            "action": "submit",
        },
    )
    assert response.status_code == 400
    assert "tegning.svg: filtypen er ikke tilladt" in response.content.decode()
    assert not Idea.objects.filter(title="Idé med SVG").exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("aftale.pdf", SVG_WITH_SCRIPT, "application/pdf"),
            "Filen er ikke en gyldig PDF-fil.",
        ),
        (
            SimpleUploadedFile("aftale.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
            "Aftalen skal uploades som en PDF-fil.",
        ),
        (
            SimpleUploadedFile("aftale.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024), "application/pdf"),
            "Filen er for stor. Den må højst fylde 10 MB.",
        ),
    ],
    ids=["svg-named-pdf", "svg", "too-large"],
)
def test_a_join_application_only_takes_a_real_pdf(client, demo, upload, message):
    response = client.post(PUBLIC_URL, public_data(agreement_file=upload))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not JoinApplication.objects.exists()
