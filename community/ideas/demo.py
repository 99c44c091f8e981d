"""Demo ideas: the secretariat's states and product areas, and fifteen ideas from demo organisations in
every state, with pledges, comments and their history. Bulk-created, so the demo stays fast."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import Min
from django.utils import timezone
from wagtail.search.backends import get_search_backends

from products.models import ProductPage

from ..events.recurrence import LOCAL_TZ
from ..members.models import Affiliation, AffiliationStatus, Organisation
from .models import (
    FollowFrequency,
    Idea,
    IdeaArea,
    IdeaComment,
    IdeaFollow,
    IdeaLogEntry,
    IdeaState,
    LogKind,
    Pledge,
    PledgeKind,
)

# slug, name, order, open for support, goal (organisations, kr.), final, requires reason, colour, description
STATES = [
    ("indsendt", "Indsendt", 10, False, None, None, False, False, "", "Sekretariatet har modtaget idéen."),
    (
        "under-behandling",
        "Under behandling",
        20,
        False,
        None,
        None,
        False,
        False,
        "info",
        "Sekretariatet undersøger idéen og taler med forslagsstilleren.",
    ),
    (
        "aaben-for-opbakning",
        "Åben for opbakning",
        30,
        True,
        5,
        Decimal(500_000),
        False,
        False,
        "warning",
        "Organisationer kan give tilsagn. Når målet er nået, vurderer bestyrelsen idéen.",
    ),
    (
        "godkendt-som-projekt",
        "Godkendt som projekt",
        40,
        False,
        None,
        None,
        True,
        False,
        "success",
        "Idéen er blevet et OS2-projekt med styregruppe og budget.",
    ),
    (
        "blev-til-produkt",
        "Blev til produkt",
        50,
        False,
        None,
        None,
        True,
        False,
        "success",
        "Idéen er i dag et OS2-produkt.",
    ),
    (
        "afvist",
        "Afvist med begrundelse",
        60,
        False,
        None,
        None,
        True,
        True,
        "error",
        "Idéen går ikke videre. Begrundelsen står i historikken.",
    ),
    (
        "slaaet-sammen",
        "Slået sammen med en anden idé",
        70,
        False,
        None,
        None,
        True,
        True,
        "",
        "Idéen fortsætter som en del af en anden idé.",
    ),
]

# Approved ideas: the pledges are what the decision rests on.
BINDING = {"godkendt-som-projekt", "blev-til-produkt"}

AREAS = [
    ("organisation-og-personale", "Organisation og personale"),
    ("identitet-og-adgang", "Identitet og adgang"),
    ("selvbetjening", "Selvbetjening og borgerdialog"),
    ("iot-og-data", "IoT og data"),
    ("infrastruktur-og-drift", "Infrastruktur og drift"),
    ("ledelse-og-overblik", "Ledelse og overblik"),
]

# title, area, state path (each state the idea went through), number of pledges, product it became
IDEAS = [
    (
        "Fælles platform til sensorer i kommunale bygninger",
        "iot-og-data",
        ["indsendt", "under-behandling", "aaben-for-opbakning", "godkendt-som-projekt", "blev-til-produkt"],
        7,
        "os2iot",
    ),
    (
        "Vagtplaner til valgtilforordnede uden regneark",
        "organisation-og-personale",
        ["indsendt", "under-behandling", "aaben-for-opbakning", "godkendt-som-projekt"],
        6,
        None,
    ),
    (
        "Automatisk oprydning i gamle brugerkonti",
        "identitet-og-adgang",
        ["indsendt", "under-behandling", "aaben-for-opbakning"],
        5,
        None,
    ),
    (
        "Borgerforslag med digital underskrift",
        "selvbetjening",
        ["indsendt", "under-behandling", "aaben-for-opbakning"],
        3,
        None,
    ),
    (
        "Overblik over databehandleraftaler på tværs af forvaltninger",
        "ledelse-og-overblik",
        ["indsendt", "under-behandling", "aaben-for-opbakning"],
        2,
        None,
    ),
    (
        "Fælles skabelon til informationsskærme på biblioteker",
        "selvbetjening",
        ["indsendt", "under-behandling", "aaben-for-opbakning"],
        4,
        None,
    ),
    (
        "Kørselsgodtgørelse direkte fra kalenderen",
        "organisation-og-personale",
        ["indsendt", "under-behandling"],
        0,
        None,
    ),
    (
        "Måling af energiforbrug i skolernes køkkener",
        "iot-og-data",
        ["indsendt", "under-behandling"],
        0,
        None,
    ),
    ("Rettighedsstyring for vikarer i ældreplejen", "identitet-og-adgang", ["indsendt"], 0, None),
    ("Fælles driftsovervågning af OS2-løsninger", "infrastruktur-og-drift", ["indsendt"], 0, None),
    ("Selvbetjening til ansøgning om parkeringstilladelse", "selvbetjening", ["indsendt"], 0, None),
    (
        "Eget chatsystem til medarbejdere",
        "organisation-og-personale",
        ["indsendt", "under-behandling", "afvist"],
        0,
        None,
    ),
    (
        "Sensorer til affaldsbeholdere",
        "iot-og-data",
        ["indsendt", "under-behandling", "slaaet-sammen"],
        0,
        None,
    ),
    (
        "Fælles container-platform til kommunernes drift",
        "infrastruktur-og-drift",
        ["indsendt", "under-behandling", "aaben-for-opbakning"],
        1,
        None,
    ),
    (
        "Dashboard over it-systemernes livscyklus",
        "ledelse-og-overblik",
        ["indsendt", "under-behandling", "aaben-for-opbakning"],
        0,
        None,
    ),
]

REASONS = {
    "under-behandling": "Sekretariatet har talt med forslagsstilleren og afklaret behovet.",
    "aaben-for-opbakning": "Behovet er beskrevet godt, og flere kommuner har vist interesse.",
    "godkendt-som-projekt": "Målet for opbakning er nået, og bestyrelsen har godkendt projektet.",
    "blev-til-produkt": "Projektet er afsluttet og drives nu som et OS2-produkt.",
    "afvist": "Der findes allerede gode standardprodukter på markedet, som dækker behovet.",
    "slaaet-sammen": "Idéen dækkes af den fælles sensorplatform; opbakningen samles dér.",
}

COMMENTS = [
    "Det her har vi også brug for hos os. Vi vil gerne være med i en arbejdsgruppe.",
    "Har I overvejet, hvordan det spiller sammen med de fælleskommunale løsninger?",
    "Vi har prøvet noget lignende lokalt og deler gerne vores erfaringer.",
    "Godt initiativ! Hvor mange timer bruger I på det i dag?",
]


def _text(title, area_name, rng):
    need = (
        f"I dag løser vi opgaven bag “{title.lower()}” med manuelle arbejdsgange og lokale løsninger. "
        "Det koster tid hos medarbejderne og giver fejl, når data tastes flere steder.\n\n"
        f"Behovet findes inden for {area_name.lower()} i de fleste kommuner, vi har talt med."
    )
    benefit = (
        f"Vi regner med at spare omkring {rng.randint(3, 12) * 100} timer om året i vores egen organisation "
        "og at få bedre data at styre efter. Løsningen bygges på åben kode, så andre kan bruge den."
    )
    shared_with = "Andre kommuner og regioner med samme opgave; fagnetværket på området har vist interesse."
    return need, benefit, shared_with


# Days an idea spends in a state before the next, roughly: a project takes a year or more to become a
# product.
STAGE_DAYS = {
    "indsendt": (7, 25),
    "under-behandling": (14, 45),
    "aaben-for-opbakning": (60, 150),
    "godkendt-som-projekt": (300, 500),
}


def _timeline(path, product, now, rng):
    """When the idea entered each state of its path. An idea that became a product ends the month
    before the product's first users joined it; the others end recently."""
    gaps = [datetime.timedelta(days=rng.randint(*STAGE_DAYS.get(state, (7, 25)))) for state in path[:-1]]
    first_users = product.joining_agreements.aggregate(first=Min("joined_on"))["first"] if product else None
    if first_users:
        end = datetime.datetime.combine(first_users, datetime.time(10), tzinfo=LOCAL_TZ)
        end -= datetime.timedelta(days=30)
    else:
        end = now - datetime.timedelta(days=rng.randint(3, 40))
    entered = [end]
    for gap in reversed(gaps):
        entered.insert(0, entered[0] - gap)
    return entered


