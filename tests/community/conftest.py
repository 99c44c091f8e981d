import datetime
import itertools

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from community.events.recurrence import LOCAL_TZ
from community.models import (
    EventIndexPage,
    EventKind,
    EventPage,
    EventQuestion,
    NewsIndexPage,
    NewsPage,
    QuestionKind,
)

_numbers = itertools.count(1)


def local(*args):
    """A moment in Danish time."""
    return datetime.datetime(*args, tzinfo=LOCAL_TZ)


@pytest.fixture
def make_event(demo):
    """Publishes an event under the demo's events page; times default to a week from now."""

    def make(title=None, start=None, end=None, questions=(), products=(), **fields):
        number = next(_numbers)
        start = start or (timezone.now() + datetime.timedelta(days=7)).replace(second=0, microsecond=0)
        end = end or start + datetime.timedelta(hours=2)
        fields.setdefault("kind", EventKind.SEMINAR)
        fields.setdefault("place_name", "Dokk1, Aarhus")
        fields.setdefault("guests_allowed", True)
        event = EventPage(
            title=title or f"Testarrangement {number}",
            slug=f"testarrangement-{number}",
            start=start,
            end=end,
            related_products=list(products),
            **fields,
        )
        for order, (label, kind, required, choices) in enumerate(questions):
            event.questions.add(
                EventQuestion(label=label, kind=kind, required=required, choices=choices, sort_order=order)
            )
        EventIndexPage.in_default_language().add_child(instance=event)
        event.save_revision().publish()
        return EventPage.objects.get(pk=event.pk)

    return make


@pytest.fixture
def make_article(demo):
    def make(title=None, date=None, tags=(), products=(), **fields):
        number = next(_numbers)
        article = NewsPage(
            title=title or f"Testnyhed {number}",
            slug=f"testnyhed-{number}",
            date=date or timezone.localdate(),
            related_products=list(products),
            **fields,
        )
        article.tags.add(*tags)
        NewsIndexPage.in_default_language().add_child(instance=article)
        article.save_revision().publish()
        return NewsPage.objects.get(pk=article.pk)

    return make


LUNCH = ("Deltager du i frokosten?", QuestionKind.YES_NO, True, "")
ORGANISATION = ("Organisation", QuestionKind.TEXT, True, "")
TRACK = ("Hvilket spor?", QuestionKind.CHOICE, False, "Teknik\nForretning")


def controls_without_design_system_class(html):
    """The form controls in `html` (a rendered form) that lack the design system's class for their kind;
    hidden fields, buttons and the honeypot (hidden by CSS) have none."""
    expected_class = {
        "select": "form-select",
        "file": "form-file-input",
        "radio": "form-radio",
        "checkbox": "form-checkbox",
    }
    missing = []
    for control in BeautifulSoup(html, "html.parser").find_all(["input", "select", "textarea"]):
        kind = control.get("type", control.name)
        if kind in ("hidden", "submit", "button") or control.get("name") == "website":
            continue
        if expected_class.get(kind, "form-input") not in control.get("class", []):
            missing.append(str(control))
    return missing
