"""An event page shows kind, times in Danish time (right on both sides of a summer-time change),
place and address or the online link (hidden from non-participants when the editor says so),
organiser, related products, programme, seats left and deadline; editors' bad dates are refused;
the page-tree rules hold; and the page uses a constant number of queries."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from wagtail.models import Page

from community.events import registration as event_registration
from community.models import EventIndexPage, EventPage, QuestionKind
from home.models import HomePage
from products.models import ProductPage
from tests.markup import parse

from ..conftest import LUNCH, ORGANISATION, controls_without_design_system_class, local

# Depends on the day it runs: .ci/run runs it on the calendar's edge days too.
pytestmark = pytest.mark.calendar


@time_machine.travel(local(2026, 12, 1, 9, 0))  # before the event, whatever day the test runs
def test_event_page_shows_the_facts(client, make_event):
    os2mo = ProductPage.objects.get(slug="os2mo")
    event = make_event(
        "OS2mo-dag",
        start=local(2027, 1, 12, 10, 0),
        end=local(2027, 1, 12, 15, 30),
        place_name="Dokk1",
        address="Hack Kampmanns Plads 2\n8000 Aarhus C",
        capacity=40,
        registration_deadline=local(2027, 1, 5, 12, 0),
        products=[os2mo],
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
    html = client.get(event.url).content.decode()
    assert "<h1>OS2mo-dag</h1>" in html and "Seminar" in html
    assert "tirsdag 12. januar 2027, kl. 10.00–15.30" in html
    assert "Hack Kampmanns Plads 2<br>8000 Aarhus C" in html
    assert "OS2&#x27;s sekretariat" in html
    assert 'href="/produkter/os2mo/"' in html
    assert "39 af 40 pladser tilbage" in html
    assert "tirsdag 5. januar 2027, kl. 12.00" in html
    assert "Velkomst" in html and "Program" in html
    assert 'href="/arrangementer/' in html and "kalender/" in html


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
    assert shown in client.get(event.url).content.decode()
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
    html = client.get(event.url).content.decode()
    assert "meet.example.org/hemmelig" not in html and "Linket sendes til tilmeldte" in html
    assert "meet.example.org/hemmelig" not in client.get(event.url + "kalender/").content.decode()
    registration = event_registration.register(event, name="A", email="a@example.dk")
    assert "meet.example.org/hemmelig" in client.get(registration.manage_path()).content.decode()

    public = make_event(place_name="", online_url="https://meet.example.org/aaben")
    assert 'href="https://meet.example.org/aaben"' in client.get(public.url).content.decode()


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
    html = client.get(event.url).content.decode()
    assert "Arrangementet er aflyst." in html


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


def test_page_tree_rules(demo):
    assert EventIndexPage.parent_page_types == ["home.HomePage"]
    assert EventPage.parent_page_types == ["community.EventIndexPage"]
    assert EventPage.subpage_types == []
    assert (
        EventIndexPage.can_create_at(HomePage.objects.get(locale__language_code="da")) is False
    )  # one exists already (one per language: see tests/home/test_english_sections.py)
    assert EventPage.can_create_at(EventIndexPage.in_default_language())
    assert not EventPage.can_create_at(Page.objects.get(slug="om-os2"))


def test_event_page_query_count_is_constant(client, make_event, django_assert_max_num_queries):
    products = list(ProductPage.objects.all()[:5])
    event = make_event(products=products[:1], capacity=10)
    client.get(event.url)
    with django_assert_max_num_queries(25):
        client.get(event.url)
    many = make_event(products=products, capacity=10)
    for number in range(10):
        event_registration.register(many, name="A", email=f"a{number}@example.dk")
    with django_assert_max_num_queries(25):
        client.get(many.url)


def test_sign_up_form_has_the_design_systems_classes(client, make_event):
    motivation = ("Hvorfor deltager du?", QuestionKind.LONG_TEXT, False, "")
    event = make_event(questions=[ORGANISATION, motivation, LUNCH])
    html = client.get(event.url).content.decode()
    form = parse(html).find("form", action=lambda action: action and action.endswith("#tilmelding"))
    assert len(form.find_all("input")) >= 5 and form.find("textarea")  # name, e-mail, questions, yes/no
    assert controls_without_design_system_class(str(form)) == []
