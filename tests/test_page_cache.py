"""Anonymous visitors get pages from the cache, and a cached page never outlives a change to anything
it shows: a product's tabs, contacts, governance assessments and events, organisations, ideas, site
settings. Logged-in members, pages with a form token and messages are always rendered fresh. Runs on
the configured cache: local memory, Redis in the PostgreSQL + Redis run."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from community.models import (
    EventPage,
    IdeaComment,
    IdeaFollow,
    Organisation,
)
from home.models import SiteSettings
from os2site.page_cache import ACTIVITY_SECONDS, digest
from products.demo import ensure_criteria
from products.models import ProductPage, ProductTabPage
from tests.factories import assess, open_idea_by_member, page_cache_site, publish_event_about

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def site(db):
    return page_cache_site()


def fetch(client, path, **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200, path
    return response, response.content.decode()


def cached(client, path, **extra):
    """Visit twice; the second visit is served from the cache. Returns its HTML."""
    first, html = fetch(client, path, **extra)
    assert first["X-Cache"] == "miss", path
    second, again = fetch(client, path, **extra)
    assert second["X-Cache"] == "hit", path
    assert again == html
    return html


def test_second_anonymous_visit_is_a_hit_without_database_queries(client, site, django_assert_num_queries):
    html = cached(client, "/om-os2/")
    with django_assert_num_queries(0):
        response = client.get("/om-os2/")
    assert response["X-Cache"] == "hit" and response.content.decode() == html
    # The security headers are added to a cached page as to any other.
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"


def test_key_holds_host_path_query_and_language(client, site, settings):
    settings.ALLOWED_HOSTS = ["testserver", "www.os2.example"]
    cached(client, "/produkter/")
    assert client.get("/produkter/?status=produkt")["X-Cache"] == "miss"
    assert client.get("/produkter/", HTTP_HOST="www.os2.example")["X-Cache"] == "miss"
    danish = client.get("/om-os2/").content.decode()
    english = client.get("/en/about-os2/")
    assert english["X-Cache"] == "miss"
    assert '<html lang="en">' in english.content.decode() and '<html lang="da">' in danish
    assert client.get("/en/about-os2/")["X-Cache"] == "hit"
    assert '<html lang="da">' in client.get("/om-os2/").content.decode()


def test_publishing_a_product_tab_refreshes_the_product_page(client, site):
    cached(client, "/produkter/os2mo/")
    tab = ProductTabPage.objects.get(slug="arbejdsgrupper", url_path__contains="/os2mo/")
    tab.title = "Grupper og udvalg"
    tab.save_revision().publish()
    response, html = fetch(client, "/produkter/os2mo/")
    assert response["X-Cache"] == "miss"
    assert "Grupper og udvalg" in html


def test_a_draft_of_a_tab_does_not_show_but_its_publication_does(client, site):
    tab = ProductTabPage.objects.get(slug="arbejdsgrupper", url_path__contains="/os2mo/")
    tab.title = "Kladde til arbejdsgrupper"
    revision = tab.save_revision()
    assert "Kladde til arbejdsgrupper" not in cached(client, "/produkter/os2mo/")
    revision.publish()
    assert "Kladde til arbejdsgrupper" in fetch(client, "/produkter/os2mo/")[1]


def test_editing_a_contact_person_refreshes_every_product_showing_them(client, site):
    product = ProductPage.objects.get(slug="os2mo")
    person = product.contacts.select_related("person").first().person
    assert person.name in cached(client, "/produkter/os2mo/")
    person.name = "Birthe Nyt-Navn"
    person.save()
    assert "Birthe Nyt-Navn" in fetch(client, "/produkter/os2mo/")[1]


def test_new_assessments_change_the_level_shown_at_once(client, site):
    ensure_criteria()
    assess(site, [0, 1, 2], date=datetime.date(2026, 1, 15))
    assert "Ikke indplaceret" not in cached(client, site.url)
    site.assessments.all().delete()
    assert "Ikke indplaceret" in fetch(client, site.url)[1]


def test_publishing_an_event_about_a_product_shows_it_on_the_product_page(client, site):
    product = ProductPage.objects.get(slug="os2mo")
    assert "Brugermøde om cachede sider" not in cached(client, product.url)
    event = publish_event_about(product, "Brugermøde om cachede sider")
    assert "Brugermøde om cachede sider" in fetch(client, product.url)[1]
    # Unpublishing takes it away again.
    EventPage.objects.get(pk=event.pk).unpublish()
    assert "Brugermøde om cachede sider" not in fetch(client, product.url)[1]


def test_site_settings_and_organisations_refresh_the_pages_showing_them(client, site):
    assert "Testvej 8" not in cached(client, "/")
    site_settings = SiteSettings.load()
    site_settings.address = "Testvej 8\n8000 Aarhus C"
    site_settings.save()
    assert "Testvej 8" in fetch(client, "/")[1]

    organisation = Organisation.objects.get(slug="magenta-aps")
    assert "Vi skriver fri software" not in cached(client, organisation.get_absolute_url())
    organisation.description = "Vi skriver fri software til det offentlige."
    organisation.save()
    assert "Vi skriver fri software" in fetch(client, organisation.get_absolute_url())[1]


def test_showing_a_page_changes_nothing_that_empties_the_cache(client, site):
    """Rendering saves bookkeeping (image renditions, sessions); that must not throw pages away."""
    for path in ("/", "/produkter/", "/produkter/os2mo/", "/medlemmer/", "/arrangementer/", "/ideer/"):
        cached(client, path)
    for path in ("/", "/produkter/", "/produkter/os2mo/", "/medlemmer/", "/arrangementer/", "/ideer/"):
        assert client.get(path)["X-Cache"] == "hit", path


@pytest.fixture
def member_and_idea(site):
    user, _organisation, idea = open_idea_by_member("cache-medlem", "Fælles mødebooking", "Cache", "Medlem")
    return user, idea


def test_a_member_sees_their_own_state_never_the_anonymous_page(client, member_and_idea):
    user, idea = member_and_idea
    anonymous_html = cached(client, idea.get_absolute_url())
    assert "Log ind som medlem</a> for at kommentere." in anonymous_html

    IdeaFollow.objects.get_or_create(idea=idea, user=user)  # submitters follow their ideas
    member = Client()
    member.force_login(user)
    response, html = fetch(member, idea.get_absolute_url())
    assert response["X-Cache"] == "bypass"
    assert "Du følger idéen." in html and "Log ind som medlem" not in html
    assert fetch(member, idea.get_absolute_url())[0]["X-Cache"] == "bypass"
    # The member's comment reaches anonymous visitors within the activity bound (see
    # tests/test_page_cache_activity.py), and never with the member's own state.
    IdeaComment.objects.create(idea=idea, author=user, body="Vi vil gerne være med i en pilot.")
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=ACTIVITY_SECONDS + 1), tick=False):
        response, html = fetch(client, idea.get_absolute_url())
    assert response["X-Cache"] == "miss" and "Vi vil gerne være med i en pilot." in html
    assert "Du følger idéen." not in html


def test_pages_with_a_form_token_or_messages_are_never_cached(client, site):
    # An event's sign-up form has a CSRF token, which belongs to one visitor's cookie.
    event = (
        EventPage.objects.live()
        .filter(start__gt=timezone.now(), registration_open=True, guests_allowed=True)
        .first()
    )
    if event is None:
        pytest.fail("no event open for sign-up")
    form_page = f"{event.url}tilmeld/"
    first = client.get(form_page)
    assert 'name="csrfmiddlewaretoken"' in first.content.decode()
    assert first["X-Cache"] == "bypass"
    assert client.get(form_page)["X-Cache"] == "bypass"
    # Two visitors each get their own working token.
    for visitor in (Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)):
        html = visitor.get(form_page).content.decode()
        token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        assert visitor.cookies["csrftoken"].value and token

    # A visitor with a message waiting (in the messages cookie) gets a freshly rendered page.
    cached(client, "/om-os2/")
    client.cookies["messages"] = "pending"
    assert client.get("/om-os2/")["X-Cache"] == "bypass"


def test_logging_in_and_posting_are_never_cached(client, site):
    assert client.get("/konto/login/")["X-Cache"] == "bypass"
    cached(client, "/om-os2/")
    assert client.post("/om-os2/")["X-Cache"] == "bypass"


def test_page_caching_can_be_turned_off(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/om-os2/")
    assert client.get("/om-os2/")["X-Cache"] == "bypass"


def test_answers_given_while_the_search_engine_is_down_are_not_kept(client, site, settings):
    """Nothing in the database changes when the engine comes back, so a degraded answer must not be
    cached, or it would outlive the outage."""
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.SEARCH_TIMEOUT = 1
    for _ in range(2):
        response, html = fetch(client, "/medlemmer/?q=Ballerup")
        assert "Søgemaskinen svarer ikke lige nu" in html
        assert response["X-Cache"] == "bypass"


def test_what_a_kept_part_shows_is_digested_in_full():
    """The key of a part kept across generations (`kept_by_what_it_shows`, the catalogue's cards) is a
    digest of everything it is made from: a different value or type gives a different key, also for
    values marshal cannot write (a date, a translated label), which are digested by their repr."""
    rows = [("aarhus-kommune", "Aarhus Kommune", 2), ("ballerup-kommune", "Ballerup Kommune", 1)]
    assert digest(rows) == digest([tuple(row) for row in rows])
    assert digest(rows) != digest([rows[0], ("ballerup-kommune", "Ballerup Kommune", 2)])
    assert digest(("a", 1)) != digest(("a", True)) != digest(["a", 1])
    assert digest((datetime.date(2026, 1, 1),)) != digest((datetime.date(2026, 1, 2),))
