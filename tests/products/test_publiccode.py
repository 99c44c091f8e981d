"""Every product offers /produkter/<slug>/publiccode.yml, valid against the standard's required keys,
with Danish and English descriptions, licence, maintenance with suppliers, users, categories and links.
The admin import shows what a file would change before saving; exporting and importing again changes
nothing; invalid files are refused with a readable list of problems and nothing is saved. On four complete
products built for the test, imported by a member of the Sekretariat group."""

from html import unescape

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Revision

from community.models import OrganisationKind
from products.models import JoiningStage, ProductPage
from products.publiccode import PUBLICCODE_VERSION, validate
from tests.factories import (
    OrganisationFactory,
    ProductTabPageFactory,
    catalogue,
    complete_product,
    published,
    secretary,
)
from tests.markup import parse

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture(autouse=True)
def products():
    """OS2mo (used by two municipalities, with a tab), OS2autoproc (a backend, in two languages), the
    project OS2agora and OS2loop; Magenta ApS maintains them under contract."""
    index = catalogue()
    magenta = OrganisationFactory(name="Magenta ApS", kind=OrganisationKind.LEVERANDOER)
    users = [OrganisationFactory(name=f"{name} Kommune") for name in ("Aarhus", "Ballerup")]
    os2mo = complete_product(index, "OS2mo", magenta, users)
    published(ProductTabPageFactory(parent=os2mo, title="Om"))
    complete_product(
        index,
        "OS2autoproc",
        magenta,
        users[1:],
        software_type="standalone/backend",
        platforms="linux",
        available_languages="da en",
        licence="EUPL-1.2",
    )
    complete_product(index, "OS2agora", magenta, status="projekt", categories="communications")
    complete_product(index, "OS2loop", magenta, users[:1])


@pytest.fixture
def admin_client(client):
    client.force_login(secretary())
    return client


def export(client, slug="os2mo"):
    response = client.get(f"/produkter/{slug}/publiccode.yml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")
    return response.content.decode()


def revisions(product):
    return Revision.page_revisions.filter(object_id=str(product.pk)).count()


@pytest.mark.parametrize("slug", ["os2mo", "os2autoproc", "os2agora"])
def test_export_is_valid_and_complete(client, slug):
    product = ProductPage.objects.get(slug=slug)
    data = yaml.safe_load(export(client, slug))
    assert validate(data) == []
    assert data["publiccodeYmlVersion"] == PUBLICCODE_VERSION == "0"
    assert data["name"] == product.title
    assert data["url"] == product.repository_url
    assert data["landingURL"].endswith(f"/produkter/{slug}/")
    assert data["description"]["da"]["shortDescription"] == product.tagline
    assert data["description"]["en"]["shortDescription"] == product.tagline_en
    assert data["legal"]["license"] == product.licence
    assert data["categories"] == product.categories.split()
    users = product.joining_agreements.filter(stage=JoiningStage.TILSLUTTET)
    assert data.get("usedBy", []) == sorted(a.organisation.name for a in users)
    assert len(data["maintenance"]["contacts"]) == 3
    contacts = [c["name"] for c in data["maintenance"]["contacts"]]
    assert contacts == [c.person.name for c in product.contacts.order_by("sort_order", "pk")]


def test_suppliers_with_a_contract_are_the_maintainers(client):
    data = yaml.safe_load(export(client, "os2mo"))
    assert data["maintenance"]["type"] == "contract"
    assert "Magenta ApS" in [c["name"] for c in data["maintenance"]["contractors"]]
    supplier = ProductPage.objects.get(slug="os2mo").suppliers.get(organisation__name="Magenta ApS")
    assert data["maintenance"]["contractors"][0]["until"] == supplier.contract_until.isoformat()


def test_the_import_sets_the_standards_fields(admin_client):
    product = ProductPage.objects.get(slug="os2mo")
    data = yaml.safe_load(export(admin_client))
    data.update(softwareType="standalone/backend", platforms=["linux", "windows"], softwareVersion="9.1.0")
    data.update(releaseDate="2026-05-04", intendedAudience={"scope": ["welfare"], "countries": ["DK"]})
    data["localisation"] = {"localisationReady": True, "availableLanguages": ["da", "en", "de"]}
    data["description"]["en"]["features"] = ["Imported feature"]
    admin_client.post(
        f"/admin/produkter/{product.pk}/publiccode/", {"text": yaml.safe_dump(data), "confirm": "1"}
    )
    draft = ProductPage.objects.get(pk=product.pk).get_latest_revision_as_object()
    assert (draft.software_type, draft.platforms, draft.software_version) == (
        "standalone/backend",
        "linux windows",
        "9.1.0",
    )
    assert draft.release_date.isoformat() == "2026-05-04" and draft.scope == "welfare"
    assert draft.localisation_ready is True and draft.available_languages == "da en de"
    assert draft.features_en == "Imported feature"


def test_unpublished_or_unknown_products_have_no_file(client):
    ProductPage.objects.get(slug="os2loop").unpublish()
    assert client.get("/produkter/os2loop/publiccode.yml").status_code == 404
    assert client.get("/produkter/findes-ikke/publiccode.yml").status_code == 404


