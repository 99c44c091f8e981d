"""An event page shows kind, times in Danish time (right on both sides of a summer-time change),
place and address or the online link (hidden from non-participants when the editor says so),
organiser, related products, programme, seats left and deadline; editors' bad dates are refused;
the page-tree rules hold; and the page uses a constant number of queries."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from community.events import registration as event_registration
from community.models import EventIndexPage, EventPage, QuestionKind
from products.models import ProductIndexPage
from tests.factories import ContentPageFactory, ProductPageFactory, front_page
from tests.markup import definitions, hrefs, parse, text

from ..conftest import LUNCH, ORGANISATION, controls_without_design_system_class, local

# Depends on the day it runs: .ci/run runs it on the calendar's edge days too.
pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.calendar]


def facts(document):
    """{label: text} of the event's facts (when, where, organiser, seats...)."""
    return {label: text(value) for label, value in definitions(document.main).items()}


@time_machine.travel(local(2026, 12, 1, 9, 0))  # before the event, whatever day the test runs
def test_event_page_shows_the_facts(client, site, make_event):
    event = make_event(
        "OS2mo-dag",
        slug="os2mo-dag",
        start=local(2027, 1, 12, 10, 0),
        end=local(2027, 1, 12, 15, 30),
        place_name="Dokk1",
        address="Hack Kampmanns Plads 2\n8000 Aarhus C",
        capacity=40,
        registration_deadline=local(2027, 1, 5, 12, 0),
        products=[site["alfa"]],
        programme=[
            (
                "item",
                {
                    "time": datetime.time(10, 0),
                    "title": "Velkomst",
                    "speaker": "Sekretariatet",
                    "description": "",
                },
            )
        ],
    )
    event_registration.register(event, name="A", email="a@example.dk")
    page = parse(client.get(event.url))
    assert text(page.h1) == "OS2mo-dag"
    assert text(page.h1.find_previous_sibling("p")) == "Seminar"
    shown = facts(page)
    assert shown["Hvornår"] == "tirsdag 12. januar 2027, kl. 10.00–15.30"
    place = definitions(page.main)["Sted"]
    assert list(place.stripped_strings) == ["Dokk1", "Hack Kampmanns Plads 2", "8000 Aarhus C"]
    assert len(place.find_all("br")) == 2  # the address on its lines
    assert shown["Arrangør"] == "OS2's sekretariat"
    assert hrefs(definitions(page.main)["Produkter"]) == ["/produkter/os2alfa/"]
    assert shown["Produkter"] == "OS2alfa"
    assert shown["Pladser"] == "39 af 40 pladser tilbage"
    assert shown["Tilmeldingsfrist"] == "tirsdag 5. januar 2027, kl. 12.00"
    programme = page.main.find("h2", string="Program")
    assert programme and "Velkomst" in text(programme.find_next_sibling("div"))
    calendar_link = page.main.find("a", string="Læg i kalender (.ics)")
    assert calendar_link["href"] == "/arrangementer/os2mo-dag/kalender/"


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        # The night summer time starts (29 March 2026, 02:00 → 03:00): the event lasts one hour.
        (local(2026, 3, 29, 1, 30), local(2026, 3, 29, 3, 30), "søndag 29. marts 2026, kl. 01.30–03.30"),
        # Summer: UTC+2.
        (local(2026, 7, 1, 9, 0), local(2026, 7, 1, 12, 0), "onsdag 1. juli 2026, kl. 09.00–12.00"),
        # The morning summer time ends (25 October 2026).
        (local(2026, 10, 25, 9, 0), local(2026, 10, 25, 12, 0), "søndag 25. oktober 2026, kl. 09.00–12.00"),
    ],
)
def test_times_are_danish_across_summer_time(client, make_event, start, end, shown):
    event = make_event(start=start, end=end)
    assert facts(parse(client.get(event.url)))["Hvornår"] == shown
    stored = EventPage.objects.get(pk=event.pk)
    assert stored.start == start and stored.end == end


def test_summer_time_offsets_are_stored_correctly(make_event):
    winter = make_event(start=local(2026, 3, 28, 10, 0))
    summer = make_event(start=local(2026, 3, 30, 10, 0))
    assert winter.start.astimezone(datetime.UTC).hour == 9
    assert summer.start.astimezone(datetime.UTC).hour == 8
    night = make_event(start=local(2026, 3, 29, 1, 30), end=local(2026, 3, 29, 3, 30))
    assert night.end - night.start == datetime.timedelta(hours=1)


