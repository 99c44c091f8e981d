"""A product page shows the pitch, badge, status, links, licence, users linked to their member
profiles, suppliers, prices by municipality size and membership, and contact persons with roles; its
wiki tabs are child pages that render as link tabs, each with its own URL, table of contents and
"last reviewed" date; other modules add sections through the `product_page_sections` hook; and the
page stays within a fixed query budget however many tabs, contacts and users it has. On a catalogue
of five products built for the test, OS2mo with every fact, tab, user, supplier, price and contact."""

import datetime

import pytest
from wagtail import hooks

from community.models import Organisation, OrganisationKind
from home.demo import p
from home.models import HomePage
from products.demo import ensure_criteria
from products.models import (
    ContactPerson,
    ContactRole,
    JoiningAgreement,
    JoiningPrice,
    JoiningStage,
    MunicipalitySize,
    ProductContact,
    ProductIndexPage,
    ProductPage,
    ProductSupplier,
    ProductTabPage,
)
from tests.factories import (
    OrganisationFactory,
    ProductPageFactory,
    ProductTabPageFactory,
    catalogue,
    published,
    uses,
)
from tests.markup import current_link, hrefs, landmark, parse, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

TABS = ("Om", "Arbejdsgrupper", "Tilslutning", "Dokumentation", "Roadmap")


def product_with_facts(index, title, users, supplier):
    """A published product with its five tabs (Om with headings), users, a supplier and prices."""
    product = published(
        ProductPageFactory(
            parent=index,
            title=title,
            slug=title.lower(),
            repository_url=f"https://github.com/OS2World/{title.lower()}",
            documentation_url=f"https://{title.lower()}.readthedocs.io/",
            licence="MPL-2.0",
        )
    )
    for tab in TABS:
        body = []
        if tab == "Om":
            body = [
                ("heading", {"text": "Formål", "level": "h2"}),
                ("paragraph", p(f"{title} er udviklet i fællesskab af OS2's medlemmer.")),
                ("heading", {"text": "Historik", "level": "h2"}),
                ("paragraph", p("Produktet startede som et lokalt projekt.")),
            ]
        published(
            ProductTabPageFactory(
                parent=product, title=tab, body=body, last_reviewed=datetime.date(2026, 2, 17)
            )
        )
    for organisation in users:
        uses(organisation, product)
    ProductSupplier.objects.create(product=product, organisation=supplier, role="drift")
    for member, yearly_fee in ((True, 42_000), (False, 84_500)):
        JoiningPrice.objects.create(
            product=product,
            size=MunicipalitySize.OVER_120K,
            member=member,
            joining_fee=35_000,
            yearly_fee=yearly_fee,
        )
    return product


@pytest.fixture(autouse=True)
def products():
    ensure_criteria()
    index = catalogue()
    magenta = OrganisationFactory(name="Magenta ApS", slug="magenta-aps", kind=OrganisationKind.LEVERANDOER)
    municipalities = [OrganisationFactory(name=f"{name} Kommune") for name in ("Aarhus", "Ballerup")]
    # Municipalities that use no product yet, for the budget test to add.
    for number in range(8):
        OrganisationFactory(name=f"Nyby {number} Kommune")
    # One that has promised to join (listed apart from the users).
    promised = OrganisationFactory(name="Tilsagn Kommune")
    made = {
        title: product_with_facts(index, title, municipalities, magenta)
        for title in ("OS2mo", "OS2loop", "OS2faktor")
    }
    JoiningAgreement.objects.create(
        product=made["OS2mo"],
        organisation=promised,
        stage=JoiningStage.TILSAGN,
        joined_on=datetime.date(2025, 1, 1),
    )
    for role, name in (
        (ContactRole.TOVHOLDER, "Tove Holder"),
        (ContactRole.STYREGRUPPE, "Styrk Gruppesen"),
        (ContactRole.LEVERANDOER, "Lise Leverandørsen"),
    ):
        person = ContactPerson.objects.create(name=name, email=f"{name.split()[0].lower()}@example.dk")
        ProductContact.objects.create(product=made["OS2mo"], person=person, role=role)
    for title in ("OS2kitos", "OS2iot"):
        made[title] = published(ProductPageFactory(parent=index, title=title, slug=title.lower()))
    return made


