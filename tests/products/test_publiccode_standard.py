"""The publiccode.yml standard's rules (products.publiccode_standard) give the reference parser's verdict
on the standard's documented examples, valid and invalid, wherever the fault shows without fetching
anything; every product's export passes them, with the site's public address; all products' data is
one document for crawlers; each product page names its file; editors cannot enter values the standard
refuses. The products' exports are of three complete products built for the test."""

import copy

import pytest
import yaml
from wagtail.models import PageViewRestriction

from community.models import OrganisationKind
from products.models import ProductPage
from products.publiccode_standard import check
from tests.factories import OrganisationFactory, catalogue, complete_product

pytestmark = pytest.mark.factories


@pytest.fixture
def products(db):
    """OS2mo (a web application), OS2autoproc (a backend, in Danish and English, ready for
    translation) and OS2faktor, used by two municipalities; and a product behind a login."""
    index = catalogue()
    magenta = OrganisationFactory(name="Magenta ApS", kind=OrganisationKind.LEVERANDOER)
    users = [OrganisationFactory(name=f"{name} Kommune") for name in ("Aarhus", "Ballerup")]
    made = [
        complete_product(index, "OS2mo", magenta, users),
        complete_product(
            index,
            "OS2autoproc",
            magenta,
            software_type="standalone/backend",
            platforms="linux",
            available_languages="da en",
            localisation_ready=True,
            scope="local-authorities employment",
        ),
        complete_product(index, "OS2faktor", magenta, users[:1], categories="identity-management"),
    ]
    hidden = complete_product(index, "OS2hemmelig", magenta)
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    return made


# The standard's documented example of a complete file (its keys and kinds of values), in our words.
EXAMPLE = """
publiccodeYmlVersion: "0"
name: Medusa
applicationSuite: MegaProductivitySuite
url: "https://example.com/italia/medusa.git"
landingURL: "https://example.com/italia/medusa"
isBasedOn: "https://github.com/italia/otello.git"
softwareVersion: "1.0"
releaseDate: "2017-04-15"
logo: img/logo.svg
organisation:
  name: Comune di Roma
  uri: "https://www.comune.roma.it"
platforms:
  - web
  - linux
categories:
  - cloud-management
usedBy:
  - Comune di Firenze
fundedBy:
  - name: Comune di Roma
    uri: "https://www.comune.roma.it"
roadmap: "https://example.com/italia/medusa/projects"
developmentStatus: development
softwareType: standalone/desktop
supports:
  - id: "alias:gdpr"
intendedAudience:
  scope:
    - science-and-technology
  countries:
    - IT
    - DE
  unsupportedCountries:
    - US
description:
  en-GB:
    localisedName: Medusa
    shortDescription: A rather short description which is probably useless
    longDescription: >
      Very long description of this software, also split on multiple rows. You should
      describe what the software is about, what it does, what problems it solves and who
      should use it, in a way that a civil servant understands.
    documentation: "https://read.the.documentation/medusa/v1.0"
    apiDocumentation: "https://read.the.api.doc/medusa/v1.0"
    features:
      - Very important feature
      - Will run without a problem
    screenshots:
      - img/sshot1.jpg
    videos:
      - "https://www.youtube.com/watch?v=RaHmGbBOP84"
    awards:
      - 1st Price Software of the year
legal:
  license: AGPL-3.0-or-later
  mainCopyrightOwner: City of Chicago
maintenance:
  type: contract
  contractors:
    - name: Fornitore Privato SPA
      email: dario.bianchi@fornitore.it
      website: "https://privatecompany.com"
      until: "2019-01-01"
localisation:
  localisationReady: true
  availableLanguages:
    - en
    - it
    - fr
dependsOn:
  open:
    - name: MySQL
      versionMin: "1.1"
      versionMax: "1.3"
      optional: true
  proprietary:
    - name: Oracle
      versionMin: "11.4"
  hardware:
    - name: NFC Reader
      optional: true
"""

