"""A person signs up with their organisation, verifies their e-mail address, waits for the secretariat,
is approved in the Wagtail admin, and then edits the organisation's profile — all through the real
pages and the mail they receive. A rejection needs a reason, and the person is told it."""

import pytest
from django.test import Client

from community.models import Affiliation, AffiliationStatus
from tests.factories import OrganisationFactory, member_of
from tests.markup import hrefs, parse, text

from .conftest import PASSWORD, links_in, log_in

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

# Mail is written for anywhere: its links name the public address (BASE_URL), not the request's host.
CONFIRM_LINK = r"https://os2\.test(/konto/confirm-email/[^\s]+/)"
ADMIN_LINK = r"https://os2.test(/admin/snippets/community/affiliation/edit/\d+/)"


def sign_up(client, org, email="jonas.krogh@ballerup.example.dk", **changes):
    data = {
        "first_name": "Jonas",
        "last_name": "Krogh",
        "job_title": "Digitaliseringskonsulent",
        "organisation": org.pk,
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
    } | changes
    return client.post("/konto/signup/", data)


def decide(secretariat_client, affiliation, status, reason=""):
    return secretariat_client.post(
        f"/admin/snippets/community/affiliation/edit/{affiliation.pk}/",
        {
            "organisation": affiliation.organisation_id,
            "job_title": affiliation.job_title,
            "status": status,
            "rejection_reason": reason,
        },
    )


def test_signup_form_asks_for_person_and_organisation_in_danish(ballerup, aalborg):
    OrganisationFactory(name="Tidligere Kommune", is_member=False)
    page = parse(Client().get("/konto/signup/")).main
    assert "Sekretariatet godkender" in text(page)
    labels = [text(label) for label in page.find_all("label")]
    for label in ("Fornavn", "Efternavn", "Stilling", "Organisation", "E-mail", "Adgangskode"):
        assert any(shown.startswith(label) for shown in labels), (label, labels)
    choices = [
        text(option) for option in page.find("select", attrs={"name": "organisation"}).find_all("option")
    ]
    assert "Ballerup Kommune" in choices and "Aalborg Kommune" in choices
    assert "Tidligere Kommune" not in choices  # no longer a member: nobody signs up for it
    # The design system's fields, not allauth's bare markup.
    assert "form-input" in page.find("input", attrs={"name": "first_name"})["class"]


