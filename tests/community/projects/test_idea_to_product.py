"""An approved idea becomes a project and the project a product, each in one step by the secretariat in
Wagtail's admin, and every link is kept: the idea page says what it became, the project page names the
idea, the organisations that pledged (now its backers) and the product, and the product page tells the
project's story. Visitors see only what is published: a draft project or product page is never shown,
and only the secretariat may convert."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from community.models import (
    FollowFrequency,
    Idea,
    IdeaFollow,
    IdeaState,
    Milestone,
    MilestoneStatus,
    Pledge,
    PledgeKind,
    Project,
)
from home.roles import ensure_secretariat_role
from products.models import ProductPage
from products.permissions import ensure_secretariat_workflow
from tests.factories import OrganisationFactory, catalogue, person
from tests.markup import card_titles, parse, region, tagline

IDEA_TITLE = "Fælles booking af mødelokaler"
TODAY = datetime.datetime(2026, 12, 4, 10, tzinfo=datetime.UTC)
pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.time_machine(TODAY, tick=False)]


@pytest.fixture
def site():
    ensure_secretariat_workflow(catalogue())
    return {
        name: OrganisationFactory(name=name)
        for name in ("Ballerup Kommune", "Sønderborg Kommune", "Aarhus Kommune", "Ishøj Kommune")
    }


@pytest.fixture
def idea(site):
    approved = IdeaState.objects.create(
        name="Godkendt som projekt", slug="godkendt-som-projekt", order=40, pledges_are_binding=True
    )
    idea = Idea.objects.create(
        title=IDEA_TITLE,
        need="Vi bruger for meget tid på at finde ledige lokaler.",
        benefit="Færre dobbeltbookinger og mindre spildtid.",
        organisation=site["Ballerup Kommune"],
        state=approved,
        submitted_at=timezone.now() - datetime.timedelta(days=60),
    )
    Pledge.objects.create(
        idea=idea, organisation=site["Sønderborg Kommune"], kind=PledgeKind.COFUND, amount=Decimal(150_000)
    )
    Pledge.objects.create(idea=idea, organisation=site["Aarhus Kommune"], kind=PledgeKind.PILOT)
    return idea


@pytest.fixture
def secretariat(site):
    group = ensure_secretariat_role()
    return person("anne.lund", group=group)


def soup(response):
    return parse(response)


def announced(document):
    """The one thing the page's content announces (an element with the role status), e.g. what the idea
    became."""
    (status,) = document.main.find_all(attrs={"role": "status"})
    return status


def link_named(page, text):
    return next((a for a in page.find_all("a") if a.get_text(strip=True) == text), None)


def convert_idea(client, idea, title=None):
    """What the secretariat does: finds the idea in the admin's list and converts it in one step."""
    listing = soup(client.get("/admin/snippets/community/idea/"))
    button = link_named(listing, "Gør til projekt")
    assert button is not None, "the ideas list offers the conversion"
    form = soup(client.get(button["href"]))
    assert form.find("input", attrs={"name": "title"})["value"] == idea.title
    return client.post(button["href"], {"title": title or idea.title})


def convert_project(client, project):
    listing = soup(client.get("/admin/snippets/community/project/"))
    button = link_named(listing, "Gør til produkt")
    assert button is not None, "the projects list offers the conversion"
    return client.post(button["href"])


def visitor_page(client, url):
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    return soup(response)


