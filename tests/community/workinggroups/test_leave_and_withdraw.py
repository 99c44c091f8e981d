"""A member leaves a working group, or withdraws their open request to join one, from the group on the
product's page or from Min side, without JavaScript: leaving asks for confirmation, withdrawing says what
happened. Whoever looks after the group (the contact or the secretariat, and the product's coordinators)
hears of it by mail and sees it in the admin: a withdrawn request is no longer to be decided, and the
group's history says who left. Bad requests get a Danish message and change nothing."""

import pytest
from django.core import mail
from django.urls import reverse

from community import ratelimit
from community.models import RequestStatus, WorkingGroupMember, WorkingGroupRequest
from community.workinggroups.admin import CONTACT_GROUP, sync_contact_role
from tests.markup import announcements, link_starting, listed_under, parse, region

pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.calendar]

PRODUCT = "/produkter/os2alfa/"
TOO_MANY = "Du har sendt formularen mange gange på kort tid. Vent lidt, og prøv igen."


def page(response):
    return parse(response)


def group_section(response, group):
    return region(page(response), group.name)


def notice(response):
    """The message a page shows after a redirect (success) or on a refusal (warning)."""
    return " ".join(announcements(page(response)))


def my_groups(response):
    """Min side's part on working groups."""
    return region(page(response), "Arbejdsgrupper")


def member_names(client):
    rows = region(page(client.get(PRODUCT)), "Arbejdsgrupper").tbody.find_all("tr")
    return [row.th.get_text(strip=True) for row in rows]


def leave_url(site):
    return f"/arbejdsgrupper/{site['group'].pk}/forlad/"


def recipients():
    return sorted(message.to[0] for message in mail.outbox)


@pytest.fixture
def open_request(client, site):
    """Mette of Ballerup Kommune has asked to join the group."""
    client.force_login(site["member"])
    assert client.post(f"/arbejdsgrupper/{site['group'].pk}/anmod/", {"message": "Hej"}).status_code == 302
    client.logout()
    mail.outbox.clear()
    return WorkingGroupRequest.objects.get()


def withdraw_url(open_request):
    return f"/arbejdsgrupper/anmodninger/{open_request.pk}/traek-tilbage/"


# Leaving ------------------------------------------------------------------------------------------


