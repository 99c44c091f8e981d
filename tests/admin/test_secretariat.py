"""The secretariat does its job in the admin: logged in as a member of the Sekretariat group (never a
superuser), each screen's listing and edit view open and a change saves — idea moderation, states and
areas, comments, governance, applications, agreement templates, contact persons, site settings,
organisations and member accounts, news and events, images and documents. Each test builds the few
pages and rows its screens show."""

import json
from pathlib import Path

import pytest
import wagtail
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from community.ideas import services
from community.ideas.models import CommentReport, IdeaArea, IdeaState
from community.joining.models import AgreementTemplate, ApplicationStatus, JoinApplication
from community.members.models import Affiliation, AffiliationStatus
from community.models import EventPage, NewsIndexPage, NewsPage
from home.models import SiteSettings
from home.roles import SECRETARIAT_GROUP
from products.demo import ensure_criteria
from products.models import ContactPerson, CriterionAssessment, GovernanceCriterion
from tests.community.joining.test_applications import PUBLIC_URL, public_data
from tests.factories import (
    AgreementTemplateFactory,
    ContentPageFactory,
    EventPageFactory,
    IdeaStateFactory,
    JoinPageFactory,
    OrganisationFactory,
    ProductPageFactory,
    assess,
    catalogue,
    coordinator_of,
    events_page,
    front_page,
    member_of,
    news_section,
    product_with_tabs,
    submitted_idea,
)
from tests.factories import secretary as secretariat_member
from tests.markup import parse, text

from .forms import submit

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

SNIPPETS = "/admin/snippets"


@pytest.fixture
def secretary(client):
    user = secretariat_member()
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [SECRETARIAT_GROUP]
    client.force_login(user)
    return user


@pytest.fixture
def ballerup():
    return OrganisationFactory(name="Ballerup Kommune")


@pytest.fixture
def idea(ballerup):
    """A Ballerup member's idea, submitted into the first of the secretariat's states."""
    IdeaStateFactory(name="Indsendt", slug="indsendt", order=10)
    IdeaStateFactory(name="Under behandling", slug="under-behandling", order=20)
    member = member_of(ballerup, "karen.berg@ballerup.example.dk")
    return submitted_idea(member, "Fælles booking af mødelokaler")


@pytest.fixture
def comment(idea):
    """A comment on the idea by a member of another municipality."""
    aarhus = OrganisationFactory(name="Aarhus Kommune")
    author = member_of(aarhus, "jens.holm@aarhus.example.dk", first_name="Jens", last_name="Holm")
    return services.add_comment(idea, author, aarhus, "Vi har samme behov i Aarhus og vil gerne være med.")


@pytest.fixture
def os2mo():
    """OS2mo in the catalogue with its tabs, under the secretariat's approval workflow."""
    return product_with_tabs(catalogue(), "OS2mo")


def ok(response):
    assert response.status_code == 200, response.status_code
    return parse(response)


def saved(response):
    """A saved admin form redirects; a re-rendered one shows its errors."""
    if response.status_code != 302:
        document = parse(response)
        errors = [text(e) for e in document.select(".error-message, .help-critical, .w-field__errors")]
        raise AssertionError(f"not saved ({response.status_code}): {errors}")
    return response


def test_the_command_is_idempotent_and_gives_exactly_the_roles_permissions(secretary, os2mo):
    coordinator_of(os2mo)  # the command gives the products' coordinators' groups their permissions too
    group = Group.objects.get(name=SECRETARIAT_GROUP)
    before = set(group.permissions.values_list("content_type__app_label", "codename"))
    stray = group.permissions.model.objects.get(codename="delete_user")
    group.permissions.add(stray)
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert after == before
    assert ("auth", "delete_user") not in after
    assert {
        ("community", "change_idea"),
        ("products", "add_criterionassessment"),
        ("home", "change_sitesettings"),
    } <= after
    assert (
        group.page_permissions.filter(
            page=Page.get_first_root_node(), permission__codename="publish_page"
        ).count()
        == 1
    )


