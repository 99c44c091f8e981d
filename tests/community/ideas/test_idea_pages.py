"""The public idea pages: /ideer/ lists submitted, visible ideas with their state and support, filtered
by state, organisation and product area and sorted by newest or most support; each idea has a public
page. Drafts and hidden ideas stay private; only the submitter edits an idea, and only until the
secretariat takes it up. Listing and detail pages use a constant number of queries."""

import pytest
from bs4 import BeautifulSoup

from community.ideas import services
from community.models import Idea, IdeaArea

from ..conftest import controls_without_design_system_class


def test_the_listing_filters_by_state_organisation_and_area(client, make_idea, other_member, organisations):
    area = IdeaArea.objects.get(slug="iot-og-data")
    sensors = make_idea(title="Sensorer i svømmehallen", area=area)
    reviewing = make_idea(title="Ny løsning til mødebooking", state_slug="under-behandling")
    elsewhere = make_idea(title="Elektronisk nøgleboks", submitter=other_member)

    def titles(**params):
        page = client.get("/ideer/", params).content.decode()
        return {idea.title for idea in (sensors, reviewing, elsewhere) if idea.title in page}

    assert titles() == {sensors.title, reviewing.title, elsewhere.title}
    assert titles(tilstand="under-behandling") == {reviewing.title}
    assert titles(omraade="iot-og-data") == {sensors.title}
    assert titles(organisation=organisations[1].slug) == {elsewhere.title}
    assert titles(organisation=organisations[0].slug, tilstand="aaben-for-opbakning") == {sensors.title}
    # Unknown values give an empty list, not an error.
    response = client.get("/ideer/", {"tilstand": "findes-ikke", "sortering": "<x>", "page": "abc"})
    assert response.status_code == 200 and "Ingen idéer passer til filtrene." in response.content.decode()
    page = client.get("/ideer/", {"tilstand": "under-behandling"}).content.decode()
    reviewing_count = Idea.objects.public().filter(state__slug="under-behandling").count()
    assert "Under behandling" in page and f"{reviewing_count} idéer" in page


def test_sorting_by_most_support(client, make_idea, organisations, make_member):
    few = make_idea(title="Idé med lidt opbakning")
    many = make_idea(title="Idé med meget opbakning")
    for index, organisation in enumerate(organisations[1:4]):
        supporter = make_member(organisation)
        services.add_pledge(many, supporter, organisation, "interesse")
        if index == 0:
            services.add_pledge(few, supporter, organisation, "interesse")
    page = client.get("/ideer/", {"sortering": "opbakning"}).content.decode()
    assert page.index(many.title) < page.index(few.title)
    assert "3 organisationer bakker op" in page
    page = client.get("/ideer/", {"sortering": "nyeste"}).content.decode()
    assert page.index(many.title) < page.index(few.title)


def test_drafts_and_hidden_ideas_are_not_public(client, member, make_idea):
    hidden = make_idea(title="Skjult idé om løn")
    Idea.objects.filter(pk=hidden.pk).update(is_hidden=True)
    draft = Idea.objects.create(
        title="Halvfærdig kladde",
        need="",
        benefit="",
        organisation=member.affiliation.organisation,
        submitter=member,
    )
    page = client.get("/ideer/").content.decode()
    assert hidden.title not in page and draft.title not in page
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


@pytest.mark.parametrize("count", [2, 8])
def test_listing_queries_do_not_grow_with_ideas(
    client, make_idea, organisations, make_member, count, django_assert_max_num_queries
):
    supporter = make_member(organisations[1])
    for number in range(count):
        idea = make_idea(title=f"Idé nummer {number}")
        services.add_pledge(idea, supporter, organisations[1], "medfinansiering", amount=10000)
    client.get("/ideer/", {"sortering": "opbakning"})  # warms the cached navigation
    with django_assert_max_num_queries(12):
        response = client.get("/ideer/", {"sortering": "opbakning"})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_idea_page_queries_do_not_grow_with_pledges_and_comments(
    client, make_idea, organisations, make_member, count, django_assert_max_num_queries, member
):
    idea = make_idea()
    for organisation in organisations[1 : 1 + min(count, 3)]:
        supporter = make_member(organisation)
        services.add_pledge(idea, supporter, organisation, "pilot")
    for number in range(count):
        services.add_comment(idea, member, organisations[0], f"Kommentar {number}")
    client.force_login(member)
    client.get(idea.get_absolute_url())  # warms the cached navigation
    with django_assert_max_num_queries(22):
        response = client.get(idea.get_absolute_url())
    assert response.status_code == 200


def test_the_home_page_shows_ideas_open_for_support(client, make_idea):
    idea = make_idea(title="Nyeste idé, der søger opbakning")
    page = client.get("/").content.decode()
    section = page.split("Idéer, der søger opbakning")[1]
    assert idea.title in section and "/ideer/" in section


def test_a_visitor_is_offered_a_login_that_returns_to_the_idea(client, make_idea):
    from bs4 import BeautifulSoup

    idea = make_idea()
    document = BeautifulSoup(client.get(idea.get_absolute_url()).content, "html.parser")

    login_links = [a["href"] for a in document.select("main a") if a.get_text() == "Log ind som medlem"]
    # One to support the idea, one to comment on it; both come back here.
    assert login_links == [f"/konto/login/?next=%2Fideer%2F{idea.pk}%2F"] * 2
    response = client.post(
        login_links[0], {"login": "ingen@example.dk", "password": "forkert-kodeord"}
    )  # a wrong password re-renders the form with the way back kept
    assert f'name="next" value="/ideer/{idea.pk}/"' in response.content.decode()


def test_an_organisation_profile_lists_its_public_ideas(
    client, make_idea, organisations, django_assert_max_num_queries
):
    shown = make_idea(title="Fælles sensorplatform")
    hidden = make_idea(title="Skjult idé om parkering")
    hidden.is_hidden = True
    hidden.save()
    draft = Idea.objects.create(
        title="Kladde om vagtplaner",
        need="x",
        benefit="y",
        organisation=organisations[0],
        submitter=shown.submitter,
    )

    page = client.get(organisations[0].get_absolute_url()).content.decode()

    assert "Idéer fra organisationen" in page
    assert f'href="{shown.get_absolute_url()}"' in page
    assert hidden.title not in page and draft.title not in page


def test_idea_forms_have_the_design_systems_classes(client, member, other_member, make_idea):
    client.force_login(member)
    page = BeautifulSoup(client.get("/ideer/ny/").content, "html.parser")
    form = page.find("form", class_="idea-form")
    assert {control.name for control in form.select("select, textarea")} == {"select", "textarea"}
    assert form.select_one("input[type=file]") and form.select_one("input[type=text]")
    assert controls_without_design_system_class(str(form)) == []

    client.force_login(other_member)
    page = BeautifulSoup(client.get(make_idea().get_absolute_url()).content, "html.parser")
    forms = page.find_all("form", method="post")
    pledge = next(form for form in forms if form.find(attrs={"name": "amount"}))
    comment = next(form for form in forms if form.find(attrs={"name": "body"}))
    assert pledge.select_one("input[type=number]") and pledge.textarea and comment.textarea
    assert controls_without_design_system_class(str(pledge) + str(comment)) == []
