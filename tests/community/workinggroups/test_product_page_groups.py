"""A product's working groups from data. The "Arbejdsgrupper" tab shows each group in full: mandate,
contact, members with their organisation and role, the next meetings and the past ones with their
minutes, and a way to ask to join. The overview lists them briefly, linking to each group on that tab;
a product without the tab shows them in full on its overview, so nothing is out of reach. In Danish and
in English."""

import pytest
from wagtail.models import PageViewRestriction

from community.models import GroupKind, WorkingGroup, WorkingGroupMeeting
from products.models import ProductTabPage
from tests.markup import link_starting, listed_under, parse, region, text

from .conftest import meeting

pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.calendar]


def groups_section(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return region(parse(response), "Working groups" if path.startswith("/en/") else "Arbejdsgrupper")


def ask_link(element):
    """The link to ask to join a group (its name goes on with the group's, for screen readers)."""
    return link_starting(element, ("Bed om at komme med", "Ask to join"))


@pytest.fixture
def tab(site):
    tab = ProductTabPage(title="Arbejdsgrupper", slug="arbejdsgrupper")
    site["alfa"].add_child(instance=tab)
    return tab


def test_without_the_tab_the_overview_shows_each_group_in_full(client, site):
    section = groups_section(client, "/produkter/os2alfa/")
    group = section.find("section", attrs={"aria-labelledby": f"gruppe-{site['group'].pk}"})
    assert group.h3.get_text(strip=True) == "Koordinationsgruppen for OS2alfa"
    mandate = group.find("a", string="Kommissorium for Koordinationsgruppen for OS2alfa")
    assert mandate["href"] == site["group"].mandate.url

    rows = [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in group.tbody.find_all("tr")
    ]
    assert rows == [
        ["Henrik Kristensen", "Aalborg Kommune", "Formand"],
        ["Lars Holm", "Sønderborg Kommune", "Næstformand"],
    ]
    assert "Frederik Thomsen" in group.find("dl").get_text()

    headings = [h.get_text(strip=True) for h in group.find_all("h4")]
    assert headings == ["Medlemmer", "Næste møder", "Tidligere møder"]
    coming = " ".join(text(item) for item in listed_under(group, "Næste møder"))
    past = listed_under(group, "Tidligere møder")
    assert "Møde i koordinationsgruppen januar" in coming
    assert "Referat" not in coming
    assert "Møde i koordinationsgruppen marts" in " ".join(text(item) for item in past)
    minutes = link_starting(past[0], "Referat")
    assert text(minutes) == "Referat af Møde i koordinationsgruppen marts"
    assert minutes["href"] == site["group"].meetings.get(event=site["past"]).minutes.url

    ask = ask_link(group)
    assert ask["href"] == f"/arbejdsgrupper/{site['group'].pk}/anmod/"


def test_a_product_without_groups_shows_no_section(client, site):
    response = client.get("/produkter/os2beta/")
    assert region(parse(response), "Arbejdsgrupper") is None


def test_the_overview_lists_each_group_briefly_and_links_to_it_on_the_tab(client, site, tab):
    section = groups_section(client, "/produkter/os2alfa/")
    assert [h.name for h in section.find_all(["h2", "h3", "h4"])] == ["h2", "h3"]
    (item,) = section.find("ul").find_all("li", recursive=False)
    link = item.h3.a
    assert link.get_text(strip=True) == "Koordinationsgruppen for OS2alfa"
    assert link["href"] == f"/produkter/os2alfa/arbejdsgrupper/#gruppe-{site['group'].pk}"
    # As read: the group's name, its kind, then its description.
    assert text(item).startswith("Koordinationsgruppen for OS2alfa Koordinationsgruppe Prioriterer")
    assert item.p.get_text(strip=True) == "Prioriterer udviklingsønsker."
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in item.find_all("dt")}
    assert facts["Kontakt"].get_text(strip=True) == "Frederik Thomsen"
    assert facts["Medlemmer"].get_text(strip=True) == "2"
    meeting = facts["Næste møde"].a
    assert meeting.get_text(strip=True) == "Møde i koordinationsgruppen januar"
    assert meeting["href"] == site["upcoming"].url
    # The detail is on the tab: no members, past meetings or ways in on the overview.
    assert section.find("table") is None
    assert "Møde i koordinationsgruppen marts" not in section.get_text()
    assert ask_link(section) is None and section.find("form") is None
    more = section.find("a", string="Se arbejdsgrupperne")
    assert more["href"] == "/produkter/os2alfa/arbejdsgrupper/"


def test_the_tab_shows_each_group_in_full_at_the_overviews_anchor(client, site, tab):
    response = client.get("/produkter/os2alfa/arbejdsgrupper/")
    page = parse(response)
    anchor = page.find(id=f"gruppe-{site['group'].pk}")
    assert anchor.get_text(strip=True) == "Koordinationsgruppen for OS2alfa"
    group = page.find("section", attrs={"aria-labelledby": f"gruppe-{site['group'].pk}"})
    assert [row.th.get_text(strip=True) for row in group.tbody.find_all("tr")] == [
        "Henrik Kristensen",
        "Lars Holm",
    ]
    assert [h.get_text(strip=True) for h in group.find_all("h4")] == [
        "Medlemmer",
        "Næste møder",
        "Tidligere møder",
    ]
    assert ask_link(group)["href"] == f"/arbejdsgrupper/{site['group'].pk}/anmod/"