def test_from_signup_to_editing_the_profile(ballerup, mailoutbox, secretariat_member, secretariat_client):
    client = Client()
    response = sign_up(client, ballerup)
    assert response.status_code == 302
    assert response["Location"] == "/konto/confirm-email/"
    affiliation = Affiliation.objects.select_related("user").get(
        user__email="jonas.krogh@ballerup.example.dk"
    )
    assert affiliation.status == AffiliationStatus.PENDING
    assert affiliation.organisation == ballerup
    assert affiliation.job_title == "Digitaliseringskonsulent"
    assert affiliation.user.get_full_name() == "Jonas Krogh"

    # Only the verification mail so far: the secretariat hears once the address is proven.
    assert [mail.to for mail in mailoutbox] == [["jonas.krogh@ballerup.example.dk"]]
    (confirm_path,) = links_in(mailoutbox[0], CONFIRM_LINK)
    # Until the address is verified, the right password does not log the person in.
    other = Client()
    other.post("/konto/login/", {"login": "jonas.krogh@ballerup.example.dk", "password": PASSWORD})
    assert "_auth_user_id" not in other.session
    assert other.get("/min-side/").status_code == 302

    assert client.get(confirm_path).status_code == 200
    response = client.post(confirm_path)
    assert response.status_code == 302

    secretariat_mail = mailoutbox[-1]
    assert secretariat_mail.to == [secretariat_member.email]
    assert "Ballerup Kommune" in secretariat_mail.subject
    assert "Jonas Krogh" in secretariat_mail.body
    (review_path,) = links_in(secretariat_mail, ADMIN_LINK)

    page = text(parse(client.get("/min-side/")).main)
    assert "Afventer godkendelse" in page
    assert client.get(f"/medlemmer/{ballerup.slug}/rediger/").status_code == 403

    # The secretariat opens the link from the mail and approves.
    review = secretariat_client.get(review_path)
    assert review.status_code == 200
    assert "Ballerup Kommune" in text(parse(review))
    response = decide(secretariat_client, affiliation, AffiliationStatus.APPROVED)
    assert response.status_code == 302, response.content.decode()[:3000]
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.APPROVED
    assert affiliation.decided_at is not None
    assert affiliation.decided_by == secretariat_member
    approval = mailoutbox[-1]
    assert approval.to == ["jonas.krogh@ballerup.example.dk"]
    assert "godkendt" in approval.subject
    assert "https://os2.test/min-side/" in approval.body

    page = parse(client.get("/min-side/")).main
    assert "Godkendt" in text(page)
    assert f"/medlemmer/{ballerup.slug}/rediger/" in hrefs(page)

    response = client.post(
        f"/medlemmer/{ballerup.slug}/rediger/",
        {
            "description": "Ballerup deler gerne sine erfaringer med OS2-produkterne.",
            "why_os2": "Fordi vi løser opgaverne én gang.",
            "website": "https://www.ballerup.dk",
            "contact_name": "Jonas Krogh",
            "contact_email": "jonas.krogh@ballerup.example.dk",
            "contact_phone": "44 77 20 00",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/medlemmer/{ballerup.slug}/"
    profile = text(parse(Client().get(f"/medlemmer/{ballerup.slug}/")).main)
    assert "Ballerup deler gerne sine erfaringer med OS2-produkterne." in profile
    assert "Fordi vi løser opgaverne én gang." in profile
    assert "jonas.krogh@ballerup.example.dk" in profile


def test_a_rejection_needs_a_reason_and_the_person_reads_it(aalborg, mailoutbox, secretariat_client):
    person = member_of(aalborg, "ole.vad@aalborg.example.dk", status=AffiliationStatus.PENDING)
    affiliation = person.affiliation

    response = decide(secretariat_client, affiliation, AffiliationStatus.REJECTED)
    assert response.status_code == 200
    assert "Skriv en begrundelse" in text(parse(response))
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.PENDING
    assert mailoutbox == []

    reason = "Vi kan ikke bekræfte, at du arbejder i Aalborg Kommune."
    response = decide(secretariat_client, affiliation, AffiliationStatus.REJECTED, reason)
    assert response.status_code == 302
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.REJECTED
    assert affiliation.rejection_reason == reason
    assert affiliation.decided_at is not None
    (mail,) = mailoutbox
    assert mail.to == ["ole.vad@aalborg.example.dk"]
    assert reason in mail.body

    client = log_in(Client(), "ole.vad@aalborg.example.dk")
    assert reason in text(parse(client.get("/min-side/")).main)
    assert client.get(f"/medlemmer/{aalborg.slug}/rediger/").status_code == 403


def test_saving_without_changing_the_decision_sends_no_mail(aalborg, mailoutbox, secretariat_client):
    person = member_of(aalborg, "ida.moe@aalborg.example.dk", status=AffiliationStatus.APPROVED)
    affiliation = person.affiliation
    assert decide(secretariat_client, affiliation, AffiliationStatus.APPROVED).status_code == 302
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"organisation": ""}, "Dette felt er påkrævet"),
        ({"organisation": "999999"}, "Vælg en organisation fra listen."),
        ({"password2": "noget-andet-2026"}, "samme adgangskode"),
        ({"email": "ikke-en-adresse"}, "e-mail"),
    ],
)
def test_bad_signup_input_is_explained_in_danish_and_kept(ballerup, changes, message):
    response = sign_up(Client(), ballerup, **changes)
    assert response.status_code == 200
    form = parse(response).main.form
    assert "Der er fejl i formularen" in text(form)
    assert message.lower() in text(form).lower()
    assert form.find("input", attrs={"name": "first_name"})["value"] == "Jonas"
    assert form.find("input", attrs={"name": "job_title"})["value"] == "Digitaliseringskonsulent"
    assert not Affiliation.objects.filter(user__first_name="Jonas").exists()


def test_an_address_can_only_be_registered_once(ballerup, member, mailoutbox):
    response = sign_up(Client(), ballerup, email=member.email)
    # allauth does not reveal which addresses have accounts: it mails the owner instead.
    assert response.status_code == 302
    assert Affiliation.objects.filter(user__email=member.email).count() == 1
    assert [mail.to for mail in mailoutbox] == [[member.email]]
