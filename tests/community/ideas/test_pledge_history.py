"""A pledge is a promise other organisations and the board act on: while an idea is open, a member may
change or withdraw their organisation's pledge, and the idea's history shows every step; once the idea
is approved, the pledge is binding and only the secretariat changes it."""

import pytest

from community.ideas import services
from tests.markup import field, parse, region, text

# Depends on the day it runs: .ci/run runs it on the calendar's edge days too.
pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.calendar]


def history(client, idea):
    """The entries of the idea page's history, as read."""
    section = region(parse(client.get(idea.get_absolute_url())), "Historik")
    return [text(item) for item in section.find("ol").find_all("li")] if section else []


def support_section(response):
    return region(parse(response), "Opbakning")


def pledge_form(section):
    """The form to give or change the organisation's pledge: the one with the field for the amount."""
    amount = field(section, "Beløb (kr.)")
    return amount.find_parent("form") if amount else None


def test_every_pledge_given_changed_and_withdrawn_is_in_the_history(
    client, make_idea, other_member, organisations
):
    idea = make_idea()
    client.force_login(other_member)
    client.post(f"/ideer/{idea.pk}/stoet/", {"kind": "medfinansiering", "amount": "25000"})
    form = pledge_form(support_section(client.get(idea.get_absolute_url())))
    assert form["action"] == f"/ideer/{idea.pk}/stoet/aendr/"
    assert field(form, "Beløb (kr.)")["value"] == "25000"

    response = client.post(
        f"/ideer/{idea.pk}/stoet/aendr/",
        {"kind": "medfinansiering", "amount": "40000", "note": "Budget 2027"},
    )
    assert response.status_code == 302
    assert idea.pledges.get().amount == 40000
    client.post(f"/ideer/{idea.pk}/stoet/fortryd/")
    assert not idea.pledges.exists()

    name = organisations[1].name
    # Each entry is "<date>: <what happened>"; the whole history, oldest first.
    assert [entry.split(": ", 1)[1] for entry in history(client, idea)] == [
        "Indsendt",
        "Ny tilstand: Åben for opbakning Begrundelse: Klar til næste trin.",
        f"Tilsagn givet: {name} – vil medfinansiere (25.000 kr.)",
        f"Tilsagn ændret: {name} – vil medfinansiere (40.000 kr.)",
        f"Tilsagn trukket tilbage: {name} – vil medfinansiere (40.000 kr.)",
    ]


def test_the_history_says_submitted_once(client, make_idea):
    idea = make_idea(state_slug="indsendt")
    entries = history(client, idea)
    assert len(entries) == 1
    assert entries[0].endswith(": Indsendt")


def test_once_approved_a_pledge_can_be_neither_withdrawn_nor_changed(client, make_idea, other_member, state):
    idea = make_idea()
    client.force_login(other_member)
    client.post(f"/ideer/{idea.pk}/stoet/", {"kind": "medfinansiering", "amount": "25000"})
    # Another tab still shows the pledge forms from before the board approved the idea.
    services.change_state(idea, state("godkendt-som-projekt"), None, "Bestyrelsen har godkendt projektet.")

    page = support_section(client.get(idea.get_absolute_url()))
    assert "Træk tilsagnet tilbage" not in page.get_text()
    assert pledge_form(page) is None
    assert "tilsagn er bindende" in page.get_text()

    refused = client.post(f"/ideer/{idea.pk}/stoet/fortryd/")
    assert refused.status_code == 409
    assert "kan ikke længere ændres eller trækkes tilbage" in support_section(refused).get_text()

    refused = client.post(
        f"/ideer/{idea.pk}/stoet/aendr/",
        {"kind": "medfinansiering", "amount": "10000", "note": "Færre midler"},
    )
    assert refused.status_code == 409
    section = support_section(refused)
    assert "Skriv til sekretariatet" in text(section.find(attrs={"role": "alert"}))
    # What was typed is still there.
    form = pledge_form(section)
    assert field(form, "Beløb (kr.)")["value"] == "10000"
    assert field(form, "Bemærkning").get_text().strip() == "Færre midler"

    pledge = idea.pledges.get()
    assert (pledge.kind, pledge.amount) == ("medfinansiering", 25000)
    assert not any("ændret" in entry or "trukket" in entry for entry in history(client, idea))
