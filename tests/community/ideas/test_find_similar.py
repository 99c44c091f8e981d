""" "Find lignende" on the idea form loses nothing: without JavaScript it sends the form back to the same
address, which shows it again with every field as typed (nothing saved, no errors yet) and the ideas
and products like its title; the form's script asks the same address for the list alone
(`?vis=lignende`) while the title is typed. Files cannot be handed back to a browser, so the page says
to choose them again."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from community.models import Idea, IdeaArea
from tests.factories import draft_idea
from tests.markup import field, listed_under, parse, region, text

# The form's area field offers the product areas.
pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.usefixtures("areas")]

URL = "/ideer/ny/"


def page_of(response):
    return parse(response)


def idea_form(document):
    """The idea form: the one with the field for the title."""
    return field(document, "Titel").find_parent("form")


def similar_ideas(element):
    """The titles of the similar ideas listed inside an element (the panel, or the list alone)."""
    return [text(item.a) for item in listed_under(element, "Idéer")]


def typed(**overrides):
    data = {
        "title": "Sensorer der måler indeklima",
        "need": "Skolerne ved ikke, hvornår luften i klasserne er dårlig.",
        "benefit": "Bedre luft og færre sygedage.",
        "shared_with": "Alle kommuner med skoler.",
        "area": str(IdeaArea.objects.order_by("pk").first().pk),
        "form_token": str(uuid.uuid4()),
        "website": "",
        "action": "check",
    }
    data.update(overrides)
    return data


def similar_titles(document):
    return similar_ideas(region(document, "Lignende idéer og produkter"))


@pytest.fixture
def similar_idea(make_idea):
    return make_idea(title="Sensorer til indeklima i skoler")


def test_without_javascript_the_check_keeps_every_field(client, member, similar_idea):
    client.force_login(member)
    data = typed()
    before = Idea.objects.count()

    response = client.post(URL, data)

    assert response.status_code == 200
    document = page_of(response)
    form = idea_form(document)
    assert field(form, "Titel")["value"] == data["title"]
    for name, label in (
        ("need", "Behovet"),
        ("benefit", "Forventet gevinst"),
        ("shared_with", "Hvem kan ellers have behovet"),
    ):
        assert field(form, label).get_text().strip() == data[name]
    assert field(form, "Produktområde").find("option", selected=True)["value"] == data["area"]
    assert form.find("input", attrs={"name": "form_token"})["value"] == data["form_token"]
    assert similar_idea.title in similar_titles(document)
    # No errors: no alert (the error summary is one) and no field marked invalid.
    assert not document.find(attrs={"role": "alert"}) and not document.find(attrs={"aria-invalid": True})
    assert Idea.objects.count() == before


def test_the_check_says_to_choose_files_again(client, member):
    client.force_login(member)
    upload = SimpleUploadedFile("notat.txt", b"Et notat om indeklima.", content_type="text/plain")

    document = page_of(client.post(URL, {**typed(), "attachments": upload}))

    alert = idea_form(document).find(attrs={"role": "alert"})
    assert "Vælg dem igen" in text(alert)
    assert not idea_form(page_of(client.post(URL, typed()))).find(attrs={"role": "alert"})


def test_the_list_alone_for_the_script_from_the_same_address(client, member, similar_idea, make_idea):
    another = make_idea(title="Indeklima i daginstitutioner")
    make_idea(title="Fælles booking af mødelokaler")
    client.force_login(member)

    response = client.get(URL, {"vis": "lignende", "titel": "sensorer indeklima"})

    assert response.status_code == 200
    fragment = page_of(response)
    assert fragment.find("html") is None and fragment.find("form") is None
    # The panel's heading, which names the panel's region in the form, comes with it.
    assert text(fragment.h2) == "Lignende idéer og produkter" and fragment.h2["id"]
    assert sorted(similar_ideas(fragment)) == sorted([similar_idea.title, another.title])
    assert "2 lignende idéer" in text(fragment.p)


def test_checking_while_editing_saves_nothing_and_leaves_the_idea_itself_out(client, member, similar_idea):
    mine = draft_idea(member, "Indeklima i skoler med sensorer", need="Dårlig luft.", benefit="Bedre luft.")
    client.force_login(member)
    url = f"/ideer/{mine.pk}/rediger/"

    document = page_of(
        client.post(url, typed(title="Sensorer og indeklima", form_token=str(mine.form_token)))
    )

    mine.refresh_from_db()
    assert mine.title == "Indeklima i skoler med sensorer"
    assert field(document, "Titel")["value"] == "Sensorer og indeklima"
    assert mine.title not in similar_titles(document)
    assert similar_idea.title in similar_titles(document)
    panel = page_of(client.get(url, {"vis": "lignende", "titel": "sensorer indeklima"}))
    assert mine.title not in similar_ideas(panel)


def test_a_bot_checking_is_turned_away(client, member):
    client.force_login(member)

    response = client.post(URL, typed(website="http://spam.example"))

    assert response.status_code == 302


def test_non_members_cannot_check(client, organisations, make_member):
    from community.models import AffiliationStatus

    client.force_login(make_member(organisations[0], status=AffiliationStatus.PENDING))

    assert client.post(URL, typed()).status_code == 403
    assert client.get(URL, {"vis": "lignende", "titel": "sensorer"}).status_code == 403
