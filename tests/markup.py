"""Reading the site's HTML in tests: parsed, and found by what a visitor or assistive technology meets
(landmarks, headings, links, labels, ids and data attributes) rather than by the design system's classes.
"""

from bs4 import BeautifulSoup


def parse(response_or_html):
    """A test client's response (or HTML text) as a parsed document."""
    content = getattr(response_or_html, "content", response_or_html)
    return BeautifulSoup(content, "html.parser")


def text(element):
    """The text of an element as read aloud: its words, with the white space between them made single."""
    return " ".join(element.get_text(" ").split())


def card_titles(document):
    """The titles of a listing's cards, in order: the link in each card's heading."""
    return [text(heading) for heading in document.main.select("article h2 a, article h3 a")]


def hrefs(element):
    """The addresses of every link inside an element, in order."""
    return [link["href"] for link in element.find_all("a", href=True)]


def landmark(document, label):
    """The navigation landmark with this accessible name (its aria-label)."""
    return document.find("nav", attrs={"aria-label": label})


def current_link(element):
    """The address of the link marked as the current page inside an element (aria-current)."""
    link = element.find("a", attrs={"aria-current": "page"})
    return link["href"] if link else None


def home_counts(document):
    """{label: number} of the front page's "OS2 i tal" (each item reads "12 produkter")."""
    section = document.find("section", attrs={"aria-labelledby": "counts-heading"})
    items = [text(item).split(" ", 1) for item in section.find_all("li")] if section else []
    return {label: int(number) for number, label in items}


def breadcrumbs(document):
    """The breadcrumb trail (a navigation landmark named in either language)."""
    return document.find("nav", attrs={"aria-label": ["Brødkrumme", "Breadcrumb"]})


def definitions(element):
    """{term: description element} of the first description list (dl) inside an element."""
    listing = element.find("dl")
    return {text(term): term.find_next_sibling("dd") for term in listing.find_all("dt")} if listing else {}


def region(document, name):
    """The section or landmark with this accessible name: named by aria-label, or by the heading its
    aria-labelledby points to (as a screen reader's list of regions shows it)."""
    for element in document.find_all(attrs={"aria-labelledby": True}):
        labels = [document.find(id=label) for label in element["aria-labelledby"].split()]
        if " ".join(text(label) for label in labels if label) == name:
            return element
    return document.find(attrs={"aria-label": name})
