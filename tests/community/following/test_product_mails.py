"""Followers of a product hear, in Danish or English as they followed, about published news and events
about it, a change of its governance level, a new release and a project linked to it: at once, or in the
daily digest (`send_product_digest`), or not at all. Each thing is told once, however often its page is
published. Every mail ends with a link that stops the follow without logging in: it asks first (GET),
stops on POST, and says so clearly when the link was tampered with or the follow is already gone.
On a small site built for the test (the catalogue with OS2mo, and OS2kitos assessed at N3 against the
association's criteria, the news and events pages), on a fixed day."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from community.following import services
from community.models import FollowFrequency, NewsIndexPage, ProductFollow, Project
from community.news.demo import NEWS_PAGE_EN
from home.demo import english_locale, ensure_english_section
from products.demo import ensure_criteria
from products.models import ProductRelease
from tests.factories import (
    NewsPageFactory,
    ProductPageFactory,
    assess,
    catalogue,
    events_page,
    front_page,
    news_section,
    publish_english_translation,
    publish_event_about,
    published,
    secretary,
)
from tests.markup import definitions, parse, region, text

# A working day in December, after OS2kitos's spring assessment and before OS2mo's releases in the tests.
# The clock runs on from it: the digest tells what happened before it is sent.
TODAY = datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC)

pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.time_machine(TODAY, tick=True)]


@pytest.fixture
def index(db):
    """The catalogue, with the news and events pages beside it."""
    news_section()
    events_page()
    return catalogue()


@pytest.fixture
def os2mo(index):
    return published(ProductPageFactory(parent=index, title="OS2mo", slug="os2mo"))


@pytest.fixture
def kitos(index):
    """Every criterion of Sandkasse to N3 assessed green in the spring: the product is at N3."""
    ensure_criteria()
    product = published(ProductPageFactory(parent=index, title="OS2kitos", slug="os2kitos"))
    assess(product, [0, 1, 2, 3], date=datetime.date(2026, 3, 1))
    return product


@pytest.fixture
def secretary_client():
    client = Client()
    client.force_login(secretary())
    return client


@pytest.fixture
def make_article(index):
    """Publishes an article on the news page, about the given products."""

    def make(title, products=()):
        return NewsPageFactory(title=title, related_products=list(products))

    return make


@pytest.fixture
def followers(client, make_member, os2mo):
    """One follower for each choice, all through the product page's form."""
    users = {}
    for frequency in FollowFrequency.values:
        user = make_member()
        client.force_login(user)
        client.post(f"/foelg/produkt/{os2mo.pk}/", {"frequency": frequency, "action": "follow"})
        users[frequency] = user
    client.logout()
    mail.outbox.clear()
    return users


def sent_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def only_mail_to(user):
    messages = sent_to(user)
    assert len(messages) == 1, [m.subject for m in mail.outbox]
    return messages[0]


def unfollow_path(message):
    line = next(line for line in message.body.splitlines() if "/foelg/stop/" in line)
    return urlsplit(line.split()[-1]).path


def release(product, version="9.1.0", **fields):
    return ProductRelease.objects.create(
        product=product,
        version=version,
        released_on=datetime.date(2026, 11, 30),
        notes=fields.pop("notes", "Ny kalender og hurtigere import."),
        url="https://github.com/OS2mo/os2mo/releases/tag/v9.1.0",
        **fields,
    )


def test_published_news_mails_instant_followers_once(followers, os2mo, make_article):
    article = make_article(title="OS2mo får ny organisationsvisning", products=[os2mo])
    message = only_mail_to(followers["straks"])
    assert message.subject == "OS2: Nyt om OS2mo: OS2mo får ny organisationsvisning"
    assert "Nyhed: OS2mo får ny organisationsvisning" in message.body
    assert f"https://os2.test{article.url}" in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<https://os2.test{unfollow_path(message)}>"
    assert not sent_to(followers["samlet"]) and not sent_to(followers["fra"])

    mail.outbox.clear()
    article.save_revision().publish()
    assert mail.outbox == []


def test_a_new_event_about_the_product_is_mailed(followers, os2mo):
    event = publish_event_about(os2mo, "OS2mo brugermøde")
    message = only_mail_to(followers["straks"])
    assert message.subject == "OS2: Nyt arrangement om OS2mo: OS2mo brugermøde"
    assert f"https://os2.test{event.url}" in message.body


def test_a_new_release_is_mailed_and_becomes_the_latest_version(followers, os2mo, client):
    release(os2mo)
    message = only_mail_to(followers["straks"])
    assert message.subject == "OS2: OS2mo version 9.1.0 er udgivet"
    assert "Version 9.1.0 er udgivet." in message.body
    assert "Ny kalender og hurtigere import." in message.body
    facts = definitions(region(parse(client.get("/produkter/os2mo/")), "Nøgletal"))
    assert text(facts["Seneste version"]) == "9.1.0 30. november 2026"
    assert "softwareVersion: 9.1.0" in client.get("/produkter/os2mo/publiccode.yml").content.decode()


def test_a_project_linked_to_the_product_is_mailed_when_published(followers, os2mo):
    project = Project.objects.create(
        title="Ny rapportmodul", slug="rapportmodul", summary="Rapporter til ledelsen.", live=False
    )
    project.product = os2mo
    project.save()
    assert mail.outbox == []
    project.live = True
    project.save()
    message = only_mail_to(followers["straks"])
    assert message.subject == "OS2: Nyt projekt om OS2mo: Ny rapportmodul"
    assert "https://os2.test/projekter/rapportmodul/" in message.body


