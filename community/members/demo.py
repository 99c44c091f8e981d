"""Demo organisations: municipalities from the list of Denmark's 98, regions, state bodies, joint public
actors and supplier partners. Deterministic, so every demo site has the same members."""

import csv
import datetime
import random
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from home.roles import SECRETARIAT_GROUP, ensure_secretariat_role
from products.models import MunicipalitySize

from .models import Affiliation, Agreement, AgreementKind, Organisation, OrganisationKind, Region

MUNICIPALITIES_CSV = Path(__file__).parent / "data" / "kommuner.csv"
# Danmarks Statistik's population of each municipality (source and date in the file's first lines).
POPULATION_CSV = Path(__file__).parent / "data" / "folketal.csv"
FOUNDERS = {
    "Ballerup Kommune",
    "Syddjurs Kommune",
    "Sønderborg Kommune",
    "Ishøj Kommune",
    "Københavns Kommune",
}
FOUNDED = datetime.date(2012, 4, 24)
MUNICIPALITY_MEMBERS = 69

REGION_BY_NAME = {
    "Region Hovedstaden": Region.HOVEDSTADEN,
    "Region Sjælland": Region.SJAELLAND,
    "Region Syddanmark": Region.SYDDANMARK,
    "Region Midtjylland": Region.MIDTJYLLAND,
    "Region Nordjylland": Region.NORDJYLLAND,
}

OTHERS = [
    ("Region Midtjylland", OrganisationKind.REGION, Region.MIDTJYLLAND),
    ("Region Hovedstaden", OrganisationKind.REGION, Region.HOVEDSTADEN),
    ("Styrelsen for Dataforsyning og Infrastruktur", OrganisationKind.STATSLIG, Region.HOVEDSTADEN),
    ("Gentofte Gymnasium", OrganisationKind.INSTITUTION, Region.HOVEDSTADEN),
    ("KL", OrganisationKind.FAELLESOFFENTLIG, Region.HOVEDSTADEN),
    ("KOMBIT", OrganisationKind.FAELLESOFFENTLIG, Region.HOVEDSTADEN),
    ("Digitaliseringsstyrelsen", OrganisationKind.FAELLESOFFENTLIG, Region.HOVEDSTADEN),
    ("IT-Universitetet i København", OrganisationKind.VIDENSINSTITUTION, Region.HOVEDSTADEN),
    ("Foundation for Public Code", OrganisationKind.INTERNATIONAL, ""),
]

SUPPLIERS = [
    ("Magenta ApS", "Udvikler og driver open source-løsninger til den offentlige sektor."),
    ("Digital Identity ApS", "Specialister i identitet, login og rettighedsstyring."),
    ("Bellcom A/S", "Udvikling af selvbetjeningsløsninger og hjemmesider."),
    ("Netic A/S", "Hosting og drift af containerbaserede platforme."),
    ("Septima P/S", "Geodata og udvikling af kortløsninger."),
    ("Fjordkode ApS", "Konsulenter i åben kode og integrationer."),
    ("Skyhavn Drift ApS", "Drift, overvågning og support i danske datacentre."),
    ("Nordlys Software A/S", "Udvikling af fagsystemer på åbne standarder."),
]


def municipalities():
    with open(MUNICIPALITIES_CSV, encoding="utf-8") as file:
        return [(row["name"], REGION_BY_NAME[row["region"]]) for row in csv.DictReader(file)]


def populations():
    """{municipality name: inhabitants}, read past the file's comment lines naming its source."""
    with open(POPULATION_CSV, encoding="utf-8") as file:
        rows = csv.DictReader(line for line in file if not line.startswith("#"))
        return {row["name"]: int(row["population"]) for row in rows}


def set_municipality_sizes():
    """Each municipality's size band from its population, as the secretariat would set it; a band the
    secretariat has set already is kept."""
    changed = 0
    population = populations()
    for organisation in Organisation.objects.filter(kind=OrganisationKind.KOMMUNE, municipality_size=""):
        if organisation.name in population:
            organisation.municipality_size = MunicipalitySize.for_population(population[organisation.name])
            organisation.save(update_fields=["municipality_size"])
            changed += 1
    return changed


def cvr_for(rng):
    """A CVR number that passes the modulus-11 check (weights 2,7,6,5,4,3,2,1)."""
    weights = (2, 7, 6, 5, 4, 3, 2, 1)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        if sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 == 0:
            return "".join(map(str, digits))


def ean_for(rng):
    """A 13-digit EAN (GLN) starting 5798 (Danish public sector) with a valid check digit."""
    body = [5, 7, 9, 8] + [rng.randint(0, 9) for _ in range(8)]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(body))
    return "".join(map(str, body)) + str((10 - total % 10) % 10)