def test_on_the_tab_a_member_who_asked_can_withdraw(client, site, tab):
    client.force_login(site["member"])
    client.post(f"/arbejdsgrupper/{site['group'].pk}/anmod/", {"message": "Med, tak."})
    section = groups_section(client, "/produkter/os2alfa/arbejdsgrupper/")
    withdraw = next(b for b in section.find_all("button") if text(b).startswith("Træk anmodningen tilbage"))
    form = withdraw.find_parent("form")
    assert (
        form.find("input", attrs={"name": "next"})["value"]
        == "/produkter/os2alfa/arbejdsgrupper/#arbejdsgrupper"
    )
    # The overview only links to it.
    assert groups_section(client, "/produkter/os2alfa/").find("form") is None


def test_asking_to_join_returns_to_the_tab_when_there_is_one(client, site, tab):
    client.force_login(site["member"])
    response = client.post(
        f"/arbejdsgrupper/{site['group'].pk}/anmod/", {"message": "Med, tak."}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/produkter/os2alfa/arbejdsgrupper/#arbejdsgrupper"
    assert (
        "Anmodningen afventer svar."
        in groups_section(client, "/produkter/os2alfa/arbejdsgrupper/").get_text()
    )


def test_the_english_overview_lists_the_groups_in_english(client, site, tab):
    section = groups_section(client, "/en/produkter/os2alfa/")
    assert section.h2.get_text(strip=True) == "Working groups"
    assert (
        section.find("a", string="See the working groups")["href"] == "/en/produkter/os2alfa/arbejdsgrupper/"
    )
    assert section.h3.a["href"] == f"/en/produkter/os2alfa/arbejdsgrupper/#gruppe-{site['group'].pk}"
    assert "Members" in [dt.get_text(strip=True) for dt in section.find_all("dt")]


def test_the_english_page_shows_the_groups_in_english(client, site):
    section = groups_section(client, "/en/produkter/os2alfa/")
    assert section.h2.get_text(strip=True) == "Working groups"
    assert ask_link(section)["href"] == f"/en/arbejdsgrupper/{site['group'].pk}/anmod/"


def test_a_seated_member_is_told_so_and_offered_to_leave_instead_of_asking(client, site):
    client.force_login(site["seated"])
    section = groups_section(client, "/produkter/os2alfa/")
    assert "Du er medlem af gruppen." in section.get_text()
    assert ask_link(section) is None
    leave = link_starting(section, "Forlad gruppen")
    assert text(leave) == "Forlad gruppen Koordinationsgruppen for OS2alfa"
    assert leave["href"].startswith(f"/arbejdsgrupper/{site['group'].pk}/forlad/")


def test_the_organisation_profile_lists_its_peoples_groups(client, site):
    response = client.get(site["soenderborg"].get_absolute_url())
    section = region(parse(response), "I produkternes arbejdsgrupper")
    item = section.li
    assert item.get_text(" ", strip=True).startswith(
        "Lars Holm, næstformand i Koordinationsgruppen for OS2alfa"
    )
    assert item.a["href"] == "/produkter/os2alfa/#arbejdsgrupper"
    # An organisation without seats shows no such section.
    response = client.get(site["ballerup"].get_absolute_url())
    assert region(parse(response), "I produkternes arbejdsgrupper") is None


def test_a_group_without_a_coming_meeting_lists_none(client, site, tab):
    site["upcoming"].unpublish()
    section = groups_section(client, "/produkter/os2alfa/")
    assert [dt.get_text(strip=True) for dt in section.find_all("dt")] == ["Kontakt", "Medlemmer"]


def test_the_overview_lists_each_groups_next_public_meeting_and_the_groups_in_order(client, site, tab):
    """Each group's next meeting is its earliest coming one that anyone may see: not a past one, an
    unpublished one or one behind a login; the groups go by kind (the steering group first), and a group
    without a contact, members or a coming meeting is listed too."""
    group = site["group"]
    later = meeting(site["alfa"], "Møde i koordinationsgruppen februar", 60)
    hidden = meeting(site["alfa"], "Lukket møde i koordinationsgruppen", 2)
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    draft = meeting(site["alfa"], "Kladde til møde i koordinationsgruppen", 1)
    draft.unpublish()
    for event in (later, hidden, draft):
        WorkingGroupMeeting.objects.create(group=group, event=event)
    steering = WorkingGroup.objects.create(
        product=site["alfa"], kind=GroupKind.STYREGRUPPE, name="Styregruppen"
    )
    section = groups_section(client, "/produkter/os2alfa/")
    items = section.find("ul").find_all("li", recursive=False)
    assert [item.h3.get_text(strip=True) for item in items] == ["Styregruppen", group.name]
    facts = [
        {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in item.find_all("dt")} for item in items
    ]
    assert list(facts[0]) == ["Medlemmer"] and facts[0]["Medlemmer"].get_text(strip=True) == "0"
    assert items[0].h3.a["href"] == f"/produkter/os2alfa/arbejdsgrupper/#gruppe-{steering.pk}"
    next_meeting = facts[1]["Næste møde"]
    assert next_meeting.a.get_text(strip=True) == "Møde i koordinationsgruppen januar"
    assert next_meeting.a["href"] == site["upcoming"].url
    assert next_meeting.get_text(strip=True).startswith("søndag 3. januar 2027, kl. 11.00–12.00")