def test_the_secretariat_turns_an_idea_into_a_project_that_visitors_can_read(client, idea, secretariat):
    client.force_login(secretariat)
    response = convert_idea(client, idea, title="Mødelokaler")
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/snippets/community/project/edit/{project.pk}/"
    assert project.live and project.title == "Mødelokaler"
    assert project.get_absolute_url() == "/projekter/moedelokaler/"

    listing = visitor_page(client, "/projekter/")
    assert card_titles(listing) == ["Mødelokaler"]
    assert "Under forberedelse" in listing.main.article.get_text()

    page = visitor_page(client, project.get_absolute_url())
    assert page.h1.get_text(strip=True) == "Mødelokaler"
    backing = region(page, "Økonomi og opbakning").find("ul")
    backers = [li.get_text(" ", strip=True) for li in backing.find_all("li")]
    assert backers == [
        "Aarhus Kommune : vil være pilot",
        "Sønderborg Kommune : vil medfinansiere (150.000 kr.)",
    ]
    assert link_named(page, IDEA_TITLE)["href"] == idea.get_absolute_url()

    idea_page = visitor_page(client, idea.get_absolute_url())
    became = announced(idea_page)
    assert "Idéen blev til projektet" in became.get_text()
    assert link_named(became, "Mødelokaler")["href"] == project.get_absolute_url()


def test_the_project_page_shows_budget_committed_and_milestones(client, idea, secretariat):
    client.force_login(secretariat)
    convert_idea(client, idea)
    project = Project.objects.get()
    project.budget = Decimal(600_000)
    project.lead_name = "Louise Bach"
    project.contact_email = "lokaler@example.dk"
    for order, (title, status) in enumerate(
        [("Kravspecifikation", MilestoneStatus.REACHED), ("Pilot", MilestoneStatus.PLANNED)]
    ):
        project.milestones.add(
            Milestone(title=title, status=status, due_on=datetime.date(2027, 1 + order, 1), sort_order=order)
        )
    project.save()
    project.save_revision().publish()

    page = visitor_page(client, project.get_absolute_url())
    text = page.get_text(" ", strip=True)
    assert "150.000 kr. af 600.000 kr. er givet af organisationerne bag" in text
    assert page.find("progress")["value"] == "25"
    assert "1 af 2 milepæle er nået." in text
    rows = [[cell.get_text(strip=True) for cell in row.find_all("td")] for row in page.select("tbody tr")]
    assert rows == [["1. januar 2027", "Kravspecifikation", "Nået"], ["1. februar 2027", "Pilot", "Planlagt"]]
    assert page.find("a", href="mailto:lokaler@example.dk")


def test_a_finished_project_becomes_a_product_page_that_tells_its_history(client, idea, secretariat):
    client.force_login(secretariat)
    convert_idea(client, idea)
    project = Project.objects.get()
    response = convert_project(client, project)
    product = ProductPage.objects.get(title=IDEA_TITLE)
    assert response["Location"] == f"/admin/pages/{product.pk}/edit/"
    assert not product.live, "the product page waits for the secretariat to finish it"
    assert (product.tagline, product.introduction) == (project.summary, project.description)
    assert project.summary == idea.need and project.description == idea.benefit

    # Until the product page is published, nobody is sent to it.
    assert "blev til produktet" not in visitor_page(client, idea.get_absolute_url()).get_text()
    assert "blev til produktet" not in visitor_page(client, project.get_absolute_url()).get_text()

    product.save_revision().publish()
    product.refresh_from_db()
    idea_page = visitor_page(client, idea.get_absolute_url())
    became = announced(idea_page)
    assert "Projektet blev til produktet" in became.get_text()
    assert [a["href"] for a in became.find_all("a")] == [project.get_absolute_url(), product.url]

    project_page = visitor_page(client, project.get_absolute_url())
    assert "Projektet blev til produktet" in project_page.get_text()
    assert "4. december 2026" in announced(project_page).get_text()
    # The project's state, first on the line under its title.
    assert tagline(project_page).get_text(" ", strip=True).startswith("Blev til produkt")

    product_page = visitor_page(client, product.url)
    history = product_page.find(
        lambda tag: tag.name in ("h2", "h3") and tag.get_text(strip=True) == "Projektet bag produktet"
    )
    assert history is not None
    section = history.find_parent("section")
    text = section.get_text(" ", strip=True)
    assert link_named(section, IDEA_TITLE)["href"] == project.get_absolute_url()
    assert "Blev til produkt den 4. december 2026." in text
    assert "Sønderborg Kommune, Aarhus Kommune" in text or "Aarhus Kommune, Sønderborg Kommune" in text
    # The idea behind it is linked from the product page too.
    assert product_page.find("a", href=idea.get_absolute_url())


