"""The publiccode.yml import cannot hurt the site. A member of OS2mo's coordinators' group and of the
Sekretariat group import files as editors do, on two complete products built for the test; a file that would grow when its YAML aliases are
expanded, or holds texts and lists past the standard's limits, is refused with a Danish message before
anything is built, and nothing is saved. Pasting megabytes into the text box gives a Danish page, not a
bare 400. The preview names the keys it does not import, such as `maintenance.contractors`; the file's
`maintenance.contacts` become the product's contact persons; folded text (`>`) is imported without
YAML's trailing newline."""

import re

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import Revision

from community.models import OrganisationKind
from products.models import ContactPerson, ProductPage
from products.permissions import ensure_secretariat_workflow
from products.publiccode import MAX_ALIASES, MAX_LIST, MAX_TEXT
from tests.factories import OrganisationFactory, catalogue, complete_product, coordinator_of
from tests.factories import secretary as secretary_user
from tests.markup import parse, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def client_for(user):
    assert not user.is_superuser
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def os2mo():
    """OS2mo, and OS2kitos with contact persons of its own; Magenta ApS maintains both under contract."""
    index = catalogue()
    ensure_secretariat_workflow(index)
    magenta = OrganisationFactory(name="Magenta ApS", kind=OrganisationKind.LEVERANDOER)
    users = [OrganisationFactory(name=f"{name} Kommune") for name in ("Aarhus", "Ballerup")]
    complete_product(index, "OS2kitos", magenta, users[:1])
    return complete_product(index, "OS2mo", magenta, users)


@pytest.fixture
def coordinator_user(os2mo):
    return coordinator_of(os2mo)


@pytest.fixture
def coordinator(coordinator_user):
    return client_for(coordinator_user)


@pytest.fixture
def secretary(os2mo):
    return client_for(secretary_user())


def revisions(product):
    return Revision.page_revisions.filter(object_id=str(product.pk)).count()


def exported(client, product):
    return yaml.safe_load(client.get(f"/produkter/{product.slug}/publiccode.yml").content)


def post(client, product, text, confirm=""):
    return client.post(f"/admin/produkter/{product.pk}/publiccode/", {"text": text, "confirm": confirm})


def under(document, heading):
    """What follows the import page's heading with this text, up to the next heading: the elements of
    that part of the preview (none when the page has no such heading)."""
    found = document.find(["h2", "h3"], string=heading)
    if found is None:
        return []
    following = []
    for element in found.find_next_siblings():
        if element.name in ("h2", "h3"):
            break
        following.append(element)
    return following


def refusal(response):
    """The problems the import page lists in its alert, under 'nothing is saved'."""
    assert response.status_code == 200
    document = parse(response)
    alert = document.find(attrs={"role": "alert"})
    assert alert is not None, "the file was not refused"
    assert "Filen kan ikke importeres. Intet er gemt." in alert.get_text()
    assert document.find("h2", string="Det vil filen ændre") is None  # no preview of changes
    return [text(item) for item in alert.find_all("li")]


def billion_laughs():
    """72 kB: one 20 kB text repeated 10,000 times through aliases, 200 MB when expanded."""
    aliases = ", ".join(["*ha"] * 10_000)
    return f'name: &ha "{"ha" * 10_000}"\nurl: https://example.org\nplatforms: [{aliases}]\n'


def nested_laughs():
    """Less than 1 kB and few aliases, but nine levels of nine aliases each: 387 million texts."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
        previous = name
    return "\n".join(lines) + "\n"


def with_features(client, product, features_yaml):
    """An exported file whose Danish features are replaced by the given YAML (an anchor may precede)."""
    data = exported(client, product)
    data["description"]["da"]["features"] = "FEATURES"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return text.replace("features: FEATURES", f"features: {features_yaml}")


@pytest.mark.parametrize("confirm", ["", "1"])
def test_a_billion_laughs_file_is_refused_before_it_is_expanded(coordinator, os2mo, confirm):
    text = billion_laughs()
    assert 60_000 < len(text) < 80_000
    before = revisions(os2mo)
    response = post(coordinator, os2mo, text, confirm)
    assert refusal(response) == [f"Filen bruger for mange YAML-henvisninger (aliaser): højst {MAX_ALIASES}."]
    # The file comes back once in the text box, to be corrected; the expanded 200 MB never appears.
    assert len(response.content) < len(text) + 100_000
    assert revisions(os2mo) == before


def test_nested_aliases_are_measured_not_expanded(secretary, os2mo):
    before = revisions(os2mo)
    problems = refusal(post(secretary, os2mo, nested_laughs(), "1"))
    assert problems == ["Filen har for mange værdier: højst 10000."]
    assert revisions(os2mo) == before


def test_a_small_file_cannot_save_a_huge_field_through_aliases(coordinator, os2mo):
    """A 23 kB file once saved a 2 MB features field, after which the product's edit page did not load."""
    feature = "Funktion " * 1_000
    text = with_features(coordinator, os2mo, "[" + ", ".join(["*feature"] * 40) + "]")
    text = f'x-anchor: &feature "{feature}"\n' + text
    assert len(text.encode()) < 30_000
    before = revisions(os2mo)
    problems = refusal(post(coordinator, os2mo, text, "1"))
    assert problems == [
        "Filen bliver for stor, når dens YAML-henvisninger (aliaser) er udfoldet: højst 262144 tegn."
    ]
    assert revisions(os2mo) == before
    assert coordinator.get(f"/admin/pages/{os2mo.pk}/edit/").status_code == 200


