"""The public idea pages: /ideer/ lists submitted, visible ideas with their state and support, filtered
by state, organisation and product area and sorted by newest or most support; each idea has a public
page. Drafts and hidden ideas stay private; only the submitter edits an idea, and only until the
secretariat takes it up. Listing and detail pages use a constant number of queries."""

import itertools

import pytest
from django.core.cache import caches

from community.ideas import services
from community.models import Idea
from tests.factories import draft_idea
from tests.markup import card_titles, field, parse, region, text
from tests.query_counts import warm_count

from ..conftest import controls_without_design_system_class

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

_numbers = itertools.count(1)


def listing(client, **params):
    response = client.get("/ideer/", params)
    assert response.status_code == 200
    return parse(response)


def cards(document):
    """The listing's cards, in order: {title: the card's text}."""
    return {text(card.find(["h2", "h3"])): text(card) for card in document.main.find_all("article")}


def status(document):
    """What the listing says it found ("3 idéer"), read out to screen readers as it changes."""
    return text(document.main.find(attrs={"role": "status"}))


def test_the_listing_filters_by_state_organisation_and_area(
    client, make_idea, other_member, organisations, areas
):
    sensors = make_idea(title="Sensorer i svømmehallen", area=areas["iot-og-data"])
    reviewing = make_idea(title="Ny løsning til mødebooking", state_slug="under-behandling")
    also_reviewing = make_idea(title="Vikarer i dagplejen", state_slug="under-behandling")
    elsewhere = make_idea(
        title="Elektronisk nøgleboks", submitter=other_member, area=areas["organisation-og-personale"]
    )

    def titles(**params):
        return set(card_titles(listing(client, **params)))

    assert titles() == {sensors.title, reviewing.title, also_reviewing.title, elsewhere.title}
    assert titles(tilstand="under-behandling") == {reviewing.title, also_reviewing.title}
    assert titles(omraade="iot-og-data") == {sensors.title}
    assert titles(organisation=organisations[1].slug) == {elsewhere.title}
    assert titles(organisation=organisations[0].slug, tilstand="aaben-for-opbakning") == {sensors.title}
    # Unknown values give an empty list, not an error.
    document = listing(client, tilstand="findes-ikke", sortering="<x>", page="abc")
    assert card_titles(document) == [] and status(document) == "0 idéer"
    assert "Ingen idéer passer til filtrene." in text(document.main)
    document = listing(client, tilstand="under-behandling")
    assert status(document) == "2 idéer"
    assert all("Under behandling" in card for card in cards(document).values())
    assert status(listing(client, omraade="iot-og-data")) == "1 idé"


def test_sorting_by_most_support(client, make_idea, organisations, make_member):
    few = make_idea(title="Idé med lidt opbakning")
    many = make_idea(title="Idé med meget opbakning")
    for index, organisation in enumerate(organisations[1:4]):
        supporter = make_member(organisation)
        services.add_pledge(many, supporter, organisation, "interesse")
        if index == 0:
            services.add_pledge(few, supporter, organisation, "interesse")
    document = listing(client, sortering="opbakning")
    assert card_titles(document) == [many.title, few.title]
    assert "3 organisationer bakker op" in cards(document)[many.title]
    assert "1 organisation bakker op" in cards(document)[few.title]
    # The newest first: the idea submitted last, whatever its support.
    newest = make_idea(title="Idé uden opbakning")
    assert card_titles(listing(client, sortering="nyeste")) == [newest.title, many.title, few.title]


def test_drafts_and_hidden_ideas_are_not_public(client, member, make_idea):
    hidden = make_idea(title="Skjult idé om løn")
    Idea.objects.filter(pk=hidden.pk).update(is_hidden=True)
    draft = draft_idea(member, "Halvfærdig kladde")
    shown = make_idea(title="Synlig idé om vagtplaner")
    assert card_titles(listing(client)) == [shown.title]
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/ideer/999999/").status_code == 404


def test_nobody_edits_another_members_idea(
    client, make_idea, member, other_member, organisations, make_member, state
):
    idea = make_idea(state_slug="indsendt")
    data = {
        "title": "Overtaget idé",
        "need": "x",
        "benefit": "y",
        "form_token": str(idea.form_token),
        "action": "save",
    }
    colleague = make_member(organisations[0])
    for user in (other_member, colleague):
        client.force_login(user)
        assert client.get(f"/ideer/{idea.pk}/rediger/").status_code == 403
        assert client.post(f"/ideer/{idea.pk}/rediger/", data).status_code == 403
    client.logout()
    assert client.post(f"/ideer/{idea.pk}/rediger/", data).status_code == 302
    idea.refresh_from_db()
    assert idea.title != "Overtaget idé"

    client.force_login(member)
    assert "Rediger idéen" in client.get(idea.get_absolute_url()).content.decode()
    client.post(f"/ideer/{idea.pk}/rediger/", data)
    idea.refresh_from_db()
    assert idea.title == "Overtaget idé"
    # A submitted idea cannot be emptied by saving it "as a draft".
    response = client.post(f"/ideer/{idea.pk}/rediger/", {**data, "need": "", "action": "draft"})
    assert response.status_code == 400 and "Beskriv behovet." in response.content.decode()
    # Once the secretariat takes the idea up, the submitter no longer edits it.
    services.change_state(idea, state("under-behandling"), None)
    assert client.get(f"/ideer/{idea.pk}/rediger/").status_code == 403
    assert "Rediger idéen" not in client.get(idea.get_absolute_url()).content.decode()


