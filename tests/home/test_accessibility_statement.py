"""The accessibility statement (/tilgaengelighed/, in English /en/accessibility/) follows the structure of
Digitaliseringsstyrelsen's statements: compliance status, the content that is not accessible and why,
how and when it was assessed, a contact, and the right to complain to Digitaliseringsstyrelsen. It
claims nothing the project's own checks do not show."""

import pytest
from bs4 import BeautifulSoup

from home import demo
from home.models import SiteSettings

pytestmark = pytest.mark.factories

DANISH_SECTIONS = [
    "Overensstemmelsesstatus",
    "Ikke-tilgængeligt indhold",
    "Sådan er erklæringen udarbejdet",
    "Feedback og kontaktoplysninger",
    "Klage til Digitaliseringsstyrelsen",
]
ENGLISH_SECTIONS = [
    "Compliance status",
    "Non-accessible content",
    "Preparation of this statement",
    "Feedback and contact information",
    "Complaints to the Danish Agency for Digital Government",
]


@pytest.fixture
def site(db):
    """The statement in both languages and the site's settings, as the home module's part of the demo
    publishes them (the statement's text is that content), and none of the other sections."""
    demo.load()


def statement(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("path", "language", "sections", "status", "prepared"),
    [
        ("/tilgaengelighed/", "da", DANISH_SECTIONS, "delvist", "Erklæringen blev udarbejdet den"),
        ("/en/accessibility/", "en", ENGLISH_SECTIONS, "partially", "This statement was prepared on"),
    ],
)
def test_the_statement_has_every_part(client, site, path, language, sections, status, prepared):
    document = statement(client, path)
    main = document.select_one("main")
    text = main.get_text(" ", strip=True)

    assert document.html["lang"] == language
    # The statement's own headings, not the heading of its table of contents (a navigation landmark).
    headings = [h2 for h2 in main.find_all("h2") if not h2.find_parent("nav")]
    assert [heading.get_text(strip=True) for heading in headings] == sections
    compliance = main.find("h2", string=sections[0]).find_next("p").get_text(" ", strip=True)
    assert status in compliance and "WCAG 2.1" in compliance
    assert len(main.find("h2", string=sections[1]).find_next("ul").select("li")) >= 3
    assert prepared in text and "2026" in text
    email = SiteSettings.load().email
    assert main.select_one(f'a[href="mailto:{email}"]')
    assert main.select_one('a[href^="https://digst.dk/"]')


def test_the_statement_claims_nothing_untrue(client, site):
    """Not "fully" compliant, no claim that everything works without JavaScript or was tested with screen
    readers; and the checks it names are the ones the test suite runs: every public page type in both
    languages, at 320 px."""
    from tests.browser.test_every_public_page import SMALLEST_PHONE
    from tests.public_pages import PUBLIC_PAGES_IN_EVERY_LANGUAGE

    for path in ("/tilgaengelighed/", "/en/accessibility/"):
        text = statement(client, path).select_one("main").get_text(" ", strip=True).lower()
        for untrue in ("fuldt ud", "fully compliant", "uden javascript", "without javascript"):
            assert untrue not in text, (path, untrue)
        assert "skærmlæser" in text or "screen reader" in text
        assert "320" in text and "axe-core" in text
    assert SMALLEST_PHONE["width"] == 320
    swept = {(page.name, page.language) for page in PUBLIC_PAGES_IN_EVERY_LANGUAGE}
    assert {("accessibility-statement", "da"), ("accessibility-statement", "en")} <= swept