def test_texts_and_lists_past_the_limits_are_refused(coordinator, os2mo):
    before = revisions(os2mo)
    long_text = with_features(coordinator, os2mo, f'["{"x" * (MAX_TEXT + 1)}"]')
    problems = refusal(post(coordinator, os2mo, long_text, "1"))
    assert len(problems) == 1
    assert re.fullmatch(
        rf"En tekst i filen \(linje \d+\) er {MAX_TEXT + 1} tegn; højst {MAX_TEXT}\.", problems[0]
    )

    long_list = with_features(coordinator, os2mo, "[" + ", ".join(["Funktion"] * (MAX_LIST + 1)) + "]")
    problems = refusal(post(coordinator, os2mo, long_list, "1"))
    assert len(problems) == 1
    assert re.fullmatch(
        rf"En liste i filen \(linje \d+\) har {MAX_LIST + 1} punkter; højst {MAX_LIST}\.", problems[0]
    )
    assert revisions(os2mo) == before


def test_the_standards_text_limits_are_kept(coordinator, os2mo):
    data = exported(coordinator, os2mo)
    data["description"]["da"]["shortDescription"] = "x" * 151
    data["description"]["da"]["longDescription"] = "x" * 10_001
    before = revisions(os2mo)
    problems = refusal(post(coordinator, os2mo, yaml.safe_dump(data, allow_unicode=True), "1"))
    assert "Feltet 'description.da.shortDescription' må højst være 150 tegn (er 151)." in problems
    assert "Feltet 'description.da.longDescription' må højst være 10000 tegn (er 10001)." in problems
    assert revisions(os2mo) == before


def test_deep_nesting_and_self_reference_are_refused(coordinator, os2mo):
    assert refusal(post(coordinator, os2mo, "name: " + "[" * 5_000)) == [
        "Filen er indlejret for dybt: højst 20 niveauer."
    ]
    assert refusal(post(coordinator, os2mo, "name: &loop [*loop]")) == [
        "Filen henviser til sig selv (linje 1)."
    ]


def test_pasting_megabytes_gives_a_danish_page_and_saves_nothing(os2mo, coordinator_user):
    # As a browser sends it: the CSRF check is on, and the form is too large for it to read the token.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(coordinator_user)
    before = revisions(os2mo)
    response = post(browser, os2mo, "x" * (5 * 1024 * 1024), "1")
    assert response.status_code == 413
    soup = parse(response)
    assert soup.find("h1").get_text(strip=True) == "Formularen er for stor"
    assert "intet er gemt" in soup.find(attrs={"role": "alert"}).get_text()
    assert soup.find("a", href=f"/admin/produkter/{os2mo.pk}/publiccode/") is not None
    assert revisions(os2mo) == before


def test_more_than_the_file_limit_pasted_gets_a_form_message(coordinator, os2mo):
    problems = refusal(post(coordinator, os2mo, "# " + "x" * (300 * 1024)))
    assert problems == ["Filen er for stor (højst 256 kB)."]


def test_a_five_megabyte_upload_gets_a_form_message(coordinator, os2mo):
    before = revisions(os2mo)
    upload = SimpleUploadedFile("publiccode.yml", b"# " + b"x" * (5 * 1024 * 1024), "application/yaml")
    response = coordinator.post(f"/admin/produkter/{os2mo.pk}/publiccode/", {"file": upload, "confirm": "1"})
    assert response.status_code == 200
    form = parse(response).find("input", type="file").find_parent("form")
    errors = [text(error) for error in form.find_all(attrs={"role": "alert"})]
    assert errors == ["Filen er for stor (højst 256 kB)."]
    assert form.find(attrs={"aria-invalid": "true"}) is None  # and no field has an error of its own
    assert revisions(os2mo) == before