# The smallest file the standard documents as valid.
MINIMAL = """
publiccodeYmlVersion: "0"
name: Medusa
url: "https://example.com/italia/medusa.git"
platforms: [web]
developmentStatus: development
softwareType: standalone/desktop
description:
  en:
    shortDescription: A rather short description which is probably useless
    longDescription: >
      Very long description of this software, also split on multiple rows. You should
      describe what the software is about, what it does, what problems it solves and who
      should use it.
    features:
      - Just one feature
legal:
  license: MIT
maintenance:
  type: community
  contacts:
    - name: Francesco Rossi
localisation:
  localisationReady: false
  availableLanguages: [en]
"""


def example(text=EXAMPLE):
    return yaml.safe_load(text)


@pytest.mark.parametrize("text", [EXAMPLE, MINIMAL])
def test_the_documented_examples_are_valid_without_warnings(text):
    assert check(example(text)) == ([], [])


@pytest.mark.parametrize("version", ["0", "0.2", "0.3", "0.4", "0.5", "0.7", "0.7.0"])
def test_every_version_of_the_standard_is_accepted_and_older_names_are_advised_against(version):
    data = example(MINIMAL)
    data["publiccodeYmlVersion"] = version
    errors, warnings = check(data)
    assert errors == []
    assert bool(warnings) == (version not in {"0", "0.7", "0.7.0"})


def change(data, path, value):
    """The example with the key at `path` (dotted; numbers index lists) set to `value`, or removed if
    `value` is REMOVE."""
    data = copy.deepcopy(data)
    *parents, last = [int(part) if part.isdigit() else part for part in path.split(".")]
    target = data
    for part in parents:
        target = target[part]
    if value is REMOVE:
        del target[last]
    else:
        target[last] = value
    return data


REMOVE = object()


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        # The invalid examples the standard's documentation and the issue name.
        ("description.en-GB.features", REMOVE, "Feltet 'description.en-GB.features' mangler."),
        ("description.en-GB.features", [], "description.en-GB.features' skal have mindst ét punkt."),
        ("categories", ["iot"], "'iot' er ikke en kategori i standarden."),
        ("description.en-GB.shortDescription", "x" * 151, "må højst være 150 tegn"),
        ("legal.license", "Ikke-en-licens-9", "'legal.license' skal være et SPDX-licensudtryk"),
        ("localisation.availableLanguages", ["english"], "sprogkode efter BCP 47"),
        # Further rules of the reference parser.
        ("publiccodeYmlVersion", 0, "tekst i anførselstegn"),
        ("publiccodeYmlVersion", "1.0", "versionen '1.0' findes ikke"),
        ("name", REMOVE, "Feltet 'name' mangler."),
        ("url", "ikke en adresse", "Feltet 'url' skal være en adresse (URL)."),
        ("landingURL", "ftp://example.com/medusa", "Feltet 'landingURL' skal være en webadresse"),
        ("releaseDate", "15-04-2017", "Feltet 'releaseDate' skal være en dato"),
        ("releaseDate", "2017-02-30", "Feltet 'releaseDate' skal være en dato"),
        ("logo", "/img/logo.svg", "relativ sti eller en webadresse"),
        ("logo", "img/logo.gif", "Feltet 'logo' skal være en fil af typen"),
        ("organisation", {"name": "Uden adresse"}, "Feltet 'organisation.uri' mangler."),
        ("platforms", [], "Feltet 'platforms' skal have mindst ét punkt."),
        ("developmentStatus", "done", "Feltet 'developmentStatus' skal være en af"),
        ("softwareType", "standalone", "Feltet 'softwareType' skal være en af"),
        ("supports", [{"id": "alias:ukendt"}], "'alias:ukendt' er ikke et kendt alias."),
        ("intendedAudience.scope", ["municipalities"], "'municipalities' er ikke et anvendelsesområde"),
        ("intendedAudience.countries", ["DNK"], "landekode efter ISO 3166-1"),
        ("description.en-gb", {}, "'en-gb' er ikke en sprogkode efter BCP 47"),
        ("description.en-GB.longDescription", "For kort.", "skal være mindst 150 tegn"),
        ("description.en-GB.documentation", "read.the.docs", "skal være en webadresse"),
        ("description.en-GB.videos", ["ikke en adresse"], "skal være en webadresse"),
        ("maintenance.type", "community", "må kun angives, når vedligeholdelsen er 'contract'."),
        ("maintenance.contractors", REMOVE, "Feltet 'maintenance.contractors' skal udfyldes"),
        ("maintenance.contractors.0.email", "ikke-en-adresse", "skal være en e-mailadresse"),
        ("maintenance.contractors.0.until", REMOVE, "Feltet 'maintenance.contractors[0].until' mangler."),
        ("localisation.localisationReady", "yes", "skal være true eller false"),
        ("localisation.availableLanguages", [], "skal have mindst ét punkt"),
        ("dependsOn.open.0.optional", "ja", "skal være true eller false"),
        ("unknownKey", "x", "Feltet 'unknownKey' er ikke en nøgle i standarden."),
    ],
)
def test_invalid_files_are_refused_with_the_reason(path, value, problem):
    errors, _warnings = check(change(example(), path, value))
    assert any(problem in error for error in errors), errors