def test_round_trip_changes_nothing(admin_client):
    product = ProductPage.objects.get(slug="os2mo")
    text = export(admin_client)
    before = revisions(product)
    preview = admin_client.post(f"/admin/produkter/{product.pk}/publiccode/", {"text": text})
    assert preview.status_code == 200
    assert "Filen ændrer intet." in preview.content.decode()
    confirm = admin_client.post(f"/admin/produkter/{product.pk}/publiccode/", {"text": text, "confirm": "1"})
    assert confirm.status_code == 302
    assert revisions(product) == before


def test_import_shows_changes_first_and_saves_them_as_a_draft_on_confirmation(admin_client):
    product = ProductPage.objects.get(slug="os2mo")
    data = yaml.safe_load(export(admin_client))
    data["description"]["da"]["shortDescription"] = "Organisationsdata for hele kommunen."
    data["developmentStatus"] = "obsolete"
    data["legal"]["license"] = "EUPL-1.2"
    text = yaml.safe_dump(data, allow_unicode=True)
    upload = SimpleUploadedFile("publiccode.yml", text.encode(), content_type="application/yaml")
    before = revisions(product)

    preview = admin_client.post(f"/admin/produkter/{product.pk}/publiccode/", {"file": upload})
    # The table under the heading "Det vil filen ændre".
    table = parse(preview).find("h2", string="Det vil filen ændre").find_next_sibling("table").get_text()
    assert "Organisationsdata for hele kommunen." in table
    assert "Udfaset" in table and "EUPL-1.2" in table
    assert "Kodearkiv" not in table  # unchanged fields are not listed
    assert revisions(product) == before  # nothing saved yet

    admin_client.post(f"/admin/produkter/{product.pk}/publiccode/", {"text": text, "confirm": "1"})
    assert revisions(product) == before + 1
    draft = ProductPage.objects.get(pk=product.pk).get_latest_revision_as_object()
    assert draft.tagline == "Organisationsdata for hele kommunen."
    assert draft.status == "udfaset" and draft.licence == "EUPL-1.2"
    # The live page is unchanged until the draft is published.
    assert ProductPage.objects.get(pk=product.pk).tagline == product.tagline


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.pop("name"), "Feltet 'name' mangler."),
        (lambda d: d.update(url="ikke en adresse"), "Feltet 'url' skal være en adresse (URL)."),
        (lambda d: d.update(developmentStatus="færdig"), "Feltet 'developmentStatus' skal være en af"),
        (
            lambda d: d.update(publiccodeYmlVersion="9.9"),
            "Feltet 'publiccodeYmlVersion' versionen '9.9' findes",
        ),
        (lambda d: d["description"]["da"].update(shortDescription="x" * 151), "må højst være 150 tegn"),
        (lambda d: d["description"]["da"].update(longDescription="For kort."), "skal være mindst 150 tegn"),
        (lambda d: d["legal"].pop("license"), "Feltet 'legal.license' mangler."),
        (lambda d: d["maintenance"]["contractors"][0].pop("until"), "maintenance.contractors[0].until"),
        (lambda d: d.pop("localisation"), "Feltet 'localisation' mangler."),
        (lambda d: d.update(platforms="web"), "Feltet 'platforms' skal være en liste."),
        (lambda d: d.update(categories=["iot"]), "'iot' er ikke en kategori i standarden."),
        (lambda d: d["description"]["en"].pop("features"), "Feltet 'description.en.features' mangler."),
    ],
)
def test_invalid_files_are_refused_with_reasons_and_nothing_is_saved(admin_client, change, problem):
    product = ProductPage.objects.get(slug="os2mo")
    data = yaml.safe_load(export(admin_client))
    change(data)
    before = revisions(product)
    for confirm in ["", "1"]:
        response = admin_client.post(
            f"/admin/produkter/{product.pk}/publiccode/", {"text": yaml.safe_dump(data), "confirm": confirm}
        )
        assert response.status_code == 200
        html = unescape(response.content.decode())
        assert "Filen kan ikke importeres. Intet er gemt." in html
        assert problem in html
    assert revisions(product) == before


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name: [uafsluttet", "Filen er ikke gyldig YAML (linje"),
        ("- en liste\n- ikke en samling", "Filen skal indeholde en samling"),
        ("", "Vælg en fil, eller indsæt indholdet"),
        ("name: <script>alert(1)</script>", "Feltet &#x27;url&#x27; mangler."),
    ],
)
def test_broken_input_gives_a_readable_message_not_an_error(admin_client, text, problem):
    product = ProductPage.objects.get(slug="os2mo")
    response = admin_client.post(f"/admin/produkter/{product.pk}/publiccode/", {"text": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert problem in html
    assert "<script>alert(1)</script>" not in html


def test_every_required_key_is_reported_at_once():
    problems = validate({})
    for key in [
        "publiccodeYmlVersion",
        "name",
        "url",
        "platforms",
        "developmentStatus",
        "softwareType",
        "description",
        "legal",
        "maintenance",
        "localisation",
    ]:
        assert f"Feltet '{key}' mangler." in problems


def test_the_import_is_offered_on_the_products_admin_page(admin_client):
    product = ProductPage.objects.get(slug="os2mo")
    html = admin_client.get(f"/admin/pages/{product.pk}/").content.decode()
    assert f'href="/admin/produkter/{product.pk}/publiccode/"' in html
    tab = product.get_children().first()
    assert "/publiccode/" not in admin_client.get(f"/admin/pages/{tab.pk}/").content.decode()
