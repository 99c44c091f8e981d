"""Organisations apply to join OS2 online; the secretariat approves (creating the organisation, its
agreement and one member invitation, exactly once) or rejects with a reason; e-mails go out. On a small
site built for the test: the "Bliv medlem" page with its agreement templates, two people in the
Sekretariat group, and a member organisation."""

import uuid

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from community import ratelimit
from community.joining.demo import pdf_bytes
from community.models import (
    AffiliationStatus,
    Agreement,
    AgreementTemplate,
    ApplicationStatus,
    JoinApplication,
    MemberInvitation,
    Organisation,
    approved_organisation,
)
from tests.factories import (
    AgreementTemplateFactory,
    JoinPageFactory,
    OrganisationFactory,
    member_of,
    secretary,
)
from tests.markup import hrefs, parse, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

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
def join_page(db):
    page = JoinPageFactory()
    for order, kind in enumerate(AgreementTemplate.Kind):
        AgreementTemplateFactory(kind=kind, sort_order=order)
    return page


@pytest.fixture
def secretariat(join_page):
    """The two people of the secretariat."""
    return [secretary("anne@os2.example.dk"), secretary("bo@os2.example.dk", first_name="Bo")]


@pytest.fixture
def secretary_client(secretariat):
    client = Client()
    client.force_login(secretariat[0])
    return client


def test_join_page_explains_both_ways_and_links_templates(client, join_page):
    document = parse(client.get("/bliv-medlem/"))
    public = document.find("section", attrs={"aria-labelledby": "path-public"})
    supplier = document.find("section", attrs={"aria-labelledby": "path-supplier"})
    assert "25.000 kr. ekskl. moms" in text(public) and PUBLIC_URL in hrefs(public)
    assert "uden stemmeret" in text(supplier) and SUPPLIER_URL in hrefs(supplier)
    templates = document.find("section", attrs={"aria-labelledby": "agreement-templates-heading"})
    links = {text(link): link["href"] for link in templates.find_all("a")}
    assert list(links) == ["Partneraftale", "Leverandørpartneraftale", "Tilslutningsaftale", "FLOSS-aftale"]
    assert all(href.endswith(".pdf") for href in links.values())


def test_public_application_is_saved_with_receipt_and_alert(client, secretariat):
    response = client.post(PUBLIC_URL, public_data())
    assert response.status_code == 302 and response.url == "/bliv-medlem/tak/"
    application = JoinApplication.objects.get()
    assert application.status == ApplicationStatus.RECEIVED and application.path == "offentlig"
    assert application.agreement_file.read().startswith(b"%PDF-")
    assert not application.agreement_file.name.endswith("aftale.pdf")  # not guessable
    receipt, *alerts = mail.outbox
    assert receipt.to == ["karen@testrup.dk"] and "Testrup Kommune" in receipt.body
    # Each of the secretariat gets the alert in a message of their own.
    assert sorted(message.to for message in alerts) == [["anne@os2.example.dk"], ["bo@os2.example.dk"]]
    assert all("Testrup Kommune" in alert.subject for alert in alerts)
    assert "Tak for ansøgningen" in text(parse(client.get("/bliv-medlem/tak/")).main)


def test_supplier_application_needs_no_ean_and_is_a_supplier(client, join_page):
    form = parse(client.get(SUPPLIER_URL)).main.form
    assert form.find(attrs={"name": "ean"}) is None and form.find(attrs={"name": "cvr"})
    data = public_data(organisation_name="Kode ApS", organisation_kind="leverandoer", ean=None)
    assert client.post(SUPPLIER_URL, data).status_code == 302
    application = JoinApplication.objects.get()
    assert application.path == "leverandoer" and application.organisation_kind == "leverandoer"


def test_supplier_cannot_pose_as_a_municipality(client, join_page):
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
def test_bad_input_is_refused_in_danish_and_nothing_is_saved(client, join_page, overrides, message):
    response = client.post(PUBLIC_URL, public_data(**overrides))
    assert response.status_code == 200
    form = parse(response).main.form
    assert message in text(form)
    assert "Der er fejl i formularen" in text(form)
    assert form.find("input", attrs={"name": "organisation_name"})["value"] == "Testrup Kommune"  # kept
    assert not JoinApplication.objects.exists()
    assert not mail.outbox


