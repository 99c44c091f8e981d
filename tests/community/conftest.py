import datetime
import itertools

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from community.events.recurrence import LOCAL_TZ
from community.models import EventQuestion, NewsIndexPage, NewsPage, QuestionKind
from tests.factories import EventPageFactory

_numbers = itertools.count(1)


def local(*args):
    """A moment in Danish time."""
    return datetime.datetime(*args, tzinfo=LOCAL_TZ)


def publish_event(title=None, start=None, end=None, questions=(), products=(), **fields):
    """Publishes an event under the events page: a seminar in Aarhus a week from now unless told
    otherwise, open to guests. `questions` are (label, kind, required, choices); `products` are the
    products it is about."""
    fields.setdefault("guests_allowed", True)
    if title:
        fields["title"] = title
    if start:
        fields["start"] = start
    if end:
        fields["end"] = end
    return EventPageFactory(
        related_products=list(products),
        questions=[
            EventQuestion(label=label, kind=kind, required=required, choices=choices, sort_order=order)
            for order, (label, kind, required, choices) in enumerate(questions)
        ],
        **fields,
    )


@pytest.fixture
def make_event(demo):
    """Publishes events under the demo's events page (see publish_event)."""
    return publish_event


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
