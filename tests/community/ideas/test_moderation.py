"""The secretariat moderates in Wagtail's admin: a queue of new ideas, reported comments and ideas
awaiting a decision; state changes, hiding and editing always with a reason that is logged and shown on
the idea; followers are told of state changes; an accepted idea links to the product it became."""

from django.core import mail

from community.ideas import services
from community.models import CommentReport, Idea, IdeaLogEntry, LogKind
from products.models import ProductPage


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


def test_the_queue_shows_new_ideas_reported_comments_and_ideas_awaiting_a_decision(
    client, moderator, make_idea, member, other_member, state
):
    new = make_idea(title="Helt ny idé om kantinen", state_slug="indsendt")
    reviewing = make_idea(title="Idé under behandling", state_slug="under-behandling")
    open_without_support = make_idea(title="Idé uden opbakning endnu")
    reported = services.add_comment(
        new, other_member, other_member.affiliation.organisation, "Grim kommentar"
    )
    CommentReport.objects.create(comment=reported, user=member)
    client.force_login(moderator)
    page = client.get("/admin/ideer/moderation/").content.decode()
    new_section, rest = page.split('id="reported-comments"')
    reported_section, rest = rest.split('id="awaiting-decision"')
    waiting_section = rest.split('id="hidden-ideas"')[0]
    assert new.title in new_section and reviewing.title not in new_section
    assert "Grim kommentar" in reported_section
    assert reviewing.title in waiting_section and open_without_support.title not in waiting_section

    # Dismissing the reports empties that part of the queue.
    client.post("/admin/ideer/moderation/", {"dismiss": reported.pk})
    assert "Grim kommentar" not in client.get("/admin/ideer/moderation/").content.decode()


def test_members_cannot_open_the_queue(client, member):
    client.force_login(member)
    response = client.get("/admin/ideer/moderation/")
    assert response.status_code in (302, 403)


def test_the_secretariat_changes_state_with_a_logged_reason_and_followers_hear_of_it(
    client, moderator, make_idea, member, state
):
    idea = make_idea(state_slug="indsendt")
    client.force_login(moderator)
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
    assert entry.user == moderator and entry.from_state.slug == "indsendt"
    page = client.get(idea.get_absolute_url()).content.decode()
    history = page.split('id="history-heading"')[1]
    assert "Afvist med begrundelse" in history and "Dækkes af et eksisterende produkt." in history
    assert entry.created_at.astimezone().strftime("%Y") in history
    assert [message.to[0] for message in mail.outbox] == [member.email]
    assert "Dækkes af et eksisterende produkt." in mail.outbox[0].body
    # The log is shown in the admin too.
    assert "Dækkes af et eksisterende produkt." in client.get(edit_url(idea)).content.decode()


def test_editing_or_hiding_needs_a_reason_and_hidden_ideas_leave_the_public_site(
    client, moderator, make_idea
):
    idea = make_idea(title="Idé med en stavefjel")
    client.force_login(moderator)
    response = client.post(edit_url(idea), admin_data(idea, title="Idé med en stavefejl"))
    assert "Skriv en begrundelse. Den gemmes i idéens log." in response.content.decode()
    client.post(edit_url(idea), admin_data(idea, title="Idé med en stavefejl", reason="Stavefejl rettet."))
    idea.refresh_from_db()
    assert idea.title == "Idé med en stavefejl"
    assert IdeaLogEntry.objects.filter(idea=idea, kind=LogKind.EDITED, reason="Stavefejl rettet.").exists()

    client.post(edit_url(idea), admin_data(idea, is_hidden="on", reason="Indeholder persondata."))
    idea.refresh_from_db()
    assert idea.is_hidden
    assert IdeaLogEntry.objects.filter(idea=idea, kind=LogKind.HIDDEN, user=moderator).exists()
    visitor = client.__class__()
    assert visitor.get(idea.get_absolute_url()).status_code == 404
    assert idea.title not in visitor.get("/ideer/").content.decode()
    assert idea.title in client.get("/admin/ideer/moderation/").content.decode().split('id="hidden-ideas"')[1]


def test_the_secretariat_hides_a_reported_comment_with_a_reason(
    client, moderator, make_idea, member, other_member
):
    idea = make_idea()
    saved = services.add_comment(idea, other_member, other_member.affiliation.organisation, "Reklame for ure")
    CommentReport.objects.create(comment=saved, user=member)
    client.force_login(moderator)
    url = f"/admin/snippets/community/ideacomment/edit/{saved.pk}/"
    response = client.post(url, {"is_hidden": "on", "body": saved.body, "reason": ""})
    assert "Skriv en begrundelse" in response.content.decode()
    client.post(url, {"is_hidden": "on", "body": saved.body, "reason": "Reklame."})
    saved.refresh_from_db()
    assert saved.is_hidden and not saved.reports.filter(resolved=False).exists()
    assert IdeaLogEntry.objects.filter(idea=idea, kind=LogKind.COMMENT_HIDDEN, comment=saved).exists()
    page = client.__class__().get(idea.get_absolute_url()).content.decode()
    assert "Reklame for ure" not in page and "Kommentaren er skjult af sekretariatet." in page


def test_an_idea_that_became_a_product_links_both_ways(client, moderator, make_idea, state, rf):
    from wagtail import hooks

    idea = make_idea(title="Platform til sensorer", state_slug="godkendt-som-projekt")
    product = ProductPage.objects.get(slug="os2iot")
    client.force_login(moderator)
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
    other = ProductPage.objects.get(slug="os2mo")
    other_items = [
        item
        for hook in hooks.get_hooks("product_page_sections")
        for section in hook(rf.get("/"), other)
        for item in section["items"]
    ]
    assert not any(item["url"] == idea.get_absolute_url() for item in other_items)


def test_the_admin_lists_submitted_ideas_but_not_drafts(client, moderator, make_idea, member):
    submitted = make_idea(title="Indsendt idé om parkering")
    draft = Idea.objects.create(
        title="Privat kladde om parkering",
        need="",
        benefit="",
        organisation=member.affiliation.organisation,
        submitter=member,
    )
    client.force_login(moderator)
    page = client.get("/admin/snippets/community/idea/", {"q": "parkering"}).content.decode()
    assert submitted.title in page and draft.title not in page
    assert client.get(edit_url(draft)).status_code == 404


def test_the_secretariat_enters_an_idea_that_came_by_email(client, moderator, organisations, state):
    client.force_login(moderator)
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
    assert idea.log.filter(kind=LogKind.SUBMITTED, to_state=idea.state, user=moderator).exists()
    assert idea.title in client.__class__().get("/ideer/").content.decode()


def test_the_admin_listing_searches_and_filters_together(client, moderator, make_idea, state):
    reviewing = make_idea(title="Parkering i midtbyen", state_slug="under-behandling")
    open_idea = make_idea(title="Parkering ved skolerne")
    client.force_login(moderator)
    page = client.get(
        "/admin/snippets/community/idea/", {"q": "parkering", "state": state("under-behandling").pk}
    ).content.decode()
    assert reviewing.title in page and open_idea.title not in page
