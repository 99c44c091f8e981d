"""News and events can be about a project, as they can be about a product: the project's page lists its
next events and latest news, and once the project has become a product, the followers of that product
hear of them as they hear of the product's own news (once, even when a page names both)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from community.following import services
from community.models import Affiliation, AffiliationStatus, Organisation, Project
from products.models import ProductPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(demo):
    return Project.objects.create(
        title="Fælles mødebooking", slug="faelles-moedebooking", summary="Book lokaler på tværs.", live=True
    )


@pytest.fixture
def follower(demo):
    user = get_user_model().objects.create_user("projektfoelger", "projektfoelger@example.dk", "pw-123456789")
    Affiliation.objects.create(
        user=user,
        organisation=Organisation.objects.public_members().first(),
        status=AffiliationStatus.APPROVED,
    )
    return user


def section(page, heading):
    title = page.find("h2", string=heading)
    assert title is not None, heading
    return title.find_parent("section")


def test_the_project_page_lists_its_next_events_and_latest_news(client, project, make_article, make_event):
    old = make_article(title="Projektet er skudt i gang", related_projects=[project])
    new = make_article(
        title="Første prototype er klar",
        date=timezone.localdate() + datetime.timedelta(days=1),
        related_projects=[project],
    )
    make_article(title="En nyhed om noget andet")
    event = make_event(title="Workshop om mødebooking", related_projects=[project])
    make_event(
        title="Det var sidste år",
        start=timezone.now() - datetime.timedelta(days=300),
        related_projects=[project],
    )

    page = BeautifulSoup(client.get(project.get_absolute_url()).content, "html.parser")
    news = [a.get_text(strip=True) for a in section(page, "Nyheder om projektet").find_all("a")]
    assert news == [new.title, old.title]
    events = section(page, "Kommende arrangementer om projektet")
    assert [a["href"] for a in events.find_all("a")] == [event.url]


def test_a_project_without_news_or_events_shows_no_empty_sections(client, project):
    page = BeautifulSoup(client.get(project.get_absolute_url()).content, "html.parser")
    assert page.find("h2", string="Nyheder om projektet") is None
    assert page.find("h2", string="Kommende arrangementer om projektet") is None


def test_followers_of_the_product_the_project_became_hear_of_its_news_and_events(
    project, follower, make_article, make_event
):
    product = ProductPage.objects.get(slug="os2mo")
    project.product = product
    project.save()
    services.follow(product, follower)
    mail.outbox.clear()

    make_article(title="Prototypen er klar", related_projects=[project], products=[product])
    make_event(title="Demo af prototypen", related_projects=[project])
    subjects = [message.subject for message in mail.outbox if message.to == [follower.email]]
    assert subjects == [
        "OS2: Nyt om OS2mo: Prototypen er klar",
        "OS2: Nyt arrangement om OS2mo: Demo af prototypen",
    ]


def test_news_of_a_project_that_is_no_product_yet_is_mailed_to_nobody(project, follower, make_article):
    services.follow(ProductPage.objects.get(slug="os2mo"), follower)
    mail.outbox.clear()
    make_article(title="Kun om projektet", related_projects=[project])
    assert mail.outbox == []
