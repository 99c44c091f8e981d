""" "Find lignende" on the idea form loses nothing: without JavaScript it sends the form back to the same
address, which shows it again with every field as typed (nothing saved, no errors yet) and the ideas
and products like its title; the form's script asks the same address for the list alone
(`?vis=lignende`) while the title is typed. Files cannot be handed back to a browser, so the page says
to choose them again."""

import uuid

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from community.models import Idea, IdeaArea
from tests.factories import draft_idea

# The form's area field offers the product areas.
pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.usefixtures("areas")]

URL = "/ideer/ny/"


def page_of(response):
    return BeautifulSoup(response.content, "html.parser")


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
    return [link.get_text(strip=True) for link in document.select("#similar li a")]


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
    form = document.select_one("form.idea-form")
    assert form.select_one("#id_title")["value"] == data["title"]
    for name in ("need", "benefit", "shared_with"):
        assert form.select_one(f"#id_{name}").get_text().strip() == data[name]
    assert form.select_one("#id_area option[selected]")["value"] == data["area"]
    assert form.select_one("[name=form_token]")["value"] == data["form_token"]
    assert similar_idea.title in similar_titles(document)
    assert not document.select(".error-summary, .form-error-message")
    assert Idea.objects.count() == before


def test_the_check_says_to_choose_files_again(client, member):
    client.force_login(member)
    upload = SimpleUploadedFile("notat.txt", b"Et notat om indeklima.", content_type="text/plain")

    document = page_of(client.post(URL, {**typed(), "attachments": upload}))

    alert = document.select_one("form.idea-form .alert-warning")
    assert "Vælg dem igen" in alert.get_text()
    assert not page_of(client.post(URL, typed())).select("form.idea-form .alert-warning")


def test_the_list_alone_for_the_script_from_the_same_address(client, member, similar_idea, make_idea):
    another = make_idea(title="Indeklima i daginstitutioner")
    make_idea(title="Fælles booking af mødelokaler")
    client.force_login(member)

    response = client.get(URL, {"vis": "lignende", "titel": "sensorer indeklima"})

    assert response.status_code == 200
    fragment = page_of(response)
    assert fragment.find("html") is None and fragment.find("form") is None
    assert fragment.select_one("#similar-heading")
    ideas = [link.get_text(strip=True) for link in fragment.select(".similar-ideas li a")]
    assert sorted(ideas) == sorted([similar_idea.title, another.title])
    assert "2 lignende idéer" in fragment.select_one(".similar-summary").get_text()


def test_checking_while_editing_saves_nothing_and_leaves_the_idea_itself_out(client, member, similar_idea):
    mine = draft_idea(member, "Indeklima i skoler med sensorer", need="Dårlig luft.", benefit="Bedre luft.")
    client.force_login(member)
    url = f"/ideer/{mine.pk}/rediger/"

    document = page_of(
        client.post(url, typed(title="Sensorer og indeklima", form_token=str(mine.form_token)))
    )

    mine.refresh_from_db()
    assert mine.title == "Indeklima i skoler med sensorer"
    assert document.select_one("#id_title")["value"] == "Sensorer og indeklima"
    assert mine.title not in similar_titles(document)
    assert similar_idea.title in similar_titles(document)
    panel = page_of(client.get(url, {"vis": "lignende", "titel": "sensorer indeklima"}))
    assert mine.title not in [link.get_text(strip=True) for link in panel.select("li a")]


def test_a_bot_checking_is_turned_away(client, member):
    client.force_login(member)

    response = client.post(URL, typed(website="http://spam.example"))

    assert response.status_code == 302


def test_non_members_cannot_check(client, organisations, make_member):
    from community.models import AffiliationStatus

    client.force_login(make_member(organisations[0], status=AffiliationStatus.PENDING))

    assert client.post(URL, typed()).status_code == 403
    assert client.get(URL, {"vis": "lignende", "titel": "sensorer"}).status_code == 403