def test_the_preview_names_the_keys_it_does_not_import(coordinator, os2mo):
    own_file = coordinator.get(f"/produkter/{os2mo.slug}/publiccode.yml").content.decode()
    document = parse(post(coordinator, os2mo, own_file))
    assert [text(part) for part in under(document, "Det vil filen ændre")] == ["Filen ændrer intet."]
    explanation, listing = under(document, "Det importeres ikke")[:2]
    ignored = [text(item) for item in listing.find_all("li")]
    assert "maintenance.contractors" in ignored and "usedBy" in ignored
    assert "description.da.shortDescription" not in ignored and "name" not in ignored
    assert "maintenance.contacts" not in ignored
    assert "leverandør" in text(explanation)
    # Every contact in the product's own file is one of its contact persons.
    assert under(document, "Nye kontaktpersoner på produktet") == []


def contact_rows(response):
    """The rows of the preview's table of new contact persons (none when it has no such table)."""
    tables = [
        part for part in under(parse(response), "Nye kontaktpersoner på produktet") if part.name == "table"
    ]
    return [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for table in tables
        for row in table.tbody.find_all("tr")
    ]


def test_the_files_contacts_become_the_products_contact_persons(coordinator, os2mo):
    """A coordinator imports their product's file with a new contact and one the register knows: the
    preview lists both with their role; confirmed, the draft has them, the new one in the register too,
    and once the draft is approved the product has them."""
    data = exported(coordinator, os2mo)
    known = ContactPerson.objects.exclude(product_roles__product=os2mo).exclude(email="").first()
    assert known is not None
    data["maintenance"]["contacts"] += [
        {"name": "Ny Kontakt", "email": "ny.kontakt@example.org", "phone": "+45 12 34 56 78"},
        {"name": known.name, "email": known.email.upper()},
    ]
    text = yaml.safe_dump(data, allow_unicode=True)
    role = "Leverandørkontakt" if data["maintenance"]["type"] == "contract" else "Koordinationsgruppe"
    assert contact_rows(post(coordinator, os2mo, text)) == [
        ["Ny Kontakt (ny.kontakt@example.org)", role, "Oprettes"],
        [f"{known.name} ({known.email})", role, "Findes allerede"],
    ]
    assert not ContactPerson.objects.filter(email="ny.kontakt@example.org").exists()

    response = post(coordinator, os2mo, text, "1")
    assert response.status_code == 302
    new = ContactPerson.objects.get(email="ny.kontakt@example.org")
    assert (new.name, new.phone) == ("Ny Kontakt", "+45 12 34 56 78")
    assert ContactPerson.objects.filter(email__iexact=known.email).count() == 1
    draft = ProductPage.objects.get(pk=os2mo.pk).get_latest_revision_as_object()
    people = {contact.person.pk: contact.role for contact in draft.contacts.all()}
    expected_role = "leverandoer" if role == "Leverandørkontakt" else "koordinationsgruppe"
    assert people[new.pk] == expected_role and people[known.pk] == expected_role
    # Importing the same file again adds no one twice.
    assert contact_rows(post(coordinator, os2mo, text)) == []
    # Approved (published), the product has them.
    ProductPage.objects.get(pk=os2mo.pk).get_latest_revision().publish()
    assert {new.pk, known.pk} <= set(os2mo.contacts.values_list("person", flat=True))


def test_a_contact_the_register_would_refuse_is_a_problem_and_nothing_is_saved(secretary, os2mo):
    data = exported(secretary, os2mo)
    data["maintenance"]["contacts"].append(
        {"name": "Ny Kontakt", "email": "ny@example.org", "phone": "1" * 41}
    )
    before = revisions(os2mo)
    response = post(secretary, os2mo, yaml.safe_dump(data, allow_unicode=True), "1")
    problems = " ".join(refusal(response))
    assert "Ny Kontakt" in problems
    assert revisions(os2mo) == before
    assert not ContactPerson.objects.filter(email="ny@example.org").exists()


def test_folded_text_loses_its_trailing_newline_and_a_few_aliases_are_fine(coordinator, os2mo):
    data = exported(coordinator, os2mo)
    data["description"]["da"]["longDescription"] = "LONG"
    data["description"]["da"]["features"] = "FEATURES"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    indent = re.search(r"^( *)longDescription: LONG$", text, re.MULTILINE).group(1) + "  "
    sentence = "OS2mo samler kommunens organisation og medarbejdere ét sted."
    folded = "\n".join(f"{indent}{sentence}" for _ in range(4))
    text = text.replace("longDescription: LONG", f"longDescription: >\n{folded}\n")
    text = text.replace("features: FEATURES", "features: [&same Organisation, *same]")
    response = post(coordinator, os2mo, text, "1")
    assert response.status_code == 302
    draft = ProductPage.objects.get(pk=os2mo.pk).get_latest_revision_as_object()
    assert draft.introduction == " ".join([sentence] * 4)
    assert draft.features == "Organisation\nOrganisation"
