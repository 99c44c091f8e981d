"""The admin speaks Danish to the secretariat and to a product's coordinator: logged in as each role
(a member of the Sekretariat group, a member of OS2mo's coordinators' group; never a superuser), every
screen of their day — the dashboard, every menu item, the page explorer, the editors of a product, a tab, an
event and a news article, the approval screens, each snippet's listing and edit form, images,
documents, reports, the community's screens, site settings and the account — shows no English
interface text (see tests/admin/english.py for how English is found). On a small site built for the
test with one row of everything those screens list, so each listing's edit form is opened too."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, WorkflowState
from wagtail_factories import ImageFactory

from community.joining.models import AgreementTemplate, JoinApplication
from community.models import (
    EventPage,
    GroupKind,
    IdeaComment,
    NewsPage,
    Pledge,
    PledgeKind,
    ProductFollow,
    Project,
    Registration,
    RegistrationStatus,
    WorkingGroup,
    WorkingGroupRequest,
)
from home.site_address import set_site_address
from products.demo import ensure_criteria
from products.models import ContactPerson, ContactRole, JoinRequest, ProductContact, ProductPage
from products.permissions import product_collection
from tests.community.joining.test_applications import PUBLIC_URL, public_data
from tests.factories import (
    AgreementTemplateFactory,
    EventPageFactory,
    IdeaAreaFactory,
    IdeaStateFactory,
    JoinPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    ProductReleaseFactory,
    assess,
    coordinated_catalogue,
    coordinator_of,
    member_of,
    news_section,
    pdf_document,
    secretary,
    submitted_idea,
)
from tests.products.test_coordinator_permissions import tab_form

from .english import english_of, english_on_screen, untranslated

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

SECRETARY = "anne.lund@os2.example.dk"


@pytest.fixture
def editors():
    """OS2mo and OS2kitos with their coordinators' groups, a coordinator of OS2mo and the secretariat,
    on a site answering at the public address."""
    # Wagtail writes the addresses in its mails from the site's address, which is set to the public one
    # (BASE_URL) as each deploy's setup_roles sets it.
    set_site_address()
    products = coordinated_catalogue("OS2mo", "OS2kitos")
    secretary(SECRETARY)
    coordinator_of(products["os2mo"])
    return products


@pytest.fixture
def site(editors):
    """The editors' site with one of each thing the two roles' screens list: an event about OS2mo with
    a sign-up, a news article, the governance criteria with an assessment, a contact person, a release,
    a working group with a request to join it, an organisation with a member who follows OS2mo and asks
    to join it, a submitted idea with its area, comment and pledge, a project, an application to join
    OS2 (sent through the public form, with the agreement templates), an image, and a document in
    OS2mo's collection."""
    os2mo = editors["os2mo"]
    news_section()
    NewsPageFactory(title="OS2mo 14 er udkommet", related_products=[os2mo])
    event = EventPageFactory(title="Brugermøde om OS2mo", related_products=[os2mo], registration_open=True)
    ensure_criteria()
    assess(os2mo, [1])
    contact = ContactPerson.objects.create(name="Birthe Hansen", email="birthe@example.dk")
    ProductContact.objects.create(product=os2mo, person=contact, role=ContactRole.TOVHOLDER)
    ProductReleaseFactory(product=os2mo)
    aarhus = OrganisationFactory(name="Aarhus Kommune")
    member = member_of(aarhus, "mette.holm@aarhus.example.dk", first_name="Mette", last_name="Holm")
    Registration.objects.create(
        event=event, user=member, name="Mette Holm", email=member.email, status=RegistrationStatus.CONFIRMED
    )
    group = WorkingGroup.objects.create(
        product=os2mo,
        kind=GroupKind.KOORDINATIONSGRUPPE,
        name="Koordinationsgruppen for OS2mo",
        contact=contact,
    )
    WorkingGroupRequest.objects.create(group=group, user=member, organisation=aarhus)
    ProductFollow.objects.create(product=os2mo, user=member)
    JoinRequest.objects.create(product=os2mo, organisation=aarhus, kind="tilslutning", requested_by=member)
    IdeaStateFactory(name="Indsendt", slug="indsendt", order=10)
    idea = submitted_idea(
        member, "Fælles booking af mødelokaler", area=IdeaAreaFactory(name="Administration")
    )
    IdeaComment.objects.create(idea=idea, author=member, body="Vi vil gerne være med i en pilot.")
    Pledge.objects.create(idea=idea, organisation=aarhus, kind=PledgeKind.PILOT)
    Project.objects.create(title="Lokalebooking", slug="lokalebooking", summary="Fælles booking af lokaler.")
    JoinPageFactory()
    for order, kind in enumerate(AgreementTemplate.Kind):
        AgreementTemplateFactory(kind=kind, sort_order=order)
    assert Client().post(PUBLIC_URL, public_data()).status_code == 302
    mail.outbox.clear()  # the applicant's receipt: the workflow mails are the ones read below
    ImageFactory(
        title="Fællesskabsdag", file__width=800, file__height=450, collection=Collection.get_first_root_node()
    )
    document = pdf_document("Vejledning til OS2mo")
    document.collection = product_collection(os2mo)
    document.save()
    return editors


