"""A product with everything that can name it elsewhere, and where a visitor could meet its name: the
restricted-product tests (tests/products and tests/search) and the open data API's share them."""

import datetime

from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from community.models import (
    Idea,
    NewsIndexPage,
    NewsPage,
    Organisation,
    OrganisationKind,
)
from community.news.demo import NEWS_PAGE
from home.demo import english_locale, ensure_english_section, ensure_section
from home.models import HomePage
from home.roles import ensure_secretariat_role
from products.models import JoiningAgreement, JoiningStage, ProductIndexPage, ProductPage, ProductSupplier
from tests.factories import (
    IdeaStateFactory,
    OrganisationFactory,
    catalogue,
    events_page,
    member_of,
    publish_english_translation,
    publish_event_about,
    submitted_idea,
)
from tests.markup import card_links, parse

NAME = "Zylofonia"
ROLE = "Zylofonia-drift og hemmelig support"
KINDS = [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS]


def build_site():
    """The site the product's name could show on, built for the test: the front page and its English
    version, the catalogue (in both languages), news, events, the member directory with a user, a
    pledger and a supplier, and one public idea."""
    ensure_secretariat_role()  # the group a restriction may name
    home = HomePage.objects.get(locale__language_code="da")
    index = catalogue()
    events_page()
    ensure_section(NewsIndexPage, NEWS_PAGE)
    english_locale()
    publish_english_translation(home, "Home", "home")
    ensure_english_section(index, {"title": "Products", "slug": "produkter"})
    ballerup = OrganisationFactory(name="Ballerup Kommune")
    OrganisationFactory(name="Hedensted Kommune")
    OrganisationFactory(name="Magenta ApS", kind=OrganisationKind.LEVERANDOER)
    IdeaStateFactory(name="Indsendt", slug="indsendt", order=10)
    member = member_of(ballerup, "medlem@example.dk")
    submitted_idea(member, "Fælles booking af mødelokaler", benefit="Færre dobbeltbookinger.")


def publish_product():
    """A published product with a user, a pledge, a supplier with a role, a news article, an event and
    an idea that became it: everything that can name a product somewhere else."""
    product = ProductPage(
        title=NAME,
        slug="zylofonia",
        tagline="Et produkt kun for de indviede.",
        introduction="Zylofonia samler mødebookinger.",
        licence="MPL-2.0",
        categories="collaboration",
        status="produkt",
    )
    ProductIndexPage.in_default_language().add_child(instance=product)
    product.save_revision().publish()
    user = Organisation.objects.get(slug="ballerup-kommune")
    pledger = Organisation.objects.get(slug="hedensted-kommune")
    supplier = Organisation.objects.get(slug="magenta-aps")
    JoiningAgreement.objects.create(
        product=product, organisation=user, stage=JoiningStage.TILSLUTTET, joined_on="2024-02-01"
    )
    JoiningAgreement.objects.create(
        product=product, organisation=pledger, stage=JoiningStage.TILSAGN, joined_on="2025-02-01"
    )
    ProductSupplier.objects.create(product=product, organisation=supplier, role=ROLE)
    news = NewsPage(title="Nyt om mødebooking", slug="nyt-om-moedebooking", date=datetime.date.today())
    NewsIndexPage.in_default_language().add_child(instance=news)
    news.related_products.set([product])
    news.save_revision().publish()
    event = publish_event_about(product, "Temadag om mødebooking")
    idea = Idea.objects.public().order_by("pk").first()
    Idea.objects.filter(pk=idea.pk).update(became_product=product)
    return {"product": product, "news": news, "event": event, "idea": idea}


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="hemmelig" if kind == PageViewRestriction.PASSWORD else ""
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get(name="Sekretariat")])
    return restriction


def visitor_pages(content):
    """Every address where a visitor could meet the product's name, its slug or its supplier's role."""
    slug = content["product"].slug
    return [
        "/",
        "/medlemmer/",
        f"/medlemmer/?bruger={slug}",
        f"/medlemmer/?leverer={slug}",
        "/medlemmer/forslag/?q=Zylo",
        "/medlemmer/ballerup-kommune/",
        "/medlemmer/hedensted-kommune/",
        "/medlemmer/magenta-aps/",
        "/produkter/",
        "/produkter/?q=Zylofonia",
        "/produkter/?bruger=ballerup-kommune",
        "/produkter/?leverandoer=magenta-aps",
        "/sitemap.xml",
        "/soeg/?q=Zylofonia",
        "/soeg/forslag/?q=Zylo",
        "/nyheder/",
        "/nyheder/feed/rss/",
        "/nyheder/feed/atom/",
        content["news"].url,
        "/arrangementer/",
        "/arrangementer/kalender/",
        content["event"].url,
        content["idea"].get_absolute_url(),
        "/ideer/",
        "/produkter/publiccode.json",
        "/en/produkter/",
        "/en/medlemmer/",
    ]


def assert_nowhere(client, content, closed=()):
    """`closed`: addresses that are themselves behind the restriction (they send a visitor to log in)."""
    for path in visitor_pages(content):
        response = client.get(path)
        assert response.status_code == (302 if path.split("?")[0] in closed else 200), path
        text = response.content.decode()
        if "q=" not in path:  # a search names what was searched for
            assert NAME not in text, path
        assert ROLE not in text, path
        assert "/produkter/zylofonia/" not in text, path
    for path in [
        "/produkter/zylofonia/publiccode.yml",
        "/nyheder/feed/rss/zylofonia/",
        "/arrangementer/kalender/zylofonia/",
    ]:
        assert client.get(path).status_code == 404, path


def assert_directory_hides_it(client, slug):
    for key in ["bruger", "leverer"]:
        # Nobody matches a product visitors may not see: the directory lists no one.
        assert card_links(parse(client.get("/medlemmer/", {key: slug}))) == []
