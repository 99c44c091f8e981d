"""Joining a product online: on a product's page an approved user of a member organisation sees the price
for their organisation (its size band, member price), the agreement to sign and a form; sending it
makes a request (tilsagn for a product under development, tilslutning for one in operation) with the
signed PDF kept privately, and mails the person, the secretariat and the product's coordinators. The
secretariat or the product's own coordinators approve it in the admin, which makes the organisation a
user of the product at once, or decline it with a reason. Bad input is refused in Danish and changes
nothing; anonymous visitors are asked to log in, others shown the non-member price and the way into OS2."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from community.joining.demo import pdf_bytes
from community.joining.models import AgreementTemplate
from community.models import AffiliationStatus
from home.roles import ensure_secretariat_role
from products.models import (
    JoiningAgreement,
    JoiningPrice,
    JoiningStage,
    JoinKind,
    JoinRequest,
    JoinState,
    MunicipalitySize,
)
from products.permissions import ensure_product_group, ensure_secretariat_workflow
from tests.factories import (
    AgreementTemplateFactory,
    OrganisationFactory,
    ProductPageFactory,
    catalogue,
    person,
    uses,
)

TODAY = datetime.datetime(2026, 12, 4, 10, tzinfo=datetime.UTC)
pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.time_machine(TODAY, tick=False)]


@pytest.fixture
def site():
    index = catalogue()
    ensure_secretariat_workflow(index)
    os2mo = ProductPageFactory(parent=index, title="OS2mo", slug="os2mo", status="produkt")
    valghalla = ProductPageFactory(parent=index, title="OS2valghalla", slug="os2valghalla", status="projekt")
    other = ProductPageFactory(parent=index, title="OS2kitos", slug="os2kitos", status="produkt")
    for product in (os2mo, valghalla, other):
        for member, factor in ((True, 1), (False, 2)):
            JoiningPrice.objects.create(
                product=product,
                size=MunicipalitySize.FROM_25K,
                member=member,
                joining_fee=12_000 * factor,
                yearly_fee=16_000 * factor,
            )
            JoiningPrice.objects.create(
                product=product,
                size=MunicipalitySize.OVER_120K,
                member=member,
                joining_fee=35_000 * factor,
                yearly_fee=42_000 * factor,
            )
    AgreementTemplateFactory(
        kind=AgreementTemplate.Kind.TILSLUTNINGSAFTALE, explanation="Når I tager et produkt i brug."
    )
    ballerup = OrganisationFactory(name="Ballerup Kommune", municipality_size=MunicipalitySize.FROM_25K)
    aalborg = OrganisationFactory(name="Aalborg Kommune", municipality_size=MunicipalitySize.OVER_120K)
    fanoe = OrganisationFactory(name="Fanø Kommune", municipality_size="")
    outsider = OrganisationFactory(
        name="Tønder Kommune", is_member=False, municipality_size=MunicipalitySize.FROM_25K
    )
    coordinators = ensure_product_group(os2mo)
    other_coordinators = ensure_product_group(other)
    return {
        "os2mo": os2mo,
        "valghalla": valghalla,
        "kitos": other,
        "ballerup": ballerup,
        "mette": person("mette", ballerup, first_name="Mette"),
        "peter": person("peter", aalborg, status=AffiliationStatus.PENDING, first_name="Peter"),
        "fanoe_user": person("fanoe", fanoe, first_name="Sofie"),
        "outsider": person("toender", outsider, first_name="Jens"),
        "secretary": person("anne.lund", group=ensure_secretariat_role(), first_name="Anne"),
        "coordinator": person("tovholder-os2mo", group=coordinators, first_name="Kim"),
        "other_coordinator": person("tovholder-os2kitos", group=other_coordinators, first_name="Bo"),
    }


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def join_section(page):
    """The section around the heading the page's "Tilslut" links lead to (#tilslut)."""
    heading = page.find(id="tilslut")
    return heading.find_parent("section") if heading else None


def pdf_upload(name="aftale.pdf", content=None):
    return SimpleUploadedFile(name, content or pdf_bytes("Underskrevet"), content_type="application/pdf")


