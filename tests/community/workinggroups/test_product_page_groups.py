"""A product's page shows its working groups from data: each group's mandate, contact, members with
their organisation and role, the next meetings and the past ones with their minutes, and a way to ask
to join; in Danish and in English."""

import pytest
from bs4 import BeautifulSoup

pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.calendar]


def groups_section(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find(id="arbejdsgrupper")


def test_the_product_page_shows_each_group_from_data(client, site):
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
    next_list, past_list = group.select("ul.working-group-meetings")
    assert "Møde i koordinationsgruppen januar" in next_list.get_text()
    assert "Referat" not in next_list.get_text()
    assert "Møde i koordinationsgruppen marts" in past_list.get_text()
    minutes = next(a for a in past_list.find_all("a") if a.get_text().startswith("Referat"))
    assert minutes.get_text(" ", strip=True) == "Referat af Møde i koordinationsgruppen marts"
    assert minutes["href"] == site["group"].meetings.get(event=site["past"]).minutes.url

    ask = group.find("a", class_="button")
    assert ask["href"] == f"/arbejdsgrupper/{site['group'].pk}/anmod/"


def test_a_product_without_groups_shows_no_section(client, site):
    response = client.get("/produkter/os2beta/")
    assert BeautifulSoup(response.content, "html.parser").find(id="arbejdsgrupper") is None


def test_the_arbejdsgrupper_tab_is_rendered_from_the_same_data(client, site):
    from products.models import ProductTabPage

    tab = ProductTabPage(title="Arbejdsgrupper", slug="arbejdsgrupper")
    site["alfa"].add_child(instance=tab)
    section = groups_section(client, "/produkter/os2alfa/arbejdsgrupper/")
    assert section.h3.get_text(strip=True) == "Koordinationsgruppen for OS2alfa"


def test_the_english_page_shows_the_groups_in_english(client, site):
    section = groups_section(client, "/en/produkter/os2alfa/")
    assert section.h2.get_text(strip=True) == "Working groups"
    assert section.find("a", class_="button")["href"] == f"/en/arbejdsgrupper/{site['group'].pk}/anmod/"


def test_a_seated_member_is_told_so_and_offered_to_leave_instead_of_asking(client, site):
    client.force_login(site["seated"])
    section = groups_section(client, "/produkter/os2alfa/")
    assert "Du er medlem af gruppen." in section.get_text()
    buttons = section.find_all("a", class_="button")
    assert [button.get_text(" ", strip=True) for button in buttons] == [
        "Forlad gruppen Koordinationsgruppen for OS2alfa"
    ]
    assert buttons[0]["href"].startswith(f"/arbejdsgrupper/{site['group'].pk}/forlad/")


def test_the_organisation_profile_lists_its_peoples_groups(client, site):
    response = client.get(site["soenderborg"].get_absolute_url())
    section = BeautifulSoup(response.content, "html.parser").find(id="arbejdsgrupper")
    item = section.li
    assert item.get_text(" ", strip=True).startswith(
        "Lars Holm, næstformand i Koordinationsgruppen for OS2alfa"
    )
    assert item.a["href"] == "/produkter/os2alfa/#arbejdsgrupper"
    # An organisation without seats shows no such section.
    response = client.get(site["ballerup"].get_absolute_url())
    assert BeautifulSoup(response.content, "html.parser").find(id="arbejdsgrupper") is None
