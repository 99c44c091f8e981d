"""A member submits an idea on behalf of their organisation at /ideer/ny/: it is saved as a draft or
submitted into the first state, the secretariat is alerted, similar ideas and products are suggested,
and bad input, bots, double clicks and non-members are turned away without a server error."""

import uuid

import pytest
from django.conf import settings
from django.core import mail
from django.shortcuts import resolve_url

from community.models import AffiliationStatus, Idea, IdeaLogEntry, IdeaState, LogKind
from tests.factories import ProductPageFactory, catalogue
from tests.markup import card_titles, listed_under, page_header, parse, region, tagline, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

URL = "/ideer/ny/"


def idea_data(**overrides):
    data = {
        "title": "Digital nøgleboks til hjemmeplejen",
        "need": "Hjemmeplejen bruger fysiske nøgler, som bliver væk.",
        "benefit": "Mindre tid brugt på nøgler og større tryghed for borgerne.",
        "shared_with": "Alle kommuner med hjemmepleje.",
        "form_token": str(uuid.uuid4()),
        "action": "submit",
        "website": "",
    }
    data.update(overrides)
    return data


def test_member_submits_an_idea_which_becomes_public_in_the_first_state(client, member, secretary):
    client.force_login(member)
    response = client.post(URL, idea_data())
    idea = Idea.objects.get(title="Digital nøgleboks til hjemmeplejen")
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert idea.organisation == member.affiliation.organisation
    assert idea.state == IdeaState.initial()
    assert idea.follows.filter(user=member).exists()
    assert IdeaLogEntry.objects.filter(idea=idea, kind=LogKind.SUBMITTED).exists()
    # The secretariat is alerted.
    alert = [message for message in mail.outbox if secretary.email in message.to]
    assert alert and "Digital nøgleboks" in alert[0].subject
    assert f"/admin/snippets/community/idea/edit/{idea.pk}/" in alert[0].body

    document = parse(client.get(idea.get_absolute_url()))
    assert text(page_header(document).h1) == "Digital nøgleboks til hjemmeplejen"
    # The line under the title: its state, then who sent it.
    assert text(tagline(document)).startswith(f"Indsendt fra {member.affiliation.organisation.name}")
    assert card_titles(parse(client.__class__().get("/ideer/"))) == ["Digital nøgleboks til hjemmeplejen"]


def test_a_draft_is_private_until_its_writer_submits_it(client, member, other_member):
    client.force_login(member)
    response = client.post(URL, idea_data(action="draft", need="", benefit=""))
    idea = Idea.objects.get(title="Digital nøgleboks til hjemmeplejen")
    assert response["Location"] == f"/ideer/{idea.pk}/rediger/"
    assert idea.is_draft and idea.state is None
    assert card_titles(parse(client.get("/ideer/"))) == []
    assert "Digital nøgleboks" in text(parse(client.get("/ideer/mine/")).main)

    client.force_login(other_member)
    assert client.get(idea.get_absolute_url()).status_code == 404
    assert client.get(f"/ideer/{idea.pk}/rediger/").status_code == 404

    client.force_login(member)
    # A draft cannot be submitted half-written.
    response = client.post(f"/ideer/{idea.pk}/rediger/", idea_data(need="", benefit=""))
    assert response.status_code == 400
    assert "Beskriv behovet." in response.content.decode()
    response = client.post(f"/ideer/{idea.pk}/rediger/", idea_data())
    idea.refresh_from_db()
    assert not idea.is_draft and idea.state == IdeaState.initial()
    assert card_titles(parse(client.get("/ideer/"))) == ["Digital nøgleboks til hjemmeplejen"]