def _ensure_states_and_areas():
    created = 0
    for slug, name, order, is_open, goal_count, goal_amount, final, needs_reason, variant, text in STATES:
        _state, new = IdeaState.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "order": order,
                "is_open_for_support": is_open,
                "support_threshold_organisations": goal_count,
                "support_threshold_amount": goal_amount,
                "is_final": final,
                "requires_reason": needs_reason,
                "pledges_are_binding": slug in BINDING,
                "badge_variant": variant,
                "description": text,
            },
        )
        created += new
    for order, (slug, name) in enumerate(AREAS):
        created += IdeaArea.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})[1]
    return created


def _demo_members(organisations):
    """One approved member account per organisation (no password: the demo never logs in as them)."""
    User = get_user_model()
    usernames = {organisation.pk: f"demo-{organisation.slug}"[:150] for organisation in organisations}
    existing = {user.username: user for user in User.objects.filter(username__in=usernames.values())}
    new_users = [
        User(
            username=name,
            email=f"{name}@example.dk",
            first_name="Demo",
            last_name=organisation.name,
            password=make_password(None),
        )
        for organisation in organisations
        if (name := usernames[organisation.pk]) not in existing
    ]
    User.objects.bulk_create(new_users)
    users = {user.username: user for user in User.objects.filter(username__in=usernames.values())}
    with_affiliation = set(
        Affiliation.objects.filter(user__in=users.values()).values_list("user_id", flat=True)
    )
    Affiliation.objects.bulk_create(
        [
            Affiliation(user=users[usernames[o.pk]], organisation=o, status=AffiliationStatus.APPROVED)
            for o in organisations
            if users[usernames[o.pk]].pk not in with_affiliation
        ]
    )
    return {organisation.pk: users[usernames[organisation.pk]] for organisation in organisations}, len(
        new_users
    )


