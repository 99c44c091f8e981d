"""A recurring event (a monthly network meeting on the same weekday, or a weekly one) with exceptions:
its page lists the next times and the skipped dates, it stays upcoming until its last day, its
times keep the wall clock across summer time, its calendar entry carries RRULE and EXDATE that
expand (with dateutil) to exactly the meetings on the page, and editors' bad rules are refused."""

import datetime

import icalendar
import pytest
from dateutil import rrule
from django.core.exceptions import ValidationError

from community.events import pages
from community.events.calendar import event_uid
from community.models import EventException, EventPage
from tests.markup import definitions, parse, text

from ..conftest import local

# Depends on the day it runs: .ci/run runs it on the calendar's edge days too.
pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.calendar]


@pytest.fixture
def monthly(make_event):
    # The 2nd Tuesday of each month, 13.00–14.00, from February to December 2030, not in July.
    event = make_event(
        "Netværksmøde",
        start=local(2030, 2, 12, 13, 0),
        end=local(2030, 2, 12, 14, 0),
        place_name="",
        online_url="https://meet.example.org/net",
        recurrence="monthly",
        recurrence_until=datetime.date(2030, 12, 31),
    )
    EventException.objects.create(page=event, date=datetime.date(2030, 7, 9), note="Sommerferie")
    return EventPage.objects.get(pk=event.pk)


def test_monthly_on_the_same_weekday_with_exceptions(monthly):
    starts = [start for start, _ in monthly.occurrences()]
    assert len(starts) == 10  # eleven months, July skipped
    assert all(start.weekday() == 1 and 8 <= start.day <= 14 for start in starts)
    assert datetime.date(2030, 7, 9) not in {start.date() for start in starts}
    # 13.00 Danish time in winter and in summer alike.
    assert all((start.hour, start.minute) == (13, 0) for start in starts)
    assert {start.utcoffset() for start in starts} == {
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
    }
    assert monthly.recurrence_text() == "2. tirsdag i måneden til og med 31. december 2030"


def test_page_lists_next_times_and_exceptions(client, monthly):
    page = parse(client.get(monthly.url))
    facts = {label: text(value) for label, value in definitions(page.main).items()}
    assert facts["Gentages"] == "2. tirsdag i måneden til og med 31. december 2030"
    assert facts["Hvornår"] == "Første gang: tirsdag 12. februar 2030, kl. 13.00–14.00"
    next_times = [text(item) for item in page.main.find("h2", string="Næste gange").find_next("ul")("li")]
    assert next_times[0] == "tirsdag 12. februar 2030, kl. 13.00–14.00"
    assert len(next_times) > 1 and "tirsdag 9. juli 2030, kl. 13.00–14.00" not in next_times
    exceptions = page.main.find("p", string="Undtagelser:").find_next_sibling("ul")
    assert [text(item) for item in exceptions("li")] == ["Holdes ikke tirsdag 9. juli 2030: Sommerferie"]


def test_series_is_upcoming_until_its_last_day(monthly):
    series = EventPage.objects.filter(pk=monthly.pk)
    # Months after its first meeting it is still upcoming, and shows the next meeting.
    assert series.upcoming(now=local(2030, 5, 20, 9, 0)).exists()
    assert monthly.next_occurrence(local(2030, 5, 20, 9, 0))[0] == local(2030, 6, 11, 13, 0)
    assert monthly.next_occurrence(local(2030, 7, 1, 9, 0))[0] == local(2030, 8, 13, 13, 0)
    assert series.past(now=local(2031, 1, 1, 0, 1)).exists()
    assert series.in_month(2030, 9).exists() and not series.in_month(2031, 2).exists()
    # July's meeting is cancelled (an exception), so July does not list the series.
    assert not series.in_month(2030, 7).exists()