def send(client, product, **data):
    return client.post(product.url + "tilslut/", data)


def errors(response):
    summary = soup(response).find(attrs={"role": "alert"})
    return summary.get_text(" ", strip=True) if summary else ""


# What each visitor sees


def test_a_member_sees_the_price_for_their_organisation_the_agreement_and_the_form(client, site):
    client.force_login(site["mette"])
    section = join_section(soup(client.get(site["os2mo"].url)))
    assert section.h2.get_text(strip=True) == "Tilslut jeres organisation"
    price = section.find("dl").get_text(" ", strip=True)
    assert "Ballerup Kommune" in price and "25.000–60.000 indbyggere" in price
    assert "12.000 kr. ekskl. moms" in price and "16.000 kr. ekskl. moms" in price
    template = section.find("a", string="Tilslutningsaftale")
    # The agreement template's own document (its stored name may carry a suffix when another test
    # stored a file of the same name first).
    document = AgreementTemplate.objects.get(kind=AgreementTemplate.Kind.TILSLUTNINGSAFTALE).document
    assert template["href"] == document.url and document.file.name.endswith(".pdf")
    form = section.find("form")
    assert form["action"] == "/produkter/os2mo/tilslut/" and form["enctype"] == "multipart/form-data"
    assert form.find("input", attrs={"type": "file", "name": "agreement_file"})
    assert form.find("label", attrs={"for": "id_agreement_file"})


def test_a_product_under_development_takes_a_pledge(client, site):
    client.force_login(site["mette"])
    section = join_section(soup(client.get(site["valghalla"].url)))
    assert section.h2.get_text(strip=True) == "Giv tilsagn"
    assert section.find("button").get_text(strip=True) == "Send tilsagn"


def test_an_anonymous_visitor_is_asked_to_log_in(client, site):
    section = join_section(soup(client.get(site["os2mo"].url)))
    link = section.find("a", href=lambda href: href and href.startswith("/konto/login/"))
    assert link is not None and "os2mo" in link["href"]
    assert section.find("form") is None


def test_a_non_member_sees_the_non_member_price_and_how_to_join_os2(client, site):
    client.force_login(site["outsider"])
    section = join_section(soup(client.get(site["os2mo"].url)))
    text = section.get_text(" ", strip=True)
    assert "Tønder Kommune er ikke medlem af OS2" in text
    assert "24.000 kr. én gang og 32.000 kr. om året" in text
    assert section.find("form") is None


def test_the_english_page_offers_the_same_in_english(client, site):
    client.force_login(site["mette"])
    response = client.get("/en" + site["os2mo"].url)
    assert response.status_code == 200
    section = join_section(soup(response))
    assert section.h2.get_text(strip=True) == "Join with your organisation"
    assert section.find("form")["action"] == "/en/produkter/os2mo/tilslut/"


# Sending a request


def test_a_member_sends_a_request_with_the_signed_pdf(client, site, mailoutbox):
    client.force_login(site["mette"])
    response = send(client, site["os2mo"], agreement_file=pdf_upload(), note="Vi starter i januar.")
    assert response.status_code == 302 and response["Location"] == "/produkter/os2mo/#tilslut"
    join_request = JoinRequest.objects.get()
    assert (join_request.kind, join_request.state) == (JoinKind.TILSLUTNING, JoinState.REQUESTED)
    assert join_request.organisation == site["ballerup"] and join_request.requested_by == site["mette"]
    assert (join_request.joining_fee, join_request.yearly_fee) == (12_000, 16_000)
    # Kept in the private storage under a name nobody can guess, not among the public media.
    assert join_request.agreement_file.storage is storages["private"]
    assert (
        join_request.agreement_file.name.startswith("tilslutninger/")
        and "aftale" not in join_request.agreement_file.name
    )
    page = soup(client.get(response["Location"]))
    assert "anmodning om tilslutning er sendt" in page.get_text()
    assert sorted(message.to[0] for message in mailoutbox) == [
        "anne.lund@example.dk",
        "mette@example.dk",
        "tovholder-os2mo@example.dk",
    ]
    receipt = next(message for message in mailoutbox if message.to == ["mette@example.dk"])
    assert "OS2mo" in receipt.subject and "12.000 kr." in receipt.body


