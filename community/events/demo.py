"""Demo events: a year of OS2 events around today (past ones with slides and recordings, upcoming
ones open for sign-up, some of them full with a waitlist).

Dates are placed relative to the day the demo is built, so the demo always has upcoming events."""

import datetime
import random

from django.utils import timezone
from wagtail.rich_text import RichText

from community.members.models import Organisation
from home.demo import dated_slug, ensure_english_section, ensure_section
from products.models import ProductPage
from products.permissions import sync_event_permissions

from ..projects.models import Project
from .models import (
    EventException,
    EventKind,
    EventQuestion,
    QuestionKind,
    Registration,
    RegistrationStatus,
    new_token,
)
from .pages import EventIndexPage, EventPage
from .recurrence import LOCAL_TZ, Recurrence, days_off, is_working_day

EVENTS_PAGE = {
    "title": "Arrangementer",
    "slug": "arrangementer",
    "introduction": (
        "Mød andre kommuner, regioner og leverandører: generalforsamling, produktseminarer, workshops, "
        "netværksmøder og webinarer."
    ),
}
EVENTS_PAGE_EN = {
    "title": "Events",
    "slug": "arrangementer",
    "introduction": (
        "Meet other municipalities, regions and suppliers: the general assembly, product seminars, "
        "workshops, network meetings and webinars."
    ),
}

DOKK1 = ("Dokk1, Aarhus", "Hack Kampmanns Plads 2\n8000 Aarhus C")
PLACES = [
    DOKK1,
    ("Ballerup Rådhus", "Hold-an Vej 7\n2750 Ballerup"),
    ("Sønderborg Rådhus", "Rådhustorvet 10\n6400 Sønderborg"),
    ("KL-huset", "Weidekampsgade 10\n2300 København S"),
    ("Syddjurs Rådhus", "Lundbergsvej 2\n8400 Ebeltoft"),
]
ONLINE = "https://meet.example.org/os2-{slug}"

# Events about a project (by the project's title): shown on its page and told to its product's followers.
PROJECT_EVENTS = {"Workshop: vagtplaner til valgtilforordnede": "Vagtplaner til valgtilforordnede"}

# days from today, hour, hours long, kind, title, products, place index or None for online, capacity
EVENTS = [
    (-330, 10, 6, EventKind.SEMINAR, "OS2mo-dag", ["os2mo"], 0, 80),
    (-300, 13, 1, EventKind.NETVAERKSMOEDE, "Netværksmøde for OS2iot-brugere", ["os2iot"], None, None),
    (-270, 9, 7, EventKind.WORKSHOP, "Workshop: OS2forms i praksis", ["os2forms"], 1, 30),
    (
        -240,
        14,
        1,
        EventKind.WEBINAR,
        "Webinar: Kom i gang med OS2datascanner",
        ["os2datascanner"],
        None,
        None,
    ),
    (
        -210,
        10,
        5,
        EventKind.SEMINAR,
        "Identitet og adgang: OS2faktor og OS2rollekatalog",
        ["os2faktor", "os2rollekatalog"],
        3,
        60,
    ),
    (-180, 10, 6, EventKind.GENERALFORSAMLING, "Generalforsamling i OS2", [], 0, 150),
    (-150, 13, 1, EventKind.NETVAERKSMOEDE, "Netværksmøde for OS2display", ["os2display"], None, None),
    (-120, 9, 6, EventKind.WORKSHOP, "Workshop om valgbemanding med OS2valghalla", ["os2valghalla"], 2, 25),
    (-90, 14, 1, EventKind.WEBINAR, "Webinar: Nyt i OS2kitos", ["os2kitos"], None, None),
    (-60, 10, 5, EventKind.SEMINAR, "Automatisering med softwarerobotter", ["os2autoproc"], 4, 40),
    (
        -30,
        13,
        1,
        EventKind.NETVAERKSMOEDE,
        "Netværksmøde om OS2sofd og OS2mo",
        ["os2sofd", "os2mo"],
        None,
        None,
    ),
    (-7, 9, 3, EventKind.WORKSHOP, "Workshop: Borgerforslag i din kommune", ["os2borgerforslag"], 1, 20),
    (6, 14, 1, EventKind.WEBINAR, "Webinar: Sådan bruger I OS2loop", ["os2loop"], None, 100),
    (12, 10, 5, EventKind.SEMINAR, "Datasikkerhed og OS2datascanner", ["os2datascanner"], 3, 12),
    (20, 9, 6, EventKind.WORKSHOP, "Workshop: OS2forms-formularer til børn og unge", ["os2forms"], 1, 8),
    (41, 10, 6, EventKind.SEMINAR, "OS2mo-dag", ["os2mo"], 0, 80),
    (27, 10, 4, EventKind.WORKSHOP, "Workshop: vagtplaner til valgtilforordnede", [], 2, 25),
    (
        55,
        14,
        1,
        EventKind.WEBINAR,
        "Webinar: OS2indberetning og kørselsgodkendelse",
        ["os2indberetning"],
        None,
        None,
    ),
    (70, 10, 5, EventKind.SEMINAR, "Compliance i fællesskab", ["os2compliance"], 3, 50),
    (90, 9, 7, EventKind.WORKSHOP, "Workshop: Fra idé til OS2-produkt", [], 4, 30),
    (120, 13, 1, EventKind.NETVAERKSMOEDE, "Netværksmøde for OS2display", ["os2display"], None, None),
    (150, 10, 6, EventKind.GENERALFORSAMLING, "Generalforsamling i OS2", [], 0, 150),
    (175, 10, 5, EventKind.SEMINAR, "Møder og dagsordener med OS2agora", ["os2agora"], 2, 40),
]

