"""Reading the site's HTML in tests: parsed, and found by what a visitor or assistive technology meets
(landmarks, headings, links, labels, ids and data attributes) rather than by the design system's classes.
"""

import re

from bs4 import BeautifulSoup


def parse(response_or_html):
    """A test client's response (or HTML text) as a parsed document."""
    content = getattr(response_or_html, "content", response_or_html)
    return BeautifulSoup(content, "html.parser")


def text(element):
    """The text of an element as read aloud: its words, with the white space between them made single."""
    return " ".join(element.get_text(" ").split())


def card_links(document):
    """The links of a listing's cards, in order: each card is an article whose heading is one link."""
    return document.main.select("article h2 a, article h3 a")


def card_titles(document):
    """The titles of a listing's cards, in order: the link in each card's heading."""
    return [text(link) for link in card_links(document)]


def card_texts(document):
    """The paragraphs of the listing's cards that follow each card's heading (its text, not the line
    above the heading), in order."""
    paragraphs = []
    for heading in document.main.select("article h2, article h3"):
        card = heading.find_parent("article")
        paragraphs += [p for p in heading.find_all_next("p") if p.find_parent("article") is card]
    return paragraphs


def page_header(document):
    """The header of the page's main content: the header element around its one h1."""
    return document.main.h1.find_parent("header")


def tagline(document):
    """The line right under the page's main heading (a product's tagline)."""
    return document.main.h1.find_next_sibling("p")


def hrefs(element):
    """The addresses of every link inside an element, in order."""
    return [link["href"] for link in element.find_all("a", href=True)]


def banner(document):
    """The page's banner landmark: the header that belongs to the whole page (not to its main content,
    an article or a section)."""
    for header in document.find_all("header"):
        if not header.find_parent(["main", "article", "aside", "nav", "section"]):
            return header
    return None


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


def language_switcher(document):
    """The language switcher (a navigation landmark named in either language)."""
    return document.find("nav", attrs={"aria-label": ["Sprog", "Language"]})


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


def search_groups(document):
    """The site search's groups of results, in order, as (label, count, section): each is a section
    named by its heading, which reads "Produkter (3)"."""
    groups = []
    for section in document.main.find_all("section", attrs={"aria-labelledby": True}):
        heading = document.find(id=section["aria-labelledby"])
        match = re.fullmatch(r"(.+) \((\d+)\)", text(heading)) if heading else None
        if match:
            groups.append((match[1], int(match[2]), section))
    return groups


def result_links(element):
    """The links of the results listed inside an element, in order: each result in a numbered list (ol)
    is titled by a level-4 heading that links to it."""
    return [
        heading.a for listing in element.find_all("ol") for heading in listing.find_all("h4") if heading.a
    ]


def field(element, label):
    """The form control a visitor finds by its label (the control the label's for= points to). A label
    may end in a note in brackets, "Beløb (kr.) (valgfri)", which the name given here leaves out."""
    for tag in element.find_all("label", attrs={"for": True}):
        if text(tag) == label or text(tag).startswith(label + " ("):
            return element.find(id=tag["for"])
    return None


def listed_under(element, heading):
    """The items of the list right after the heading with this text inside an element, in order (none
    when there is no such heading)."""
    for tag in element.find_all(["h2", "h3", "h4", "h5", "h6"]):
        if text(tag) == heading:
            listing = tag.find_next_sibling(["ul", "ol"])
            return listing.find_all("li", recursive=False) if listing else []
    return []


def announcements(element):
    """What a page announces inside an element (its messages, warnings and error summaries: the elements
    with the role alert or status), each as read, in order."""
    return [text(tag) for tag in element.find_all(attrs={"role": ["alert", "status"]})]


def link_starting(element, words):
    """The first link inside an element whose name, as read, begins with these words (a link may end in
    words only a screen reader reads: "Forlad gruppen" + the group's name)."""
    return next((link for link in element.find_all("a") if text(link).startswith(words)), None)