def test_a_request_may_say_the_agreement_follows(client, site):
    client.force_login(site["mette"])
    response = send(client, site["valghalla"], agreement_later="on")
    assert response.status_code == 302
    join_request = JoinRequest.objects.get()
    assert (
        join_request.kind == JoinKind.TILSAGN
        and join_request.agreement_later
        and not join_request.agreement_file
    )


# Bad input: a clear Danish message, nothing saved, what was typed kept


def refused(response, message):
    assert response.status_code == 400
    assert message in errors(response)
    assert not JoinRequest.objects.exists()
    # The note typed is still in the form.
    note = soup(response).find("textarea", attrs={"name": "note"})
    assert note is None or note.get_text(strip=True) == "Husk os"


def test_a_file_that_is_not_a_pdf_is_refused_by_its_content(client, site):
    client.force_login(site["mette"])
    fake = pdf_upload("aftale.pdf", b"MZ\x90\x00 not a pdf at all")
    refused(
        send(client, site["os2mo"], agreement_file=fake, note="Husk os"), "Filen er ikke en gyldig PDF-fil."
    )


def test_a_file_named_otherwise_is_refused(client, site):
    client.force_login(site["mette"])
    word = pdf_upload("aftale.docx", b"PK\x03\x04 word")
    refused(send(client, site["os2mo"], agreement_file=word, note="Husk os"), "skal uploades som en PDF-fil")


