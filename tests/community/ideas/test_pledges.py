"""Organisations support an idea open for support with a pledge (interest, pilot or co-funding with an
amount); the idea shows how many organisations and how much money are pledged against its state's goal.
Only members pledge, once per organisation, and only while the state is open for support."""

import pytest

from community.models import AffiliationStatus, Pledge
from tests.markup import card_texts, parse, region, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def pledge(client, idea, **data):
    return client.post(f"/ideer/{idea.pk}/stoet/", data)


def test_organisations_pledge_and_the_idea_shows_the_totals(
    client, make_idea, other_member, organisations, make_member
):
    idea = make_idea()
    client.force_login(other_member)
    response = pledge(
        client, idea, kind="medfinansiering", amount="150000", note="Vi afsætter midler i 2027."
    )
    assert response.status_code == 302
    third = make_member(organisations[2])
    client.force_login(third)
    pledge(client, idea, kind="pilot")

    support = region(parse(client.get(idea.get_absolute_url())), "Opbakning")
    # The section's first lines: the totals, then the goal.
    totals, goal = [text(paragraph) for paragraph in support.find_all("p", recursive=False)][:2]
    assert totals == "2 organisationer bakker op · 150.000 kr. lovet i medfinansiering"
    # The sentence ends in a word, not in the amount's own "kr.", so it never reads "kr.."
    assert goal.startswith("Målet er opbakning fra 5 organisationer og 500.000 kr. i medfinansiering.")
    assert ".." not in goal
    assert sorted(" ".join(item.get_text().split()) for item in support.find("ul").find_all("li")) == [
        f"{organisations[1].name}: vil medfinansiere (150.000 kr.) – Vi afsætter midler i 2027.",
        f"{organisations[2].name}: vil være pilot",
    ]
    # The only card's lines: its state, its support, the day it was submitted.
    card_lines = [text(paragraph) for paragraph in card_texts(parse(client.get("/ideer/")))]
    assert card_lines[1] == "2 organisationer bakker op · 150.000 kr. lovet"
    # The pledging member now follows the idea.
    assert idea.follows.filter(user=other_member).exists()


def test_an_organisation_pledges_only_once(client, make_idea, other_member, organisations, make_member):
    idea = make_idea()
    colleague = make_member(organisations[1])
    client.force_login(other_member)
    pledge(client, idea, kind="interesse")
    client.force_login(colleague)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Giv tilsagn" not in page and "bakker op om idéen" in page
    response = pledge(client, idea, kind="pilot")
    assert response.status_code == 302
    assert Pledge.objects.filter(idea=idea, organisation=organisations[1]).count() == 1
    assert "bakker allerede op om idéen" in client.get(idea.get_absolute_url()).content.decode()


def test_non_members_cannot_pledge(client, make_idea, organisations, make_member, django_user_model):
    idea = make_idea()
    assert pledge(client, idea, kind="interesse").status_code == 403
    for user in (
        django_user_model.objects.create_user("uden", "uden@example.dk", "pw-123456789"),
        make_member(organisations[2], status=AffiliationStatus.PENDING),
    ):
        client.force_login(user)
        assert pledge(client, idea, kind="interesse").status_code == 403
        assert "Giv tilsagn" not in client.get(idea.get_absolute_url()).content.decode()
    assert not idea.pledges.exists()


def test_ideas_not_open_for_support_take_no_pledges(client, make_idea, other_member):
    idea = make_idea(state_slug="under-behandling")
    client.force_login(other_member)
    assert "Idéen er ikke åben for opbakning lige nu." in client.get(idea.get_absolute_url()).content.decode()
    pledge(client, idea, kind="interesse")
    assert not idea.pledges.exists()


def test_bad_pledges_are_explained(client, make_idea, other_member):
    idea = make_idea()
    client.force_login(other_member)
    for data, message in [
        ({}, "Vælg, hvordan I bakker op."),
        ({"kind": "medfinansiering"}, "Skriv det beløb, I vil medfinansiere med."),
        ({"kind": "medfinansiering", "amount": "-5"}, "Beløbet skal være større end 0."),
        ({"kind": "medfinansiering", "amount": "mange"}, "Indtast et tal"),
        ({"kind": "noget-andet"}, "Marker en gyldig valgmulighed"),
    ]:
        response = pledge(client, idea, **data)
        assert response.status_code == 400, data
        assert message in response.content.decode()
    assert not idea.pledges.exists()


def test_an_amount_counts_only_for_co_funding_and_a_pledge_can_be_withdrawn(client, make_idea, other_member):
    idea = make_idea()
    client.force_login(other_member)
    pledge(client, idea, kind="interesse", amount="99999")
    assert idea.pledges.get().amount is None
    client.post(f"/ideer/{idea.pk}/stoet/fortryd/")
    assert not idea.pledges.exists()
    assert "0 organisationer bakker op" in client.get(idea.get_absolute_url()).content.decode()