# The page itself, plus the sections other modules add (events, news, ideas), rendered with no cached
# part; Wagtail finds the site, the active locale and the front page itself. The catalogue reads a
# product with its logo in one query, the header its tabs and tags in one and its level in one, and the
# tabs and sections are filtered by the private sections read once per generation
# (home.locales.public_pages), without a restriction query each.
PAGE_BUDGET = 27


def test_product_page_shows_facts_users_suppliers_prices_and_contacts(client):
    product = ProductPage.objects.get(slug="os2mo")
    html = client.get("/produkter/os2mo/").content.decode()
    assert "<h1>OS2mo</h1>" in html
    assert product.tagline in html
    assert 'href="https://github.com/OS2World/os2mo"' in html
    assert 'href="https://os2mo.readthedocs.io/"' in html
    assert "MPL-2.0" in html
    assert 'href="/produkter/os2mo/publiccode.yml"' in html
    assert product.joining_agreements.filter(stage=JoiningStage.TILSLUTTET).count() == 2
    for agreement in product.joining_agreements.filter(stage=JoiningStage.TILSLUTTET):
        assert (
            f'<a href="{agreement.organisation.get_absolute_url()}">{agreement.organisation.name}</a>' in html
        )
    assert '<a href="/medlemmer/magenta-aps/">Magenta ApS</a>' in html
    # Prices by municipality size, members and non-members side by side.
    price = product.prices.get(size="over-120000", member=False)
    row = parse(html).find("th", string="Over 120.000 indbyggere").find_parent("tr")
    assert f"{price.yearly_fee:,} kr.".replace(",", ".") in text(row)
    # Contacts with their role and how to reach them.
    for contact in product.contacts.select_related("person"):
        assert contact.person.name in html
        assert f'href="mailto:{contact.person.email}"' in html
    assert product.contacts.count() == 3
    assert "Tovholder" in html and "Styregruppe" in html and "Leverandørkontakt" in html


def test_tabs_are_links_with_their_own_urls_and_the_current_one_marked(client):
    nav = landmark(parse(client.get("/produkter/os2mo/")), "Faner for OS2mo")
    assert hrefs(nav) == [
        "/produkter/os2mo/",
        "/produkter/os2mo/om/",
        "/produkter/os2mo/arbejdsgrupper/",
        "/produkter/os2mo/tilslutning/",
        "/produkter/os2mo/dokumentation/",
        "/produkter/os2mo/roadmap/",
        "/produkter/os2mo/governance/",
    ]
    assert current_link(nav) == "/produkter/os2mo/"

    tab = client.get("/produkter/os2mo/om/")
    assert tab.status_code == 200
    tab_html = tab.content.decode()
    document = parse(tab)
    nav = landmark(document, "Faner for OS2mo")
    assert current_link(nav) == "/produkter/os2mo/om/"
    assert len(nav.find_all(attrs={"aria-current": "page"})) == 1
    # Its own table of contents and review date.
    toc = document.find("nav", attrs={"aria-labelledby": "toc-heading"})
    assert {"#formal", "#historik"} <= set(hrefs(toc))
    assert document.find(id="historik")
    reviewed = ProductTabPage.objects.get(slug="om", url_path__contains="/os2mo/").last_reviewed
    assert f"Senest gennemgået {reviewed.day}." in tab_html


def test_tab_order_follows_the_page_tree_and_drafts_are_hidden(client):
    product = ProductPage.objects.get(slug="os2mo")
    roadmap = ProductTabPage.objects.get(slug="roadmap", url_path__contains="/os2mo/")
    roadmap.move(product.get_children().first(), pos="left")
    ProductTabPage.objects.get(slug="dokumentation", url_path__contains="/os2mo/").unpublish()
    nav = landmark(parse(client.get("/produkter/os2mo/")), "Faner for OS2mo")
    assert [text(link) for link in nav.find_all("a")] == [
        "Overblik",
        "Roadmap",
        "Om",
        "Arbejdsgrupper",
        "Tilslutning",
        "Governance",
    ]
    assert client.get("/produkter/os2mo/dokumentation/").status_code == 404


