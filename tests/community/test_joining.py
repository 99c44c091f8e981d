"""Organisations apply to join OS2 online; the secretariat approves (creating the organisation, its
agreement and one member invitation, exactly once) or rejects with a reason; e-mails go out."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from community.joining.demo import pdf_bytes
from community.models import (
    Agreement,
    ApplicationStatus,
    JoinApplication,
    MemberInvitation,
    Organisation,
    approved_organisation,
)
from home.roles import SECRETARIAT_GROUP

PUBLIC_URL = "/bliv-medlem/ansoeg/offentlig/"
SUPPLIER_URL = "/bliv-medlem/ansoeg/leverandoer/"
VALID_CVR = "55133018"
VALID_EAN = "5798000000001"  # GS1 check digit 1


def pdf(name="aftale.pdf", content=None):
    return SimpleUploadedFile(
        name, content if content is not None else pdf_bytes("Partneraftale"), "application/pdf"
    )


def public_data(**overrides):
    data = {
        "organisation_name": "Testrup Kommune",
        "organisation_kind": "kommune",
        "cvr": VALID_CVR,
        "ean": VALID_EAN,
        "address": "Rådhuspladsen 1\n9999 Testrup",
        "contact_name": "Karen Hansen",
        "contact_email": "karen@testrup.dk",
        "contact_phone": "+45 12 34 56 78",
        "agreement_file": pdf(),
        "accepted_code_of_conduct": "on",
        "submission_key": "6f1c2b8e-1f1e-4c55-9a0e-8d1b7d6b7a11",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def secretary(demo):
    user = get_user_model().objects.create_superuser(
        "sekretariat-test", "sekretariat-test@os2.eu", "pw-123456789"
    )
    user.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    return user


def test_join_page_explains_both_ways_and_links_templates(client, demo):
    html = client.get("/bliv-medlem/").content.decode()
    assert "25.000 kr. ekskl. moms" in html
    assert (
        'href="/bliv-medlem/ansoeg/offentlig/"' in html and 'href="/bliv-medlem/ansoeg/leverandoer/"' in html
    )
    for name in ("Partneraftale", "Leverandørpartneraftale", "Tilslutningsaftale", "FLOSS-aftale"):
        assert name in html
    assert html.count(".pdf") >= 4
    assert "uden stemmeret" in html


def test_public_application_is_saved_with_receipt_and_alert(client, secretary):
    response = client.post(PUBLIC_URL, public_data())
    assert response.status_code == 302 and response.url == "/bliv-medlem/tak/"
    application = JoinApplication.objects.get()
    assert application.status == ApplicationStatus.RECEIVED and application.path == "offentlig"
    assert application.agreement_file.read().startswith(b"%PDF-")
    assert not application.agreement_file.name.endswith("aftale.pdf")  # not guessable
    receipt, *alerts = mail.outbox
    assert receipt.to == ["karen@testrup.dk"] and "Testrup Kommune" in receipt.body
    # Each of the secretariat gets the alert in a message of their own.
    [alert] = [message for message in alerts if message.to == ["sekretariat-test@os2.eu"]]
    assert "Testrup Kommune" in alert.subject
    assert all(len(message.to) == 1 for message in alerts)
    assert "Tak for ansøgningen" in client.get("/bliv-medlem/tak/").content.decode()


def test_supplier_application_needs_no_ean_and_is_a_supplier(client, demo):
    response = client.get(SUPPLIER_URL)
    assert 'name="ean"' not in response.content.decode()
    data = public_data(organisation_name="Kode ApS", organisation_kind="leverandoer", ean=None)
    assert client.post(SUPPLIER_URL, data).status_code == 302
    application = JoinApplication.objects.get()
    assert application.path == "leverandoer" and application.organisation_kind == "leverandoer"


def test_supplier_cannot_pose_as_a_municipality(client, demo):
    response = client.post(SUPPLIER_URL, public_data(organisation_kind="kommune", ean=None))
    assert response.status_code == 200
    assert not JoinApplication.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"cvr": "1234567"}, "Et CVR-nummer består af præcis 8 cifre."),
        ({"cvr": "12345678"}, "CVR-nummeret er ikke gyldigt"),
        ({"cvr": "abcdefgh"}, "Et CVR-nummer består af præcis 8 cifre."),
        ({"ean": "579800000000"}, "Et EAN-nummer består af præcis 13 cifre."),
        ({"ean": "5798000000008"}, "EAN-nummeret er ikke gyldigt"),
        ({"ean": ""}, "Udfyld EAN-nummer."),
        ({"agreement_file": pdf("aftale.docx")}, "Aftalen skal uploades som en PDF-fil."),
        ({"agreement_file": pdf("aftale.pdf", b"MZ\x90\x00 not a pdf")}, "Filen er ikke en gyldig PDF-fil."),
        (
            {"agreement_file": pdf("stor.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))},
            "Filen er for stor. Den må højst fylde 10 MB.",
        ),
        ({"agreement_file": None}, "Dette felt er påkrævet."),
        ({"accepted_code_of_conduct": None}, "I skal acceptere code of conduct for at blive medlem."),
        ({"contact_email": "ikke-en-mail"}, "Indtast en gyldig e-mail-adresse."),
    ],
)
def test_bad_input_is_refused_in_danish_and_nothing_is_saved(client, demo, overrides, message):
    response = client.post(PUBLIC_URL, public_data(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Der er fejl i formularen" in html
    assert 'value="Testrup Kommune"' in html  # what was typed is kept
    assert not JoinApplication.objects.exists()
    assert not mail.outbox


def test_cvr_and_ean_may_be_typed_with_spaces(client, demo):
    assert client.post(PUBLIC_URL, public_data(cvr="5513 3018", ean="5798 0000 0000 1")).status_code == 302
    application = JoinApplication.objects.get()
    assert (application.cvr, application.ean) == (VALID_CVR, VALID_EAN)


def test_double_click_submits_once(client, demo):
    client.post(PUBLIC_URL, public_data())
    response = client.post(PUBLIC_URL, public_data())
    assert response.status_code == 302
    assert JoinApplication.objects.count() == 1


def test_honeypot_filled_is_accepted_silently_and_not_saved(client, demo):
    response = client.post(PUBLIC_URL, public_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not JoinApplication.objects.exists() and not mail.outbox


def apply(client):
    client.post(PUBLIC_URL, public_data())
    mail.outbox.clear()
    return JoinApplication.objects.get()


def test_approval_creates_one_profile_agreement_and_invitation(client, secretary):
    application = apply(client)
    client.force_login(secretary)
    decide_url = f"/admin/ansoegninger/{application.pk}/afgoer/"
    assert client.get(decide_url).status_code == 200
    response = client.post(decide_url, {"decision": "approve"})
    assert response.status_code == 302
    response = client.post(decide_url, {"decision": "approve"})  # approved twice
    organisation = Organisation.objects.get(name="Testrup Kommune")
    assert Organisation.objects.filter(cvr=VALID_CVR).count() == 1
    assert organisation.kind == "kommune" and organisation.ean == VALID_EAN and organisation.member_since
    assert list(Agreement.objects.filter(organisation=organisation).values_list("kind", flat=True)) == [
        "partneraftale"
    ]
    invitation = MemberInvitation.objects.get()
    assert invitation.organisation == organisation and invitation.email == "karen@testrup.dk"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED and application.decided_by == secretary
    (welcome,) = mail.outbox
    assert welcome.to == ["karen@testrup.dk"] and invitation.get_absolute_url() in welcome.body
    assert organisation in Organisation.objects.public_members()
    assert client.get(organisation.get_absolute_url()).status_code == 200


def test_approving_in_the_model_twice_changes_nothing(client, secretary):
    application = apply(client)
    first, created = application.approve(by=secretary)
    again, created_again = application.approve(by=secretary)
    assert created and not created_again and first == again
    assert MemberInvitation.objects.count() == 1 and Organisation.objects.filter(cvr=VALID_CVR).count() == 1


def test_the_first_decision_stands_when_two_are_made_at_once(client, secretary):
    """Two people open the same application; the second decision, made on what they loaded before the
    first, changes nothing: a rejected application is not approved after all."""
    application = apply(client)
    seen_by_other = JoinApplication.objects.get(pk=application.pk)
    assert application.reject(by=secretary, reason="Ikke en offentlig myndighed.")
    invitation, created = seen_by_other.approve(by=secretary)
    assert (invitation, created) == (None, False)
    assert seen_by_other.status == ApplicationStatus.REJECTED and seen_by_other.organisation is None
    assert not Organisation.objects.filter(cvr=VALID_CVR).exists()


def test_an_approval_is_not_undone_by_a_rejection_made_on_an_older_copy(client, secretary):
    application = apply(client)
    seen_by_other = JoinApplication.objects.get(pk=application.pk)
    application.approve(by=secretary)
    assert seen_by_other.reject(by=secretary, reason="For sent.") is False
    assert seen_by_other.status == ApplicationStatus.APPROVED and seen_by_other.rejection_reason == ""


def test_rejection_needs_a_reason_and_tells_the_applicant(client, secretary):
    application = apply(client)
    client.force_login(secretary)
    decide_url = f"/admin/ansoegninger/{application.pk}/afgoer/"
    response = client.post(decide_url, {"decision": "decline", "reason": " "})
    assert (
        response.status_code == 200 and "Skriv en begrundelse for afvisningen." in response.content.decode()
    )
    client.post(decide_url, {"decision": "decline", "reason": "CVR-nummeret tilhører en privat virksomhed."})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert not Organisation.objects.filter(cvr=VALID_CVR).exists() and not MemberInvitation.objects.exists()
    (letter,) = mail.outbox
    assert "CVR-nummeret tilhører en privat virksomhed." in letter.body


def test_only_the_secretariat_can_decide_or_read_the_agreement(client, demo):
    application = apply(client)
    member = get_user_model().objects.create_user("ikke-sekretariat", "m@example.dk", "pw-123456789")
    for url in (
        f"/admin/ansoegninger/{application.pk}/afgoer/",
        f"/admin/ansoegninger/{application.pk}/aftale/",
    ):
        assert client.get(url).status_code == 302  # to the login page
        client.force_login(member)
        assert client.get(url).status_code in (302, 403)
        assert client.post(url, {"decision": "approve"}).status_code in (302, 403)
        client.logout()
    assert JoinApplication.objects.get().status == ApplicationStatus.RECEIVED


def test_secretariat_downloads_the_signed_agreement(client, secretary):
    application = apply(client)
    client.force_login(secretary)
    response = client.get(f"/admin/ansoegninger/{application.pk}/aftale/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


def test_invitation_creates_an_approved_member_account_once(client, secretary):
    application = apply(client)
    invitation, _ = application.approve(by=secretary)
    url = invitation.get_absolute_url()
    assert "Testrup Kommune" in client.get(url).content.decode()
    response = client.post(url, {"name": "Karen Hansen", "password": "123"})
    assert (
        response.status_code == 200 and not get_user_model().objects.filter(email="karen@testrup.dk").exists()
    )
    response = client.post(url, {"name": "Karen Hansen", "password": "en-lang-adgangskode-2026"})
    assert response.status_code == 302
    user = get_user_model().objects.get(email="karen@testrup.dk")
    assert approved_organisation(user) == application.organisation
    client.logout()
    assert client.get(url).status_code == 410
    assert client.get("/medlemmer/invitation/gaet-et-token/").status_code == 404


def test_queue_lists_received_applications_with_a_decision_button(client, secretary):
    application = apply(client)
    client.force_login(secretary)
    html = client.get("/admin/snippets/community/joinapplication/").content.decode()
    assert "Testrup Kommune" in html and f"/admin/ansoegninger/{application.pk}/afgoer/" in html


def approved_invitation(client, secretary):
    application = apply(client)
    invitation, _ = application.approve(by=secretary)
    return invitation


def test_an_invitation_expires_after_fourteen_days(client, secretary):
    import time_machine
    from django.utils import timezone

    invitation = approved_invitation(client, secretary)
    with time_machine.travel(timezone.now() + timezone.timedelta(days=14, minutes=1)):
        response = client.post(
            invitation.get_absolute_url(), {"name": "Karen Hansen", "password": "en-lang-adgangskode-2026"}
        )
        assert response.status_code == 410 and "udløbet" in response.content.decode()
    assert not get_user_model().objects.filter(email="karen@testrup.dk").exists()


def test_an_invitation_is_for_the_invited_address_only(client, secretary):
    from community.models import Affiliation, AffiliationStatus

    invitation = approved_invitation(client, secretary)
    # A pending account of another organisation, logged in, tries to take the invitation.
    other = get_user_model().objects.create_user("anden", "anden@andetsted.dk", "pw-123456789")
    Affiliation.objects.create(
        user=other, organisation=Organisation.objects.exclude(pk=invitation.organisation_id).first()
    )
    client.force_login(other)
    assert client.get(invitation.get_absolute_url()).status_code == 403
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 403 and "karen@testrup.dk" in response.content.decode()
    other.affiliation.refresh_from_db()
    assert other.affiliation.status == AffiliationStatus.PENDING
    assert other.affiliation.organisation != invitation.organisation
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