def test_a_governance_level_change_from_the_matrix_is_mailed(make_member, secretary_client, kitos):
    from tests.admin.test_governance_matrix import changed, matrix_url

    follower = make_member()
    services.follow(kitos, follower, FollowFrequency.INSTANT, "da")
    data = changed(secretary_client, kitos, G14={"rating": "roed", "note": "Fællesskabet er gået i stå."})
    assert secretary_client.post(matrix_url(kitos), {**data, "action": "save"}).status_code == 302
    message = only_mail_to(follower)
    assert message.subject == "OS2: OS2kitos har fået et nyt governanceniveau"
    assert "Governanceniveauet er ændret fra N3 til N2." in message.body
    assert "https://os2.test/produkter/os2kitos/governance/" in message.body


def test_the_daily_digest_bundles_everything_once(followers, os2mo, make_article):
    make_article(title="Nyt om OS2mo", products=[os2mo])
    release(os2mo)
    services.level_changed(os2mo, 2, 3)
    assert not sent_to(followers["samlet"])

    call_command("send_product_digest")
    message = only_mail_to(followers["samlet"])
    assert message.subject == "OS2: Nyt om de produkter, du følger"
    body = message.body
    assert "== OS2mo ==" in body
    for line in ("Nyhed: Nyt om OS2mo", "Version 9.1.0 er udgivet.", "fra N2 til N3"):
        assert line in body
    assert "/foelg/stop/" in body
    assert not sent_to(followers["fra"])
    assert "Nyt om de produkter" not in {m.subject for m in sent_to(followers["straks"])}

    mail.outbox.clear()
    call_command("send_product_digest")
    assert mail.outbox == []


def test_the_unfollow_link_asks_then_stops_without_a_login(followers, os2mo):
    release(os2mo)
    path = unfollow_path(only_mail_to(followers["straks"]))
    visitor = Client()
    confirm = parse(visitor.get(path))
    assert text(confirm.h1) == "Følg ikke længere OS2mo?"
    assert ProductFollow.objects.filter(user=followers["straks"]).exists()  # a GET stops nothing
    form = confirm.main.form
    assert form["action"] == path and form["method"] == "post"

    done = visitor.post(path)
    assert done.status_code == 200
    assert "Du får ikke flere e-mails om OS2mo." in done.content.decode()
    assert not ProductFollow.objects.filter(user=followers["straks"]).exists()
    # The others still follow; the same link again says the follow is gone.
    assert ProductFollow.objects.filter(product=os2mo).count() == 2
    again = visitor.get(path)
    assert again.status_code == 200
    assert "Du følger allerede ikke produktet" in again.content.decode()


def test_a_tampered_unfollow_link_stops_nothing(followers, os2mo):
    release(os2mo)
    path = unfollow_path(only_mail_to(followers["straks"]))
    token = path.rstrip("/").rsplit("/", 1)[1]
    tampered = path.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    for response in (Client().get(tampered), Client().post(tampered)):
        assert response.status_code == 400
        assert "Linket er ændret eller ufuldstændigt." in response.content.decode()
    assert ProductFollow.objects.filter(product=os2mo).count() == 3


def test_english_followers_get_english_mails_and_links(client, make_member, os2mo, make_article):
    follower = make_member()
    client.force_login(follower)
    response = client.post(f"/en/foelg/produkt/{os2mo.pk}/", {"frequency": "straks", "action": "follow"})
    assert response["Location"] == "/en/produkter/os2mo/#foelg"
    assert ProductFollow.objects.get(user=follower).language == "en"
    mail.outbox.clear()

    release(os2mo)
    message = only_mail_to(follower)
    assert message.subject == "OS2: OS2mo version 9.1.0 has been released"
    assert "Version 9.1.0 has been released." in message.body
    assert "https://os2.test/en/produkter/os2mo/" in message.body
    assert unfollow_path(message).startswith("/en/foelg/stop/")
    assert "Stop following the product:" in message.body


def test_a_single_assessment_in_the_admin_that_changes_the_level_is_mailed(
    make_member, secretary_client, kitos
):
    from products.models import GovernanceCriterion

    follower = make_member()
    services.follow(kitos, follower, FollowFrequency.INSTANT, "da")
    criterion = GovernanceCriterion.objects.get(code="G14")
    response = secretary_client.post(
        "/admin/snippets/products/criterionassessment/add/",
        {
            "product": kitos.pk,
            "criterion": criterion.pk,
            "rating": "roed",
            "assessed_on": "2099-01-01",
            "evidence_url": "",
            "note": "Fællesskabet er gået i stå.",
        },
    )
    assert response.status_code == 302
    message = only_mail_to(follower)
    assert "Governanceniveauet er ændret fra N3 til N2." in message.body


def test_publishing_a_translation_of_the_news_tells_nobody_again(followers, os2mo, make_article):
    english_locale()
    publish_english_translation(front_page(), "Home", "home")
    ensure_english_section(NewsIndexPage.in_default_language(), NEWS_PAGE_EN)
    article = make_article(title="OS2mo får ny organisationsvisning", products=[os2mo])
    assert len(sent_to(followers["straks"])) == 1
    publish_english_translation(article, "OS2mo gets a new organisation view", "os2mo-new-view")
    assert len(sent_to(followers["straks"])) == 1