def queries(client, url, **params):
    """The database queries of one request for `url`, rendered afresh (the client is logged in, so the
    page cache does not answer), on a cache emptied and then warmed by two requests (the navigation,
    the site): the same start for each count. On the test's own cache (`caches_of_its_own`), which
    nothing else empties between the warm-up and the count."""
    caches["pages"].clear()
    count, response = warm_count(client, url, params)
    assert response.status_code == 200
    return count


def test_listing_queries_do_not_grow_with_ideas(
    client, make_idea, organisations, make_member, caches_of_its_own
):
    supporter = make_member(organisations[1])
    client.force_login(supporter)

    def add_ideas(count):
        for _number in range(count):
            idea = make_idea(title=f"Idé nummer {next(_numbers)}")
            services.add_pledge(idea, supporter, organisations[1], "medfinansiering", amount=10000)

    add_ideas(2)
    few = queries(client, "/ideer/", sortering="opbakning")
    add_ideas(6)
    many = queries(client, "/ideer/", sortering="opbakning")
    assert len(card_titles(listing(client, sortering="opbakning"))) == 8
    assert many == few <= 12


def test_idea_page_queries_do_not_grow_with_pledges_and_comments(
    client, make_idea, organisations, make_member, member, caches_of_its_own
):
    idea = make_idea()

    def support(supporters, comments):
        for organisation in supporters:
            services.add_pledge(idea, make_member(organisation), organisation, "pilot")
        for _number in range(comments):
            services.add_comment(idea, member, organisations[0], f"Kommentar {next(_numbers)}")

    client.force_login(member)
    support(organisations[1:2], comments=1)
    few = queries(client, idea.get_absolute_url())
    support(organisations[2:4], comments=5)
    many = queries(client, idea.get_absolute_url())
    page = parse(client.get(idea.get_absolute_url()))
    pledges = region(page, "Opbakning").find("ul").find_all("li")
    comments = region(page, "6 kommentarer").find("ol").find_all("li", recursive=False)
    assert len(pledges) == 3 and len(comments) == 6
    assert many == few <= 22


def test_the_home_page_shows_ideas_open_for_support(client, make_idea):
    reviewing = make_idea(title="Idé under behandling", state_slug="under-behandling")
    idea = make_idea(title="Nyeste idé, der søger opbakning")
    document = parse(client.get("/"))
    heading = document.main.find("h2", string="Idéer, der søger opbakning")
    section = heading.find_parent("section")
    links = {text(link): link["href"] for link in section.select("article h3 a")}
    assert links == {idea.title: idea.get_absolute_url()}
    assert reviewing.title not in text(section)
    assert section.find("a", string="Se alle idéer")["href"] == "/ideer/"


def test_a_visitor_is_offered_a_login_that_returns_to_the_idea(client, make_idea):
    idea = make_idea()
    document = parse(client.get(idea.get_absolute_url()))

    login_links = [a["href"] for a in document.select("main a") if a.get_text() == "Log ind som medlem"]
    # One to support the idea, one to comment on it; both come back here.
    assert login_links == [f"/konto/login/?next=%2Fideer%2F{idea.pk}%2F"] * 2
    response = client.post(
        login_links[0], {"login": "ingen@example.dk", "password": "forkert-kodeord"}
    )  # a wrong password re-renders the form with the way back kept
    assert parse(response).find("input", attrs={"name": "next"})["value"] == f"/ideer/{idea.pk}/"


def test_an_organisation_profile_lists_its_public_ideas(
    client, make_idea, organisations, django_assert_max_num_queries
):
    shown = make_idea(title="Fælles sensorplatform")
    hidden = make_idea(title="Skjult idé om parkering")
    hidden.is_hidden = True
    hidden.save()
    draft = draft_idea(shown.submitter, "Kladde om vagtplaner", "x", "y", organisation=organisations[0])

    document = parse(client.get(organisations[0].get_absolute_url()))

    section = document.find("section", attrs={"aria-labelledby": "ideas"})
    assert text(section.h2) == "Idéer fra organisationen"
    assert [(text(link), link["href"]) for link in section.find_all("a")] == [
        (shown.title, shown.get_absolute_url())
    ]
    assert hidden.title not in text(document) and draft.title not in text(document)


def test_idea_forms_have_the_design_systems_classes(client, member, other_member, make_idea):
    client.force_login(member)
    page = parse(client.get("/ideer/ny/"))
    form = field(page, "Titel").find_parent("form")
    assert {control.name for control in form.select("select, textarea")} == {"select", "textarea"}
    assert form.select_one("input[type=file]") and form.select_one("input[type=text]")
    assert controls_without_design_system_class(str(form)) == []

    client.force_login(other_member)
    page = parse(client.get(make_idea().get_absolute_url()))
    forms = page.find_all("form", method="post")
    pledge = next(form for form in forms if form.find(attrs={"name": "amount"}))
    comment = next(form for form in forms if form.find(attrs={"name": "body"}))
    assert pledge.select_one("input[type=number]") and pledge.textarea and comment.textarea
    assert controls_without_design_system_class(str(pledge) + str(comment)) == []