def test_online_link_for_participants_only(client, make_event):
    event = make_event(
        place_name="", online_url="https://meet.example.org/hemmelig", online_url_for_participants_only=True
    )
    response = client.get(event.url)
    # Nowhere in the page, not even in an attribute or its structured data.
    assert "meet.example.org/hemmelig" not in response.content.decode()
    assert facts(parse(response))["Online"] == "Linket sendes til tilmeldte."
    assert "meet.example.org/hemmelig" not in client.get(event.url + "kalender/").content.decode()
    registration = event_registration.register(event, name="A", email="a@example.dk")
    manage = parse(client.get(registration.manage_path()))
    assert "https://meet.example.org/hemmelig" in hrefs(manage.main)

    public = make_event(place_name="", online_url="https://meet.example.org/aaben")
    assert hrefs(definitions(parse(client.get(public.url)).main)["Online"]) == [
        "https://meet.example.org/aaben"
    ]


def test_waitlisted_people_do_not_see_the_hidden_link(client, make_event):
    event = make_event(
        place_name="",
        online_url="https://meet.example.org/hemmelig",
        online_url_for_participants_only=True,
        capacity=1,
    )
    event_registration.register(event, name="A", email="a@example.dk")
    waiting = event_registration.register(event, name="B", email="b@example.dk")
    assert waiting.is_waitlisted
    assert "meet.example.org/hemmelig" not in client.get(waiting.manage_path()).content.decode()


def test_cancelled_event_says_so(client, make_event):
    event = make_event(cancelled=True)
    assert "Arrangementet er aflyst." in text(parse(client.get(event.url)).main)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start": local(2026, 5, 1, 12), "end": local(2026, 5, 1, 10)}, "end"),
        ({"place_name": "", "online_url": ""}, "place_name"),
        (
            {
                "start": local(2026, 5, 1, 12),
                "end": local(2026, 5, 1, 14),
                "registration_deadline": local(2026, 5, 2),
            },
            "registration_deadline",
        ),
    ],
)
def test_editors_bad_dates_and_places_are_refused(db, fields, field):
    values = {
        "title": "X",
        "kind": "seminar",
        "start": local(2026, 5, 1, 10),
        "end": local(2026, 5, 1, 12),
        "place_name": "Dokk1",
    }
    values.update(fields)
    with pytest.raises(ValidationError) as error:
        EventPage(**values).clean()
    assert field in error.value.message_dict


def test_page_tree_rules(site):
    assert EventIndexPage.parent_page_types == ["home.HomePage"]
    assert EventPage.parent_page_types == ["community.EventIndexPage"]
    assert EventPage.subpage_types == []
    assert (
        EventIndexPage.can_create_at(front_page()) is False
    )  # one exists already (one per language: see tests/home/test_english_sections.py)
    assert EventPage.can_create_at(site["events"])
    assert not EventPage.can_create_at(ContentPageFactory(parent=front_page(), title="Om OS2"))
    assert not EventPage.can_create_at(ProductIndexPage.objects.get())
    assert not EventPage.can_create_at(site["alfa"])


def test_event_page_query_count_is_constant(client, site, make_event, django_assert_max_num_queries):
    index = ProductIndexPage.objects.get()
    products = [site["alfa"], site["beta"], *(ProductPageFactory(parent=index) for _ in range(3))]
    event = make_event(products=products[:1], capacity=10)
    client.get(event.url)
    with django_assert_max_num_queries(25):
        client.get(event.url)
    many = make_event(products=products, capacity=10)
    for number in range(10):
        event_registration.register(many, name="A", email=f"a{number}@example.dk")
    with django_assert_max_num_queries(25):
        client.get(many.url)


def test_registration_form_has_the_design_systems_classes(client, make_event):
    motivation = ("Hvorfor deltager du?", QuestionKind.LONG_TEXT, False, "")
    event = make_event(questions=[ORGANISATION, motivation, LUNCH])
    html = client.get(f"{event.url}tilmeld/").content.decode()
    form = parse(html).find("form", action=lambda action: action and action.endswith("#tilmelding"))
    assert len(form.find_all("input")) >= 5 and form.find("textarea")  # name, e-mail, questions, yes/no
    assert controls_without_design_system_class(str(form)) == []
