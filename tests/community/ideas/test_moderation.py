"""The secretariat moderates in Wagtail's admin: a queue of new ideas, reported comments and ideas
awaiting a decision; state changes, hiding and editing always with a reason that is logged and shown on
the idea; followers are told of state changes; an accepted idea links to the product it became."""

import pytest
from django.core import mail
from django.utils import timezone

from community.ideas import services
from community.models import CommentReport, Idea, IdeaLogEntry, LogKind
from tests.factories import ProductPageFactory, catalogue, draft_idea
from tests.markup import card_titles, parse, region, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

QUEUE = "/admin/ideer/moderation/"


def edit_url(idea):
    return f"/admin/snippets/community/idea/edit/{idea.pk}/"


def admin_data(idea, **changes):
    data = {
        "state": idea.state_id,
        "reason": "",
        "merged_into": idea.merged_into_id or "",
        "became_product": idea.became_product_id or "",
        "title": idea.title,
        "organisation": idea.organisation_id,
        "area": idea.area_id or "",
        "need": idea.need,
        "benefit": idea.benefit,
        "shared_with": idea.shared_with,
    }
    if idea.is_hidden:
        data["is_hidden"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def queue(client):
    """The moderation queue's parts, by their headings' ids: {id: the part's text}."""
    document = parse(client.get(QUEUE))
    return {
        section["aria-labelledby"]: text(section)
        for section in document.find_all("section", attrs={"aria-labelledby": True})
    }


def history(client, idea):
    """The entries of the idea page's history, as read."""
    section = region(parse(client.get(idea.get_absolute_url())), "Historik")
    return section.find("ol").find_all("li", recursive=False)


def test_the_queue_shows_new_ideas_reported_comments_and_ideas_awaiting_a_decision(
    client, secretary, make_idea, member, other_member, state
):
    new = make_idea(title="Helt ny idé om kantinen", state_slug="indsendt")
    reviewing = make_idea(title="Idé under behandling", state_slug="under-behandling")
    open_without_support = make_idea(title="Idé uden opbakning endnu")
    reported = services.add_comment(
        new, other_member, other_member.affiliation.organisation, "Grim kommentar"
    )
    CommentReport.objects.create(comment=reported, user=member)
    client.force_login(secretary)
    parts = queue(client)
    assert set(parts) == {"new-ideas", "reported-comments", "awaiting-decision", "hidden-ideas"}
    assert new.title in parts["new-ideas"] and reviewing.title not in parts["new-ideas"]
    assert "Grim kommentar" in parts["reported-comments"]
    assert "Grim kommentar" not in parts["new-ideas"] + parts["awaiting-decision"]
    waiting = parts["awaiting-decision"]
    assert reviewing.title in waiting and open_without_support.title not in waiting

    # Dismissing the reports empties that part of the queue.
    client.post(QUEUE, {"dismiss": reported.pk})
    parts = queue(client)
    assert "Grim kommentar" not in parts["reported-comments"]
    assert "Ingen anmeldte kommentarer." in parts["reported-comments"]


def test_members_cannot_open_the_queue(client, member):
    client.force_login(member)
    response = client.get(QUEUE)
    assert response.status_code in (302, 403)


def test_the_secretariat_changes_state_with_a_logged_reason_and_followers_hear_of_it(
    client, secretary, make_idea, member, state
):
    idea = make_idea(state_slug="indsendt")
    client.force_login(secretary)
    mail.outbox.clear()
    declined = state("afvist")
    response = client.post(edit_url(idea), admin_data(idea, state=declined.pk))
    assert response.status_code == 200
    assert "Tilstanden “Afvist med begrundelse” kræver en begrundelse." in response.content.decode()
    idea.refresh_from_db()
    assert idea.state.slug == "indsendt" and not mail.outbox

    response = client.post(
        edit_url(idea), admin_data(idea, state=declined.pk, reason="Dækkes af et eksisterende produkt.")
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.state == declined
    entry = IdeaLogEntry.objects.get(idea=idea, kind=LogKind.STATE)
    assert entry.user == secretary and entry.from_state.slug == "indsendt"
    last = history(client, idea)[-1]
    assert text(last).endswith(
        ": Ny tilstand: Afvist med begrundelse Begrundelse: Dækkes af et eksisterende produkt."
    )
    assert last.time["datetime"] == timezone.localtime(entry.created_at).strftime("%Y-%m-%dT%H:%M:%S%z")
    assert [message.to[0] for message in mail.outbox] == [member.email]
    assert "Dækkes af et eksisterende produkt." in mail.outbox[0].body
    # The log is shown in the admin too.
    assert "Dækkes af et eksisterende produkt." in client.get(edit_url(idea)).content.decode()


def test_editing_or_hiding_needs_a_reason_and_hidden_ideas_leave_the_public_site(
    client, secretary, make_idea
):
    idea = make_idea(title="Idé med en stavefjel")
    client.force_login(secretary)
    response = client.post(edit_url(idea), admin_data(idea, title="Idé med en stavefejl"))
    assert "Skriv en begrundelse. Den gemmes i idéens log." in response.content.decode()
    client.post(edit_url(idea), admin_data(idea, title="Idé med en stavefejl", reason="Stavefejl rettet."))
    idea.refresh_from_db()
    assert idea.title == "Idé med en stavefejl"
    assert IdeaLogEntry.objects.filter(idea=idea, kind=LogKind.EDITED, reason="Stavefejl rettet.").exists()

    client.post(edit_url(idea), admin_data(idea, is_hidden="on", reason="Indeholder persondata."))
    idea.refresh_from_db()
    assert idea.is_hidden
    assert IdeaLogEntry.objects.filter(idea=idea, kind=LogKind.HIDDEN, user=secretary).exists()
    visitor = client.__class__()
    assert visitor.get(idea.get_absolute_url()).status_code == 404
    assert card_titles(parse(visitor.get("/ideer/"))) == []
    parts = queue(client)
    assert idea.title in parts["hidden-ideas"] and idea.title not in parts["new-ideas"]


def test_the_secretariat_hides_a_reported_comment_with_a_reason(
    client, secretary, make_idea, member, other_member
):
    idea = make_idea()
    saved = services.add_comment(idea, other_member, other_member.affiliation.organisation, "Reklame for ure")
    CommentReport.objects.create(comment=saved, user=member)
    client.force_login(secretary)
    url = f"/admin/snippets/community/ideacomment/edit/{saved.pk}/"
    response = client.post(url, {"is_hidden": "on", "body": saved.body, "reason": ""})
    assert "Skriv en begrundelse" in response.content.decode()
    client.post(url, {"is_hidden": "on", "body": saved.body, "reason": "Reklame."})
    saved.refresh_from_db()
    assert saved.is_hidden and not saved.reports.filter(resolved=False).exists()
    assert IdeaLogEntry.objects.filter(idea=idea, kind=LogKind.COMMENT_HIDDEN, comment=saved).exists()
    page = client.__class__().get(idea.get_absolute_url()).content.decode()
    assert "Reklame for ure" not in page and "Kommentaren er skjult af sekretariatet." in page


def test_an_idea_that_became_a_product_links_both_ways(client, secretary, make_idea, state, rf):
    from wagtail import hooks

    idea = make_idea(title="Platform til sensorer", state_slug="godkendt-som-projekt")
    index = catalogue()
    product = ProductPageFactory(parent=index, title="OS2iot", slug="os2iot")
    other = ProductPageFactory(parent=index, title="OS2mo", slug="os2mo")
    client.force_login(secretary)
    client.post(
        edit_url(idea),
        admin_data(idea, state=state("blev-til-produkt").pk, became_product=product.pk, reason="Lanceret."),
    )
    idea.refresh_from_db()
    assert idea.became_product == product
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Idéen blev til produktet" in page and product.url in page

    sections = [
        section
        for hook in hooks.get_hooks("product_page_sections")
        for section in hook(rf.get(product.url), product)
    ]
    items = [item for section in sections for item in section["items"]]
    assert {"heading", "items", "more_url", "more_label", "order"} <= set(sections[0])
    assert any(item["url"] == idea.get_absolute_url() and item["heading"] == idea.title for item in items)
    other_items = [
        item
        for hook in hooks.get_hooks("product_page_sections")
        for section in hook(rf.get("/"), other)
        for item in section["items"]
    ]
    assert not any(item["url"] == idea.get_absolute_url() for item in other_items)


def test_the_admin_lists_submitted_ideas_but_not_drafts(client, secretary, make_idea, member):
    submitted = make_idea(title="Indsendt idé om parkering")
    draft = draft_idea(member, "Privat kladde om parkering")
    client.force_login(secretary)
    page = client.get("/admin/snippets/community/idea/", {"q": "parkering"}).content.decode()
    assert submitted.title in page and draft.title not in page
    assert client.get(edit_url(draft)).status_code == 404


def test_the_secretariat_enters_an_idea_that_came_by_email(client, secretary, organisations, state):
    client.force_login(secretary)
    response = client.post(
        "/admin/snippets/community/idea/add/",
        {
            "state": "",
            "reason": "Modtaget pr. e-mail.",
            "merged_into": "",
            "became_product": "",
            "title": "Idé modtaget pr. e-mail",
            "organisation": organisations[2].pk,
            "area": "",
            "need": "Et behov beskrevet i en e-mail.",
            "benefit": "En gevinst.",
            "shared_with": "",
        },
    )
    assert response.status_code == 302
    idea = Idea.objects.get(title="Idé modtaget pr. e-mail")
    assert not idea.is_draft and idea.state == state("indsendt")
    assert idea.log.filter(kind=LogKind.SUBMITTED, to_state=idea.state, user=secretary).exists()
    assert card_titles(parse(client.__class__().get("/ideer/"))) == [idea.title]


def test_the_admin_listing_searches_and_filters_together(client, secretary, make_idea, state):
    reviewing = make_idea(title="Parkering i midtbyen", state_slug="under-behandling")
    open_idea = make_idea(title="Parkering ved skolerne")
    client.force_login(secretary)
    page = client.get(
        "/admin/snippets/community/idea/", {"q": "parkering", "state": state("under-behandling").pk}
    ).content.decode()
    assert reviewing.title in page and open_idea.title not in page
