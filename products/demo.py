"""Demo products: OS2's products with their pitches, tags, tabs, contacts, prices, governance
assessments (a spread of levels, some with a history), users, suppliers and one coordinator each."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from community.joining.demo import pdf_bytes
from community.models import Affiliation, Organisation, OrganisationKind
from home.demo import ensure_english_section, home_page, p
from home.roles import SECRETARIAT_GROUP

from .join_requests import kind_for
from .models import (
    ContactPerson,
    ContactRole,
    CriterionAssessment,
    GovernanceCriterion,
    JoiningAgreement,
    JoiningPrice,
    JoiningStage,
    JoinRequest,
    JoinState,
    MunicipalitySize,
    ProductContact,
    ProductIndexPage,
    ProductPage,
    ProductRelease,
    ProductStatus,
    ProductSupplier,
    ProductTabPage,
    Rating,
)
from .permissions import ensure_product_group, ensure_secretariat_workflow

CATALOGUE = {
    "title": "Produkter",
    "slug": "produkter",
    "introduction": (
        "Løsninger, som offentlige myndigheder udvikler og vedligeholder sammen. Koden er åben, og "
        "fællesskabet ejer den."
    ),
}

CATALOGUE_EN = {
    "title": "Products",
    "slug": "produkter",
    "introduction": (
        "Solutions that public authorities develop and maintain together. The code is open, and the "
        "community owns it."
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


# OS2's evaluation criteria (level, code, text, mandatory). The numbering is OS2's own.
CRITERIA = [
    (0, "R1", "Løsningen skaber lokal værdi og har potentiale for andre", True),
    (0, "F1", "Udvikles åbent i et OS2-kodearkiv", True),
    (0, "F2", "Udgivet under en godkendt open source-licens", True),
    (0, "F3", "Udbudsregler og lovgivning er fulgt", True),
    (0, "F4", "Sikkerhedsarbejdet er dokumenteret", True),
    (0, "F5", "Formål og værdi er beskrevet", True),
    (1, "F6", "Koden er overdraget til OS2's GitHub", True),
    (1, "F7", "Dokumentation i et åbent format på OS2's skabelon", True),
    (1, "F10", "Information om produktet på os2.eu", True),
    (1, "F11", "Offentlig registrering af fejl og ønsker", True),
    (1, "G1", "Registreret i OS2's portefølje", True),
    (1, "G2", "Løbende koordinering med sekretariatet", True),
    (1, "G3", "Navngiven tovholder eller projektleder", True),
    (1, "G4", "Bestyrelsen er orienteret", True),
    (1, "S1", "Sammenhæng med OS2's strategi", True),
    (1, "S2", "Understøtter innovation og open source", True),
    (2, "R2", "Accepteret af den lokale linjeledelse", True),
    (2, "R3", "Potentiale på tværs af kommuner", True),
    (2, "F12", "Én kerneversion af koden", True),
    (2, "F13", "Præsentationsmateriale", True),
    (2, "F14", "Materiale til det strategiske niveau", True),
    (2, "F15", "Best practice for implementering", True),
    (2, "F16", "Teknisk dokumentation med kodestandarder", True),
    (2, "F17", "Drift og vedligeholdelse er beskrevet", True),
    (2, "F18", "Den fællesoffentlige referencearkitektur er fulgt, eller afvigelser er forklaret", True),
    (2, "F19", "Leveres i containerformat", True),
    (2, "F20", "Undervisningsmateriale", True),
    (2, "G5", "Godkendt af bestyrelsen", True),
    (2, "G6", "Styregruppe", True),
    (2, "G7", "Koordinationsgruppe", True),
    (2, "G8", "Dokumenteret projektmodel", False),
    (2, "G9", "Kodegennemgang ved tredjepart", False),
    (2, "G10", "Tilslutningsaftale, der sikrer finansieringen", False),
    (2, "S3", "Sammenhængen med OS2's mission og strategi er beskrevet", True),
    (2, "S4", "Produktvision og -strategi", True),
    (3, "R4", "Forankret i nationale strategier", True),
    (3, "F21", "Politisk kommunikation", True),
    (3, "F22", "Plan og ejer for idriftsættelse", True),
    (3, "G11", "Bestyrelsen godkender styregruppen", True),
    (3, "G12", "Et bestyrelsesmedlem sidder i styregruppen", True),
    (3, "G13", "Finansieret koordinering og udvikling med budget", True),
    (3, "G14", "Et aktivt brugerfællesskab", True),
    (3, "S5", "Dokumenteret sammenhæng med OS2's vision og strategi", True),
]

# The level each demo product has reached now (None: not yet Sandkasse), and where it came from.
LEVELS = {
    "os2mo": (2, 1),
    "os2kitos": (3, None),
    "os2faktor": (3, 2),
    "os2rollekatalog": (2, None),
    "os2sofd": (2, None),
    "os2iot": (2, None),
    "os2display": (1, None),
    "os2forms": (2, None),
    "os2datascanner": (2, None),
    "os2valghalla": (1, None),
    "os2autoproc": (0, None),
    "os2borgerforslag": (1, 2),
    "os2indberetning": (1, None),
    "os2opgavefordeler": (1, None),
    "os2loop": (1, None),
    "os2compliance": (0, None),
    "os2agora": (None, None),
}
# When each product got its first users: no organisation joins a product before it, nor before the
# organisation itself joined OS2. The projects are young.
STARTED = {
    "os2mo": datetime.date(2016, 3, 1),
    "os2kitos": datetime.date(2014, 6, 1),
    "os2faktor": datetime.date(2018, 9, 1),
    "os2rollekatalog": datetime.date(2017, 5, 1),
    "os2sofd": datetime.date(2018, 2, 1),
    "os2iot": datetime.date(2020, 4, 1),
    "os2display": datetime.date(2016, 9, 1),
    "os2forms": datetime.date(2019, 8, 1),
    "os2datascanner": datetime.date(2017, 10, 1),
    "os2valghalla": datetime.date(2020, 2, 1),
    "os2autoproc": datetime.date(2024, 3, 1),
    "os2borgerforslag": datetime.date(2019, 5, 1),
    "os2indberetning": datetime.date(2015, 4, 1),
    "os2opgavefordeler": datetime.date(2019, 11, 1),
    "os2loop": datetime.date(2018, 6, 1),
    "os2compliance": datetime.date(2024, 9, 1),
    "os2agora": datetime.date(2025, 2, 1),
}

# What assessors write: an explanation makes a yellow rating pass ("comply or explain"), so only those
# get one of the first list; red and unexplained yellow ratings say what is missing.
EXPLANATIONS = [
    "Delvist opfyldt; resten er planlagt i næste udgivelse.",
    "Afvigelsen er begrundet: løsningen følger den fælleskommunale standard i stedet.",
    "Styregruppen har godkendt en plan for at opfylde kriteriet inden næste vurdering.",
    "Dokumentationen findes, men endnu kun på dansk; den engelske udgave er bestilt.",
    "Opfyldt for kernemodulet; de nye moduler følger efter.",
    "Koordinationsgruppen har valgt en anden løsning og forklaret hvorfor i referatet.",
]
MISSING = [
    "Ikke påbegyndt endnu.",
    "Mangler en navngiven ansvarlig.",
    "Materialet er ikke udarbejdet.",
    "Afventer beslutning i styregruppen.",
    "Et udkast findes, men er ikke godkendt.",
    "Arbejdet er i gang og forventes færdigt inden næste vurdering.",
]
CONFIRMATIONS = [
    "Gennemgået på koordinationsgruppens møde.",
    "Bekræftet af sekretariatet.",
    "Se dokumentationen i repositoriet.",
]

TAGS = {
    "os2mo": ["Organisation", "Grunddata", "HR"],
    "os2kitos": ["It-styring", "GDPR"],
    "os2faktor": ["Identitet", "Sikkerhed"],
    "os2rollekatalog": ["Identitet", "Sikkerhed"],
    "os2sofd": ["Grunddata", "HR"],
    "os2iot": ["Infrastruktur", "Data"],
    "os2display": ["Borgerservice", "Kommunikation"],
    "os2forms": ["Selvbetjening", "Borgerservice"],
    "os2datascanner": ["GDPR", "Sikkerhed"],
    "os2valghalla": ["Valg", "Demokrati"],
    "os2autoproc": ["Automatisering"],
    "os2borgerforslag": ["Demokrati", "Selvbetjening"],
    "os2indberetning": ["Økonomi", "HR"],
    "os2opgavefordeler": ["Sagsbehandling", "Automatisering"],
    "os2loop": ["Videndeling", "Kommunikation"],
    "os2compliance": ["GDPR", "Informationssikkerhed"],
    "os2agora": ["Demokrati", "Mødeafvikling"],
}
CATEGORIES = {
    "os2mo": "hr employee-management",
    "os2kitos": "it-asset-management compliance-management",
    "os2faktor": "identity-management",
    "os2rollekatalog": "identity-management",
    "os2sofd": "hr",
    "os2iot": "data-collection data-visualization",
    "os2display": "communications content-management",
    "os2forms": "data-collection digital-citizenship",
    "os2datascanner": "data-analytics",
    "os2valghalla": "workflow-management",
    "os2autoproc": "workflow-management",
    "os2borgerforslag": "digital-citizenship survey",
    "os2indberetning": "financial-reporting time-tracking",
    "os2opgavefordeler": "workflow-management",
    "os2loop": "knowledge-management",
    "os2compliance": "compliance-management",
    "os2agora": "document-management collaboration",
}
# What kind of software each product is, where not a web application (publiccode.yml's softwareType).
SOFTWARE_TYPES = {"os2datascanner": "standalone/backend", "os2autoproc": "standalone/backend"}
# Where the products are used besides in local government (publiccode.yml's scope).
SCOPES = {
    "os2mo": "local-authorities employment",
    "os2sofd": "local-authorities employment",
    "os2iot": "local-authorities environment infrastructures",
    "os2valghalla": "local-authorities government",
    "os2borgerforslag": "local-authorities society",
    "os2loop": "local-authorities welfare",
}
QUARTER_ENDS = [(3, 31), (6, 30), (9, 30), (12, 31)]
FEATURES_EN = ["Open source code", "Developed together by public authorities"]
LICENCES = {"os2mo": "MPL-2.0", "os2faktor": "MPL-2.0", "os2forms": "EUPL-1.2", "os2display": "MPL-2.0"}

FIRST_NAMES = [
    "Anne",
    "Bo",
    "Camilla",
    "Dorte",
    "Erik",
    "Frederik",
    "Gitte",
    "Henrik",
    "Ida",
    "Jens",
    "Karen",
    "Lars",
    "Mette",
    "Niels",
    "Pernille",
    "Rasmus",
    "Sofie",
    "Thomas",
    "Ulla",
    "Vibeke",
]
LAST_NAMES = [
    "Andersen",
    "Bech",
    "Christensen",
    "Dahl",
    "Frandsen",
    "Holm",
    "Jensen",
    "Kjær",
    "Lund",
    "Madsen",
    "Nielsen",
    "Olsen",
    "Poulsen",
    "Rasmussen",
    "Sørensen",
    "Thomsen",
    "Vestergaard",
]

# Prices by municipality size (member yearly, non-member yearly, one-off fee for latecomers).
PRICE_STEPS = [
    (MunicipalitySize.UNDER_25K, 1.0),
    (MunicipalitySize.FROM_25K, 1.6),
    (MunicipalitySize.FROM_60K, 2.4),
    (MunicipalitySize.OVER_120K, 3.5),
]


def tab_specs(name, supplier):
    return [
        {
            "title": "Om",
            "slug": "om",
            "introduction": f"Hvad {name} er, og hvem der står bag.",
            "body": [
                ("heading", {"text": "Formål", "level": "h2"}),
                (
                    "paragraph",
                    p(f"{name} er udviklet i fællesskab af OS2's medlemmer og udgivet som open source."),
                ),
                ("heading", {"text": "Historik", "level": "h2"}),
                (
                    "paragraph",
                    p("Produktet startede som et lokalt projekt og er siden taget i brug i flere kommuner."),
                ),
            ],
        },
        {
            "title": "Arbejdsgrupper",
            "slug": "arbejdsgrupper",
            "introduction": "Styregruppe, koordinationsgruppe og faggrupper.",
            "body": [
                (
                    "paragraph",
                    p(
                        "Grupperne mødes omkring fire gange om året i en time. Arbejder du i en "
                        "organisation, der bruger produktet, kan du bede om at komme med i en gruppe."
                    ),
                ),
            ],
        },
        {
            "title": "Tilslutning",
            "slug": "tilslutning",
            "introduction": f"Sådan kommer din organisation med i {name}.",
            "body": [
                ("heading", {"text": "To trin", "level": "h2"}),
                (
                    "paragraph",
                    p(
                        "Først giver I et uforpligtende tilsagn. Derefter indgår I en bindende "
                        "tilslutningsaftale, der finansierer vedligeholdelse, koordinering og videndeling."
                    ),
                ),
                ("heading", {"text": "Drift og support", "level": "h2"}),
                (
                    "paragraph",
                    p(
                        f"OS2 yder ikke selv support. Drift og support aftales med en leverandør, f.eks. {supplier}."
                    ),
                ),
            ],
        },
        {
            "title": "Dokumentation",
            "slug": "dokumentation",
            "introduction": "Teknisk dokumentation, installation og drift.",
            "body": [
                ("heading", {"text": "Installation", "level": "h2"}),
                ("paragraph", p("Produktet leveres som containere og kan køres on-premise eller i skyen.")),
            ],
        },
        {
            "title": "Roadmap",
            "slug": "roadmap",
            "introduction": "Det, koordinationsgruppen har prioriteret til de næste udgivelser.",
            "body": [("paragraph", p("Roadmappen opdateres efter hvert møde i koordinationsgruppen."))],
        },
    ]


def catalogue():
    existing = ProductIndexPage.in_default_language()
    if existing:
        return existing, False
    page = ProductIndexPage(show_in_menus=True, **CATALOGUE)
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page, True


def ensure_criteria():
    existing = set(GovernanceCriterion.objects.values_list("code", flat=True))
    new = [
        GovernanceCriterion(code=code, theme=code[0], level=level, text=text, mandatory=mandatory)
        for level, code, text, mandatory in CRITERIA
        if code not in existing
    ]
    GovernanceCriterion.objects.bulk_create(new)
    index_objects(GovernanceCriterion, GovernanceCriterion.objects.filter(code__in=[c.code for c in new]))
    return len(new)


def index_objects(model, objects):
    """bulk_create skips the signals that keep the search index current, so index them here."""
    objects = list(objects)
    if objects:
        for backend in get_search_backends():
            backend.add_bulk(model, objects)


def _ratings(criteria, level, rng):
    """Ratings that give exactly `level` (None: not even Sandkasse), with the assessor's note."""
    ratings = {}
    top = -1 if level is None else level
    blocker_level = top + 1
    blockers = [c for c in criteria if c.level == blocker_level and c.mandatory]
    blocked = (
        {c.pk for c in rng.sample(blockers, min(len(blockers), rng.randint(1, 3)))} if blockers else set()
    )
    for criterion in criteria:
        if criterion.level <= top:
            # Comply or explain: now and then yellow with an explanation.
            if rng.random() < 0.1:
                ratings[criterion.pk] = (Rating.YELLOW, rng.choice(EXPLANATIONS))
            else:
                ratings[criterion.pk] = (
                    Rating.GREEN,
                    rng.choice(CONFIRMATIONS) if rng.random() < 0.15 else "",
                )
        elif criterion.level == blocker_level:
            if criterion.pk in blocked:
                rating = Rating.RED if rng.random() < 0.6 else Rating.YELLOW
                # A yellow rating with a note would pass: an unexplained one says nothing.
                ratings[criterion.pk] = (rating, rng.choice(MISSING) if rating == Rating.RED else "")
            else:
                ratings[criterion.pk] = (Rating.GREEN, "")
    return ratings


