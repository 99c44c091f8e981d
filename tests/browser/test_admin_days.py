"""Each role's whole day in the admin, in the browser and in Danish, logged in as that role (never a
superuser): the secretariat approves a page, moderates an idea, assesses a product's governance in the
matrix, decides a join application and publishes news; a product's coordinator edits the
product and a tab, adds an event, exports its sign-ups and sends the event for approval. No screen
refuses them, and none shows English interface text (tests/admin/english.py: Wagtail's and Django's
texts, those its scripts render included, that have no Danish translation)."""

import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import WorkflowState

from community.events.models import Registration, RegistrationStatus
from community.ideas.models import Idea
from community.joining.models import ApplicationStatus, JoinApplication
from community.members.demo import DEMO_SECRETARIAT
from community.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from products.models import CriterionAssessment, ProductPage, ProductTabPage
from tests.admin.english import english_of
from tests.community.joining.test_applications import PUBLIC_URL, public_data
from tests.products.test_coordinator_permissions import tab_form

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser]

DOMAINS = ("django", "djangojs")
REFUSALS = ("du har ikke rettigheder", "har ikke tilladelse", "Permission denied", "Forbidden")

# What a reader meets on the screen: each visible text, each small element's whole text (a sentence
# may hold a link or bold; a message sits on one line with its buttons), and the labels read aloud.
SCREEN_TEXTS = """() => {
    const texts = [];
    const content = "script, style, textarea, code, pre";
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const parent = walker.currentNode.parentElement;
        if (parent && parent.checkVisibility() && !parent.closest(content)) {
            texts.push(walker.currentNode.textContent);
        }
    }
    for (const element of document.body.querySelectorAll("*")) {
        if (element.children.length && element.querySelectorAll("*").length < 6
            && typeof element.innerText === "string" && element.checkVisibility()
            && !element.closest(content)) {
            texts.push(element.innerText);
        }
    }
    for (const element of document.querySelectorAll("[aria-label], [placeholder], [title]")) {
        for (const name of ["aria-label", "placeholder", "title"]) {
            if (element.hasAttribute(name)) texts.push(element.getAttribute(name));
        }
    }
    return texts;
}"""


def danish_screen(page, screen):
    """The screen opened without refusal, and shows no English interface text."""
    # Network idle: what Wagtail's scripts render (the sidebar, Draftail) has been drawn, and the
    # editor's own first request (its editing-sessions ping) has been answered before the next step.
    # Waiting only for the drawn sidebar and editors was no faster on a busy machine, and let the next
    # step's requests overlap the editor's on the one live server until they timed out.
    page.wait_for_load_state("networkidle")
    body = page.locator("body").inner_text()
    assert not any(refusal in body for refusal in REFUSALS), (screen, page.url)
    english = sorted(
        {text.strip() for text in page.evaluate(SCREEN_TEXTS) if text and english_of(text, DOMAINS)}
    )
    assert not english, f"English interface text on {screen} ({page.url}): {english}"


def goto(page, url, screen):
    response = page.goto(url)
    assert response.status < 400, (screen, url, response.status)
    danish_screen(page, screen)


def footer_action(page, selector):
    """A footer action of Wagtail's editor, opening the "more actions" menu when it is in there."""
    button = page.locator(f"footer button{selector}").first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    return button


def test_the_secretariats_day(page, live_demo):
    site = live_demo.url
    secretary = get_user_model().objects.get(email=DEMO_SECRETARIAT[2])
    assert not secretary.is_superuser
    # What the day brings: a coordinator's change to approve and an application to decide.
    coordinator = Client()
    coordinator.force_login(get_user_model().objects.get(username="tovholder-os2sofd"))
    tab = ProductTabPage.objects.filter(url_path__contains="/os2sofd/").first()
    new_title = f"{tab.title}, rettet af tovholderen"
    response = coordinator.post(
        f"/admin/pages/{tab.pk}/edit/", tab_form(new_title, slug=tab.slug, **{"action-submit": "1"})
    )
    assert response.status_code == 302
    name = f"Dagsrup Kommune {uuid.uuid4().hex[:6]}"
    Client().post(
        PUBLIC_URL,
        public_data(
            organisation_name=name, contact_email="karen@dagsrup.dk", submission_key=str(uuid.uuid4())
        ),
    )
    application = JoinApplication.objects.get(organisation_name=name)
    log_in(page, live_demo, secretary)

    # Approve the page.
    goto(page, f"{site}/admin/", "the dashboard")
    goto(page, f"{site}/admin/pages/{tab.pk}/edit/", "the page awaiting approval")
    approve = page.locator(
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    ).first
    if not approve.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    with page.expect_navigation():
        approve.click()
    danish_screen(page, "the page approved")
    tab.refresh_from_db()
    assert tab.title == new_title and tab.live

    # Moderate an idea: hide it with a reason.
    idea = Idea.objects.public().order_by("pk").last()
    goto(page, f"{site}/admin/ideer/moderation/", "the moderation queue")
    goto(page, f"{site}/admin/snippets/community/idea/", "the ideas")
    goto(page, f"{site}/admin/snippets/community/idea/edit/{idea.pk}/", "an idea")
    page.check("#id_is_hidden")
    page.fill("#id_reason", "Dublet af en anden idé.")
    with page.expect_navigation():
        page.locator("footer button[type='submit']").first.click()
    danish_screen(page, "the idea saved")
    idea.refresh_from_db()
    assert idea.is_hidden

    # Assess governance in the matrix.
    product = ProductPage.objects.get(slug="os2sofd")
    before = CriterionAssessment.objects.filter(product=product).count()
    goto(page, f"{site}/admin/governance/", "the governance products")
    goto(page, f"{site}/admin/governance/{product.pk}/", "the governance matrix")
    row = page.locator("tr[data-criterion]").first
    rating = row.locator("select[name$='-rating']")
    current = rating.input_value()
    choice = next(
        value
        for value in rating.locator("option").evaluate_all("options => options.map(o => o.value)")
        if value and value != current
    )
    rating.select_option(choice)
    row.locator("textarea[name$='-note'], input[name$='-note']").first.fill("Gennemgået på dagens møde.")
    with page.expect_navigation():
        page.locator("button[name='action'][value='save']").click()
    danish_screen(page, "the matrix saved")
    assert CriterionAssessment.objects.filter(product=product).count() == before + 1

    # Decide the join application.
    goto(page, f"{site}/admin/snippets/community/joinapplication/", "the applications")
    goto(page, f"{site}/admin/ansoegninger/{application.pk}/afgoer/", "the decision")
    page.check("input[name='decision'][value='decline']")
    page.fill("[name='reason']", "Ikke en offentlig myndighed.")
    with page.expect_navigation():
        page.locator("form button[type='submit']").last.click()
    danish_screen(page, "the application decided")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED

    # Publish news.
    index = NewsIndexPage.objects.first()
    goto(page, f"{site}/admin/pages/{index.pk}/", "the news in the explorer")
    goto(page, f"{site}/admin/pages/add/community/newspage/{index.pk}/", "a new article")
    title = f"Nyt fra sekretariatet {uuid.uuid4().hex[:6]}"
    page.fill("#id_title", title)
    page.fill("#id_author", "Sekretariatet")
    page.fill("#id_introduction", "Kort fortalt.")
    publish = footer_action(page, "[name='action-publish']")
    with page.expect_navigation():
        publish.click()
    danish_screen(page, "the article published")
    screenshot(page, "secretariat-day-news-published")
    article = NewsPage.objects.get(title=title)
    assert article.live