def test_a_member_leaves_from_the_product_page_after_confirming(client, site):
    client.force_login(site["seated"])
    link = link_starting(group_section(client.get(PRODUCT), site["group"]), "Forlad gruppen")
    confirm = client.get(link["href"])
    assert confirm.status_code == 200
    form = page(confirm).select_one("main form[method=post]")
    assert page(confirm).h1.get_text(strip=True) == "Forlad Koordinationsgruppen for OS2alfa"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert form.find("button", type="submit").get_text(strip=True) == "Forlad gruppen"
    # Only looking at the question changes nothing.
    assert WorkingGroupMember.objects.filter(user=site["seated"]).exists()

    mail.outbox.clear()
    response = client.post(
        link["href"], {"next": form.find("input", attrs={"name": "next"})["value"]}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/produkter/os2alfa/#arbejdsgrupper"
    assert "Du har forladt Koordinationsgruppen for OS2alfa." in notice(response)
    section = group_section(response, site["group"])
    assert "Lars Holm" not in section.tbody.get_text()
    assert link_starting(section, "Bed om at komme med")
    assert not WorkingGroupMember.objects.filter(user=site["seated"]).exists()

    # The group has no contact with an account, so the secretariat and the product's coordinators hear it.
    assert recipients() == ["sekretaer@example.dk", "tovholder-os2alfa@example.dk"]
    body = mail.outbox[0].body
    assert (
        "Lars Holm fra Sønderborg Kommune har forladt Koordinationsgruppen for OS2alfa under OS2alfa." in body
    )
    assert "Rolle i gruppen: Næstformand" in body
    assert mail.outbox[0].subject == "OS2: Lars Holm har forladt Koordinationsgruppen for OS2alfa"


def test_the_groups_history_in_the_admin_says_who_left(client, site):
    client.force_login(site["seated"])
    client.post(leave_url(site))
    history = reverse("wagtailsnippets_community_workinggroup:history", args=[site["group"].pk])
    for decider in ("secretary", "alfa_coordinator"):
        client.force_login(site[decider])
        response = client.get(history)
        assert response.status_code == 200
        text = page(response).get_text(" ", strip=True)
        assert "Lars Holm (Sønderborg Kommune, Næstformand) forlod selv gruppen på sitet." in text


def test_a_contact_who_leaves_is_no_longer_the_contact(client, site):
    group = site["group"]
    group.contact_user = site["seated"]
    group.save()
    sync_contact_role()
    client.force_login(site["seated"])
    mail.outbox.clear()
    assert client.post(leave_url(site)).status_code == 302
    group.refresh_from_db()
    assert group.contact_user is None
    assert not site["seated"].groups.filter(name=CONTACT_GROUP).exists()
    # With no contact any more, the secretariat decides; the person who left is not told of themselves.
    assert recipients() == ["sekretaer@example.dk", "tovholder-os2alfa@example.dk"]
    assert "Personen var gruppens kontaktperson." in mail.outbox[0].body


def test_a_member_leaves_from_min_side(client, site):
    client.force_login(site["seated"])
    section = my_groups(client.get("/min-side/"))
    (item,) = listed_under(section, "Grupper, du er med i")
    assert "Koordinationsgruppen for OS2alfa" in item.get_text()
    assert "Næstformand for Sønderborg Kommune" in item.get_text()
    link = link_starting(item, "Forlad gruppen")
    assert link["href"] == f"{leave_url(site)}?next=/min-side/"

    confirm = page(client.get(link["href"]))
    next_value = confirm.find("input", attrs={"name": "next"})["value"]
    response = client.post(leave_url(site), {"next": next_value}, follow=True)
    assert response.redirect_chain[-1][0] == "/min-side/"
    assert "Du har forladt Koordinationsgruppen for OS2alfa." in notice(response)
    section = my_groups(response)
    assert "Du er ikke med i nogen af produkternes arbejdsgrupper." in section.get_text()


def test_leaving_a_group_one_is_not_in_is_explained(client, site):
    client.force_login(site["member"])
    message = "Du er ikke medlem af Koordinationsgruppen for OS2alfa, så du kan ikke forlade gruppen."
    response = client.get(leave_url(site))
    assert message in notice(response)
    assert page(response).select_one("main button") is None
    response = client.post(leave_url(site))
    assert response.status_code == 400
    assert message in notice(response)
    assert member_names(client) == ["Henrik Kristensen", "Lars Holm"]
    assert not mail.outbox


def test_leaving_an_unknown_group_is_not_found(client, site):
    client.force_login(site["seated"])
    assert client.post("/arbejdsgrupper/999999/forlad/").status_code == 404


def test_an_offsite_next_address_is_not_followed(client, site):
    client.force_login(site["seated"])
    response = client.post(leave_url(site), {"next": "https://evil.example.com/"})
    assert response["Location"] == "/produkter/os2alfa/#arbejdsgrupper"


def test_a_visitor_is_sent_to_log_in_and_nothing_changes(client, site, open_request):
    for url in (leave_url(site), withdraw_url(open_request)):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302 and "/konto/login/" in response["Location"]
    assert WorkingGroupMember.objects.filter(user=site["seated"]).exists()
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.PENDING


# Withdrawing ---------------------------------------------------------------------------------------


def test_a_member_withdraws_from_the_product_page(client, site, open_request):
    client.force_login(site["member"])
    section = group_section(client.get(PRODUCT), site["group"])
    assert "Anmodningen afventer svar." in section.get_text()
    form = section.find("form", method="post")
    assert form["action"] == withdraw_url(open_request)
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    button = form.find("button", type="submit")
    assert button.get_text(" ", strip=True) == "Træk anmodningen tilbage om Koordinationsgruppen for OS2alfa"

    next_value = form.find("input", attrs={"name": "next"})["value"]
    response = client.post(form["action"], {"next": next_value}, follow=True)
    assert response.redirect_chain[-1][0] == "/produkter/os2alfa/#arbejdsgrupper"
    assert "Din anmodning om at komme med i Koordinationsgruppen for OS2alfa er trukket tilbage." in notice(
        response
    )
    section = group_section(response, site["group"])
    assert "Anmodningen afventer svar." not in section.get_text()
    assert link_starting(section, "Bed om at komme med")

    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.WITHDRAWN
    assert open_request.decided_by == site["member"] and open_request.decided_at is not None
    assert recipients() == ["sekretaer@example.dk", "tovholder-os2alfa@example.dk"]
    body = mail.outbox[0].body
    assert (
        "Mette Sørensen fra Ballerup Kommune har trukket sin anmodning om at komme med i "
        "Koordinationsgruppen for OS2alfa under OS2alfa tilbage." in body
    )
    assert reverse("decide_working_group_request", args=[open_request.pk]) in body

    # The person can ask again later.
    mail.outbox.clear()
    assert client.post(f"/arbejdsgrupper/{site['group'].pk}/anmod/", {"message": ""}).status_code == 302
    assert WorkingGroupRequest.objects.filter(status=RequestStatus.PENDING).count() == 1


def test_the_deciders_see_the_request_was_withdrawn(client, site, open_request):
    client.force_login(site["member"])
    client.post(withdraw_url(open_request))

    client.force_login(site["alfa_coordinator"])
    listing = client.get(reverse("wagtailsnippets_community_workinggrouprequest:list"))
    row = next(
        tr for tr in page(listing).select("tbody tr") if "Mette Sørensen" in tr.get_text(" ", strip=True)
    )
    assert "Trukket tilbage" in row.get_text(" ", strip=True)
    assert not link_starting(row, "Behandl")

    decide = reverse("decide_working_group_request", args=[open_request.pk])
    response = client.get(decide)
    text = page(response).get_text(" ", strip=True)
    assert "Personen trak selv anmodningen tilbage" in text
    assert page(response).find("input", attrs={"name": "decision"}) is None

    # A decision sent from a page opened before the withdrawal is refused with a message.
    response = client.post(decide, {"decision": "approve"}, follow=True)
    assert (
        "Personen har selv trukket anmodningen tilbage, så den skal ikke afgøres."
        in response.content.decode()
    )
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.WITHDRAWN
    assert not WorkingGroupMember.objects.filter(user=site["member"]).exists()

    client.force_login(site["secretary"])
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert "Personen trak selv anmodningen tilbage på sitet." in page(response).get_text(" ", strip=True)


def test_a_member_withdraws_from_min_side(client, site, open_request):
    client.force_login(site["member"])
    section = my_groups(client.get("/min-side/"))
    (item,) = listed_under(section, "Anmodninger, der afventer svar")
    assert "Koordinationsgruppen for OS2alfa" in item.get_text()
    assert "Anmodet 4. december 2026" in item.get_text(" ", strip=True)
    form = item.find("form", method="post")
    assert form["action"] == withdraw_url(open_request)
    assert form.find("input", attrs={"name": "next"})["value"] == "/min-side/"

    response = client.post(form["action"], {"next": "/min-side/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/min-side/"
    assert "er trukket tilbage" in notice(response)
    assert listed_under(my_groups(response), "Anmodninger, der afventer svar") == []


def test_the_withdraw_address_on_its_own_asks_first(client, site, open_request):
    client.force_login(site["member"])
    response = client.get(withdraw_url(open_request))
    assert response.status_code == 200
    assert (
        page(response).h1.get_text(strip=True)
        == "Træk anmodningen om Koordinationsgruppen for OS2alfa tilbage"
    )
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.PENDING


def test_someone_elses_request_cannot_be_withdrawn(client, site, open_request):
    client.force_login(site["seated"])
    for method in (client.get, client.post):
        response = method(withdraw_url(open_request))
        assert response.status_code == 404
        assert "Anmodningen findes ikke, eller den er ikke din." in notice(response)
    response = client.post("/arbejdsgrupper/anmodninger/999999/traek-tilbage/")
    assert response.status_code == 404
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.PENDING
    assert not mail.outbox


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (RequestStatus.APPROVED, "Anmodningen er allerede godkendt, så den kan ikke trækkes tilbage."),
        (RequestStatus.DECLINED, "Anmodningen er allerede afgjort, så den kan ikke trækkes tilbage."),
        (RequestStatus.WITHDRAWN, "Du har allerede trukket anmodningen tilbage."),
    ],
)
def test_a_request_no_longer_open_cannot_be_withdrawn(client, site, open_request, status, message):
    WorkingGroupRequest.objects.filter(pk=open_request.pk).update(status=status)
    client.force_login(site["member"])
    response = client.post(withdraw_url(open_request))
    assert response.status_code == 400
    assert message in notice(response)
    assert page(response).select_one("main button") is None
    open_request.refresh_from_db()
    assert open_request.status == status
    assert not mail.outbox


def test_leaving_and_withdrawing_are_rate_limited(client, site, open_request, settings):
    settings.RATE_LIMITS = {"working-group-leave": (1, 600)}
    ratelimit.reset("working-group-leave", site["member"].pk)
    client.force_login(site["member"])
    assert client.post(withdraw_url(open_request)).status_code == 302
    client.post(f"/arbejdsgrupper/{site['group'].pk}/anmod/", {"message": ""})
    again = WorkingGroupRequest.objects.get(status=RequestStatus.PENDING)
    response = client.post(withdraw_url(again))
    assert response.status_code == 429
    assert TOO_MANY in notice(response)
    again.refresh_from_db()
    assert again.status == RequestStatus.PENDING
    ratelimit.reset("working-group-leave", site["member"].pk)


def test_the_english_pages_offer_the_same_in_english(client, site, open_request):
    client.force_login(site["seated"])
    section = group_section(client.get("/en" + PRODUCT), site["group"])
    assert link_starting(section, "Leave the group")["href"].startswith(f"/en{leave_url(site)}")
    confirm = page(client.get(f"/en{leave_url(site)}"))
    assert confirm.h1.get_text(strip=True) == "Leave Koordinationsgruppen for OS2alfa"

    client.force_login(site["member"])
    form = group_section(client.get("/en" + PRODUCT), site["group"]).find("form", method="post")
    assert form["action"] == f"/en{withdraw_url(open_request)}"
    response = client.post(form["action"], {"next": "/en/min-side/"}, follow=True)
    assert "Your request to join Koordinationsgruppen for OS2alfa has been withdrawn." in notice(response)