def _assessments(product, criteria, level, date, rng):
    """One assessment round: the criteria are gone through at one meeting, on `date`."""
    ratings = _ratings(criteria, level, rng)
    assessments = []
    for criterion in criteria:
        if criterion.pk not in ratings:
            continue
        rating, note = ratings[criterion.pk]
        assessments.append(
            CriterionAssessment(
                product=product,
                criterion=criterion,
                rating=rating,
                assessed_on=date,
                evidence_url=f"https://github.com/OS2World/{product.slug}/wiki/{criterion.code.lower()}"
                if rating == Rating.GREEN
                else "",
                note=note,
            )
        )
    return assessments


def assessment_rounds(slug):
    """The days a product was assessed, oldest first: each product on its own days, the latest within
    the last year, an earlier round about a year before it."""
    rng = random.Random(f"{slug}-rounds")  # noqa: S311 - demo data
    latest = timezone.localdate() - datetime.timedelta(days=rng.randint(20, 330))
    if LEVELS[slug][1] is None:
        return [latest]
    return [latest - datetime.timedelta(days=rng.randint(330, 420)), latest]


# A new member settles in before joining a product.
SETTLING = datetime.timedelta(days=90)


def _joined_on(rng, started, organisation):
    """A day after both the product's first users and the organisation's joining OS2."""
    first = max(started, organisation.member_since + SETTLING)
    last = timezone.localdate() - datetime.timedelta(days=14)
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _people(rng, count, organisation):
    people = []
    for _ in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        domain = organisation.slug.replace("-", "") + ".dk"
        people.append(
            ContactPerson(
                name=f"{first} {last}",
                title="",
                organisation=organisation,
                email=f"{first[0].lower()}{last[:3].lower()}@{domain}".replace("æ", "ae")
                .replace("ø", "oe")
                .replace("å", "aa"),
                phone=f"{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            )
        )
    return people


def load():
    # Saving a page's children one by one would update the reference index for each of them; it is
    # updated once per new product instead.
    with disable_reference_index_auto_update():
        created, new_products = _load()
    for product in new_products:
        ReferenceIndex.create_or_update_for_object(product)
    return created


def _load():
    new_products = []
    index, created = catalogue()
    created = int(created) + ensure_english_section(index, CATALOGUE_EN)[1]
    created += ensure_criteria()
    criteria = list(GovernanceCriterion.objects.all())
    municipalities = list(Organisation.objects.filter(kind=OrganisationKind.KOMMUNE).order_by("name"))
    suppliers = {o.name: o for o in Organisation.objects.filter(kind=OrganisationKind.LEVERANDOER)}
    supplier_contacts = {}
    assessments = []
    today = timezone.localdate()
    for slug, name, tagline, status, supplier in PRODUCTS:
        if ProductPage.objects.filter(slug=slug).exists():
            continue
        rng = random.Random(slug)  # noqa: S311 - demo data
        introduction = (
            f"{name}: {tagline[0].lower()}{tagline[1:]} Løsningen er udviklet af offentlige myndigheder i "
            "fællesskab, koden er åben, og fællesskabet bestemmer sammen, hvad der skal udvikles."
        )
        product = ProductPage(
            title=name,
            slug=slug,
            tagline=tagline,
            status=status,
            introduction=introduction,
            tagline_en=f"{name}, an open-source product of the Danish public-sector community OS2.",
            introduction_en=(
                f"{name} is developed together by Danish public authorities in OS2. The code is open, the "
                "community owns it, and the members decide together what is developed next."
            ),
            repository_url=f"https://github.com/OS2World/{slug}",
            documentation_url=f"https://{slug}.readthedocs.io/" if status == ProductStatus.PRODUKT else "",
            roadmap_url=f"https://github.com/orgs/OS2World/projects/{slug}"
            if status == ProductStatus.PRODUKT
            else "",
            licence=LICENCES.get(slug, "MPL-2.0"),
            features="\n".join([tagline.rstrip("."), "Åben kildekode", "Fælles videreudvikling"]),
            features_en="\n".join([f"{name} for Danish public authorities", *FEATURES_EN]),
            categories=CATEGORIES[slug],
            scope=SCOPES.get(slug, "local-authorities"),
            software_type=SOFTWARE_TYPES.get(slug, "standalone/web"),
            platforms="web" if slug not in SOFTWARE_TYPES else "linux",
            software_version=f"{rng.randint(1, 5)}.{rng.randint(0, 12)}.{rng.randint(0, 9)}",
            release_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 300)),
            localisation_ready=rng.random() < 0.3,
            available_languages="da en" if rng.random() < 0.3 else "da",
        )
        # Only members of OS2 for a while join a product.
        members = [o for o in municipalities if o.member_since and o.member_since < today - SETTLING]
        users = rng.sample(
            members, rng.randint(3, 8) if status == ProductStatus.PROJEKT else rng.randint(8, 40)
        )
        for organisation in sorted(users, key=lambda o: o.name):
            product.joining_agreements.add(
                JoiningAgreement(
                    organisation=organisation,
                    stage=JoiningStage.TILSAGN
                    if status == ProductStatus.PROJEKT
                    else JoiningStage.TILSLUTTET,
                    joined_on=_joined_on(rng, STARTED[slug], organisation),
                )
            )
        product.suppliers.add(
            ProductSupplier(
                organisation=suppliers[supplier],
                role="Udvikling og vedligeholdelse",
                # Maintenance agreements run out at different times: end of a quarter one to three years on.
                contract_until=datetime.date(rng.randint(2027, 2029), *rng.choice(QUARTER_ENDS))
                if status == ProductStatus.PRODUKT
                else None,
            )
        )
        if status == ProductStatus.PRODUKT and rng.random() < 0.5:
            product.suppliers.add(ProductSupplier(organisation=suppliers[HOSTING], role="Drift og support"))
        # Contacts: a coordinator and a steering-group member from user municipalities, the supplier's
        # contact (one person per supplier, reused across that supplier's products).
        (coordinator,) = _people(rng, 1, users[0])
        (chair,) = _people(rng, 1, users[-1])
        coordinator.title, chair.title = "Projektleder", "Formand for styregruppen"
        ContactPerson.objects.bulk_create([coordinator, chair])
        index_objects(ContactPerson, [coordinator, chair])
        if supplier not in supplier_contacts:
            (contact,) = _people(random.Random(supplier), 1, suppliers[supplier])  # noqa: S311
            contact.title = "Kundeansvarlig"
            contact.save()
            supplier_contacts[supplier] = contact
        for person, role in [
            (coordinator, ContactRole.TOVHOLDER),
            (chair, ContactRole.STYREGRUPPE),
            (supplier_contacts[supplier], ContactRole.LEVERANDOER),
        ]:
            product.contacts.add(ProductContact(person=person, role=role))
        if status == ProductStatus.PRODUKT:
            base = rng.choice([8_000, 10_000, 12_000, 15_000])
            for size, factor in PRICE_STEPS:
                product.prices.add(
                    JoiningPrice(
                        size=size, member=True, joining_fee=int(base * factor), yearly_fee=int(base * factor)
                    )
                )
                product.prices.add(
                    JoiningPrice(
                        size=size,
                        member=False,
                        joining_fee=int(base * factor * 2),
                        yearly_fee=int(base * factor * 1.5),
                    )
                )
        product.tags.add(*TAGS[slug])
        # Created live with its first revision; publishing that revision again would rebuild the page
        # and its children from the revision for nothing.
        index.add_child(instance=product)
        revision = product.save_revision()
        ProductPage.objects.filter(pk=product.pk).update(
            live_revision=revision,
            first_published_at=revision.created_at,
            last_published_at=revision.created_at,
        )
        new_products.append(product)
        created += 1
        created += len(ProductRelease.objects.bulk_create(demo_releases(product)))

        specs = tab_specs(name, supplier)
        # OS2mo shows a full set of tabs; the others the two every product needs.
        for spec in specs if slug == "os2mo" else [specs[0], specs[2]]:
            product.add_child(
                instance=ProductTabPage(
                    last_reviewed=today - datetime.timedelta(days=rng.randint(10, 200)), **spec
                )
            )
            created += 1

        level, earlier = LEVELS[slug]
        levels = [level] if earlier is None else [earlier, level]
        for level, day in zip(levels, assessment_rounds(slug), strict=True):
            assessments += _assessments(product, criteria, level, day, rng)
    CriterionAssessment.objects.bulk_create(assessments)
    created += len(assessments)
    created += ensure_coordinators(index)
    return created, new_products


