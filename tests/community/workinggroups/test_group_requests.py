"""A member asks to join a working group from the product page; bad requests (a pending account, a
member already in the group, a second open request) get a clear Danish message and change nothing. The
secretariat, the product's coordinators or the group's contact decide in the admin; another product's
coordinator cannot; on approval the person shows in the group, and both sides are told by mail."""

import pytest
from django.core import mail
from django.urls import reverse

from community.models import RequestStatus, WorkingGroupMember, WorkingGroupRequest
from community.workinggroups import services
from tests.markup import field, parse, region, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.calendar]


def ask_url(site):
    return f"/arbejdsgrupper/{site['group'].pk}/anmod/"


def warning(response):
    alert = parse(response).main.find(attrs={"role": "alert"})
    return text(alert) if alert else None


def test_a_member_asks_to_join_and_the_secretariat_hears_of_it(client, site):
    client.force_login(site["member"])
    page = parse(client.get(ask_url(site)))
    assert page.h1.get_text(strip=True) == "Kom med i Koordinationsgruppen for OS2alfa"
    assert field(page, "Besked til gruppen").name == "textarea"

    mail.outbox.clear()
    response = client.post(ask_url(site), {"message": "Ballerup bruger OS2alfa."}, follow=True)
    assert response.redirect_chain[-1][0] == "/produkter/os2alfa/#arbejdsgrupper"
    page = parse(response)
    assert "Din anmodning om at komme med i Koordinationsgruppen for OS2alfa er sendt" in page.get_text()
    assert "Anmodningen afventer svar." in text(region(page, "Arbejdsgrupper"))

    request = WorkingGroupRequest.objects.get()
    assert (request.user, request.organisation, request.status) == (
        site["member"],
        site["ballerup"],
        RequestStatus.PENDING,
    )
    assert request.message == "Ballerup bruger OS2alfa."
    recipients = sorted(message.to[0] for message in mail.outbox)
    # The group has no contact with an account: the secretariat decides.
    assert recipients == ["mette@example.dk", "sekretaer@example.dk"]
    alert = next(m for m in mail.outbox if m.to == ["sekretaer@example.dk"])
    assert "Mette Sørensen fra Ballerup Kommune beder om at komme med" in alert.body
    assert reverse("decide_working_group_request", args=[request.pk]) in alert.body


def test_a_visitor_is_sent_to_log_in(client, site):
    response = client.get(ask_url(site))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("pending", "Din konto venter stadig på sekretariatets godkendelse."),
        ("seated", "Du er allerede medlem af Koordinationsgruppen for OS2alfa."),
        ("secretary", "Kun ansatte i OS2’s medlemsorganisationer med en godkendt konto"),
    ],
)
def test_bad_requests_get_a_danish_message_and_change_nothing(client, site, who, message):
    client.force_login(site[who])
    assert message in warning(client.get(ask_url(site)))
    response = client.post(ask_url(site), {"message": "Hej"})
    assert response.status_code == 400
    assert message in warning(response)
    assert not WorkingGroupRequest.objects.exists()


def test_a_second_open_request_is_refused(client, site):
    client.force_login(site["member"])
    client.post(ask_url(site), {"message": ""})
    response = client.post(ask_url(site), {"message": "Igen"})
    assert response.status_code == 400
    assert "Du har allerede bedt om at komme med i Koordinationsgruppen for OS2alfa." in warning(response)
    assert WorkingGroupRequest.objects.count() == 1


def test_a_too_long_message_is_kept_and_explained(client, site):
    client.force_login(site["member"])
    response = client.post(ask_url(site), {"message": "x" * 2001})
    assert response.status_code == 400
    page = parse(response)
    message = field(page, "Besked til gruppen")
    # The field is marked invalid, and its own error message is tied to it by its id.
    assert message["aria-invalid"] == "true"
    assert "højst have 2000 tegn" in text(page.find(id=f"{message['id']}_error"))
    assert message.get_text().strip() == "x" * 2001
    assert not WorkingGroupRequest.objects.exists()


@pytest.fixture
def open_request(client, site):
    client.force_login(site["member"])
    client.post(ask_url(site), {"message": "Ballerup bruger OS2alfa."})
    client.logout()
    mail.outbox.clear()
    return WorkingGroupRequest.objects.get()


def decide_url(request):
    return reverse("decide_working_group_request", args=[request.pk])