def load():

    created = _ensure_states_and_areas()
    if Idea.objects.filter(title=IDEAS[0][0]).exists():
        return created
    rng = random.Random(2024)  # noqa: S311 - demo data
    states = {state.slug: state for state in IdeaState.objects.all()}
    areas = {area.slug: area for area in IdeaArea.objects.all()}
    organisations = list(Organisation.objects.public_members().order_by("name"))
    if len(organisations) < 10:
        return created
    organisations = rng.sample(organisations, 20)
    members, new_users = _demo_members(organisations)
    created += new_users
    products = {
        page.slug: page for page in ProductPage.objects.filter(slug__in=[i[4] for i in IDEAS if i[4]])
    }
    now = timezone.now()

    ideas, timelines = [], {}
    for number, (title, area_slug, path, _pledges, product_slug) in enumerate(IDEAS):
        organisation = organisations[number % len(organisations)]
        need, benefit, shared_with = _text(title, areas[area_slug].name, rng)
        timelines[title] = _timeline(path, products.get(product_slug), now, rng)
        submitted = timelines[title][0]
        ideas.append(
            Idea(
                title=title,
                need=need,
                benefit=benefit,
                shared_with=shared_with,
                area=areas[area_slug],
                organisation=organisation,
                submitter=members[organisation.pk],
                state=states[path[-1]],
                submitted_at=submitted,
                became_product=products.get(product_slug),
            )
        )
    Idea.objects.bulk_create(ideas)
    ideas = list(Idea.objects.filter(title__in=[i[0] for i in IDEAS]).order_by("pk"))
    by_title = {idea.title: idea for idea in ideas}
    merged = by_title["Sensorer til affaldsbeholdere"]
    merged.merged_into = by_title[IDEAS[0][0]]
    merged.save(update_fields=["merged_into"])

    log, pledges, comments, follows = [], [], [], []
    for idea, (_title, _area, path, pledge_count, _product) in zip(ideas, IDEAS, strict=True):
        entered = timelines[idea.title]
        log.append(
            IdeaLogEntry(idea=idea, kind=LogKind.SUBMITTED, to_state=states[path[0]], created_at=entered[0])
        )
        for previous, current, when in zip(path, path[1:], entered[1:], strict=False):
            log.append(
                IdeaLogEntry(
                    idea=idea,
                    kind=LogKind.STATE,
                    from_state=states[previous],
                    to_state=states[current],
                    reason=REASONS[current],
                    created_at=when,
                )
            )
        supporters = [o for o in organisations if o.pk != idea.organisation_id][:pledge_count]
        # Pledges came while the idea was open for support, and each is in its history.
        if supporters:
            opened = path.index("aaben-for-opbakning")
            window_start = entered[opened]
            window_end = entered[opened + 1] if opened + 1 < len(entered) else now
        for index, supporter in enumerate(supporters):
            kind = [PledgeKind.INTEREST, PledgeKind.PILOT, PledgeKind.COFUND][index % 3]
            pledge = Pledge(
                idea=idea,
                organisation=supporter,
                user=members[supporter.pk],
                kind=kind,
                amount=Decimal(rng.choice([50, 75, 100, 150])) * 1000 if kind == PledgeKind.COFUND else None,
            )
            pledge.given = window_start + (window_end - window_start) * (index + 1) / (len(supporters) + 1)
            pledges.append(pledge)
            log.append(
                IdeaLogEntry(
                    idea=idea,
                    kind=LogKind.PLEDGE_GIVEN,
                    organisation=supporter,
                    pledge_kind=kind,
                    amount=pledge.amount,
                    user=pledge.user,
                    created_at=pledge.given,
                )
            )
        follows.append(IdeaFollow(idea=idea, user=idea.submitter, frequency=FollowFrequency.INSTANT))
        if len(path) > 1:
            for index in range(rng.randint(1, 3)):
                author_org = organisations[(ideas.index(idea) + index + 3) % len(organisations)]
                comments.append(
                    IdeaComment(
                        idea=idea,
                        author=members[author_org.pk],
                        organisation=author_org,
                        body=COMMENTS[(ideas.index(idea) + index) % len(COMMENTS)],
                        created_at=idea.submitted_at + datetime.timedelta(days=3 + index * 4),
                    )
                )
    IdeaLogEntry.objects.bulk_create(log)
    Pledge.objects.bulk_create(pledges)
    # `created_at` is set on saving; the demo's pledges were given back then.
    for pledge in pledges:
        Pledge.objects.filter(idea=pledge.idea, organisation=pledge.organisation).update(
            created_at=pledge.given
        )
    IdeaComment.objects.bulk_create(comments)
    IdeaFollow.objects.bulk_create(follows)
    for backend in get_search_backends():
        backend.add_bulk(Idea, ideas)
    return created + len(ideas) + len(log) + len(pledges) + len(comments) + len(follows)
