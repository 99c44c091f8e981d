"""The open data API as a developer uses it: products with their users, prices and governance level as
the site shows them; the site's filters; pages with next links in a stable order; ETag and
Last-Modified with 304; CORS for GET; a rate limit with 429 and Retry-After; problem details for bad
input; spreadsheets that open in a Danish spreadsheet program. On the site the API publishes, built for the
test (tests/api/conftest.py), on a fixed day."""

import csv
import datetime
import io

import pytest
import time_machine

from community.models import Idea, Organisation
from products.governance import governance_for
from products.models import JoiningStage, ProductPage
from tests.markup import hrefs, parse

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

NOW = datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def today():
    """A fixed day (the clock runs on from it): the events a month ahead are in the following month."""
    with time_machine.travel(NOW, tick=True):
        yield


def get(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200, (path, response.content[:500])
    return response


def test_a_product_with_its_users_suppliers_prices_contacts_and_level(client, api_site):
    os2mo = ProductPage.objects.get(slug="os2mo")
    data = get(client, "/api/v1/products/os2mo").json()
    governance = governance_for([os2mo])[os2mo.pk]
    assert data["name"] == "OS2mo" and data["url"] == "http://testserver/produkter/os2mo/"
    assert data["tagline"] == {"da": os2mo.tagline, "en": os2mo.tagline_en}
    assert data["governance"]["level"] == governance.slug == "n2"
    assert len(data["governance"]["criteria"]) == len(governance.criteria)
    assert data["governance"]["history"][0]["level"] == "n2"
    users = os2mo.joining_agreements.order_by("organisation__name")
    assert [(u["organisation"]["slug"], u["stage"], u["joined_on"]) for u in data["users"]] == [
        (j.organisation.slug, j.stage, j.joined_on.isoformat()) for j in users
    ]
    assert {s["organisation"]["slug"] for s in data["suppliers"]} == set(
        os2mo.suppliers.values_list("organisation__slug", flat=True)
    )
    prices = {(p["size"], p["member"]): p["yearly_fee"] for p in data["prices"]}
    assert prices == {(p.size, p.member): p.yearly_fee for p in os2mo.prices.all()}
    assert [c["name"] for c in data["contacts"]] == [
        c.person.name for c in os2mo.contacts.order_by("sort_order", "pk")
    ]


def test_products_filter_like_the_catalogue(client, api_site):
    def slugs(query):
        return [p["slug"] for p in get(client, f"/api/v1/products?{query}").json()["results"]]

    every = ProductPage.objects.visible_to_public()
    levels = governance_for(list(every))
    assert slugs("") == list(every.order_by("title", "pk").values_list("slug", flat=True))
    assert slugs("level=n2") == sorted((p.slug for p in every if levels[p.pk].slug == "n2"), key=str.casefold)
    assert slugs("status=produkt") == list(
        every.filter(status="produkt").order_by("title").values_list("slug", flat=True)
    )
    used = ProductPage.objects.filter(
        joining_agreements__organisation__slug="ballerup-kommune",
        joining_agreements__stage=JoiningStage.TILSLUTTET,
    )
    assert set(slugs("user=ballerup-kommune")) == set(used.values_list("slug", flat=True)) != set()
    assert slugs("supplier=magenta-aps")
    assert slugs("q=OS2mo") == ["os2mo"]
    assert slugs("status=produkt&level=ingen") == [
        p.slug for p in every.filter(status="produkt").order_by("title") if levels[p.pk].slug == "ingen"
    ]
    assert slugs("user=findes-ikke") == []


def test_pages_have_next_links_and_a_stable_order(client, api_site):
    first = get(client, "/api/v1/organisations?page_size=20&kind=kommune").json()
    assert first["count"] == Organisation.objects.filter(is_member=True, kind="kommune").count() > 40
    assert first["previous"] is None
    seen = [o["slug"] for o in first["results"]]
    url = first["next"]
    while url:
        assert "kind=kommune" in url
        page = get(client, url.replace("http://testserver", "")).json()
        seen += [o["slug"] for o in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == first["count"]
    assert seen == list(
        Organisation.objects.filter(is_member=True, kind="kommune")
        .order_by("name", "pk")
        .values_list("slug", flat=True)
    )
    beyond = get(client, "/api/v1/organisations?page=999").json()
    assert beyond["results"] == [] and beyond["next"] is None


def test_organisations_events_news_and_ideas_filter_like_the_site(client, api_site):
    uses = get(client, "/api/v1/organisations?uses=os2mo&page_size=200").json()
    assert {o["slug"] for o in uses["results"]} == set(
        Organisation.objects.filter(
            is_member=True, joining_agreements__product__slug="os2mo", joining_agreements__stage="tilsluttet"
        ).values_list("slug", flat=True)
    )
    assert all(
        o["region"] == "hovedstaden"
        for o in get(client, "/api/v1/organisations?region=hovedstaden").json()["results"]
    )
    events = get(client, "/api/v1/events?product=os2iot").json()["results"]
    assert events and all("os2iot" in [p["slug"] for p in e["products"]] for e in events)
    assert all(
        e["start"].endswith(("+01:00", "+02:00")) and e["time_zone"] == "Europe/Copenhagen" for e in events
    )
    month = events[0]["next_start"][:7]
    assert get(client, f"/api/v1/events?month={month}").json()["count"] >= 1
    news = get(client, "/api/v1/news?product=os2mo").json()["results"]
    assert news and all("os2mo" in [p["slug"] for p in n["products"]] for n in news)
    idea = Idea.objects.public().exclude(state=None).first()
    ideas = get(client, f"/api/v1/ideas?state={idea.state.slug}").json()
    assert ideas["count"] == Idea.objects.public().filter(state=idea.state).count()
    detail = get(client, f"/api/v1/ideas/{idea.pk}").json()
    assert detail["support"]["count"] == idea.pledges.count()
    assert sum(k["amount"] for k in detail["support"]["by_kind"]) == detail["support"]["amount"]


def test_unchanged_answers_are_not_sent_again(client, api_site):
    first = get(client, "/api/v1/products?status=produkt")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified
    assert client.get("/api/v1/products?status=produkt", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/api/v1/products?status=produkt", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    ProductPage.objects.get(slug="os2mo").save_revision().publish()  # a change: a new answer
    changed = client.get("/api/v1/products?status=produkt", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag or changed.content == first.content


def test_any_web_page_may_read_the_api(client, api_site):
    response = get(client, "/api/v1/products?page_size=1", HTTP_ORIGIN="https://kommune.example.dk")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "etag" in response["Access-Control-Expose-Headers"].lower()
    preflight = client.options(
        "/api/v1/products",
        HTTP_ORIGIN="https://kommune.example.dk",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    assert (
        "Access-Control-Allow-Origin"
        not in get(client, "/produkter/", HTTP_ORIGIN="https://x.example").headers
    )


def test_too_many_requests_are_refused_with_retry_after(client, api_site, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": (3, 60)}
    with time_machine.travel("2026-06-01 12:00:20 +0000", tick=False):
        for _ in range(3):
            get(client, "/api/v1/news?page_size=1")
        refused = client.get("/api/v1/news?page_size=1")
        assert refused.status_code == 429
        assert refused["Content-Type"].startswith("application/problem+json")
        assert refused.json()["status"] == 429
        assert refused["Retry-After"] == "40"
        # Another client is not affected.
        assert client.get("/api/v1/news?page_size=1", REMOTE_ADDR="10.9.8.7").status_code == 200
    with time_machine.travel("2026-06-01 12:01:01 +0000", tick=False):
        get(client, "/api/v1/news?page_size=1")


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/products?page=0", 400),
        ("/api/v1/products?page_size=1000", 400),
        ("/api/v1/products?level=n9", 400),
        ("/api/v1/events?month=2026-13", 400),
        ("/api/v1/ideas/abc", 400),
        ("/api/v1/products/findes-ikke", 404),
        ("/api/v1/organisations/findes-ikke", 404),
        ("/api/v1/findes-ikke/", 404),
    ],
)
def test_errors_are_problem_details(client, api_site, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == status and problem["title"]
    if status == 400:
        assert problem["errors"][0]["location"].startswith(("query.", "path."))


def test_spreadsheets_open_in_a_danish_spreadsheet_program(client, api_site):
    for name, header in [
        ("products.csv", "slug"),
        ("joinings.csv", "produkt (slug)"),
        ("prices.csv", "produkt (slug)"),
        ("organisations.csv", "slug"),
    ]:
        response = get(client, f"/api/v1/{name}")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][0] == header and len({len(row) for row in rows}) == 1 and len(rows) > 5
    joinings = list(
        csv.reader(
            io.StringIO(get(client, "/api/v1/joinings.csv").content.decode("utf-8-sig")), delimiter=";"
        )
    )
    os2mo_users = ProductPage.objects.get(slug="os2mo").joining_agreements.count()
    assert sum(1 for row in joinings if row[0] == "os2mo") == os2mo_users
    products = get(client, "/api/v1/products.csv").content.decode("utf-8-sig")
    assert "Møder, dagsordener og referater" in products


def test_the_catalogue_and_directory_link_to_the_spreadsheets_and_the_footer_to_the_api(client, api_site):
    catalogue = hrefs(parse(get(client, "/produkter/")).main)
    for name in ["products.csv", "joinings.csv", "prices.csv"]:
        assert f"/api/v1/{name}" in catalogue
    assert "/api/v1/organisations.csv" in hrefs(parse(get(client, "/medlemmer/")).main)
    assert "/api/" in hrefs(parse(get(client, "/")).footer)
    docs = get(client, "/api/")
    assert b"swagger-ui-bundle.js" in docs.content and b"/api/v1/openapi.json" in docs.content