def test_the_admin_menu_holds_the_secretariats_screens(client, secretary):
    # The admin's menu is drawn by its script from data in the page.
    props = json.loads(ok(client.get("/admin/")).find(id="wagtail-sidebar-props").string)
    links = {item.get("url") for item in menu_items(props)}
    for url in [
        "/admin/snippets/community/idea/",
        "/admin/snippets/community/joinapplication/",
        "/admin/snippets/products/criterionassessment/",
        "/admin/snippets/products/contactperson/",
        "/admin/settings/home/sitesettings/",
        "/admin/images/",
        "/admin/documents/",
    ]:
        assert url in links, url


def test_moderates_an_idea_hiding_it_with_a_reason(client, secretary, idea):
    ok(client.get(f"{SNIPPETS}/community/idea/"))
    url = f"{SNIPPETS}/community/idea/edit/{idea.pk}/"
    saved(submit(client, url, {"is_hidden": "on", "reason": "Dublet af en anden idé."}))
    idea.refresh_from_db()
    assert idea.is_hidden
    assert idea.log.filter(kind="skjult").exists() or idea.log.filter(reason__contains="Dublet").exists()


def test_moderation_queue_dismisses_a_report(client, secretary, comment):
    reader = comment.idea.submitter
    CommentReport.objects.create(comment=comment, user=reader, reason="Reklame")
    soup = ok(client.get("/admin/ideer/moderation/"))
    assert comment.body[:30] in soup.get_text()
    assert client.post("/admin/ideer/moderation/", {"dismiss": comment.pk}).status_code == 302
    assert not comment.reports.filter(resolved=False).exists()


def test_hides_a_comment_with_a_reason(client, secretary, comment):
    ok(client.get(f"{SNIPPETS}/community/ideacomment/"))
    saved(
        submit(
            client,
            f"{SNIPPETS}/community/ideacomment/edit/{comment.pk}/",
            {"is_hidden": "on", "reason": "Krænkende."},
        )
    )
    comment.refresh_from_db()
    assert comment.is_hidden


def test_edits_idea_states_and_adds_an_area(client, secretary, idea):
    state = IdeaState.objects.order_by("order").first()
    ok(client.get(f"{SNIPPETS}/community/ideastate/"))
    saved(submit(client, f"{SNIPPETS}/community/ideastate/edit/{state.pk}/", {"name": "Modtaget"}))
    state.refresh_from_db()
    assert state.name == "Modtaget"
    ok(client.get(f"{SNIPPETS}/community/ideaarea/"))
    saved(
        submit(
            client, f"{SNIPPETS}/community/ideaarea/add/", {"name": "Klima", "slug": "klima", "order": "99"}
        )
    )
    assert IdeaArea.objects.filter(slug="klima").exists()


def test_assesses_a_governance_criterion_and_edits_a_criterion(client, secretary):
    ensure_criteria()
    product = ProductPageFactory(parent=catalogue(), title="OS2mo", slug="os2mo")
    assess(product, [0, 1])
    criterion = GovernanceCriterion.objects.get(code="G3")
    ok(client.get(f"{SNIPPETS}/products/criterionassessment/"))
    assessment = CriterionAssessment.objects.filter(product=product).first()
    ok(client.get(f"{SNIPPETS}/products/criterionassessment/edit/{assessment.pk}/"))
    saved(
        submit(
            client,
            f"{SNIPPETS}/products/criterionassessment/add/",
            {
                "product": str(product.pk),
                "criterion": str(criterion.pk),
                "rating": "groen",
                "assessed_on": "2026-12-01",
                "note": "Tovholderen er navngivet.",
            },
        )
    )
    assert CriterionAssessment.objects.filter(
        product=product, criterion=criterion, assessed_on="2026-12-01"
    ).exists()
    ok(client.get(f"{SNIPPETS}/products/governancecriterion/"))
    saved(
        submit(
            client,
            f"{SNIPPETS}/products/governancecriterion/edit/{criterion.pk}/",
            {"text": "Navngiven tovholder"},
        )
    )
    criterion.refresh_from_db()
    assert criterion.text == "Navngiven tovholder"