EDIT_LINK = re.compile(r"^/admin/(snippets/[\w/]+/(edit|inspect)/\d+|images/\d+|documents/edit/\d+)/$")


def menu_urls(value):
    """The admin addresses of the sidebar's menu (Wagtail's JSON of its menu items)."""
    if isinstance(value, dict):
        url = value.get("url")
        if isinstance(url, str) and url.startswith("/admin/"):
            yield url
        for item in value.values():
            yield from menu_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from menu_urls(item)


def first_edit_links(html):
    """The first edit (or inspect) link of a listing, and its add link: the forms behind the list."""
    soup = BeautifulSoup(html, "html.parser")
    links = []
    for anchor in soup.select("main a[href]"):
        href = anchor["href"].split("?")[0]
        kind = href.rsplit("/", 2)[0]
        if (EDIT_LINK.match(href) or href.endswith("/add/")) and not any(
            link.rsplit("/", 2)[0] == kind for link in links
        ):
            links.append(href)
    return links[:3]


def walk(client, urls):
    """Opens each screen (and the forms its listing links to); returns {screen: English texts}."""
    english, seen = {}, set()
    queue = list(dict.fromkeys(urls))
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        assert response.status_code == 200, (url, response.status_code)
        if "application/json" in response["Content-Type"]:
            # A chooser's modal: its HTML comes inside JSON.
            html = response.json().get("html", "")
        elif "text/html" in response["Content-Type"]:
            html = response.content.decode()
        else:
            continue
        if found := english_on_screen(html):
            english[url] = found
        listing = not re.search(r"/(edit|add|inspect)/|/\d+/$", url)
        if listing and ("/snippets/" in url or url in ("/admin/images/", "/admin/documents/")):
            queue += [link for link in first_edit_links(html) if link not in seen]
    return english


def report(english):
    return "English interface text on the Danish admin's screens:\n" + "\n".join(
        f"  {url}: {texts}" for url, texts in english.items()
    )


def screens_of(client, *extra):
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    menu = list(menu_urls(json.loads(soup.find(id="wagtail-sidebar-props").string)))
    return ["/admin/", *menu, *extra]


def test_the_catalogues_are_read():
    """The check knows Wagtail's English texts and which of them have no Danish translation."""
    texts = untranslated()
    assert "Search all pages…" not in texts and "Images" not in texts
    assert len(texts) > 100


def test_the_check_finds_english():
    """An untranslated text is found in the page's text, in a label and as a built message; Danish
    and what a user typed are not."""
    texts = sorted(untranslated())
    plain = next(t for t in texts if "%" not in t and "<" not in t and len(t.split()) > 2)
    label = next(t for t in texts if "%" not in t and "<" not in t and t != plain)
    message = next(t for t in texts if t.count("%(") == 1 and "<" not in t and len(t.split()) > 3)
    built = re.sub(r"%\(\w+\)[sd]", "Fælles chat", message)
    html = (
        f"<main><h1>Rediger idé</h1><p>{plain}</p><div class='messages'>{built}</div>"
        f'<button aria-label="{label}">+</button><textarea>Typed by someone</textarea>'
        '<input value="Also typed"></main>'
    )
    assert set(english_on_screen(html)) == {plain, built, label}


def test_the_coordinators_admin_is_danish(site, client):
    coordinator = get_user_model().objects.get(username="tovholder-os2mo")
    assert not coordinator.is_superuser
    client.force_login(coordinator)
    product = ProductPage.objects.get(slug="os2mo")
    tab = product.get_children().first()
    event = EventPage.objects.filter(related_products=product).first()
    # A change sent for approval, so the screens show where it stands.
    response = client.post(
        f"/admin/pages/{tab.pk}/edit/", tab_form(tab.title, slug=tab.slug, **{"action-submit": "1"})
    )
    assert response.status_code == 302
    english = walk(
        client,
        screens_of(
            client,
            f"/admin/pages/{product.pk}/",
            f"/admin/pages/{product.pk}/edit/",
            f"/admin/pages/{tab.pk}/edit/",
            f"/admin/pages/{tab.pk}/history/",
            f"/admin/pages/{tab.pk}/workflow_history/",
            f"/admin/pages/add/products/producttabpage/{product.pk}/",
            f"/admin/pages/{event.pk}/edit/",
            f"/admin/pages/add/community/eventpage/{event.get_parent().pk}/",
            "/admin/images/multiple/add/",
            "/admin/documents/multiple/add/",
            "/admin/account/",
            # The choosers the editor opens from a form.
            f"/admin/choose-page/{product.pk}/",
            "/admin/images/chooser/",
            "/admin/documents/chooser/",
            # The public page with Wagtail's bar for editors.
            "/",
            product.url,
        ),
    )
    assert not english, report(english)


