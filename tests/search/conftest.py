import datetime

import pytest
import wagtail_factories
from osmem_server import OsmemServer

from community.members.models import AgreementKind
from community.models import Agreement, NewsIndexPage, NewsPage
from community.news.demo import NEWS_PAGE
from home.demo import english_locale, ensure_section
from home.models import ContentPage, HomePage, SiteSettings
from products.models import (
    JoiningAgreement,
    JoiningStage,
    ProductIndexPage,
    ProductPage,
    ProductSupplier,
    ProductTabPage,
)
from tests.factories import (
    ContentPageFactory,
    EventPageFactory,
    IdeaStateFactory,
    JoinPageFactory,
    OrganisationFactory,
    ProductPageFactory,
    UserFactory,
    catalogue,
    events_page,
    publish_english_translation,
    published,
    submitted_idea,
    uses,
)
from tests.factories import ProductTabPageFactory as TabFactory

from .elastic_proxy import ElasticsearchProxy


@pytest.fixture(scope="session")
def search_engine():
    """An OpenSearch-compatible engine (osmem-server) for the whole run, started and stopped here."""
    server = OsmemServer.start(japanese=False)
    yield server
    server.close()


@pytest.fixture
def engine(search_engine, settings):
    """The site configured for a fresh, empty engine (a clone of the session's server)."""
    clone = search_engine.clone()
    settings.SEARCH_URL = clone.url
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_TIMEOUT = 5
    settings.SEARCH_INDEX_PREFIX = "test"
    yield clone
    clone.close()


@pytest.fixture
def elasticsearch_engine(engine, settings):
    """The same fresh engine reached through the `elasticsearch` client, via a proxy that gives the
    client the media type and product header it insists on (see elastic_proxy.py for why)."""
    proxy = ElasticsearchProxy(engine.url)
    settings.SEARCH_URL = proxy.url
    settings.SEARCH_ENGINE = "elasticsearch"
    yield proxy
    proxy.close()


