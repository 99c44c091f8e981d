"""From an idea to the product's users, as the roles meet it: a member of Ballerup pledges to an idea;
the secretariat approves it, turns it into a project and later into a product page, and publishes it;
another member follows the product; Ballerup asks to join, sees its price and uploads the signed
agreement; the secretariat approves. Ballerup is then a user on the product page and on its own
profile, the product page tells its history, and the follower heard of the project's news."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from community.joining.demo import pdf_bytes
from community.joining.models import AgreementTemplate
from community.models import (
    Idea,
    IdeaState,
    NewsIndexPage,
    NewsPage,
    Pledge,
    Project,
)
from home.roles import ensure_secretariat_role
from products.models import JoinRequest, JoinState, MunicipalitySize, ProductPage
from products.permissions import ensure_secretariat_workflow
from tests.factories import AgreementTemplateFactory, OrganisationFactory, catalogue, person

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.factories,
    pytest.mark.time_machine(datetime.datetime(2026, 12, 4, 10, tzinfo=datetime.UTC), tick=False),
]

IDEA = "Fælles booking af mødelokaler"


@pytest.fixture
def world():
    products = catalogue()
    ensure_secretariat_workflow(products)
    news = NewsIndexPage(title="Nyheder", slug="nyheder")
    products.get_parent().add_child(instance=news)
    ballerup = OrganisationFactory(name="Ballerup Kommune", municipality_size=MunicipalitySize.FROM_25K)
    soenderborg = OrganisationFactory(name="Sønderborg Kommune", municipality_size=MunicipalitySize.FROM_25K)
    aarhus = OrganisationFactory(name="Aarhus Kommune", municipality_size=MunicipalitySize.OVER_120K)
    open_state = IdeaState.objects.create(
        name="Åben for opbakning", slug="aaben-for-opbakning", order=20, is_open_for_support=True
    )
    IdeaState.objects.create(
        name="Godkendt som projekt", slug="godkendt-som-projekt", order=40, pledges_are_binding=True
    )
    lars = person("lars", soenderborg, first_name="Lars")
    idea = Idea.objects.create(
        title=IDEA,
        need="Vi bruger for meget tid på at finde ledige lokaler.",
        benefit="Færre dobbeltbookinger og mindre spildtid.",
        organisation=soenderborg,
        submitter=lars,
        state=open_state,
        submitted_at=datetime.datetime(2026, 9, 1, 9, tzinfo=datetime.UTC),
    )
    document = AgreementTemplateFactory(
        kind=AgreementTemplate.Kind.TILSLUTNINGSAFTALE, explanation="Når I tager et produkt i brug."
    ).document
    yield {
        "idea": idea,
        "ballerup": ballerup,
        "mette": person("mette", ballerup, first_name="Mette"),
        "sara": person("sara", aarhus, first_name="Sara"),
        "anne": person("anne.lund", group=ensure_secretariat_role(), first_name="Anne"),
        "news": news,
    }
    # The stored file outlives the test's database; another test saves one of the same name.
    document.file.delete(save=False)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def link_named(page, text):
    return next((a for a in page.find_all("a") if a.get_text(strip=True) == text), None)


def form_fields(form):
    """What a browser would send for `form` as it stands: its inputs, selected options and text."""
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "select":
            chosen = field.find_all("option", selected=True)
            if field.has_attr("multiple"):
                data[name] = [option["value"] for option in chosen]
            else:
                data[name] = (chosen or field.find_all("option")[:1] or [{"value": ""}])[0].get("value", "")
        elif field.name == "textarea":
            data[name] = field.get_text()
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def test_an_idea_becomes_a_product_with_ballerup_among_its_users(client, world):
    idea, mette, sara, anne = world["idea"], world["mette"], world["sara"], world["anne"]

    # Ballerup pledges to the idea.
    client.force_login(mette)
    response = client.post(f"/ideer/{idea.pk}/stoet/", {"kind": "medfinansiering", "amount": "100000"})
    assert response.status_code == 302
    assert Pledge.objects.get(idea=idea).organisation == world["ballerup"]

    # The secretariat approves it in the admin's edit form, with a reason for the log.
    client.force_login(anne)
    edit_url = f"/admin/snippets/community/idea/edit/{idea.pk}/"
    forms = soup(client.get(edit_url)).find_all("form")
    form = next(form for form in forms if form.find("select", attrs={"name": "state"}))
    data = form_fields(form)
    data["state"] = str(IdeaState.objects.get(slug="godkendt-som-projekt").pk)
    data["reason"] = "Bestyrelsen har godkendt projektet."
    response = client.post(edit_url, data)
    assert response.status_code == 302, soup(response).select(".error-message")
    idea.refresh_from_db()
    assert idea.state.slug == "godkendt-som-projekt"

    # … turns it into a project in one step from the ideas list …
    button = link_named(soup(client.get("/admin/snippets/community/idea/")), "Gør til projekt")
    assert client.post(button["href"], {"title": IDEA}).status_code == 302
    project = Project.objects.get()
    assert [backer.organisation for backer in project.backers.all()] == [world["ballerup"]]

    # … and later into a product page, prefilled from the project, which it then publishes.
    button = link_named(soup(client.get("/admin/snippets/community/project/")), "Gør til produkt")
    response = client.post(button["href"])
    product = ProductPage.objects.get(title=IDEA)
    assert response["Location"] == f"/admin/pages/{product.pk}/edit/"
    assert (product.tagline, product.introduction) == (project.summary, project.description)
    # It enters the prices by size band in the page's form and publishes it.
    edit_url = f"/admin/pages/{product.pk}/edit/"
    form = next(
        form for form in soup(client.get(edit_url)).find_all("form") if form.get("action") == edit_url
    )
    data = form_fields(form)
    assert data["tagline"] == project.summary
    # The page's body is drawn by the browser's script; an empty body is what it sends untouched.
    data.update(nested_form_data({"body": streamfield([])}))
    data.update(
        nested_form_data(
            {
                "prices": inline_formset(
                    [
                        {
                            "size": MunicipalitySize.FROM_25K,
                            "member": "on",
                            "joining_fee": "12000",
                            "yearly_fee": "16000",
                        },
                        {
                            "size": MunicipalitySize.OVER_120K,
                            "member": "on",
                            "joining_fee": "35000",
                            "yearly_fee": "42000",
                        },
                    ]
                )
            }
        )
    )
    data["action-publish"] = "1"
    response = client.post(edit_url, data)
    assert response.status_code == 302, [
        e.get_text(" ", strip=True) for e in soup(response).select(".error-message, .help-critical")
    ]
    product.refresh_from_db()
    assert product.live

    # Another member follows the product.
    client.force_login(sara)
    response = client.post(f"/foelg/produkt/{product.pk}/", {"frequency": "straks", "action": "follow"})
    assert response.status_code == 302
    mail.outbox.clear()

    # The secretariat publishes news about the project: the product's follower hears of it.
    client.force_login(anne)
    add_url = f"/admin/pages/add/community/newspage/{world['news'].pk}/"
    data = nested_form_data(
        {
            "title": "Mødebookingen er klar til brug",
            "slug": "moedebookingen-er-klar",
            "date": "2026-12-04",
            "introduction": "Nu kan alle kommuner tage den i brug.",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "1",
        }
    )
    data["related_projects"] = [str(project.pk)]
    assert client.post(add_url, data).status_code == 302
    assert NewsPage.objects.get(slug="moedebookingen-er-klar").live
    (news_mail,) = mails_to(sara)
    assert news_mail.subject == f"OS2: Nyt om {IDEA}: Mødebookingen er klar til brug"
    project_page = soup(client.get(project.get_absolute_url()))
    assert link_named(project_page, "Mødebookingen er klar til brug")

    # Ballerup asks to join: it sees its price and uploads the signed agreement.
    client.force_login(mette)
    join = soup(client.get(product.url)).find(id="tilslut").find_parent("section")
    price = join.find("dl").get_text(" ", strip=True)
    assert (
        "Ballerup Kommune" in price
        and "12.000 kr. ekskl. moms" in price
        and "16.000 kr. ekskl. moms" in price
    )
    form = join.find("form")
    signed = SimpleUploadedFile("aftale.pdf", pdf_bytes("Underskrevet"), content_type="application/pdf")
    response = client.post(form["action"], {**form_fields(form), "agreement_file": signed})
    assert response.status_code == 302
    join_request = JoinRequest.objects.get()
    assert (join_request.joining_fee, join_request.yearly_fee) == (12_000, 16_000)

    # The secretariat approves it from the list of requests.
    client.force_login(anne)
    listing = soup(client.get("/admin/snippets/products/joinrequest/"))
    decide_url = link_named(listing, "Behandl")["href"]
    response = client.post(decide_url, {"decision": "approve", "starts_on": "2026-12-04"})
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.state == JoinState.APPROVED
    assert "godkendt" in mails_to(mette)[-1].subject

    # Ballerup is a user on the product page and on its own profile; the page tells its history.
    client.logout()
    page = soup(client.get(product.url))
    assert page.find("h2", string="Bruges af 1 organisation")
    users = page.find("h2", string="Bruges af 1 organisation").find_next_sibling("ul")
    assert [a["href"] for a in users.find_all("a")] == [world["ballerup"].get_absolute_url()]
    history = page.find("h2", string="Projektet bag produktet").find_parent("section")
    text = history.get_text(" ", strip=True)
    assert link_named(history, IDEA)["href"] == project.get_absolute_url()
    assert "Blev til produkt den 4. december 2026." in text
    assert "Organisationerne bag: Ballerup Kommune." in text
    assert "100.000 kr. i medfinansiering." in text
    assert page.find("a", href=idea.get_absolute_url())
    profile = soup(client.get(world["ballerup"].get_absolute_url()))
    assert profile.find("a", href=product.url)

    # The idea page says what it became.
    statuses = soup(client.get(idea.get_absolute_url())).find_all(attrs={"role": "status"})
    became = next(status for status in statuses if status.get_text().strip().startswith("Idéen blev til"))
    assert [a["href"] for a in became.find_all("a")] == [project.get_absolute_url(), product.url]
    # The follower heard only of what was about the product: the news.
    assert [message.subject for message in mails_to(sara)] == [news_mail.subject]