def test_calendar_entry_expands_to_the_same_meetings(client, monthly):
    calendar = icalendar.Calendar.from_ical(client.get(monthly.url + "kalender/").content)
    [entry] = calendar.walk("VEVENT")
    assert str(entry["uid"]) == event_uid(monthly)
    rule = entry["rrule"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["BYDAY"] == ["2TU"]
    exdates = [value.dt for value in entry["exdate"].dts]
    assert exdates == [local(2030, 7, 9, 13, 0)]
    start = entry.decoded("dtstart")
    expanded = rrule.rrulestr(rule.to_ical().decode(), dtstart=start)
    assert [moment for moment in expanded if moment not in exdates] == [s for s, _ in monthly.occurrences()]


def test_weekly_and_last_weekday(make_event):
    weekly = make_event(
        start=local(2030, 3, 4, 9, 0),
        end=local(2030, 3, 4, 9, 30),
        recurrence="weekly",
        recurrence_until=datetime.date(2030, 3, 31),
    )
    assert [s.day for s, _ in weekly.occurrences()] == [4, 11, 18, 25]
    last = make_event(
        start=local(2030, 1, 29, 9, 0), recurrence="monthly", recurrence_until=datetime.date(2030, 4, 30)
    )
    # The 5th Tuesday of January becomes the last Tuesday of each month.
    assert [s.date() for s, _ in last.occurrences()] == [
        datetime.date(2030, 1, 29),
        datetime.date(2030, 2, 26),
        datetime.date(2030, 3, 26),
        datetime.date(2030, 4, 30),
    ]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"recurrence": "monthly"}, "recurrence_until"),
        ({"recurrence": "monthly", "recurrence_until": datetime.date(2030, 1, 1)}, "recurrence_until"),
        ({"recurrence": "weekly", "recurrence_until": datetime.date(2030, 6, 1), "capacity": 10}, "capacity"),
        (
            {
                "recurrence": "weekly",
                "recurrence_until": datetime.date(2030, 6, 1),
                "end": local(2030, 2, 13, 1, 0),
            },
            "end",
        ),
    ],
)
def test_bad_rules_are_refused(db, fields, field):
    values = {
        "title": "X",
        "kind": "netvaerksmoede",
        "start": local(2030, 2, 12, 13),
        "end": local(2030, 2, 12, 14),
        "place_name": "Dokk1",
    }
    values.update(fields)
    with pytest.raises(ValidationError) as error:
        EventPage(**values).clean()
    assert field in error.value.message_dict


@pytest.mark.parametrize("series_room", [10, 1])
def test_the_next_few_events_merge_the_series_in_however_many_there_are(make_event, monkeypatch, series_room):
    # The next few events are read with the series in one query when the series fit in the room it
    # leaves them, else by themselves: either way the same events as the whole list, in its order.
    monkeypatch.setattr(pages, "SERIES_ROOM", series_room)
    now = local(2030, 3, 1, 8, 0)
    for day in (12, 5, 20, 5):
        make_event(f"Seminar {day}", start=local(2030, 3, day, 10, 0), end=local(2030, 3, day, 12, 0))
    for day, title in ((6, "Ugentligt"), (3, "Månedligt")):
        make_event(
            title,
            start=local(2030, 2, day, 9, 0),
            end=local(2030, 2, day, 10, 0),
            recurrence="weekly" if title == "Ugentligt" else "monthly",
            recurrence_until=datetime.date(2030, 12, 31),
        )
    make_event("Overstået", start=local(2030, 2, 1, 10, 0), end=local(2030, 2, 1, 12, 0))
    everything = list(EventPage.objects.live().soonest_first(now))
    assert [event.title for event in everything] == [
        "Månedligt",
        "Seminar 5",
        "Seminar 5",
        "Ugentligt",
        "Seminar 12",
        "Seminar 20",
    ]
    for count in (1, 3, 5, 10):
        first = EventPage.objects.live().soonest_first(now)[:count]
        assert [event.pk for event in first] == [event.pk for event in everything[:count]]
