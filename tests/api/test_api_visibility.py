"""The open data API shows exactly what an anonymous visitor may see on the site. Every endpoint is read
(every page of every list, every item's own address, every spreadsheet) and searched for content that
is restricted on the site: products behind a login, password or group (and their users, supplier role,
news, events and ideas), drafts of products, news and events, pages behind a restriction, hidden and
draft ideas, a former member's contact data, the people behind accounts, pledges and ideas, and an
online link meant for participants only. On the site the API publishes, built for the test
(tests/api/conftest.py)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import PageViewRestriction

from community.models import (
    EventIndexPage,
    EventPage,
    Idea,
    NewsIndexPage,
    NewsPage,
    Organisation,
    OrganisationKind,
    Pledge,
)
from products.models import ProductIndexPage, ProductPage
from tests.restricted_content import KINDS, NAME, ROLE, publish_product, restrict

pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.calendar]

LISTS = ["products", "organisations", "events", "events?when=past", "news", "ideas", "projects"]
SPREADSHEETS = ["products.csv", "joinings.csv", "prices.csv", "organisations.csv"]


def everything(client, details=True):
    """The text of every answer the API gives a visitor, and how many items each list held. With
    `details`, each item's own address is read too (organisations: those that use or supply a product,
    the former member and a few others)."""
    texts, counts = [], {}
    for resource in LISTS:
        url = f"/api/v1/{resource}{'&' if '?' in resource else '?'}page_size=200"
        items = []
        while url:
            response = client.get(url)
            assert response.status_code == 200, url
            texts.append(response.content.decode())
            data = response.json()
            items += data["results"]
            url = data["next"]
        counts[resource] = len(items)
        if resource == "organisations":
            items = [o for o in items if o["products_used"] or o["products_supplied"]][:10] + items[:5]
            items.append({"api_url": "/api/v1/organisations/tidligere-medlem"})
        for item in items if details else []:
            detail = (
                item.get("api_url") or f"/api/v1/{resource.split('?')[0]}/{item.get('id') or item['slug']}"
            )
            response = client.get(detail.replace("http://testserver", ""))
            assert response.status_code == 200, detail
            texts.append(response.content.decode())
    for name in SPREADSHEETS:
        response = client.get(f"/api/v1/{name}")
        assert response.status_code == 200
        texts.append(response.content.decode("utf-8-sig"))
    return "\n".join(texts), counts


def hide_everything_else():
    """Drafts, restricted pages, hidden and draft ideas, a former member, a link for participants only;
    returns the words that must not appear."""
    products = ProductIndexPage.in_default_language()
    draft = ProductPage(
        title="Kladdeproduktet Qwertyx", slug="kladdeprodukt", tagline="Ikke udgivet.", live=False
    )
    products.add_child(instance=draft)

    news_index = NewsIndexPage.in_default_language()
    news_index.add_child(instance=NewsPage(title="Upubliceret nyhed Xyzzyx", slug="upubliceret", live=False))
    closed_news = NewsPage(title="Lukket nyhed Plughx", slug="lukket-nyhed")
    news_index.add_child(instance=closed_news)
    PageViewRestriction.objects.create(page=closed_news, restriction_type=PageViewRestriction.LOGIN)

    events = EventIndexPage.in_default_language()
    start = timezone.now() + datetime.timedelta(days=10)
    for title, slug, live in [
        ("Lukket arrangement Frobozx", "lukket-arrangement", True),
        ("Kladdearrangement Grux", "kladdearrangement", False),
    ]:
        event = EventPage(
            title=title,
            slug=slug,
            start=start,
            end=start + datetime.timedelta(hours=1),
            kind="seminar",
            place_name="Dokk1, Aarhus",
            live=live,
        )
        events.add_child(instance=event)
        if live:
            PageViewRestriction.objects.create(
                page=event, restriction_type=PageViewRestriction.PASSWORD, password="x"
            )
    online = EventPage.objects.live().public().first()
    EventPage.objects.filter(pk=online.pk).update(
        online_url="https://moede.example.dk/kun-for-tilmeldte", online_url_for_participants_only=True
    )

    template = Idea.objects.public().first()
    for title, fields in [
        ("Skjult idé Zorkx", {"is_hidden": True}),
        ("Kladdeidé Bedquiltx", {"submitted_at": None}),
    ]:
        Idea.objects.create(
            title=title,
            need="Et behov.",
            benefit="En gevinst.",
            organisation=template.organisation,
            submitter=template.submitter,
            state=template.state,
            submitted_at=fields.pop("submitted_at", timezone.now()),
            **fields,
        )
    Organisation.objects.create(
        name="Tidligere Medlem Kommune",
        slug="tidligere-medlem",
        kind=OrganisationKind.KOMMUNE,
        is_member=False,
        contact_name="Torben Tidligere",
        contact_email="torben@tidligere.example.dk",
        contact_phone="+45 11 22 33 44",
    )
    return [
        "Kladdeproduktet Qwertyx",
        "Upubliceret nyhed Xyzzyx",
        "Lukket nyhed Plughx",
        "Lukket arrangement Frobozx",
        "Kladdearrangement Grux",
        "moede.example.dk/kun-for-tilmeldte",
        "Skjult idé Zorkx",
        "Kladdeidé Bedquiltx",
        "Torben Tidligere",
        "torben@tidligere.example.dk",
        "11 22 33 44",
    ]


def people():
    """What names a person behind an account, a pledge or an idea: never published by the API. (A
    product's contact persons are public, and some share a name with an account.)"""
    from products.models import ContactPerson

    public_names = set(ContactPerson.objects.values_list("name", flat=True))
    public_names |= set(Organisation.objects.filter(is_member=True).values_list("contact_name", flat=True))
    users = get_user_model().objects.exclude(email="")
    names = {f"{user.first_name} {user.last_name}" for user in users if user.first_name and user.last_name}
    return [user.email for user in users] + sorted(names - public_names)


@pytest.mark.parametrize("kind", KINDS)
def test_no_endpoint_shows_anything_a_visitor_may_not_see(client, api_site, kind):
    content = publish_product()
    restrict(content["product"], kind)
    forbidden = hide_everything_else()
    Pledge.objects.filter(idea=content["idea"]).update(
        user=get_user_model().objects.exclude(email="").first()
    )

    text, counts = everything(client)

    for words in [NAME, ROLE, "zylofonia", *forbidden, *people()]:
        assert words not in text, words
    # What may be seen is there: the lists hold as many items as the site shows visitors.
    assert counts["products"] == ProductPage.objects.visible_to_public().count() > 10
    assert counts["organisations"] == Organisation.objects.filter(is_member=True).count()
    assert counts["ideas"] == Idea.objects.public().count()
    assert content["news"].title in text and content["event"].title in text  # public, but not the product


def test_the_same_product_unrestricted_is_everywhere(client, api_site):
    """The search above looks where a product shows: unrestricted, its name, users and role are there."""
    publish_product()
    text, _counts = everything(client, details=False)
    assert NAME in text and ROLE in text
    for path in ["/api/v1/organisations/ballerup-kommune", "/api/v1/organisations/magenta-aps"]:
        assert "zylofonia" in client.get(path).content.decode()
