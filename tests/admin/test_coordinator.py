"""A product's coordinator (a member of OS2mo's coordinators' group, as `create_product_group` makes it)
does their job in the admin: the dashboard's "Mit produkt" shows the product, its tabs and events
with where each stands in the secretariat's approval; images and documents go into the product's own
collection; events they write stay about their product and go to the secretariat; they see and export
their events' sign-ups in Danish time; they see only their own product's contact persons. On a small
catalogue built for the test (OS2mo and OS2kitos with their tabs, contacts and events), on a fixed day."""

import csv
import datetime
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from community.events.models import Registration, RegistrationStatus
from community.events.pages import EventIndexPage, EventPage
from community.events.recurrence import LOCAL_TZ
from products.models import ContactPerson, ContactRole, ProductContact, ProductPage
from products.permissions import product_collection
from tests.factories import (
    EventPageFactory,
    coordinated_catalogue,
    coordinator_of,
    publish_event_about,
    secretary,
)
from tests.markup import parse
from tests.products.test_coordinator_permissions import tab_form

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

NOW = datetime.datetime(2026, 5, 4, 10, tzinfo=datetime.UTC)
SECRETARY = "anne.lund@os2.example.dk"


def os2mo_meeting(days):
    start = (timezone.now() + datetime.timedelta(days=days)).replace(minute=0)
    return EventPageFactory(
        title=f"OS2mo-møde {days}", start=start, related_products=[ProductPage.objects.get(slug="os2mo")]
    )


@pytest.fixture(autouse=True)
def products():
    """OS2mo with a tab in each state and an event; OS2kitos with an event of its own; a contact person
    of each; the secretariat that approves."""
    with time_machine.travel(NOW):
        made = coordinated_catalogue("OS2mo", "OS2kitos")
        os2mo, kitos = made["os2mo"], made["os2kitos"]
        roadmap = os2mo.get_children().get(slug="roadmap").specific
        roadmap.introduction = "Det, vi arbejder på nu."
        roadmap.save_revision()  # a change not yet published
        os2mo.add_child(instance=type(roadmap)(title="Udkast", slug="udkast", live=False))
        os2mo_meeting(1)
        publish_event_about(kitos, "Temadag om OS2kitos")
        for product, name in [(os2mo, "Birthe Hansen"), (kitos, "Jens Kjær")]:
            person = ContactPerson.objects.create(name=name, email=f"{name.split()[0].lower()}@example.dk")
            ProductContact.objects.create(product=product, person=person, role=ContactRole.TOVHOLDER)
        secretary(SECRETARY)
        yield made


@pytest.fixture
def events_ahead_and_past(products):
    """More events about OS2mo than the dashboard lists: four ahead, eight past."""
    with time_machine.travel(NOW):
        for days in [*range(2, 5), *range(-1, -9, -1)]:
            os2mo_meeting(days)


@pytest.fixture
def coordinator(client, products):
    user = coordinator_of(products["os2mo"])
    assert not user.is_superuser and not user.is_staff
    client.force_login(user)
    return user


@pytest.fixture
def os2mo(products):
    return ProductPage.objects.get(slug="os2mo")


@pytest.fixture
def secretary_client(products):
    client = Client()
    client.force_login(get_user_model().objects.get(email=SECRETARY))
    return client


def panel(client):
    return parse(client.get("/admin/")).find(attrs={"data-my-product": True})


def tab_statuses(section):
    return {
        row.find("td").get_text(strip=True): row.find(attrs={"data-status": True}).get_text(strip=True)
        for row in section.find_all(attrs={"data-tab": True})
    }


def test_the_dashboard_shows_my_product_its_tabs_and_events(
    client, events_ahead_and_past, coordinator, os2mo, secretary_client
):
    section = panel(client)
    assert section is not None
    assert section.find("h2").get_text(strip=True) == "Mit produkt"
    assert os2mo.title in section.find("h3").get_text()
    statuses = tab_statuses(section)
    assert set(statuses) == {tab.draft_title for tab in os2mo.get_children()}
    assert set(statuses.values()) == {"Udgivet", "Skitse", "Udgivet, med ændringer i skitse"}
    links = {a["href"] for a in section.find_all("a")}
    assert f"/admin/pages/{os2mo.pk}/edit/" in links
    # The next events about the product first, then the latest past ones, ten in all.
    about = EventPage.objects.filter(related_products=os2mo)
    now = timezone.now()
    expected = [
        *about.filter(start__gte=now).order_by("start"),
        *about.filter(start__lt=now).order_by("-start"),
    ]
    assert len(expected) > 10
    for event in expected[:10]:
        assert f"/admin/pages/{event.pk}/edit/" in links
    for event in expected[10:]:
        assert f"/admin/pages/{event.pk}/edit/" not in links
    # The site's counts ("98 sider") say nothing to a coordinator.
    # (The secretariat's dashboard has them: the check finds the counts where they are.)
    summary = parse(client.get("/admin/")).select(".w-summary__list li")
    assert not summary
    assert parse(secretary_client.get("/admin/")).select(".w-summary__list li")
    # Nothing of another product.
    other = ProductPage.objects.get(slug="os2kitos")
    assert f"/admin/pages/{other.pk}/edit/" not in links