def test_a_double_click_submits_the_idea_once(client, member):
    client.force_login(member)
    data = idea_data()
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert Idea.objects.filter(title=data["title"]).count() == 1
    assert first["Location"] == second["Location"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Skriv en titel."),
        ({"title": "Kort"}, "Titlen skal være på mindst 5 tegn."),
        ({"need": "   "}, "Beskriv behovet."),
        ({"benefit": ""}, "Beskriv den forventede gevinst."),
        ({"title": "x" * 300}, "højst have 200 tegn"),
        ({"area": "999999"}, "Marker en gyldig valgmulighed"),
        ({"form_token": "ikke-en-uuid"}, "UUID"),
    ],
)
def test_bad_input_is_explained_in_danish_and_kept(client, member, overrides, message):
    client.force_login(member)
    data = idea_data(need="Mit behov <b>fed</b>", **{k: v for k, v in overrides.items() if k != "need"})
    if "need" in overrides:
        data["need"] = overrides["need"]
    response = client.post(URL, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Der er fejl i formularen" in page
    assert message in page
    assert not Idea.objects.filter(need="Mit behov <b>fed</b>").exists()
    if "need" not in overrides:
        # The member's input is kept, escaped.
        assert "Mit behov &lt;b&gt;fed&lt;/b&gt;" in page


def test_html_in_an_idea_is_shown_as_text(client, member):
    client.force_login(member)
    client.post(URL, idea_data(title="<script>alert(1)</script> idé", need="<img src=x onerror=alert(1)>"))
    idea = Idea.objects.get(title__startswith="<script>")
    response = client.get(idea.get_absolute_url())
    assert text(parse(response).main.h1) == "<script>alert(1)</script> idé"
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; idé" in page
    assert "<img src=x" not in page


def test_a_bot_filling_the_honeypot_creates_nothing(client, member):
    client.force_login(member)
    response = client.post(URL, idea_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Idea.objects.filter(title="Digital nøgleboks til hjemmeplejen").exists()


def test_submitting_is_rate_limited(client, member, settings):
    settings.RATE_LIMITS = {"idea-submit": (2, 3600)}
    client.force_login(member)
    for _ in range(2):
        assert client.post(URL, idea_data()).status_code == 302
    response = client.post(URL, idea_data())
    assert response.status_code == 400
    assert "Du har oprettet mange idéer på kort tid" in response.content.decode()
    assert Idea.objects.filter(title="Digital nøgleboks til hjemmeplejen").count() == 2


def test_only_approved_members_may_submit(client, organisations, make_member, django_user_model):
    login_url = resolve_url(settings.LOGIN_URL)
    assert client.get(URL)["Location"].startswith(login_url)
    assert client.post(URL, idea_data())["Location"].startswith(login_url)
    for user in (
        django_user_model.objects.create_user("uden", "uden@example.dk", "pw-123456789"),
        make_member(organisations[0], status=AffiliationStatus.PENDING),
        make_member(organisations[0], status=AffiliationStatus.REJECTED),
    ):
        client.force_login(user)
        response = client.post(URL, idea_data())
        assert response.status_code == 403
        assert "Kun for medlemmer" in response.content.decode()
    assert not Idea.objects.filter(title="Digital nøgleboks til hjemmeplejen").exists()


def similar(client, title):
    """The form's panel of ideas and products like `title`: (idea titles, product titles, its summary)."""
    panel = region(parse(client.get(URL, {"titel": title})), "Lignende idéer og produkter")
    return (
        [text(item.a) for item in listed_under(panel, "Idéer")],
        [text(item.a) for item in listed_under(panel, "Produkter")],
        text(panel.p),
    )


def test_similar_ideas_and_products_are_suggested_before_submitting(client, member, make_idea):
    make_idea(title="Sensorer der måler indeklima i skoler")
    index = catalogue()
    ProductPageFactory(parent=index, title="OS2iot", tagline="Internet of Things-platform til sensordata")
    ProductPageFactory(parent=index, title="OS2mo", tagline="Medarbejdere og organisation")
    client.force_login(member)
    ideas, products, _summary = similar(client, "sensorer indeklima")
    assert ideas == ["Sensorer der måler indeklima i skoler"]
    # Products are searched too: the IoT platform talks about sensors ("Internet of Things").
    ideas, products, _summary = similar(client, "Internet of Things")
    assert products == ["OS2iot"]
    ideas, products, summary = similar(client, "zzzqqq")
    assert (ideas, products) == ([], [])
    assert summary == "Vi fandt ingen lignende idéer eller produkter."


def test_the_form_works_while_the_search_engine_is_down(client, member, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": ["http://127.0.0.1:9"],
            "INDEX": "os2site_down",
            "TIMEOUT": 1,
        }
    }
    client.force_login(member)
    response = client.get(URL, {"titel": "sensorer"})
    assert response.status_code == 200
    panel = region(parse(response), "Lignende idéer og produkter")
    assert text(panel.p) == "Vi fandt ingen lignende idéer eller produkter."