def test_a_file_over_10_mb_is_refused(client, site):
    client.force_login(site["mette"])
    big = pdf_upload("aftale.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024))
    refused(send(client, site["os2mo"], agreement_file=big, note="Husk os"), "Filen er for stor")


def test_neither_a_file_nor_word_it_follows_is_refused(client, site):
    client.force_login(site["mette"])
    refused(send(client, site["os2mo"], note="Husk os"), "markér, at I sender den senere")


def test_a_pending_account_cannot_send_a_request(client, site):
    client.force_login(site["peter"])
    assert (
        "afventer sekretariatets godkendelse" in join_section(soup(client.get(site["os2mo"].url))).get_text()
    )
    refused(
        send(client, site["os2mo"], agreement_later="on", note="Husk os"),
        "afventer sekretariatets godkendelse",
    )


def test_an_organisation_without_a_size_band_is_told_the_secretariat_must_set_it(client, site):
    client.force_login(site["fanoe_user"])
    section = join_section(soup(client.get(site["os2mo"].url)))
    assert "sekretariatet har endnu ikke registreret Fanø Kommune' størrelse" in section.get_text()
    assert section.find("form") is None
    refused(send(client, site["os2mo"], agreement_later="on", note="Husk os"), "ikke registreret")


def test_a_second_open_request_is_refused(client, site):
    client.force_login(site["mette"])
    assert send(client, site["os2mo"], agreement_later="on").status_code == 302
    response = send(client, site["os2mo"], agreement_file=pdf_upload(), note="Husk os")
    assert response.status_code == 400
    assert "har allerede sendt en anmodning den 4. december 2026" in errors(response)
    assert JoinRequest.objects.count() == 1


def test_an_organisation_already_using_the_product_cannot_ask_again(client, site):
    uses(site["ballerup"], site["os2mo"])
    client.force_login(site["mette"])
    assert (
        "Ballerup Kommune bruger allerede OS2mo."
        in join_section(soup(client.get(site["os2mo"].url))).get_text()
    )
    refused(send(client, site["os2mo"], agreement_later="on", note="Husk os"), "bruger allerede OS2mo")


def test_a_non_member_cannot_send_a_request(client, site):
    client.force_login(site["outsider"])
    response = send(client, site["os2mo"], agreement_later="on", note="Husk os")
    refused(response, "Kun godkendte brugere i en medlemsorganisation")


# The admin: secretariat and coordinators


@pytest.fixture
def open_request(client, site):
    client.force_login(site["mette"])
    send(client, site["os2mo"], agreement_file=pdf_upload(), note="Vi starter i januar.")
    client.logout()
    return JoinRequest.objects.get()


def test_the_secretariat_approves_and_ballerup_uses_the_product_from_the_start_date(
    client, site, open_request, mailoutbox
):
    mailoutbox.clear()
    client.force_login(site["secretary"])
    listing = soup(client.get("/admin/snippets/products/joinrequest/"))
    assert "Ballerup Kommune" in listing.get_text()
    decide_url = next(a["href"] for a in listing.find_all("a") if a.get_text(strip=True) == "Behandl")
    pdf = client.get(f"/admin/tilslutninger/{open_request.pk}/aftale/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    response = client.post(decide_url, {"decision": "approve", "starts_on": "2027-01-01"})
    assert response.status_code == 302
    open_request.refresh_from_db()
    assert open_request.state == JoinState.APPROVED and open_request.decided_by == site["secretary"]
    agreement = JoiningAgreement.objects.get(product=site["os2mo"], organisation=site["ballerup"])
    assert (agreement.stage, agreement.joined_on) == (JoiningStage.TILSLUTTET, datetime.date(2027, 1, 1))
    # The decision goes to the person who asked and, as an alert, to the secretariat and the coordinators.
    assert sorted(message.to[0] for message in mailoutbox) == [
        "anne.lund@example.dk",
        "mette@example.dk",
        "tovholder-os2mo@example.dk",
    ]
    decision = next(message for message in mailoutbox if message.to == ["mette@example.dk"])
    assert "godkendt" in decision.subject and "1. januar 2027" in decision.body
    alert = next(message for message in mailoutbox if message.to == ["tovholder-os2mo@example.dk"])
    assert alert.subject == "OS2: Tilslutning til OS2mo fra Ballerup Kommune er godkendt"
    assert "gælder fra 1. januar 2027" in alert.body and "Afgjort af: Anne" in alert.body
    assert f"/admin/snippets/products/joinrequest/inspect/{open_request.pk}/" in alert.body


def test_the_first_decision_stands_when_two_are_made_at_once(site, open_request):
    """A coordinator approves while a colleague, on the request as they loaded it, declines: the
    approval stands, and the decline changes nothing."""
    seen_by_other = JoinRequest.objects.get(pk=open_request.pk)
    assert open_request.approve(by=site["secretary"])
    assert seen_by_other.decline(by=site["coordinator"], reason="For sent.") is False
    assert seen_by_other.state == JoinState.APPROVED and seen_by_other.decline_reason == ""
    assert seen_by_other.decided_by == site["secretary"]
    assert JoiningAgreement.objects.filter(product=site["os2mo"], organisation=site["ballerup"]).exists()
    assert open_request.approve(by=site["coordinator"]) is False


def test_a_decline_needs_a_reason_which_the_member_is_sent(client, site, open_request, mailoutbox):
    mailoutbox.clear()
    client.force_login(site["coordinator"])
    url = f"/admin/tilslutninger/{open_request.pk}/afgoer/"
    response = client.post(url, {"decision": "decline", "reason": ""})
    assert response.status_code == 400 and "Skriv en begrundelse" in response.content.decode()
    client.post(url, {"decision": "decline", "reason": "Vent til næste version."})
    open_request.refresh_from_db()
    assert open_request.state == JoinState.DECLINED
    assert not JoiningAgreement.objects.exists()
    decision = next(message for message in mailoutbox if message.to == ["mette@example.dk"])
    assert "Vent til næste version." in decision.body
    alert = next(message for message in mailoutbox if message.to == ["anne.lund@example.dk"])
    assert alert.subject == "OS2: Tilslutning til OS2mo fra Ballerup Kommune er afvist"
    assert "Begrundelse: Vent til næste version." in alert.body and "Afgjort af: Kim" in alert.body


def test_a_coordinator_sees_only_their_own_products_requests(client, site, open_request):
    client.force_login(site["other_coordinator"])
    listing = client.get("/admin/snippets/products/joinrequest/")
    assert listing.status_code == 200 and "Ballerup Kommune" not in listing.content.decode()
    for url in (
        f"/admin/tilslutninger/{open_request.pk}/afgoer/",
        f"/admin/tilslutninger/{open_request.pk}/aftale/",
        f"/admin/snippets/products/joinrequest/inspect/{open_request.pk}/",
        f"/admin/snippets/products/joinrequest/edit/{open_request.pk}/",
        f"/admin/privat/{open_request.agreement_file.name}",
    ):
        assert client.get(url).status_code in (302, 403, 404), url
    client.force_login(site["coordinator"])
    assert client.get(f"/admin/snippets/products/joinrequest/inspect/{open_request.pk}/").status_code == 200
    assert client.get(f"/admin/privat/{open_request.agreement_file.name}").status_code == 200


def test_the_member_cannot_open_the_signed_agreement(client, site, open_request):
    client.force_login(site["mette"])
    assert client.get(f"/admin/privat/{open_request.agreement_file.name}").status_code in (302, 404)
    assert client.get(f"/admin/tilslutninger/{open_request.pk}/aftale/").status_code in (302, 403)


def test_a_later_publish_of_the_product_page_keeps_the_approved_joining(client, site, open_request):
    open_request.approve(by=site["secretary"])
    site["os2mo"].get_latest_revision_as_object().save_revision().publish()
    assert JoiningAgreement.objects.filter(product=site["os2mo"], organisation=site["ballerup"]).exists()


def test_an_approved_pledge_becomes_a_joining_when_the_product_is_in_operation(client, site):
    valghalla = site["valghalla"]
    client.force_login(site["mette"])
    send(client, valghalla, agreement_later="on")
    JoinRequest.objects.get().approve(by=site["secretary"])
    assert JoiningAgreement.objects.get(product=valghalla).stage == JoiningStage.TILSAGN
    valghalla.status = "produkt"
    valghalla.save_revision().publish()
    assert send(client, valghalla, agreement_later="on").status_code == 302
    JoinRequest.objects.open().get().approve(by=site["secretary"])
    assert JoiningAgreement.objects.get(product=valghalla).stage == JoiningStage.TILSLUTTET


# End to end


def test_ballerup_joins_os2mo_and_shows_among_its_users_and_on_its_profile(client, site):
    os2mo, ballerup = site["os2mo"], site["ballerup"]
    # A visitor's page is cached before the approval.
    assert "Ballerup Kommune" not in client.get(os2mo.url).content.decode()

    client.force_login(site["mette"])
    section = join_section(soup(client.get(os2mo.url)))
    assert "12.000 kr. ekskl. moms" in section.get_text(" ", strip=True)
    assert send(client, os2mo, agreement_file=pdf_upload()).status_code == 302

    client.force_login(site["secretary"])
    join_request = JoinRequest.objects.get()
    client.post(
        f"/admin/tilslutninger/{join_request.pk}/afgoer/", {"decision": "approve", "starts_on": "2026-12-04"}
    )
    client.logout()

    heading = soup(client.get(os2mo.url)).find("h2", string=re.compile("^Bruges af"))
    users = heading.find_next_sibling("ul").find_all("a")
    assert [a.get_text(strip=True) for a in users] == ["Ballerup Kommune"]
    profile = soup(client.get(ballerup.get_absolute_url())).get_text(" ", strip=True)
    assert "OS2mo" in profile


def test_the_secretariat_sets_an_organisations_size_band_in_the_admin(client, site):
    client.force_login(site["secretary"])
    organisation = site["ballerup"]
    form = soup(client.get(f"/admin/snippets/community/organisation/edit/{organisation.pk}/"))
    select = form.find("select", attrs={"name": "municipality_size"})
    options = [option["value"] for option in select.find_all("option")]
    assert options == ["", *MunicipalitySize.values]
    assert select.find("option", selected=True)["value"] == MunicipalitySize.FROM_25K


def test_requests_are_made_on_the_product_page_not_in_the_admin(client, site):
    client.force_login(site["secretary"])
    assert client.get("/admin/snippets/products/joinrequest/add/").status_code in (302, 403)