# The monthly OS2iot network meeting is one recurring event, running from the first meeting until
# five months ahead, with one meeting skipped.
RECURRING = {"Netværksmøde for OS2iot-brugere": 150}

# Upcoming events that are full, with some on the waitlist.
FULL = {"Datasikkerhed og OS2datascanner", "Workshop: OS2forms-formularer til børn og unge"}

FIRST_NAMES = ["Anne", "Mads", "Sofie", "Jens", "Mette", "Lars", "Camilla", "Henrik", "Louise", "Peter"]
LAST_NAMES = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Larsen", "Sørensen", "Rasmussen"]


def _working_day(day):
    """The day, or the first working day after it: no event on a weekend or a holiday."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def _event_body(kind, title):
    texts = {
        EventKind.GENERALFORSAMLING: (
            "Foreningens øverste myndighed mødes. Vi behandler bestyrelsens beretning, regnskab og "
            "budget, vælger bestyrelse og hører pitches fra produkterne. Om eftermiddagen er der "
            "netværk med leverandørpartnerne."
        ),
        EventKind.SEMINAR: (
            "En dag med oplæg fra kommuner, der bruger løsningen, nyt fra koordinationsgruppen og "
            "god tid til at tale med andre brugere og leverandører."
        ),
        EventKind.WORKSHOP: (
            "Vi arbejder i små grupper med konkrete opgaver. Tag gerne en kollega med og medbring en "
            "bærbar computer."
        ),
        EventKind.NETVAERKSMOEDE: (
            "Brugerne mødes online en time, deler erfaringer og hører nyt fra koordinationsgruppen. "
            "Mødet holdes hver måned."
        ),
        EventKind.WEBINAR: "Et kort webinar med demonstration og tid til spørgsmål.",
    }
    return [("paragraph", RichText(f"<p>{texts[kind]}</p>"))]


def _programme(start, kind):
    if kind in (EventKind.WEBINAR, EventKind.NETVAERKSMOEDE):
        return []
    points = [
        (0, "Velkomst og kaffe", "OS2's sekretariat"),
        (30, "Status og nyt fra fællesskabet", "Koordinationsgruppen"),
        (90, "Erfaringer fra en kommune", ""),
        (150, "Frokost og netværk", ""),
        (210, "Arbejde i grupper", ""),
        (300, "Opsamling og tak for i dag", "OS2's sekretariat"),
    ]
    return [
        (
            "item",
            {
                "time": (start + datetime.timedelta(minutes=minutes)).time(),
                "title": title,
                "speaker": speaker,
                "description": "",
            },
        )
        for minutes, title, speaker in points
    ]


def _people(rng, count, event_slug):
    people = []
    for number in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        people.append(
            (f"{first} {last}", f"{first.lower()}.{last.lower()}.{number}@{event_slug[:20]}.example.dk")
        )
    return people


def load():
    created = 0
    events_index, new = ensure_section(EventIndexPage, EVENTS_PAGE)
    created += new + ensure_english_section(events_index, EVENTS_PAGE_EN)[1]

    today = timezone.localdate()
    products = {p.slug: p for p in ProductPage.objects.all()}
    suppliers = {o.name: o for o in Organisation.objects.filter(kind="leverandoer")}
    projects = {
        project.title: project for project in Project.objects.filter(title__in=PROJECT_EVENTS.values())
    }
    # Dates follow the day the demo is built, so a later run leaves an existing programme alone.
    existing = set(EventPage.objects.values_list("slug", flat=True))
    events = EVENTS if not existing else []
    registrations = []
    for days, hour, hours, kind, title, product_slugs, place, capacity in events:
        day = _working_day(today + datetime.timedelta(days=days))
        start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=LOCAL_TZ)
        slug = dated_slug(title, start)
        if slug in existing:
            continue
        rng = random.Random(slug)  # noqa: S311 - demo data
        past = days < 0
        place_name, address = PLACES[place] if place is not None else ("", "")
        event = EventPage(
            title=title,
            slug=slug,
            kind=kind,
            start=start,
            end=start + datetime.timedelta(hours=hours),
            place_name=place_name,
            address=address,
            online_url=ONLINE.format(slug=slug) if place is None else "",
            online_url_for_participants_only=place is None,
            organiser=suppliers.get("Magenta ApS") if "os2mo" in product_slugs else None,
            contact_email="os2@os2.eu",
            introduction=f"{title} – for alle, der arbejder med {', '.join(products[s].title for s in product_slugs) or 'OS2'}.",
            body=_event_body(kind, title),
            programme=_programme(start, kind),
            capacity=capacity,
            registration_deadline=(start - datetime.timedelta(days=2)) if capacity else None,
            guests_allowed=kind != EventKind.GENERALFORSAMLING,
            slides_url=f"https://github.com/OS2World/slides/{slug}"
            if past and kind != EventKind.NETVAERKSMOEDE
            else "",
            recording_url=f"https://video.example.org/os2/{slug}" if past and place is None else "",
            related_products=[products[s] for s in product_slugs],
            related_projects=[projects[PROJECT_EVENTS[title]]]
            if PROJECT_EVENTS.get(title) in projects
            else [],
        )
        if title in RECURRING:
            event.recurrence = Recurrence.MONTHLY
            event.recurrence_until = today + datetime.timedelta(days=RECURRING[title])
            # No meeting on a holiday; and one skipped for a bigger meeting.
            skipped = {
                occurrence.date(): f"Intet møde: {days_off(occurrence.year)[occurrence.date()]}"
                for occurrence, _end in event.occurrences()
                if not is_working_day(occurrence.date())
            }
            upcoming = [
                o.date() for o, _end in event.occurrences(after=timezone.now()) if o.date() not in skipped
            ]
            skipped[upcoming[2]] = "Vi mødes i stedet til brugermødet i Aarhus"
            for date, note in sorted(skipped.items()):
                event.exceptions.add(EventException(date=date, note=note))
        if kind in (EventKind.SEMINAR, EventKind.WORKSHOP, EventKind.GENERALFORSAMLING):
            event.questions.add(
                EventQuestion(label="Organisation", kind=QuestionKind.TEXT, required=True, sort_order=0)
            )
            event.questions.add(
                EventQuestion(
                    label="Deltager du i frokosten?", kind=QuestionKind.YES_NO, required=True, sort_order=1
                )
            )
            event.questions.add(
                EventQuestion(
                    label="Hensyn til kost eller tilgængelighed", kind=QuestionKind.TEXT, sort_order=2
                )
            )
        # Published as created, without a first revision: keeps the demo quick to build.
        event.first_published_at = event.last_published_at = timezone.now()
        events_index.add_child(instance=event)
        sync_event_permissions(event)
        created += 1

        if capacity:
            taken = capacity + 3 if title in FULL and not past else rng.randint(capacity // 3, capacity - 1)
            signed_up = start - datetime.timedelta(days=30)
            for number, (name, email) in enumerate(_people(rng, taken, slug)):
                registrations.append(
                    Registration(
                        event=event,
                        name=name,
                        email=email,
                        status=RegistrationStatus.CONFIRMED
                        if number < capacity
                        else RegistrationStatus.WAITLIST,
                        token=new_token(),
                        created_at=signed_up + datetime.timedelta(minutes=number * 7),
                    )
                )
    Registration.objects.bulk_create(registrations)
    created += len(registrations)

    return created