def test_an_idea_becomes_a_project_once(client, idea, secretariat):
    client.force_login(secretariat)
    convert_idea(client, idea)
    listing = soup(client.get("/admin/snippets/community/idea/"))
    assert link_named(listing, "Gør til projekt") is None

    response = client.post(f"/admin/projekter/konvertering/fra-ide/{idea.pk}/", {"title": "Igen"})
    assert response.status_code == 200
    assert "Idéen er allerede blevet til projektet" in soup(response).get_text()
    assert Project.objects.count() == 1


def test_an_idea_not_yet_approved_cannot_become_a_project(client, idea, secretariat):
    idea.state = IdeaState.objects.create(
        name="Åben for opbakning", slug="aaben", order=30, is_open_for_support=True
    )
    idea.save()
    client.force_login(secretariat)
    response = client.post(f"/admin/projekter/konvertering/fra-ide/{idea.pk}/", {"title": "For tidligt"})
    assert "Idéen er ikke godkendt endnu" in soup(response).get_text()
    assert not Project.objects.exists()


def test_a_hidden_idea_cannot_become_a_project(client, idea, secretariat):
    Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
    client.force_login(secretariat)
    response = client.post(f"/admin/projekter/konvertering/fra-ide/{idea.pk}/", {"title": "Skjult"})
    assert "Idéen er skjult" in soup(response).get_text()
    assert not Project.objects.exists()


def test_an_empty_title_is_refused_in_danish(client, idea, secretariat):
    client.force_login(secretariat)
    response = client.post(f"/admin/projekter/konvertering/fra-ide/{idea.pk}/", {"title": "  "})
    assert response.status_code == 400
    assert "Dette felt er påkrævet." in soup(response).get_text()
    assert not Project.objects.exists()


def test_only_the_secretariat_converts(client, idea, site):
    member = person("mette", organisation=site["Ballerup Kommune"])
    client.force_login(member)
    response = client.post(f"/admin/projekter/konvertering/fra-ide/{idea.pk}/", {"title": "Mit projekt"})
    assert response.status_code in (302, 403)
    assert not Project.objects.exists()


def test_draft_projects_are_never_shown(client, site):
    Project.objects.create(
        title="Hemmeligt projekt", slug="hemmeligt", summary="Endnu ikke klar.", live=False
    )
    Project.objects.create(title="Offentligt projekt", slug="offentligt", summary="Klar til alle.")

    listing = visitor_page(client, "/projekter/")
    assert card_titles(listing) == ["Offentligt projekt"]
    assert client.get("/projekter/hemmeligt/").status_code == 404

    hits = soup(client.get("/soeg/", {"q": "projekt"})).get_text()
    assert "Offentligt projekt" in hits
    assert "Hemmeligt projekt" not in hits


def test_a_draft_project_is_not_named_on_its_idea(client, idea):
    project = Project.objects.create(title="Kladdeprojekt", slug="kladde", summary="Ikke klar.", live=False)
    project.ideas.set([idea])
    project.save()
    assert "Kladdeprojekt" not in visitor_page(client, idea.get_absolute_url()).get_text()


def test_followers_of_the_idea_hear_it_became_a_project(client, idea, secretariat, site, mailoutbox):
    follower = person("lars", organisation=site["Sønderborg Kommune"])
    IdeaFollow.objects.create(idea=idea, user=follower, frequency=FollowFrequency.INSTANT)
    quiet = person("sara", organisation=site["Aarhus Kommune"])
    IdeaFollow.objects.create(idea=idea, user=quiet, frequency=FollowFrequency.OFF)
    client.force_login(secretariat)
    convert_idea(client, idea, title="Mødelokaler")

    assert [message.to for message in mailoutbox] == [["lars@example.dk"]]
    assert IDEA_TITLE in mailoutbox[0].subject
    assert Project.objects.get().get_absolute_url() in mailoutbox[0].body
