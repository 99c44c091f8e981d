"""Demo news about OS2 and its products, dated relative to the day the demo is built."""

import datetime

from django.utils import timezone
from wagtail.rich_text import RichText

from home.demo import dated_slug, ensure_english_section, ensure_section
from products.governance import governance_for
from products.models import GovernanceLevel, ProductPage

from ..projects.models import Project
from .models import NewsIndexPage, NewsPage

NEWS_PAGE = {
    "title": "Nyheder",
    "slug": "nyheder",
    "introduction": "Nyt fra OS2's fællesskab og produkterne.",
}

NEWS_PAGE_EN = {
    "title": "News",
    "slug": "nyheder",
    "introduction": "News from the OS2 community and its products.",
}

NEWS = [
    (-5, "OS2mo er nu på niveau N2", ["os2mo"], ["Governance", "Produkter"], "Sekretariatet"),
    (-12, "Ny koordinationsgruppe for OS2iot", ["os2iot"], ["Fællesskab"], "Sekretariatet"),
    (-25, "Referat fra netværksmødet om OS2sofd", ["os2sofd", "os2mo"], ["Netværk"], "Koordinationsgruppen"),
    (-40, "Tre nye kommuner har tilsluttet sig OS2forms", ["os2forms"], ["Tilslutning"], "Sekretariatet"),
    (
        -60,
        "OS2datascanner finder nu også personnumre i billeder",
        ["os2datascanner"],
        ["Produkter"],
        "Magenta ApS",
    ),
    (-75, "Bestyrelsen har godkendt strategien for de kommende år", [], ["Strategi"], "Bestyrelsen"),
    (-95, "OS2valghalla klar til næste valg", ["os2valghalla"], ["Produkter"], "Sekretariatet"),
    (-120, "Sådan bliver en idé til et OS2-produkt", [], ["Fællesskab", "Governance"], "Sekretariatet"),
    (-150, "OS2kitos får nyt modul til databehandling", ["os2kitos"], ["Produkter"], "Sekretariatet"),
    (-180, "Velkommen til nye leverandørpartnere", [], ["Fællesskab"], "Sekretariatet"),
    (
        -210,
        "OS2faktor understøtter nu flere loginmetoder",
        ["os2faktor"],
        ["Produkter", "Sikkerhed"],
        "Digital Identity ApS",
    ),
    (-250, "Generalforsamlingen valgte ny bestyrelse", [], ["Generalforsamling"], "Sekretariatet"),
    (-8, "Vagtplanerne til valgtilforordnede afprøves i tre kommuner", [], ["Projekter"], "Projektgruppen"),
    (-3, "Sådan blev sensorprojektet til OS2iot", ["os2iot"], ["Projekter"], "Sekretariatet"),
]

# News about a project (by the project's title): shown on its page and told to its product's followers.
# Never dated before the project started.
PROJECT_NEWS = {
    "Vagtplanerne til valgtilforordnede afprøves i tre kommuner": "Vagtplaner til valgtilforordnede",
    "Sådan blev sensorprojektet til OS2iot": "Fælles platform til sensorer",
}


# News of a level a product reached: dated a few days after the assessment that gave it, whenever the
# product's level history says that was.
LEVEL_NEWS = {"OS2mo er nu på niveau N2": ("os2mo", GovernanceLevel.N2)}


def level_reached(product, level):
    """The day the product last reached `level`, from its assessments, or None."""
    history = governance_for([product])[product.pk].history()
    return next((change.date for change in history if change.level == level), None)


def load():
    created = 0
    news_index, new = ensure_section(NewsIndexPage, NEWS_PAGE)
    created += new + ensure_english_section(news_index, NEWS_PAGE_EN)[1]
    today = timezone.localdate()
    products = {p.slug: p for p in ProductPage.objects.all()}
    projects = {project.title: project for project in Project.objects.filter(title__in=PROJECT_NEWS.values())}
    existing = set(NewsPage.objects.values_list("slug", flat=True))
    for days, title, product_slugs, tags, author in NEWS if not existing else []:
        date = today + datetime.timedelta(days=days)
        if title in LEVEL_NEWS:
            product_slug, level = LEVEL_NEWS[title]
            reached = level_reached(products[product_slug], level) if product_slug in products else None
            if reached is not None:
                date = min(today, reached + datetime.timedelta(days=3))
        project = projects.get(PROJECT_NEWS.get(title))
        if project and project.started_on:
            date = max(date, project.started_on)
        slug = dated_slug(title, date)
        if slug in existing:
            continue
        names = ", ".join(products[s].title for s in product_slugs) or (project.title if project else "OS2")
        article = NewsPage(
            title=title,
            slug=slug,
            date=date,
            author=author,
            introduction=f"{title}. Læs mere om, hvad det betyder for brugerne af {names}.",
            body=[
                (
                    "paragraph",
                    RichText(
                        "<p>Fællesskabet bag løsningen har arbejdet sammen om det i en længere periode. "
                        "Koordinationsgruppen takker alle, der har bidraget med ønsker, test og kode.</p>"
                    ),
                )
            ],
            related_products=[products[s] for s in product_slugs],
            related_projects=[project] if project else [],
        )
        article.tags.add(*tags)
        article.first_published_at = article.last_published_at = timezone.now()
        news_index.add_child(instance=article)
        created += 1
    return created