def test_page_tree_rules():
    assert ProductTabPage.can_create_at(ProductPage.objects.first())
    assert not ProductTabPage.can_create_at(ProductIndexPage.in_default_language())
    assert not ProductPage.can_create_at(HomePage.objects.get(locale__language_code="da"))
    assert ProductTabPage.allowed_subpage_models() == []


def test_a_tab_cannot_take_the_governance_address():
    from django.core.exceptions import ValidationError

    product = ProductPage.objects.get(slug="os2kitos")
    tab = ProductTabPage(title="Governance", slug="governance")
    tab.path, tab.depth = product.path + "9999", product.depth + 1
    with pytest.raises(ValidationError) as error:
        tab.full_clean()
    assert "slug" in error.value.message_dict


def test_other_modules_add_sections_through_the_hook(client):
    def news_about(request, product):
        return [
            {"heading": "Nyheder", "items": [{"heading": f"Nyt om {product.title}", "url": "/nyheder/1/"}]}
        ]

    with hooks.register_temporarily("product_page_sections", news_about):
        html = client.get("/produkter/os2iot/").content.decode()
    assert '<h2 id="section-1">Nyheder</h2>' in html
    assert '<a href="/nyheder/1/">Nyt om OS2iot</a>' in html


def test_user_text_is_escaped(client):
    product = ProductPage.objects.get(slug="os2loop")
    product.tagline = "<script>alert(1)</script>"
    product.save_revision().publish()
    html = client.get("/produkter/os2loop/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_names_in_the_user_and_supplier_lists_are_escaped(client):
    """These lists are built as HTML outside the template engine, so they escape on their own."""
    product = ProductPage.objects.get(slug="os2loop")
    user = product.joining_agreements.filter(stage=JoiningStage.TILSLUTTET).first().organisation
    user.name = "Kommune <b>A&B</b>"
    user.save()
    supplier = product.suppliers.first()
    supplier.role = "<i>drift</i>"
    supplier.save()
    html = client.get("/produkter/os2loop/").content.decode()
    assert "Kommune &lt;b&gt;A&amp;B&lt;/b&gt;</a>" in html
    assert " – &lt;i&gt;drift&lt;/i&gt;</li>" in html
    assert "<b>A&B</b>" not in html and "<i>drift</i>" not in html


def grow(product, extra):
    """Give a product `extra` more tabs, contacts and users."""
    municipalities = Organisation.objects.filter(kind=OrganisationKind.KOMMUNE).exclude(
        joining_agreements__product=product
    )[:extra]
    for organisation in municipalities:
        JoiningAgreement.objects.create(
            product=product,
            organisation=organisation,
            stage=JoiningStage.TILSLUTTET,
            joined_on=datetime.date(2024, 1, 1),
        )
    for number in range(extra):
        person = ContactPerson.objects.create(
            name=f"Person {number}", organisation=municipalities[0], email="a@b.dk"
        )
        ProductContact.objects.create(product=product, person=person, role=ContactRole.KOORDINATIONSGRUPPE)
        product.add_child(
            instance=ProductTabPage(
                title=f"Fane {number}", slug=f"fane-{number}", last_reviewed=datetime.date(2026, 1, 1)
            )
        )


@pytest.mark.parametrize("path", ["", "om/", "governance/"])
def test_product_page_and_tabs_have_a_fixed_query_budget(client, django_assert_max_num_queries, path):
    product = ProductPage.objects.get(slug="os2faktor")
    url = f"/produkter/os2faktor/{path}"
    client.get(url)
    with django_assert_max_num_queries(PAGE_BUDGET) as few:
        assert client.get(url).status_code == 200
    grow(product, 8)
    with django_assert_max_num_queries(PAGE_BUDGET) as more:
        html = client.get(url).content.decode()
    assert "Fane 7" in html
    # The same queries with eight more tabs, contacts and users: a query per one would show here.
    assert len(more) == len(few)