def test_the_secretariats_comment_reaches_the_coordinators_dashboard(
    client, coordinator, os2mo, secretary_client
):
    tab = os2mo.get_children().first().specific
    client.post(
        f"/admin/pages/{tab.pk}/edit/", tab_form("Om OS2mo, ny", slug=tab.slug, **{"action-submit": "1"})
    )
    assert tab_statuses(panel(client))["Om OS2mo, ny"] == "Afventer godkendelse"
    state = WorkflowState.objects.get(object_id=str(tab.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    secretary_client.post(
        f"/admin/pages/workflow/action/{tab.pk}/reject/{state.current_task_state.pk}/",
        {"comment": "Skriv hvem produktet er til."},
    )
    section = panel(client)
    assert tab_statuses(section)["Om OS2mo, ny"] == "Ændringer ønsket"
    assert "Skriv hvem produktet er til." in section.get_text()


def test_images_and_documents_go_into_the_products_collection(client, coordinator, os2mo):
    own = product_collection(os2mo)
    other = product_collection(ProductPage.objects.get(slug="os2kitos"))
    assert own is not None and other is not None
    assert client.get("/admin/images/").status_code == 200
    soup = parse(client.get("/admin/documents/add/"))
    choices = {o.get_text(strip=True) for o in soup.select("select[name=collection] option")}
    assert os2mo.title in choices or not soup.select("select[name=collection]")
    assert other.name not in choices
    pdf = SimpleUploadedFile("vejledning.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(
        "/admin/documents/add/", {"title": "Vejledning", "file": pdf, "collection": own.pk}
    )
    assert response.status_code == 302
    assert get_document_model().objects.get(title="Vejledning").collection == own
    pdf = SimpleUploadedFile("andet.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post("/admin/documents/add/", {"title": "Andet", "file": pdf, "collection": other.pk})
    assert not get_document_model().objects.filter(title="Andet", collection=other).exists()
    assert not Collection.objects.filter(name=os2mo.title).count() > 1


def event_form(title, products, **extra):
    data = nested_form_data(
        {
            "title": title,
            "slug": extra.pop("slug", "brugermoede-os2mo-2027"),
            "kind": EventPage._meta.get_field("kind").choices[0][0],
            "start": "2027-03-01 10:00",
            "end": "2027-03-01 15:00",
            "place_name": "Dokk1, Aarhus",
            "introduction": "Brugermøde.",
            "body": streamfield([]),
            "programme": streamfield([]),
            "registration_open": "on",
            "exceptions": inline_formset([]),
            "questions": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )
    # A multiple choice is one key with several values (nested_form_data would number them).
    data["related_products"] = [str(p.pk) for p in products]
    return data


def test_a_coordinator_creates_an_event_about_their_product_only(client, coordinator, os2mo):
    index = EventIndexPage.objects.first()
    url = f"/admin/pages/add/community/eventpage/{index.pk}/"
    soup = parse(client.get(url))
    offered = {inp["value"] for inp in soup.select("input[name=related_products]")} | {
        o["value"] for o in soup.select("select[name=related_products] option") if o.get("value")
    }
    assert offered == {str(os2mo.pk)}
    other = ProductPage.objects.get(slug="os2kitos")
    response = client.post(url, event_form("Brugermøde om OS2kitos", [other], slug="kitos-moede"))
    assert response.status_code == 200 and not EventPage.objects.filter(slug="kitos-moede").exists()
    response = client.post(url, event_form("Brugermøde", [], slug="intet-produkt"))
    assert response.status_code == 200 and not EventPage.objects.filter(slug="intet-produkt").exists()

    response = client.post(url, event_form("Brugermøde om OS2mo 2027", [os2mo], **{"action-submit": "1"}))
    assert response.status_code == 302, parse(response).select(".error-message")
    event = EventPage.objects.get(slug="brugermoede-os2mo-2027")
    assert list(event.get_latest_revision_as_object().related_products.all()) == [os2mo]
    assert not event.live
    state = WorkflowState.objects.get(object_id=str(event.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.specific.groups.filter(name="Sekretariat").exists()


def cells(response):
    return [td.get_text(strip=True) for td in parse(response).select("td")]


def test_a_coordinator_sees_and_exports_their_events_signups_in_danish_time(client, coordinator, os2mo):
    own = EventPage.objects.filter(related_products=os2mo).first()
    other = EventPage.objects.exclude(related_products=os2mo).first()
    moment = datetime.datetime(2026, 6, 1, 10, 30, tzinfo=datetime.UTC)  # 12:30 in Denmark (summer)
    Registration.objects.create(
        event=own,
        name="Ida Egen",
        email="ida@example.dk",
        status=RegistrationStatus.CONFIRMED,
        created_at=moment,
    )
    Registration.objects.create(
        event=other, name="Ole Anden", email="ole@example.dk", status=RegistrationStatus.CONFIRMED
    )
    listing = client.get("/admin/snippets/community/registration/", {"event": own.pk, "q": "Egen"})
    assert listing.status_code == 200
    assert "Ida Egen" in cells(listing)
    # Another product's event is neither offered nor shown when asked for.
    assert "Ole Anden" not in cells(client.get("/admin/snippets/community/registration/", {"q": "Anden"}))
    soup = parse(listing)
    event_choices = {
        o.get_text(strip=True) for o in soup.select("select[name=event] option") if o.get("value")
    }
    assert other.title not in event_choices
    response = client.get("/admin/snippets/community/registration/", {"export": "csv", "event": own.pk})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    ida = next(row for row in rows if row["Navn"] == "Ida Egen")
    assert ida["Tilmeldt"] == moment.astimezone(LOCAL_TZ).strftime("%d.%m.%Y %H:%M") == "01.06.2026 12:30"
    assert all(row["Navn"] != "Ole Anden" for row in rows)
    assert client.get("/admin/snippets/community/registration/", {"export": "xlsx"}).status_code == 200


def test_a_coordinator_lists_and_exports_only_their_products_contacts(client, coordinator, os2mo):
    own = set(ContactPerson.objects.filter(product_roles__product=os2mo).values_list("email", flat=True))
    assert own
    response = client.get("/admin/snippets/products/contactperson/", {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    exported = {
        row["E-mail"] if "E-mail" in row else row.get("e-mail") for row in csv.DictReader(io.StringIO(body))
    }
    assert exported == own
    assert ContactPerson.objects.count() > len(own)


def test_the_page_chooser_shows_no_other_products_drafts(client, coordinator, os2mo):
    other = ProductPage.objects.get(slug="os2kitos")
    hidden = other.get_children().first().specific
    hidden.title = "Hemmeligt udkast om OS2kitos"
    hidden.save_revision()
    hidden.unpublish()
    own = os2mo.get_children().first().specific
    own.title = "Eget udkast om OS2mo"
    own.save_revision()
    own.unpublish()
    for url in [f"/admin/choose-page/{other.pk}/", "/admin/choose-page/search/?q=udkast"]:
        response = client.get(url)
        assert response.status_code == 200
        assert "Hemmeligt udkast" not in response.content.decode(), url
    assert "Eget udkast om OS2mo" in client.get(f"/admin/choose-page/{os2mo.pk}/").content.decode()


def test_the_admin_speaks_danish_to_the_coordinator(client, coordinator, os2mo):
    """Wagtail's texts that its Danish catalogue leaves in English come from the site's own catalogue."""
    tab = os2mo.get_children().first()
    seen = ""
    for url in ["/admin/", "/admin/images/", "/admin/documents/", f"/admin/pages/{tab.pk}/edit/"]:
        soup = parse(client.get(url))
        seen += (
            soup.get_text(" ")
            + " "
            + " ".join(
                str(tag.get(attr))
                for tag in soup.find_all(True)
                for attr in ("aria-label", "placeholder")
                if tag.get(attr)
            )
        )
    props = parse(client.get("/admin/")).find(id="wagtail-sidebar-props").string
    for english in [
        "Bulk actions",
        "Search all pages…",
        "Drag and drop",
        "Add an image",
        "Choose when this page",
    ]:
        assert english not in seen, english
    for english in ['"Images"', '"Documents"', '"Reports"', '"Help"']:
        assert english not in props, english
    assert '"Billeder"' in props and '"Dokumenter"' in props


def test_the_approval_mail_to_the_secretariat_is_danish(client, coordinator, os2mo):
    from django.core import mail

    tab = os2mo.get_children().first().specific
    mail.outbox.clear()
    client.post(
        f"/admin/pages/{tab.pk}/edit/", tab_form("Om OS2mo, nyt", slug=tab.slug, **{"action-submit": "1"})
    )
    (message,) = [m for m in mail.outbox if m.to == [SECRETARY]]
    assert "er sendt til godkendelse" in message.subject
    assert "Du kan redigere siden her:" in message.body
    assert "submitted" not in message.subject + message.body and "here:" not in message.body


def test_sending_for_approval_is_the_coordinators_main_action(client, coordinator, os2mo, secretary_client):
    tab = os2mo.get_children().first()
    for user_client, main in [(client, "action-submit"), (secretary_client, "action-publish")]:
        soup = parse(user_client.get(f"/admin/pages/{tab.pk}/edit/"))
        footer = soup.find("footer")
        first = footer.find("button", attrs={"name": lambda name: name and name.startswith("action-")})
        assert first["name"] == main