RELEASE_NOTES = [
    "Rettelser af fejl og opdaterede afhængigheder.",
    "Forbedret tilgængelighed i brugerfladen og hurtigere søgning.",
    "Ny integration til fælleskommunale løsninger og bedre logning.",
]


def demo_releases(product):
    """Up to three releases for a demo product, the newest being its latest version (drawn without the demo's
    random numbers, so adding them changes no other demo data). Saved in bulk: no follower is told."""
    version = tuple(int(part) for part in product.software_version.split("."))
    releases = []
    for number, notes in enumerate(RELEASE_NOTES):
        text = ".".join(str(part) for part in version)
        releases.append(
            ProductRelease(
                product=product,
                version=text,
                released_on=product.release_date - datetime.timedelta(days=75 * number),
                notes=notes,
                url=f"{product.repository_url}/releases/tag/v{text}",
            )
        )
        version = _older(*version)
        if version is None:
            break
    return releases


def _older(major, minor, patch):
    """The version before: x.y.0 before x.y.z, x.(y-1).3 before x.y.0, (x-1).9.0 before x.0.0."""
    if patch:
        return major, minor, 0
    if minor:
        return major, minor - 1, 3
    if major > 1:
        return major - 1, 9, 0
    return None


def ensure_coordinators(index):
    """The secretariat's workflow, and for each product its group with one demo coordinator.

    The coordinators cannot log in until an administrator sets a password for them."""
    ensure_secretariat_workflow(index)
    User = get_user_model()
    existing = set(User.objects.filter(username__startswith="tovholder-").values_list("username", flat=True))
    unusable = make_password(None)
    created = 0
    for product in ProductPage.objects.order_by("title"):
        group = ensure_product_group(product)
        username = f"tovholder-{product.slug}"
        if username in existing:
            continue
        user = User.objects.create(
            username=username,
            first_name="Tovholder",
            last_name=product.title,
            email=f"{username}@example.org",
            password=unusable,
        )
        user.groups.add(group)
        created += 1
    return created