def test_the_secretariats_admin_is_danish(site, client):
    coordinator = Client()
    coordinator.force_login(get_user_model().objects.get(username="tovholder-os2mo"))
    product = ProductPage.objects.get(slug="os2mo")
    tab = product.get_children().first()
    coordinator.post(
        f"/admin/pages/{tab.pk}/edit/", tab_form(tab.title, slug=tab.slug, **{"action-submit": "1"})
    )
    state = WorkflowState.objects.get(object_id=str(tab.pk), status=WorkflowState.STATUS_IN_PROGRESS)

    member = get_user_model().objects.get(email=SECRETARY)
    assert not member.is_superuser
    client.force_login(member)
    news = NewsPage.objects.first()
    event = EventPage.objects.first()
    application = JoinApplication.objects.get()
    extra = [
        f"/admin/pages/{product.get_parent().pk}/",
        f"/admin/pages/{product.pk}/edit/",
        f"/admin/pages/{tab.pk}/edit/",
        f"/admin/pages/workflow/action/{tab.pk}/approve/{state.current_task_state.pk}/",
        f"/admin/pages/workflow/action/{tab.pk}/reject/{state.current_task_state.pk}/",
        f"/admin/pages/{tab.pk}/workflow_history/",
        f"/admin/pages/{news.pk}/edit/",
        f"/admin/pages/add/community/newspage/{news.get_parent().pk}/",
        f"/admin/pages/{event.pk}/edit/",
        f"/admin/governance/{product.pk}/",
        "/admin/settings/home/sitesettings/",
        "/admin/images/multiple/add/",
        "/admin/documents/multiple/add/",
        f"/admin/images/{get_image_model().objects.get().pk}/",
        f"/admin/documents/edit/{get_document_model().objects.get(title='Vejledning til OS2mo').pk}/",
        f"/admin/ansoegninger/{application.pk}/afgoer/",
    ]
    english = walk(client, screens_of(client, *extra))
    assert not english, report(english)


def mail_texts(message):
    """A mail's subject and the lines of its text and HTML bodies, as a reader meets them."""
    texts = [message.subject, *message.body.splitlines()]
    for html, _kind in getattr(message, "alternatives", []):
        texts += BeautifulSoup(html, "html.parser").get_text("\n").splitlines()
    return [text for text in texts if text.strip()]


def links_of(message):
    links = re.findall(r"https?://[^\s\"'<>]+", message.body)
    for html, _kind in getattr(message, "alternatives", []):
        links += [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a", href=True)]
    return links


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_the_workflow_mails_are_danish_and_link_to_the_public_address(
    editors, client, settings, mailoutbox, decision
):
    """Submitting, approving and requesting changes send Wagtail's mails in Danish, with links to the
    site's public address (BASE_URL), never to the development server's port."""
    coordinator = get_user_model().objects.get(username="tovholder-os2mo")
    if not coordinator.email:
        coordinator.email = "tovholder-os2mo@example.dk"
        coordinator.save(update_fields=["email"])
    client.force_login(coordinator)
    tab = ProductPage.objects.get(slug="os2mo").get_children().first()
    client.post(f"/admin/pages/{tab.pk}/edit/", tab_form(tab.title, slug=tab.slug, **{"action-submit": "1"}))
    state = WorkflowState.objects.get(object_id=str(tab.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    secretariat = Client()
    secretariat.force_login(get_user_model().objects.get(email=SECRETARY))
    response = secretariat.post(
        f"/admin/pages/workflow/action/{tab.pk}/{decision}/{state.current_task_state.pk}/",
        {"comment": "Ret venligst overskriften."},
    )
    assert response.status_code in (200, 302)
    to_coordinator = [m for m in mailoutbox if coordinator.email in m.to]
    to_secretariat = [m for m in mailoutbox if SECRETARY in m.to]
    assert to_coordinator and to_secretariat, [(m.to, m.subject) for m in mailoutbox]
    for message in mailoutbox:
        english = [text for text in mail_texts(message) if english_of(text)]
        assert not english, (message.subject, english)
        links = links_of(message)
        assert links, message.subject
        for link in links:
            assert link.startswith(settings.BASE_URL + "/") and ":8000" not in link, (message.subject, link)


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_danish_catalogue_is_up_to_date(domain):
    """The site reads the .mo; it holds exactly the hand-kept .po's translations (run `make messages`)."""
    from pathlib import Path

    import polib
    from django.conf import settings

    folder = Path(settings.BASE_DIR) / "locale" / "da" / "LC_MESSAGES"

    def translations(catalogue):
        return {
            (entry.msgctxt or "", entry.msgid): tuple(sorted(entry.msgstr_plural.items())) or entry.msgstr
            for entry in catalogue
            if entry.msgid and (entry.msgstr or any(entry.msgstr_plural.values()))
        }

    source = polib.pofile(str(folder / f"{domain}.po"))
    assert translations(source) == translations(polib.mofile(str(folder / f"{domain}.mo")))
    assert not [entry.msgid for entry in source if entry.msgid and not entry.translated()]