def test_a_letter_with_combining_accents_counts_as_one():
    """The standard counts characters as people see them (grapheme clusters)."""
    accented = "e\u0301"  # é written as e and a combining accent: one letter, two code points
    assert not check(change(example(), "description.en-GB.shortDescription", accented * 150))[0]
    assert check(change(example(), "description.en-GB.shortDescription", accented * 151))[0]


def test_deprecated_keys_are_accepted_with_advice():
    data = change(example(), "legal.repoOwner", "City of Chicago")
    data = change(data, "inputTypes", ["text/plain"])
    errors, warnings = check(data)
    assert errors == [] and len(warnings) == 2


@pytest.mark.django_db
def test_every_product_exports_a_valid_file_on_the_public_address(client, products, settings):
    settings.BASE_URL = "https://os2.example.dk"
    assert ProductPage.objects.visible_to_public().count() == 3
    for product in ProductPage.objects.visible_to_public():
        response = client.get(f"/produkter/{product.slug}/publiccode.yml")
        data = yaml.safe_load(response.content)
        errors, warnings = check(data)
        assert errors == [] and warnings == [], (product.slug, errors, warnings)
        assert data["landingURL"] == f"https://os2.example.dk/produkter/{product.slug}/"
        assert data["organisation"]["uri"] == "https://os2.example.dk/"
        assert data["description"]["en"]["features"]
        assert all(c["phone"].startswith("+45 ") for c in data["maintenance"]["contacts"] if "phone" in c)
        assert data["softwareVersion"] and data["releaseDate"]


@pytest.mark.django_db
def test_crawlers_get_every_products_publiccode_in_one_document(client, products):
    data = client.get("/produkter/publiccode.json").json()
    visible = list(ProductPage.objects.visible_to_public().order_by("title", "pk"))
    assert data["count"] == len(visible) == len(data["products"]) == 3
    assert [p["slug"] for p in data["products"]] == [p.slug for p in visible]
    assert all(p["valid"] and check(p["publiccode"]) == ([], []) for p in data["products"])


@pytest.mark.django_db
def test_a_product_page_names_its_publiccode_file(client, products):
    html = client.get("/produkter/os2mo/").content.decode()
    assert (
        '<link rel="alternate" type="application/yaml" title="publiccode.yml" href="/produkter/os2mo/publiccode.yml">'
        in html
    )


@pytest.mark.django_db
def test_editors_cannot_enter_values_the_standard_refuses(products):
    from django.core.exceptions import ValidationError

    product = ProductPage.objects.get(slug="os2mo")
    product.categories = "hr iot"
    product.scope = "kommuner"
    product.available_languages = "dansk"
    product.licence = "Fri licens"
    with pytest.raises(ValidationError) as refused:
        product.full_clean()
    for field in ["categories", "scope", "available_languages", "licence"]:
        assert field in refused.value.message_dict