def test_cvr_and_ean_may_be_typed_with_spaces(client, join_page):
    assert client.post(PUBLIC_URL, public_data(cvr="5513 3018", ean="5798 0000 0000 1")).status_code == 302
    application = JoinApplication.objects.get()
    assert (application.cvr, application.ean) == (VALID_CVR, VALID_EAN)


def test_double_click_submits_once(client, join_page):
    client.post(PUBLIC_URL, public_data())
    response = client.post(PUBLIC_URL, public_data())
    assert response.status_code == 302
    assert JoinApplication.objects.count() == 1


def test_honeypot_filled_is_accepted_silently_and_not_saved(client, join_page):
    response = client.post(PUBLIC_URL, public_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not JoinApplication.objects.exists() and not mail.outbox


def apply(client):
    client.post(PUBLIC_URL, public_data())
    mail.outbox.clear()
    return JoinApplication.objects.get()


def test_approval_creates_one_profile_agreement_and_invitation(client, secretariat):
    anne = secretariat[0]
    application = apply(client)
    client.force_login(anne)
    decide_url = f"/admin/ansoegninger/{application.pk}/afgoer/"
    assert client.get(decide_url).status_code == 200
    response = client.post(decide_url, {"decision": "approve"})
    assert response.status_code == 302
    response = client.post(decide_url, {"decision": "approve"})  # approved twice
    assert response.status_code == 302
    # Once decided, the page shows the application without the form.
    decided = parse(client.get(decide_url))
    assert "Testrup Kommune" in text(decided) and decided.find("input", attrs={"name": "decision"}) is None
    organisation = Organisation.objects.get(name="Testrup Kommune")
    assert Organisation.objects.filter(cvr=VALID_CVR).count() == 1
    assert organisation.kind == "kommune" and organisation.ean == VALID_EAN and organisation.member_since
    assert list(Agreement.objects.filter(organisation=organisation).values_list("kind", flat=True)) == [
        "partneraftale"
    ]
    invitation = MemberInvitation.objects.get()
    assert invitation.organisation == organisation and invitation.email == "karen@testrup.dk"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED and application.decided_by == anne
    (welcome,) = mail.outbox
    assert welcome.to == ["karen@testrup.dk"] and invitation.get_absolute_url() in welcome.body
    assert organisation in Organisation.objects.public_members()
    assert client.get(organisation.get_absolute_url()).status_code == 200


def test_approving_in_the_model_twice_changes_nothing(client, secretariat):
    anne = secretariat[0]
    application = apply(client)
    first, created = application.approve(by=anne)
    again, created_again = application.approve(by=anne)
    assert created and not created_again and first == again
    assert MemberInvitation.objects.count() == 1 and Organisation.objects.filter(cvr=VALID_CVR).count() == 1


def test_the_first_decision_stands_when_two_are_made_at_once(client, secretariat):
    """Two people open the same application; the second decision, made on what they loaded before the
    first, changes nothing: a rejected application is not approved after all."""
    anne, bo = secretariat
    application = apply(client)
    seen_by_other = JoinApplication.objects.get(pk=application.pk)
    assert application.reject(by=anne, reason="Ikke en offentlig myndighed.")
    invitation, created = seen_by_other.approve(by=bo)
    assert (invitation, created) == (None, False)
    assert seen_by_other.status == ApplicationStatus.REJECTED and seen_by_other.organisation is None
    assert not Organisation.objects.filter(cvr=VALID_CVR).exists()


def test_an_approval_is_not_undone_by_a_rejection_made_on_an_older_copy(client, secretariat):
    anne, bo = secretariat
    application = apply(client)
    seen_by_other = JoinApplication.objects.get(pk=application.pk)
    application.approve(by=anne)
    assert seen_by_other.reject(by=bo, reason="For sent.") is False
    assert seen_by_other.status == ApplicationStatus.APPROVED and seen_by_other.rejection_reason == ""


def test_rejection_needs_a_reason_and_tells_the_applicant(client, secretariat):
    application = apply(client)
    client.force_login(secretariat[0])
    decide_url = f"/admin/ansoegninger/{application.pk}/afgoer/"
    response = client.post(decide_url, {"decision": "decline", "reason": " "})
    assert response.status_code == 400
    assert "Skriv en begrundelse for afvisningen." in text(parse(response))
    client.post(decide_url, {"decision": "decline", "reason": "CVR-nummeret tilhører en privat virksomhed."})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert not Organisation.objects.filter(cvr=VALID_CVR).exists() and not MemberInvitation.objects.exists()
    (letter,) = mail.outbox
    assert "CVR-nummeret tilhører en privat virksomhed." in letter.body


def test_only_the_secretariat_can_decide_or_read_the_agreement(client, join_page):
    application = apply(client)
    # An approved member of a member organisation, without admin access.
    member = member_of(OrganisationFactory(), "m@example.dk")
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


def test_secretariat_downloads_the_signed_agreement(client, secretariat):
    application = apply(client)
    client.force_login(secretariat[0])
    response = client.get(f"/admin/ansoegninger/{application.pk}/aftale/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


def test_invitation_creates_an_approved_member_account_once(client, secretariat):
    application = apply(client)
    invitation, _ = application.approve(by=secretariat[0])
    url = invitation.get_absolute_url()
    assert "Testrup Kommune" in text(parse(client.get(url)).main)
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


def test_queue_lists_received_applications_with_a_decision_button(client, secretariat):
    application = apply(client)
    client.force_login(secretariat[0])
    queue = parse(client.get("/admin/snippets/community/joinapplication/")).main
    assert "Testrup Kommune" in text(queue)
    assert f"/admin/ansoegninger/{application.pk}/afgoer/" in hrefs(queue)


def approved_invitation(client, secretariat):
    application = apply(client)
    invitation, _ = application.approve(by=secretariat[0])
    return invitation


def test_an_invitation_expires_after_fourteen_days(client, secretariat):
    invitation = approved_invitation(client, secretariat)
    with time_machine.travel(timezone.now() + timezone.timedelta(days=14, minutes=1)):
        response = client.post(
            invitation.get_absolute_url(), {"name": "Karen Hansen", "password": "en-lang-adgangskode-2026"}
        )
        assert response.status_code == 410 and "udløbet" in text(parse(response).main)
    assert not get_user_model().objects.filter(email="karen@testrup.dk").exists()


def test_an_invitation_is_for_the_invited_address_only(client, secretariat):
    invitation = approved_invitation(client, secretariat)
    # A pending account of another organisation, logged in, tries to take the invitation.
    other = member_of(OrganisationFactory(), "anden@andetsted.dk", status=AffiliationStatus.PENDING)
    client.force_login(other)
    assert client.get(invitation.get_absolute_url()).status_code == 403
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 403 and "karen@testrup.dk" in text(parse(response).main)
    other.affiliation.refresh_from_db()
    assert other.affiliation.status == AffiliationStatus.PENDING
    assert other.affiliation.organisation != invitation.organisation
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


TOO_MANY = "Du har sendt formularen mange gange på kort tid. Vent lidt, og prøv igen."


def test_applications_over_the_rate_limit_are_refused_with_the_input_kept(client, join_page, settings):
    """Per visitor's address; counted in the configured cache (Redis in the PostgreSQL runs)."""
    settings.RATE_LIMITS = {"join-application": (1, 600)}
    ratelimit.reset("join-application", "ip-127.0.0.1")
    first = client.post(PUBLIC_URL, public_data(submission_key=str(uuid.uuid4())))
    assert first.status_code == 302
    response = client.post(
        PUBLIC_URL,
        public_data(organisation_name="Andeby Kommune", submission_key=str(uuid.uuid4())),
    )
    assert response.status_code == 429
    form = parse(response).main.form
    assert TOO_MANY in text(parse(response).main)
    assert form.find("input", attrs={"name": "organisation_name"})["value"] == "Andeby Kommune"
    assert JoinApplication.objects.count() == 1