def test_the_secretariat_approves_and_the_person_shows_in_the_group(client, site, open_request):
    client.force_login(site["secretary"])
    listing = client.get(reverse("wagtailsnippets_community_workinggrouprequest:list"))
    assert listing.status_code == 200
    assert decide_url(open_request) in listing.content.decode()
    assert client.get(decide_url(open_request)).status_code == 200

    response = client.post(decide_url(open_request), {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.APPROVED and open_request.decided_by == site["secretary"]
    seat = WorkingGroupMember.objects.get(user=site["member"])
    assert (seat.group, seat.organisation, seat.role) == (site["group"], site["ballerup"], "medlem")
    assert [m.to for m in mail.outbox] == [["mette@example.dk"]]
    assert "Du er nu medlem af Koordinationsgruppen for OS2alfa" in mail.outbox[0].body

    client.logout()
    page = parse(client.get("/produkter/os2alfa/"))
    names = [row.th.get_text(strip=True) for row in region(page, "Arbejdsgrupper").tbody.find_all("tr")]
    assert "Mette Sørensen" in names

    # Deciding twice changes nothing.
    client.force_login(site["secretary"])
    client.post(decide_url(open_request), {"decision": "decline", "reason": "Fejl"})
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.APPROVED


def test_a_decision_made_on_an_older_copy_changes_nothing(site, open_request):
    """The contact declines while the secretariat, on the request as it loaded it, approves: the decline
    stands, with a clear Danish answer to the second, and nobody gets a seat."""
    seen_by_other = WorkingGroupRequest.objects.get(pk=open_request.pk)
    services.decline(open_request, by=site["alfa_coordinator"], reason="Gruppen er fuld.")
    with pytest.raises(services.RequestError, match="Anmodningen er allerede afgjort."):
        services.approve(seen_by_other, by=site["secretary"])
    seen_by_other.refresh_from_db()
    assert seen_by_other.status == RequestStatus.DECLINED and seen_by_other.reason == "Gruppen er fuld."
    assert not WorkingGroupMember.objects.filter(user=site["member"]).exists()


def test_declining_needs_a_reason_and_tells_the_person(client, site, open_request):
    client.force_login(site["alfa_coordinator"])
    response = client.post(decide_url(open_request), {"decision": "decline", "reason": " "})
    assert response.status_code == 400
    assert "Skriv en begrundelse for afvisningen." in response.content.decode()
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.PENDING

    client.post(decide_url(open_request), {"decision": "decline", "reason": "Gruppen er fuld i år."})
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.DECLINED
    assert not WorkingGroupMember.objects.filter(user=site["member"]).exists()
    assert [m.to for m in mail.outbox] == [["mette@example.dk"]]
    assert "Gruppen er fuld i år." in mail.outbox[0].body


def test_another_products_coordinator_can_neither_decide_nor_edit(client, site, open_request):
    client.force_login(site["beta_coordinator"])
    assert client.get(decide_url(open_request)).status_code == 404
    assert client.post(decide_url(open_request), {"decision": "approve"}).status_code == 404
    listing = client.get(reverse("wagtailsnippets_community_workinggrouprequest:list"))
    assert decide_url(open_request) not in listing.content.decode()
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.PENDING

    groups = client.get(reverse("wagtailsnippets_community_workinggroup:list"))
    assert "Koordinationsgruppen for OS2alfa" not in groups.content.decode()
    edit = reverse("wagtailsnippets_community_workinggroup:edit", args=[site["group"].pk])
    response = client.get(edit)
    assert response.status_code in (302, 403, 404)
    response = client.post(edit, {"name": "Overtaget"})
    assert response.status_code in (302, 403, 404)
    site["group"].refresh_from_db()
    assert site["group"].name == "Koordinationsgruppen for OS2alfa"


def test_the_products_coordinator_edits_their_own_group(client, site):
    client.force_login(site["alfa_coordinator"])
    groups = client.get(reverse("wagtailsnippets_community_workinggroup:list"))
    assert "Koordinationsgruppen for OS2alfa" in groups.content.decode()
    edit = client.get(reverse("wagtailsnippets_community_workinggroup:edit", args=[site["group"].pk]))
    assert edit.status_code == 200
    # Only their own product can be chosen for a group.
    products = parse(edit).find("select", attrs={"name": "product"})
    assert [o.get_text(strip=True) for o in products.find_all("option") if o["value"]] == ["OS2alfa"]


def test_the_groups_contact_decides_in_the_admin(client, site, open_request):
    from community.workinggroups.admin import sync_contact_role

    group = site["group"]
    group.contact_user = site["seated"]
    group.save()
    sync_contact_role()
    client.force_login(site["seated"])
    assert client.get(decide_url(open_request)).status_code == 200
    client.post(decide_url(open_request), {"decision": "approve"})
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.APPROVED