def test_the_coordinators_day(page, live_demo):
    from playwright.sync_api import expect

    site = live_demo.url
    coordinator = get_user_model().objects.get(username="tovholder-os2rollekatalog")
    assert not coordinator.is_superuser
    product = ProductPage.objects.get(slug="os2rollekatalog")
    tab = product.get_children().first()
    log_in(page, live_demo, coordinator)

    # The product, from the dashboard's "Mit produkt": a change saved as a draft.
    goto(page, f"{site}/admin/", "the dashboard")
    with page.expect_navigation():
        page.locator(f"[data-my-product] a[href='/admin/pages/{product.pk}/edit/']").first.click()
    danish_screen(page, "the product's editor")
    page.fill("#id_tagline", "Roller og rettigheder styret ét sted.")
    save = footer_action(page, ".action-save")
    with page.expect_navigation():
        save.click()
    danish_screen(page, "the product saved")
    product.refresh_from_db()
    assert product.get_latest_revision().as_object().tagline == "Roller og rettigheder styret ét sted."

    # A tab, sent for approval.
    goto(page, f"{site}/admin/pages/{tab.pk}/edit/", "a tab's editor")
    page.fill("#id_title", f"{tab.title} (opdateret)")
    with page.expect_navigation():
        page.locator("footer button[name='action-submit']").first.click()
    danish_screen(page, "the tab sent for approval")
    assert WorkflowState.objects.filter(
        object_id=str(tab.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()

    # An event about the product, sent for approval.
    index = EventIndexPage.objects.first()
    goto(page, f"{site}/admin/pages/add/community/eventpage/{index.pk}/", "a new event")
    title = f"Brugermøde om OS2rollekatalog {uuid.uuid4().hex[:6]}"
    page.fill("#id_title", title)
    # Leaving the title fills in the page's address (slug), as an editor's next step does.
    page.locator("#id_title").press("Tab")
    page.locator("#id_kind").select_option(index=1)
    # The date picker opens on focus and reads the typed text when it closes.
    for field, value in (("#id_start", "2027-03-01 10:00"), ("#id_end", "2027-03-01 15:00")):
        page.fill(field, value)
        page.locator(field).press("Escape")
        expect(page.locator(field)).to_have_value(value)
    page.fill("#id_place_name", "Dokk1, Aarhus")
    page.fill("#id_introduction", "Brugermøde for kommunerne.")
    with page.expect_navigation():
        page.locator("footer button[name='action-submit']").first.click()
    errors = [
        e.strip() for e in page.locator(".error-message, .help-critical, .w-field__errors").all_inner_texts()
    ]
    invalid = page.locator("[aria-invalid='true']").evaluate_all("fields => fields.map(f => f.name)")
    assert not any(errors), ([e for e in errors if e], invalid)
    danish_screen(page, "the event sent for approval")
    event = EventPage.objects.get(title=title)
    assert list(event.related_products.all()) == [product]
    assert WorkflowState.objects.filter(
        object_id=str(event.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()

    # The sign-ups of the product's events, exported.
    own = EventPage.objects.filter(related_products=product).exclude(pk=event.pk).first() or event
    Registration.objects.create(
        event=own, name="Ida Rollesen", email="ida@example.dk", status=RegistrationStatus.CONFIRMED
    )
    goto(page, f"{site}/admin/snippets/community/registration/", "the sign-ups")
    export = page.locator("a[href*='export=csv']").first
    if not export.is_visible():
        page.get_by_role("button", name="Handlinger").first.click()
        danish_screen(page, "the sign-ups' download menu")
    with page.expect_download() as download:
        export.click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Ida Rollesen" in content
    screenshot(page, "coordinator-day-signups")