@pytest.fixture(params=["database", "opensearch", "elasticsearch"])
def backend(request, members, settings):
    """Each contract test runs three times: on the database, and on the engine over real HTTP with
    the member index built from the `members` rows, once through each client (opensearch-py, elasticsearch)."""
    if request.param != "database":
        request.getfixturevalue("elasticsearch_engine" if request.param == "elasticsearch" else "engine")
        from search.engine import rebuild

        rebuild()
    return request.param


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached facet counts never leak between tests (a rolled-back test sends no change signals)."""
    from os2site.caches import pages as cache

    cache.clear()
    yield
    cache.clear()


# The member directory on the bare site the migrations create, for the tests marked `factories`.

# (name, slug, kind, region, member since): more members than fit on one page of the directory, of
# several kinds and in every region, some with Danish letters in their names, and one without a date.
MEMBERS = [
    ("Aalborg Kommune", "aalborg-kommune", "kommune", "nordjylland", "2013-03-01"),
    ("Aarhus Kommune", "aarhus-kommune", "kommune", "midtjylland", "2012-01-01"),
    ("Ballerup Kommune", "ballerup-kommune", "kommune", "hovedstaden", "2012-06-01"),
    ("Digitaliseringsstyrelsen", "digitaliseringsstyrelsen", "statslig", "hovedstaden", "2019-05-01"),
    ("Frederikshavn Kommune", "frederikshavn-kommune", "kommune", "nordjylland", "2016-02-01"),
    ("Furesø Kommune", "furesoe-kommune", "kommune", "hovedstaden", "2017-09-01"),
    ("Gentofte Kommune", "gentofte-kommune", "kommune", "hovedstaden", "2014-04-01"),
    ("Hedensted Kommune", "hedensted-kommune", "kommune", "midtjylland", "2015-08-01"),
    ("Hjørring Kommune", "hjoerring-kommune", "kommune", "nordjylland", "2018-10-01"),
    ("Holbæk Kommune", "holbaek-kommune", "kommune", "sjaelland", "2020-01-01"),
    ("KL", "kl", "faellesoffentlig", "", "2021-03-01"),
    ("Kolding Kommune", "kolding-kommune", "kommune", "syddanmark", "2013-11-01"),
    ("Københavns Kommune", "koebenhavns-kommune", "kommune", "hovedstaden", "2012-02-01"),
    ("Magenta ApS", "magenta-aps", "leverandoer", "", "2012-03-01"),
    ("Næstved Kommune", "naestved-kommune", "kommune", "sjaelland", "2022-06-01"),
    ("Odense Kommune", "odense-kommune", "kommune", "syddanmark", None),
    ("Region Midtjylland", "region-midtjylland", "region", "midtjylland", "2016-05-01"),
    ("Region Nordjylland", "region-nordjylland", "region", "nordjylland", "2023-01-01"),
    ("Roskilde Kommune", "roskilde-kommune", "kommune", "sjaelland", "2019-09-01"),
    ("Septima P/S", "septima-ps", "leverandoer", "hovedstaden", "2018-01-01"),
    ("Silkeborg Kommune", "silkeborg-kommune", "kommune", "midtjylland", "2014-12-01"),
    ("Vejle Kommune", "vejle-kommune", "kommune", "syddanmark", "2024-04-01"),
    ("Ærø Kommune", "aeroe-kommune", "kommune", "syddanmark", "2025-02-01"),
]


@pytest.fixture
def members(db):
    """The directory's members and one former member, four published products and a draft, and who
    uses, has pledged to, supplies and has signed what; by slug. The site's settings are saved first,
    as on any site that has been set up: the first page to read them would otherwise save them, and so
    start a new generation of the page cache."""
    SiteSettings.load()
    organisations = {
        slug: OrganisationFactory(name=name, slug=slug, kind=kind, region=region, member_since=since)
        for name, slug, kind, region, since in MEMBERS
    }
    organisations["gammel-kommune"] = OrganisationFactory(
        name="Gammel Kommune", slug="gammel-kommune", region="midtjylland", is_member=False
    )
    index = catalogue()
    products = {
        slug: ProductPageFactory(parent=index, title=title, slug=slug)
        for title, slug in [
            ("OS2mo", "os2mo"),
            ("OS2kitos", "os2kitos"),
            ("OS2forms", "os2forms"),
            ("OS2valghalla", "os2valghalla"),
        ]
    }
    draft = ProductPageFactory(parent=index, title="OS2kladde", slug="os2kladde", live=False)
    for slug in ["ballerup-kommune", "aarhus-kommune", "hedensted-kommune", "aalborg-kommune"]:
        uses(organisations[slug], products["os2mo"])
    for slug in ["region-midtjylland", "gammel-kommune"]:
        uses(organisations[slug], products["os2mo"])
    for slug in ["ballerup-kommune", "koebenhavns-kommune", "silkeborg-kommune"]:
        uses(organisations[slug], products["os2kitos"])
    for slug in ["aarhus-kommune", "hjoerring-kommune", "frederikshavn-kommune"]:
        uses(organisations[slug], products["os2forms"])
    uses(organisations["aarhus-kommune"], draft)
    # A pledge is not use: the directory counts only those who have joined.
    JoiningAgreement.objects.create(
        product=products["os2mo"],
        organisation=organisations["silkeborg-kommune"],
        stage=JoiningStage.TILSAGN,
        joined_on="2025-01-01",
    )
    for supplier, product in [
        ("magenta-aps", "os2mo"),
        ("magenta-aps", "os2kitos"),
        ("septima-ps", "os2forms"),
        ("gammel-kommune", "os2mo"),
    ]:
        ProductSupplier.objects.create(organisation=organisations[supplier], product=products[product])
    ProductSupplier.objects.create(organisation=organisations["septima-ps"], product=draft)
    for slug, kind in [
        ("magenta-aps", AgreementKind.LEVERANDOERPARTNERAFTALE),
        ("septima-ps", AgreementKind.LEVERANDOERPARTNERAFTALE),
        ("gammel-kommune", AgreementKind.LEVERANDOERPARTNERAFTALE),
        ("ballerup-kommune", AgreementKind.PARTNERAFTALE),
        ("aarhus-kommune", AgreementKind.PARTNERAFTALE),
        ("aarhus-kommune", AgreementKind.FLOSS),
        ("region-midtjylland", AgreementKind.PARTNERAFTALE),
    ]:
        Agreement.objects.create(organisation=organisations[slug], kind=kind, signed_on="2024-01-01")
    return organisations


class ProductTabPageFactory(wagtail_factories.PageFactory):
    title = "Om"
    slug = "om"
    introduction = "Hvad produktet er, og hvem der står bag."

    class Meta:
        model = ProductTabPage


@pytest.fixture
def site_pages(members):
    """What site search finds on the bare site besides the members: the members' products and two
    more, five of them with their "Om" tab; events and news that name OS2mo more often than its product
    page does; and content pages about OS2, one titled with it and one only naming it, often. The five
    products by slug."""
    home = HomePage.objects.get(locale__language_code="da")
    index = ProductIndexPage.in_default_language()
    products = {
        title.lower(): ProductPage.objects.filter(slug=title.lower()).first()
        or ProductPageFactory(parent=index, title=title, slug=title.lower())
        for title in ["OS2datascanner", "OS2faktor", "OS2forms", "OS2kitos", "OS2mo"]
    }
    for product in products.values():
        ProductTabPageFactory(parent=product, introduction=f"Hvad {product.title} er, og hvem der står bag.")
    events = events_page()
    for title in ["Brugermøde om OS2mo", "OS2mo-dagen", "Temadag om organisationsdata"]:
        EventPageFactory(
            parent=events, title=title, introduction="Nyt i OS2mo, og hvordan kommunerne bruger OS2mo."
        )
    news = ensure_section(NewsIndexPage, NEWS_PAGE)[0]
    for number, title in enumerate(["OS2mo er nu på niveau N2", "Ny version af OS2mo"]):
        news.add_child(
            instance=NewsPage(
                title=title,
                slug=f"nyhed-{number}",
                date=datetime.date.today() - datetime.timedelta(days=number),
                introduction="OS2mo bruges nu af flere kommuner; OS2mo-fællesskabet vokser.",
            )
        )
    ContentPageFactory(
        parent=home, title="Fællesskabet", slug="faellesskabet", introduction="OS2, OS2 og atter OS2: om OS2."
    )
    about = ContentPageFactory(
        parent=home, title="Om OS2", slug="om-os2", introduction="Foreningen bag, og dens medarbejdere."
    )
    ContentPageFactory(
        parent=about, title="Governance", slug="governance", introduction="Sådan styres produkterne."
    )
    return products


@pytest.fixture
def every_type(site_pages, members):
    """A page or row of every type a visitor finds holds "os2", in both languages: besides the site's
    pages (the news page says "OS2's" already), the front page, the join page, a product's tab, an
    organisation and four submitted ideas say it too; the front page and "Om OS2" are translated
    ("About OS2" at /en/about-os2/)."""
    home = HomePage.objects.get(locale__language_code="da")
    home.introduction = "Vi udvikler og deler open source-software i OS2."
    home.save_revision().publish()
    english_locale()
    publish_english_translation(home, "Home", "home", introduction="We develop open-source software in OS2.")
    about = ContentPage.objects.get(slug="om-os2")
    publish_english_translation(about, "About OS2", "about-os2", introduction="The association behind OS2.")
    JoinPageFactory(introduction="Bliv medlem af OS2 som offentlig myndighed eller leverandør.")
    published(
        TabFactory(
            parent=ProductPage.objects.get(slug="os2mo"),
            title="Fællesskab",
            introduction="Sådan udvikler kommunerne løsningen sammen i OS2.",
        )
    )
    OrganisationFactory(name="Fællesskabets Kommune", description="Kommunen bruger OS2's løsninger.")
    IdeaStateFactory(name="Indsendt", slug="indsendt", order=10)
    submitter = UserFactory(email="idestifter@example.dk")
    for title in ["Fælles booking", "Åbne data om affald", "Digital post", "Vagtplaner til valg"]:
        submitted_idea(
            submitter,
            title,
            need="Flere kommuner har brug for det i OS2.",
            benefit="En fælles løsning i OS2.",
            organisation=members["ballerup-kommune"],
        )