def test_decides_a_join_application(client, secretary):
    JoinPageFactory()
    for order, kind in enumerate(AgreementTemplate.Kind):
        AgreementTemplateFactory(kind=kind, sort_order=order)
    Client().post(PUBLIC_URL, public_data())
    application = JoinApplication.objects.get(status=ApplicationStatus.RECEIVED)
    ok(client.get(f"{SNIPPETS}/community/joinapplication/"))
    ok(client.get(f"{SNIPPETS}/community/joinapplication/inspect/{application.pk}/"))
    ok(client.get(f"/admin/ansoegninger/{application.pk}/afgoer/"))
    response = client.post(
        f"/admin/ansoegninger/{application.pk}/afgoer/",
        {"decision": "decline", "reason": "Ikke en myndighed."},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED


def test_edits_an_agreement_template(client, secretary):
    template = AgreementTemplateFactory()
    ok(client.get(f"{SNIPPETS}/community/agreementtemplate/"))
    saved(
        submit(
            client,
            f"{SNIPPETS}/community/agreementtemplate/edit/{template.pk}/",
            {"explanation": "Gælder altid."},
        )
    )
    template.refresh_from_db()
    assert template.explanation == "Gælder altid."


def test_edits_a_contact_person(client, secretary):
    person = ContactPerson.objects.create(name="Birthe Hansen", email="bh@example.dk", phone="86 12 34 56")
    ok(client.get(f"{SNIPPETS}/products/contactperson/"))
    saved(submit(client, f"{SNIPPETS}/products/contactperson/edit/{person.pk}/", {"phone": "12345678"}))
    person.refresh_from_db()
    assert person.phone == "12345678"


def test_edits_the_site_settings(client, secretary):
    site_settings = SiteSettings.load()
    site_settings.address = "c/o Aarhus Kommune, Dokk1\nHack Kampmanns Plads 2\n8000 Aarhus C"
    site_settings.email = "os2@os2.eu"
    site_settings.accessibility_page = ContentPageFactory(parent=front_page(), title="Tilgængelighed")
    site_settings.save()
    settings_url = client.get("/admin/settings/home/sitesettings/", follow=True).redirect_chain[-1][0]
    saved(submit(client, settings_url, {"phone": "33 33 33 33"}))
    site_settings = SiteSettings.load()
    assert site_settings.phone == "33 33 33 33"
    # What the form showed is kept.
    assert site_settings.email == "os2@os2.eu" and site_settings.accessibility_page.title == "Tilgængelighed"


def test_edits_an_organisation_and_approves_a_member_account(client, secretary, ballerup):
    member_of(ballerup, "karen.berg@ballerup.example.dk")
    aalborg = OrganisationFactory(name="Aalborg Kommune")
    member_of(aalborg, "peter.nielsen@aalborg.example.dk", status=AffiliationStatus.PENDING)
    organisation = ballerup
    ok(client.get(f"{SNIPPETS}/community/organisation/"))
    saved(
        submit(
            client, f"{SNIPPETS}/community/organisation/edit/{organisation.pk}/", {"description": "Ny tekst."}
        )
    )
    organisation.refresh_from_db()
    assert organisation.description == "Ny tekst."
    affiliation = Affiliation.objects.filter(status=AffiliationStatus.PENDING).first()
    ok(client.get(f"{SNIPPETS}/community/affiliation/"))
    saved(
        submit(
            client,
            f"{SNIPPETS}/community/affiliation/edit/{affiliation.pk}/",
            {"status": AffiliationStatus.APPROVED},
        )
    )
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.APPROVED and affiliation.decided_by == secretary


def news_form(title, slug, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-12-04",
            "author": "Sekretariatet",
            "introduction": "Kort fortalt.",
            "body": streamfield([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_publishes_news(client, secretary):
    index = news_section()
    ok(client.get(f"/admin/pages/{index.pk}/"))
    ok(client.get(f"/admin/pages/add/community/newspage/{index.pk}/"))
    response = client.post(
        f"/admin/pages/add/community/newspage/{index.pk}/",
        news_form("Generalforsamling 2027", "generalforsamling-2027", **{"action-publish": "1"}),
    )
    saved(response)
    page = NewsPage.objects.get(slug="generalforsamling-2027")
    assert page.live
    ok(client.get(f"/admin/pages/{page.pk}/edit/"))
    assert client.get(page.url).status_code == 200


def test_edits_and_unpublishes_an_event(client, secretary):
    event = EventPageFactory(parent=events_page())
    ok(client.get(f"/admin/pages/{event.get_parent().pk}/"))
    ok(client.get(f"/admin/pages/{event.pk}/edit/"))
    ok(client.get(f"/admin/pages/add/community/eventpage/{event.get_parent().pk}/"))
    assert client.post(f"/admin/pages/{event.pk}/unpublish/").status_code == 302
    event.refresh_from_db()
    assert not event.live


def test_approves_a_coordinators_change(client, secretary, os2mo):
    tab = os2mo.get_children().first().specific
    coordinator = coordinator_of(os2mo)
    tab.title = "Om OS2mo, rettet"
    revision = tab.save_revision(user=coordinator)
    workflow = tab.get_workflow()
    assert workflow is not None
    workflow.start(tab, coordinator)
    state = WorkflowState.objects.get(object_id=str(tab.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert revision.pk
    soup = ok(client.get("/admin/"))
    assert "Om OS2mo, rettet" in soup.get_text()
    response = client.post(
        f"/admin/pages/workflow/action/{tab.pk}/approve/{state.current_task_state.pk}/", {"comment": "Fint."}
    )
    assert response.status_code in {200, 302}
    tab.refresh_from_db()
    assert tab.title == "Om OS2mo, rettet" and tab.live


def test_events_and_news_go_to_the_secretariats_workflow():
    news_section()
    EventPageFactory(parent=events_page())
    # What every installation runs after `migrate`.
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for page in [NewsIndexPage.objects.first(), EventPage.objects.first()]:
        workflow = page.get_workflow()
        assert workflow.name == "Godkendelse i sekretariatet"
        assert workflow.tasks.first().specific.groups.filter(name=SECRETARIAT_GROUP).exists()


def test_uploads_a_document(client, secretary):
    ok(client.get("/admin/images/"))
    ok(client.get("/admin/documents/"))
    document = SimpleUploadedFile("referat.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    root = Collection.get_first_root_node()
    response = client.post(
        "/admin/documents/add/", {"title": "Referat", "file": document, "collection": root.pk}
    )
    assert response.status_code == 302, response.status_code
    # Saved, not turned away (a refusal redirects too).
    assert get_document_model().objects.filter(title="Referat", collection=root).exists()


def menu_items(node):
    """Every menu item in the sidebar's props (Wagtail's JSON telepath form), at any depth."""
    if isinstance(node, dict):
        if "icon_name" in node and "label" in node:
            yield node
        for value in node.values():
            yield from menu_items(value)
    elif isinstance(node, list):
        for value in node:
            yield from menu_items(value)


def test_every_menu_item_has_a_wagtail_icon_and_a_name_of_its_own(client, secretary):
    soup = ok(client.get("/admin/"))
    props = json.loads(soup.find(id="wagtail-sidebar-props").string)
    items = list(menu_items(props))
    assert len(items) > 10
    icons = {
        path.stem
        for path in (Path(wagtail.__file__).parent / "admin/templates/wagtailadmin/icons").glob("*.svg")
    }
    missing = {
        item["label"]: item["icon_name"]
        for item in items
        if item["icon_name"] and item["icon_name"] not in icons
    }
    assert not missing
    labels = [item["label"] for item in items]
    assert len(labels) == len(set(labels)), sorted(label for label in labels if labels.count(label) > 1)
