import datetime

import pytest

from community.models import OrganisationKind, Pledge
from home.roles import ensure_secretariat_role
from products.demo import ensure_criteria
from products.models import (
    ContactPerson,
    ContactRole,
    CriterionAssessment,
    GovernanceCriterion,
    JoiningAgreement,
    JoiningPrice,
    JoiningStage,
    MunicipalitySize,
    ProductContact,
    ProductStatus,
    ProductSupplier,
    Rating,
)

# The live server with the demo that the browser tests use, for the API's tests against a real server.
from tests.browser.conftest import live_demo, live_site  # noqa: F401
from tests.factories import (
    EventPageFactory,
    MemberFactory,
    NewsPageFactory,
    OrganisationFactory,
    ProductPageFactory,
    catalogue,
    events_page,
    idea_states,
    news_section,
    opened_for_support,
    publish_event_about,
    published,
    submitted_idea,
    uses,
)

REGIONS = ["hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"]

# (title, status, governance levels assessed green): more than ten products, of every status, some at
# a level and some not assessed at all. OS2agora's tagline has the Danish letters a spreadsheet must keep.
PRODUCTS = [
    ("OS2mo", ProductStatus.PRODUKT, [0, 1, 2]),
    ("OS2kitos", ProductStatus.PRODUKT, [0, 1, 2]),
    ("OS2iot", ProductStatus.PRODUKT, [0, 1]),
    ("OS2forms", ProductStatus.PRODUKT, []),
    ("OS2faktor", ProductStatus.PRODUKT, []),
    ("OS2agora", ProductStatus.PROJEKT, [0]),
    ("OS2compliance", ProductStatus.PROJEKT, []),
    ("OS2valghalla", ProductStatus.PROJEKT, [0, 1, 2]),
    ("OS2datascanner", ProductStatus.PRODUKT, [0, 1]),
    ("OS2rollekatalog", ProductStatus.PRODUKT, [0]),
    ("OS2sofd", ProductStatus.UDFASET, []),
    ("OS2borgerdialog", ProductStatus.PROJEKT, []),
]
TAGLINES = {"OS2agora": "Møder, dagsordener og referater for politiske udvalg."}


@pytest.fixture
def api_site(db):
    """What the open data API publishes, on the bare site: the front page with its About pages, the
    catalogue of twelve products at several governance levels, more than forty member municipalities
    in every region (Ballerup and Hedensted among them) and two suppliers, who uses, has pledged to and
    supplies what; OS2mo's prices and contacts; events about OS2iot, an article about OS2mo, and three
    submitted ideas, two with pledges of each kind. Returns the products by slug."""
    ensure_criteria()
    ensure_secretariat_role()  # the group a restriction may name
    index = catalogue()
    events = events_page()
    news_section()
    kommuner = [
        OrganisationFactory(name=name, region=REGIONS[number % len(REGIONS)])
        for number, name in enumerate(["Ballerup Kommune", "Hedensted Kommune", "Aarhus Kommune"])
    ]
    kommuner += [
        OrganisationFactory(name=f"Testby {number:02} Kommune", region=REGIONS[number % len(REGIONS)])
        for number in range(42)
    ]
    ballerup, hedensted, aarhus = kommuner[:3]
    magenta = OrganisationFactory(name="Magenta ApS", kind=OrganisationKind.LEVERANDOER, region="")
    septima = OrganisationFactory(name="Septima P/S", kind=OrganisationKind.LEVERANDOER, region="hovedstaden")
    products = {
        title.lower(): ProductPageFactory(
            parent=index,
            title=title,
            slug=title.lower(),
            status=status,
            tagline=TAGLINES.get(title, f"{title} gør det lettere at samarbejde"),
            tagline_en=f"{title} makes working together easier",
        )
        for title, status, _levels in PRODUCTS
    }
    products["os2mo"] = published(products["os2mo"])  # its history: the API's Last-Modified
    # Each level's criteria assessed green, the lowest level's a year earlier too: the level's history
    # has more than one day. (In one go: the assessments' own signals tell followers, who are none here.)
    criteria = {level: list(GovernanceCriterion.objects.filter(level=level)) for level in range(4)}
    CriterionAssessment.objects.bulk_create(
        CriterionAssessment(
            product=products[title.lower()], criterion=criterion, rating=Rating.GREEN, assessed_on=day
        )
        for title, _status, levels in PRODUCTS
        for day, assessed in [(datetime.date(2025, 1, 10), levels[:1]), (datetime.date(2026, 3, 1), levels)]
        for level in assessed
        for criterion in criteria[level]
    )
    os2mo = products["os2mo"]
    for organisation in [ballerup, aarhus, *kommuner[3:8]]:
        uses(organisation, os2mo, joined_on=datetime.date(2023, 5, 1))
    JoiningAgreement.objects.create(
        product=os2mo, organisation=hedensted, stage=JoiningStage.TILSAGN, joined_on=datetime.date(2025, 2, 1)
    )
    for slug in ["os2kitos", "os2iot", "os2forms"]:
        uses(ballerup, products[slug])
        uses(kommuner[9], products[slug])
    ProductSupplier.objects.create(product=os2mo, organisation=magenta, role="Udvikling og drift")
    ProductSupplier.objects.create(product=products["os2kitos"], organisation=magenta)
    ProductSupplier.objects.create(product=products["os2forms"], organisation=septima)
    for size in MunicipalitySize.values:
        for member, yearly_fee in [(True, 40000), (False, 60000)]:
            JoiningPrice.objects.create(
                product=os2mo, size=size, member=member, joining_fee=10000, yearly_fee=yearly_fee
            )
    for order, (role, name) in enumerate(
        [(ContactRole.TOVHOLDER, "Tove Holm"), (ContactRole.STYREGRUPPE, "Sten Grue")]
    ):
        person = ContactPerson.objects.create(name=name, email=f"kontakt{order}@os2mo.example.dk")
        ProductContact.objects.create(product=os2mo, person=person, role=role, sort_order=order)
    for days_ahead, title in [(5, "OS2iot-brugermøde"), (40, "Temadag om sensorer")]:
        publish_event_about(products["os2iot"], title, days_ahead)
    EventPageFactory(parent=events, title="Netværksmøde")
    NewsPageFactory(title="OS2mo får ny organisationsvisning", related_products=[os2mo])
    NewsPageFactory(title="Nyt fra sekretariatet")
    idea_states()
    submitter = MemberFactory(
        email="ida.stifter@example.dk",
        first_name="Ida",
        last_name="Stifter",
        affiliation__organisation=ballerup,
    )
    ideas = [
        submitted_idea(submitter, title, need="Et fælles behov.", benefit="En fælles gevinst.")
        for title in ["Fælles booking af mødelokaler", "Åbne data om affald", "Digital post til foreninger"]
    ]
    for idea in ideas[:2]:
        opened_for_support(idea)
    pledger = MemberFactory(
        email="tilsagn@example.dk", first_name="Per", last_name="Lovsen", affiliation__organisation=aarhus
    )
    # The first idea made and the newest submitted have support, with a person behind each pledge.
    for idea in [ideas[0], ideas[-1]]:
        for organisation, kind, amount in [
            (aarhus, "interesse", None),
            (hedensted, "pilot", None),
            (kommuner[4], "medfinansiering", 75000),
        ]:
            Pledge.objects.create(
                idea=idea, organisation=organisation, kind=kind, amount=amount, user=pledger
            )
    return products