# Requests to join products, one in each state: (organisation slug, status of the product, state,
# agreement as a PDF or to be sent later, note or reason).
DEMO_JOIN_REQUESTS = [
    ("ballerup-kommune", ProductStatus.PRODUKT, JoinState.APPROVED, True, ""),
    (
        "soenderborg-kommune",
        ProductStatus.PRODUKT,
        JoinState.REQUESTED,
        True,
        "Vi vil gerne i gang efter nytår.",
    ),
    ("ballerup-kommune", ProductStatus.PROJEKT, JoinState.REQUESTED, False, ""),
    (
        "soenderborg-kommune",
        ProductStatus.PROJEKT,
        JoinState.DECLINED,
        False,
        "Projektet tager ikke flere kommuner med i første fase. Send gerne et nyt tilsagn til efteråret.",
    ),
]


def load_join_requests():
    """Requests from the demo members' organisations (after their accounts are made), each for the first
    product of its kind the organisation neither uses nor has asked for. Idempotent: an organisation
    with requests already gets no more."""
    if JoinRequest.objects.exists():
        return 0
    secretary = get_user_model().objects.filter(groups__name=SECRETARIAT_GROUP).first()
    created = 0
    for slug, status, state, with_pdf, text in DEMO_JOIN_REQUESTS:
        affiliation = (
            Affiliation.objects.approved()
            .filter(organisation__slug=slug)
            .select_related("user", "organisation")
            .first()
        )
        if affiliation is None:
            continue
        organisation = affiliation.organisation
        product = (
            ProductPage.objects.live()
            .filter(status=status)
            .exclude(joining_agreements__organisation=organisation)
            .exclude(join_requests__organisation=organisation)
            .order_by("title")
            .first()
        )
        if product is None:
            continue
        price = product.prices.filter(size=organisation.municipality_size, member=True).first()
        join_request = JoinRequest(
            product=product,
            organisation=organisation,
            requested_by=affiliation.user,
            kind=kind_for(product),
            size=organisation.municipality_size,
            joining_fee=price.joining_fee if price else None,
            yearly_fee=price.yearly_fee if price else None,
            agreement_later=not with_pdf,
            note=text if state != JoinState.DECLINED else "",
        )
        if with_pdf:
            join_request.agreement_file.save(
                "aftale.pdf", ContentFile(pdf_bytes(f"Tilslutningsaftale {product.title}")), save=False
            )
        join_request.save()
        if state == JoinState.APPROVED:
            join_request.approve(by=secretary)
        elif state == JoinState.DECLINED:
            join_request.decline(by=secretary, reason=text)
        created += 1
    return created
