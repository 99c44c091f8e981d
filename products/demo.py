"""Demo products: OS2's products with their pitches, users and suppliers."""

import datetime
import random

from community.models import Organisation, OrganisationKind
from home.demo import home_page

from .models import JoiningAgreement, ProductIndexPage, ProductPage, ProductStatus, ProductSupplier
from .models.pages import JoiningStage

CATALOGUE = {
    "title": "Produkter",
    "slug": "produkter",
    "introduction": (
        "Løsninger, som offentlige myndigheder udvikler og vedligeholder sammen. Koden er åben, og "
        "fællesskabet ejer den."
    ),
}

# slug, name, tagline, status, main supplier
PRODUCTS = [
    (
        "os2mo",
        "OS2mo",
        "Organisation og medarbejdere ét sted, som grunddata for andre systemer.",
        "produkt",
        "Magenta ApS",
    ),
    (
        "os2kitos",
        "OS2kitos",
        "Overblik over it-systemer, kontrakter og databehandling.",
        "produkt",
        "Nordlys Software A/S",
    ),
    (
        "os2faktor",
        "OS2faktor",
        "Login og føderation af identiteter for medarbejdere.",
        "produkt",
        "Digital Identity ApS",
    ),
    (
        "os2rollekatalog",
        "OS2rollekatalog",
        "Roller og adgangsrettigheder styret centralt.",
        "produkt",
        "Digital Identity ApS",
    ),
    (
        "os2sofd",
        "OS2sofd",
        "Stamdata om medarbejdere samlet fra lønsystem og AD.",
        "produkt",
        "Digital Identity ApS",
    ),
    (
        "os2iot",
        "OS2iot",
        "Platform til at forbinde og styre Internet of Things-enheder.",
        "produkt",
        "Fjordkode ApS",
    ),
    (
        "os2display",
        "OS2display",
        "Indhold på infoskærme i borgerservice, biblioteker og skoler.",
        "produkt",
        "Fjordkode ApS",
    ),
    (
        "os2forms",
        "OS2forms",
        "Digitale selvbetjeningsformularer til borgere og virksomheder.",
        "produkt",
        "Bellcom A/S",
    ),
    (
        "os2datascanner",
        "OS2datascanner",
        "Find personoplysninger i filer og e-mails, før de bliver et problem.",
        "produkt",
        "Magenta ApS",
    ),
    (
        "os2valghalla",
        "OS2valghalla",
        "Bemanding af valgsteder med tilforordnede og valgstyrere.",
        "produkt",
        "Nordlys Software A/S",
    ),
    (
        "os2autoproc",
        "OS2autoproc",
        "Automatisering af processer med softwarerobotter.",
        "projekt",
        "Fjordkode ApS",
    ),
    (
        "os2borgerforslag",
        "OS2borgerforslag",
        "Borgerforslag, som borgere kan stille og støtte digitalt.",
        "produkt",
        "Bellcom A/S",
    ),
    (
        "os2indberetning",
        "OS2indberetning",
        "Indberetning og godkendelse af kørsel.",
        "produkt",
        "Nordlys Software A/S",
    ),
    (
        "os2opgavefordeler",
        "OS2opgavefordeler",
        "Sender sager til den rette enhed første gang.",
        "produkt",
        "Fjordkode ApS",
    ),
    (
        "os2loop",
        "OS2loop",
        "Videndeling blandt medarbejdere på tværs af kommuner.",
        "produkt",
        "Fjordkode ApS",
    ),
    (
        "os2compliance",
        "OS2compliance",
        "Styr på compliance-arbejdet med GDPR og informationssikkerhed.",
        "projekt",
        "Nordlys Software A/S",
    ),
    (
        "os2agora",
        "OS2agora",
        "Møder, dagsordener og referater for politiske udvalg.",
        "projekt",
        "Bellcom A/S",
    ),
]
HOSTING = "Skyhavn Drift ApS"


def catalogue():
    existing = ProductIndexPage.objects.first()
    if existing:
        return existing, False
    page = ProductIndexPage(show_in_menus=True, **CATALOGUE)
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page, True


def load():
    index, created = catalogue()
    created = int(created)
    municipalities = list(Organisation.objects.filter(kind=OrganisationKind.KOMMUNE).order_by("name"))
    suppliers = {o.name: o for o in Organisation.objects.filter(kind=OrganisationKind.LEVERANDOER)}
    for slug, name, tagline, status, supplier in PRODUCTS:
        if ProductPage.objects.filter(slug=slug).exists():
            continue
        rng = random.Random(slug)  # noqa: S311 - demo data
        product = ProductPage(title=name, slug=slug, tagline=tagline, status=status)
        users = rng.sample(
            municipalities, rng.randint(3, 8) if status == ProductStatus.PROJEKT else rng.randint(8, 40)
        )
        for organisation in sorted(users, key=lambda o: o.name):
            product.joining_agreements.add(
                JoiningAgreement(
                    organisation=organisation,
                    stage=JoiningStage.TILSAGN
                    if status == ProductStatus.PROJEKT
                    else JoiningStage.TILSLUTTET,
                    joined_on=datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randint(0, 3300)),
                )
            )
        product.suppliers.add(
            ProductSupplier(organisation=suppliers[supplier], role="Udvikling og vedligeholdelse")
        )
        if status == ProductStatus.PRODUKT and rng.random() < 0.5:
            product.suppliers.add(ProductSupplier(organisation=suppliers[HOSTING], role="Drift og support"))
        index.add_child(instance=product)
        product.save_revision().publish()
        created += 1
    return created
