"""A product's governance level is computed from its latest assessment of each criterion: cumulative
levels, green or yellow-with-an-explanation counts, recommended criteria do not block, a later
assessment can take the level down, and the badge, governance tab and catalogue all show it at once.
On a catalogue of two products built for the test, with the association's criteria."""

import datetime

import pytest
from bs4 import BeautifulSoup

from products.demo import ensure_criteria
from products.governance import governance_for
from products.models import CriterionAssessment, GovernanceCriterion, Rating
from tests.factories import ProductPageFactory, assess, catalogue
from tests.markup import page_header, parse

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

TODAY = datetime.date(2026, 3, 1)


@pytest.fixture
def index():
    ensure_criteria()
    return catalogue()


@pytest.fixture
def product(index):
    return ProductPageFactory(parent=index, title="OS2valghalla", slug="os2valghalla", status="projekt")


def level_of(product):
    return governance_for([product])[product.pk].level


def test_unassessed_product_has_no_level(product, client):
    assert level_of(product) is None
    response = client.get(product.url)
    assert "Ikke indplaceret" in response.content.decode()


def test_each_level_is_reached_exactly_when_its_criteria_and_all_below_are_met(product):
    assess(product, [0])
    assert level_of(product) == 0
    assess(product, [2])  # N2 met, but N1 not yet: levels are cumulative
    assert level_of(product) == 0
    assess(product, [1])
    assert level_of(product) == 2
    assess(product, [3])
    assert level_of(product) == 3


def test_one_red_criterion_stops_the_level_below_it(product):
    assess(product, [0, 1])
    assess(product, [1], rating=Rating.RED, codes=["G3"])
    assert level_of(product) == 0


def test_yellow_counts_only_with_an_explanation(product):
    assess(product, [0, 1])
    assess(product, [1], rating=Rating.YELLOW, codes=["F7"])
    assert level_of(product) == 0
    assess(
        product, [1], rating=Rating.YELLOW, codes=["F7"], note="Skabelonen tages i brug i næste udgivelse."
    )
    assert level_of(product) == 1


def test_recommended_criteria_do_not_block_a_level(product):
    mandatory_n2 = list(
        GovernanceCriterion.objects.filter(level=2, mandatory=True).values_list("code", flat=True)
    )
    assert {"G8", "G9", "G10"}.isdisjoint(mandatory_n2)
    assess(product, [0, 1])
    assess(product, [2], codes=mandatory_n2)
    assert level_of(product) == 2


def test_a_later_assessment_takes_the_level_down_and_the_history_shows_it(product, client):
    assess(product, [0, 1, 2], date=datetime.date(2025, 1, 10))
    assess(product, [2], rating=Rating.RED, codes=["G6"], date=datetime.date(2026, 2, 1))
    governance = governance_for([product])[product.pk]
    assert governance.level == 1
    assert [(c.date, c.level) for c in governance.history()] == [
        (datetime.date(2026, 2, 1), 1),
        (datetime.date(2025, 1, 10), 2),
    ]
    assert governance.history()[0].went_down

    page = client.get(product.url + "governance/").content.decode()
    assert "Ned fra N2 til N1" in page
    assert "Senest vurderet 1. februar 2026" in page
    # What is missing for N2 is the criterion that went red.
    heading = parse(page).find(id="mangler")
    missing = [item.strong.get_text() for item in heading.find_next_sibling("ul").find_all("li")]
    assert "G6" in missing and "F12" not in missing


def test_assessing_a_criterion_changes_the_badge_everywhere_at_once(product, client):
    assess(product, [0])
    catalogue = client.get("/produkter/?niveau=sandkasse").content.decode()
    assert "OS2valghalla" in catalogue
    assert "governance-level-sandkasse" in client.get(product.url).content.decode()

    assess(product, [1], date=TODAY + datetime.timedelta(days=1))
    assert "governance-level-n1" in client.get(product.url).content.decode()
    assert "OS2valghalla" not in client.get("/produkter/?niveau=sandkasse").content.decode()
    assert "OS2valghalla" in client.get("/produkter/?niveau=n1").content.decode()


def test_governance_tab_shows_checklist_per_theme_with_evidence(product, client):
    CriterionAssessment.objects.create(
        product=product,
        criterion=GovernanceCriterion.objects.get(code="F2"),
        rating=Rating.GREEN,
        assessed_on=TODAY,
        evidence_url="https://github.com/OS2World/os2valghalla/blob/main/LICENSE",
    )
    page = client.get(product.url + "governance/").content.decode()
    for theme in ["Relevans (R)", "Formkrav (F)", "Governance (G)", "Strategisk sammenhæng (S)"]:
        assert theme in page
    assert 'href="https://github.com/OS2World/os2valghalla/blob/main/LICENSE"' in page
    assert "Det mangler for at nå Sandkasse" in page
    assert 'aria-current="page"><span>Governance</span>' in page


def test_the_badge_explains_itself_and_links_to_the_governance_tab(client, index):
    product = ProductPageFactory(parent=index, title="OS2kitos", slug="os2kitos")
    assess(product, [0, 1, 2, 3])
    page = BeautifulSoup(client.get(product.url).content, "html.parser")
    badge = page_header(page).find("a", attrs={"aria-describedby": True})
    assert badge["href"] == "/produkter/os2kitos/governance/"
    # The level in words, and its explanation shown beneath as the link's description.
    assert " ".join(badge.get_text().split()) == "Governanceniveau: N3 nationalt forankret"
    assert page.find(id=badge["aria-describedby"]).get_text().startswith("National forankring")