def _ensure(name, kind, region, rng, member_since, description="", agreement=None):
    slug = slugify(name.replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation:
        return organisation, False
    public = kind in (OrganisationKind.KOMMUNE, OrganisationKind.REGION, OrganisationKind.STATSLIG)
    organisation = Organisation.objects.create(
        name=name,
        slug=slug,
        kind=kind,
        region=region,
        cvr=cvr_for(rng),
        ean=ean_for(rng) if public else "",
        website=f"https://www.{slug.replace('-kommune', '').replace('-', '')}.dk" if public else "",
        description=description or f"{name} er med i OS2-fællesskabet.",
        member_since=member_since,
        contact_name="Digitaliseringsteamet",
        contact_email=f"digitalisering@{slug}.example.dk",
    )
    if agreement:
        Agreement.objects.create(organisation=organisation, kind=agreement, signed_on=member_since)
    return organisation, True


def load():
    rng = random.Random(2012)  # noqa: S311 - demo data, not security
    created = 0
    rows = municipalities()
    founders = [row for row in rows if row[0] in FOUNDERS]
    others = rng.sample([row for row in rows if row[0] not in FOUNDERS], MUNICIPALITY_MEMBERS - len(founders))
    for name, region in sorted(founders + others):
        since = FOUNDED if name in FOUNDERS else FOUNDED + datetime.timedelta(days=rng.randint(30, 4500))
        description = (
            f"{name} var med til at stifte OS2 i 2012." if name in FOUNDERS else f"{name} er medlem af OS2."
        )
        created += _ensure(
            name, OrganisationKind.KOMMUNE, region, rng, since, description, AgreementKind.PARTNERAFTALE
        )[1]
    for name, kind, region in OTHERS:
        since = FOUNDED + datetime.timedelta(days=rng.randint(300, 4000))
        agreement = (
            AgreementKind.PARTNERAFTALE
            if kind in (OrganisationKind.REGION, OrganisationKind.STATSLIG)
            else None
        )
        created += _ensure(name, kind, region, rng, since, agreement=agreement)[1]
    for name, description in SUPPLIERS:
        since = FOUNDED + datetime.timedelta(days=rng.randint(100, 4000))
        created += _ensure(
            name,
            OrganisationKind.LEVERANDOER,
            "",
            rng,
            since,
            description,
            AgreementKind.LEVERANDOERPARTNERAFTALE,
        )[1]
    set_municipality_sizes()
    return created


# Demo accounts: approved members of a few demo organisations, one waiting for approval, and the
# secretariat. They share one password, printed by load_demo, so anyone trying the demo can log in.
DEMO_PASSWORD = "os2-demo-2026"  # noqa: S105 - a demo site's published password
DEMO_MEMBERS = [
    # (first name, last name, e-mail, job title, organisation slug, status)
    (
        "Mette",
        "Sørensen",
        "mette.soerensen@ballerup.example.dk",
        "Digitaliseringskonsulent",
        "ballerup-kommune",
        "godkendt",
    ),
    ("Lars", "Holm", "lars.holm@soenderborg.example.dk", "IT-arkitekt", "soenderborg-kommune", "godkendt"),
    ("Sara", "Jensen", "sara.jensen@magenta.example.dk", "Udvikler", "magenta-aps", "godkendt"),
    ("Peter", "Nielsen", "peter.nielsen@aalborg.example.dk", "Projektleder", "aalborg-kommune", "afventer"),
]
DEMO_SECRETARIAT = ("Anne", "Lund", "sekretariat@os2.example.dk")


def secretariat_group():
    """The Sekretariat group with exactly its permissions (home.roles). Its users receive the mail
    about new members."""
    created = not Group.objects.filter(name=SECRETARIAT_GROUP).exists()
    return ensure_secretariat_role(), created


def _demo_user(first_name, last_name, email, password_hash):
    user, created = get_user_model().objects.get_or_create(
        username=email.split("@")[0],
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "password": password_hash,
        },
    )
    if created:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user, created


def load_accounts():
    group, created = secretariat_group()
    # Hashing is slow on purpose; one hash serves every demo account. Under production settings (load_demo
    # --force) the published password is never set: the accounts get an unusable one.
    password_hash = make_password(None if getattr(settings, "PRODUCTION", False) else DEMO_PASSWORD)
    first, last, email = DEMO_SECRETARIAT
    secretary, new = _demo_user(first, last, email, password_hash)
    secretary.groups.add(group)
    created += new
    organisations = Organisation.objects.in_bulk([row[4] for row in DEMO_MEMBERS], field_name="slug")
    for first, last, email, job_title, slug, status in DEMO_MEMBERS:
        if slug not in organisations:
            continue
        user, new = _demo_user(first, last, email, password_hash)
        if new:
            decided = status != "afventer"
            Affiliation.objects.create(
                user=user,
                organisation=organisations[slug],
                job_title=job_title,
                status=status,
                decided_at=timezone.now() if decided else None,
                decided_by=secretary if decided else None,
            )
        created += new
    return created


def demo_logins():
    """Who can log in to the demo, for load_demo to print."""
    emails = [DEMO_SECRETARIAT[2]] + [row[2] for row in DEMO_MEMBERS]
    existing = set(get_user_model().objects.filter(email__in=emails).values_list("email", flat=True))
    roles = {DEMO_SECRETARIAT[2]: "sekretariatet"} | {
        row[2]: f"{row[4]}{' (afventer godkendelse)' if row[5] == 'afventer' else ''}" for row in DEMO_MEMBERS
    }
    return [(email, roles[email]) for email in emails if email in existing]
