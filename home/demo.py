"""Demo content of the home app: the front page, the About pages and the site settings.

The texts are the project's own, written from the facts about OS2. Counts are never typed into
text: the site computes them from data.
"""

import os
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from wagtail.models import Collection, Locale, Page, Site
from wagtail.rich_text import RichText

from .models import ContentPage, HomePage, SiteSettings
from .site_address import set_site_address

ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@example.org"
ADMIN_PASSWORD_FILE = settings.BASE_DIR / ".demo-admin-password"


def p(*paragraphs):
    return RichText("".join(f"<p>{text}</p>" for text in paragraphs))


def ul(*items):
    return RichText("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


HOME_HERO = "Vi udvikler og deler open source-software til den offentlige sektor"
HOME_INTRODUCTION = (
    "OS2 er et fællesskab af kommuner, regioner og andre offentlige myndigheder, der sammen udvikler, "
    "deler og vedligeholder open source-løsninger. Koden og rettighederne ejer vi i fællesskab."
)

ABOUT = {
    "title": "Om OS2",
    "slug": "om-os2",
    "introduction": (
        "OS2 – Offentligt Digitaliseringsfællesskab er en frivillig forening for offentlige myndigheder, "
        "der vil løse digitale opgaver én gang og dele løsningen med alle."
    ),
    "body": [
        ("heading", {"text": "Et fællesskab om åben kode", "level": "h2"}),
        (
            "paragraph",
            p(
                "Foreningen blev stiftet den 24. april 2012 i Rønde af Ballerup, Syddjurs, Sønderborg, Ishøj "
                "og Københavns kommuner. Siden er kommuner, regioner og statslige myndigheder fra hele "
                "landet kommet med.",
                "Medlemmerne finder fælles behov, finansierer udviklingen sammen og ejer resultatet i "
                "fællesskab. Løsningerne udgives under godkendte open source-licenser, så alle kan bruge, "
                "ændre og forbedre dem.",
            ),
        ),
        ("quote", {"quote": "Vi arbejder med hinanden, ikke for hinanden.", "attribution": "OS2's værdier"}),
        ("heading", {"text": "Sådan er foreningen organiseret", "level": "h2"}),
        (
            "paragraph",
            p(
                "Generalforsamlingen, der holdes hvert forår, er foreningens øverste myndighed. Mellem "
                "generalforsamlingerne leder bestyrelsen foreningen. Et lille sekretariat, finansieret af "
                "medlemmernes kontingent, koordinerer arbejdet.",
                "Hvert produkt har sit eget fællesskab med en styregruppe, en koordinationsgruppe og "
                "eventuelle faggrupper.",
            ),
        ),
        ("heading", {"text": "Værdier", "level": "h2"}),
        (
            "paragraph",
            ul(
                "Åbenhed: kode, viden og beslutninger deles.",
                "Samarbejde: vi løser opgaven sammen, på tværs af myndigheder og leverandører.",
                "Fælles ejerskab: rettighederne ligger hos fællesskabet, ikke hos en enkelt leverandør.",
                "Digital udvikling: vi bygger løsninger, der kan genbruges i hele den offentlige sektor.",
            ),
        ),
    ],
}

ABOUT_CHILDREN = [
    {
        "title": "Medlemskab og kontingent",
        "slug": "medlemskab",
        "introduction": (
            "Offentlige myndigheder bliver medlemmer med en partneraftale; private virksomheder kan blive "
            "leverandørpartnere."
        ),
        "body": [
            ("heading", {"text": "Offentlige medlemmer", "level": "h2"}),
            (
                "paragraph",
                p(
                    "Kommuner, regioner, statslige myndigheder og offentlige institutioner kan blive medlem. "
                    "Medlemskabet koster et årligt kontingent på 25.000 kr. ekskl. moms, som finansierer "
                    "sekretariatet. Medlemmer har stemmeret på generalforsamlingen.",
                ),
            ),
            ("heading", {"text": "Leverandørpartnere", "level": "h2"}),
            (
                "paragraph",
                p(
                    "Softwarehuse, konsulenter og drifts- og supportleverandører kan blive "
                    "leverandørpartnere. Det er gratis og giver ikke stemmeret, men forpligter til at "
                    "arbejde efter fællesskabets principper.",
                ),
            ),
            (
                "accordion",
                {
                    "heading": "Spørgsmål om medlemskab",
                    "items": [
                        {
                            "question": "Skal vi betale for at bruge et produkt?",
                            "answer": p(
                                "Koden er fri. Vil I være med til at finansiere vedligeholdelse og "
                                "udvikling, indgår I en tilslutningsaftale med produktets fællesskab."
                            ),
                        },
                        {
                            "question": "Giver OS2 support på produkterne?",
                            "answer": p(
                                "Nej. Drift og support aftaler hver myndighed med en leverandør, ofte i en "
                                "fælles driftsaftale under produktet."
                            ),
                        },
                    ],
                },
            ),
        ],
    },
    {
        "title": "Governancemodellen",
        "slug": "governance",
        "introduction": (
            "Produkterne vurderes på fire niveauer: Sandkasse, N1, N2 og N3. Niveauerne bygger oven på "
            "hinanden, og der gælder 'følg eller forklar' på alle niveauer."
        ),
        "body": [
            ("heading", {"text": "Fire temaer", "level": "h2"}),
            (
                "paragraph",
                ul(
                    "Relevans (R): skaber løsningen værdi, også for andre end den første myndighed?",
                    "Formkrav (F): åben udvikling, licens, dokumentation, sikkerhed og drift.",
                    "Governance (G): styregruppe, koordinationsgruppe, finansiering og et aktivt fællesskab.",
                    "Strategisk sammenhæng (S): sammenhæng med OS2's mission, vision og strategi.",
                ),
            ),
            ("heading", {"text": "Niveauerne", "level": "h2"}),
            (
                "table",
                {
                    "table": {
                        "data": [
                            ["Niveau", "Kort fortalt"],
                            ["Sandkasse", "Lokal værdi, åben udvikling og godkendt licens."],
                            ["N1", "Koden hos OS2, dokumentation og en navngiven tovholder."],
                            ["N2", "Styregruppe, én kodebase, drifts- og implementeringsmateriale."],
                            ["N3", "National forankring, budget og et aktivt brugerfællesskab."],
                        ],
                        "first_row_is_table_header": True,
                        "first_col_is_header": True,
                        "table_caption": "Governanceniveauer",
                    }
                },
            ),
            (
                "paragraph",
                p(
                    "Hvert kriterie vurderes grønt, gult eller rødt med dokumentation og dato. Et produkt "
                    "kan både rykke op og ned, når det vurderes igen."
                ),
            ),
        ],
    },
    {
        "title": "Aftaler",
        "slug": "aftaler",
        "introduction": "Samarbejdet i OS2 hviler på nogle få, åbne aftaler.",
        "body": [
            (
                "paragraph",
                ul(
                    "<b>Partneraftale</b>: rammen for en offentlig myndigheds medlemskab.",
                    "<b>Leverandørpartneraftale</b>: vilkår og forventninger til leverandører.",
                    "<b>Tilslutningsaftale</b>: en myndigheds bindende tilslutning til et produkt, som "
                    "finansierer vedligeholdelse, governance og videndeling.",
                    "<b>FLOSS-aftale</b>: den juridiske ramme for licenser og rettigheder.",
                ),
            ),
            ("heading", {"text": "Tilslutning i to trin", "level": "h2"}),
            (
                "paragraph",
                p(
                    "Først giver en myndighed et uforpligtende tilsagn om at støtte udviklingen. Når "
                    "produktet er klar, indgår den en bindende tilslutningsaftale. Prisen afhænger ofte af "
                    "kommunens størrelse og af, om man er medlem af OS2."
                ),
            ),
        ],
    },
]

# The accessibility statement in the structure of Digitaliseringsstyrelsen's WAS-Tool (the EU model
# statement): compliance status, what is not accessible and why, how and when it was assessed, feedback
# and contact, and the right to complain. It says only what the project's own checks show (the browser
# sweep with axe-core in tests/browser/test_every_public_page.py and the HTML validation in
# tests/site/test_html_validation.py); the secretariat reviews it at least once a year.
STATEMENT_DATE = "4. december 2026"
STATEMENT_DATE_EN = "4 December 2026"
DIGST_COMPLAINTS = (
    "https://digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold/"
)

ACCESSIBILITY = {
    "title": "Tilgængelighedserklæring",
    "slug": "tilgaengelighed",
    "introduction": (
        "OS2 – Offentligt Digitaliseringsfællesskab forpligter sig til at gøre os2.eu tilgængeligt, jf. lov "
        "om tilgængelighed af offentlige organers websteder og mobilapplikationer."
    ),
    "body": [
        ("heading", {"text": "Overensstemmelsesstatus", "level": "h2"}),
        (
            "paragraph",
            p(
                "Webstedet overholder <b>delvist</b> standarden for webtilgængelighed (EN 301 549, som svarer "
                "til WCAG 2.1 på niveau AA). Det skyldes det ikke-tilgængelige indhold, der er nævnt nedenfor."
            ),
        ),
        ("heading", {"text": "Ikke-tilgængeligt indhold", "level": "h2"}),
        ("heading", {"text": "Manglende overholdelse af webtilgængelighedsloven", "level": "h3"}),
        (
            "paragraph",
            ul(
                "Dokumenter, som ligger på webstedet (fx aftaler og skabeloner i pdf og Word), er ikke "
                "gennemgået for tilgængelighed. De kan mangle overskrifter, alternative tekster eller "
                "oplysning om sprog.",
                "Tekster og billeder, som produkternes tovholdere og sekretariatet skriver og lægger på "
                "siderne, gennemgås ikke systematisk. Et billede kan mangle en dækkende alternativ tekst, og "
                "en overskrift kan springe et niveau over.",
                "Indlejrede videoer har ikke altid undertekster eller en tekstudgave.",
                "På de engelske sider er nogle danske ord og navne (fx produkternes faner og emner) ikke "
                "markeret som dansk, så en skærmlæser kan udtale dem forkert.",
            ),
        ),
        (
            "paragraph",
            p(
                "Vi retter fejlene, efterhånden som vi finder dem. Har du brug for indholdet i en anden form, "
                "så skriv til os (se nedenfor), så sender vi det på en måde, du kan bruge."
            ),
        ),
        ("heading", {"text": "Uforholdsmæssig stor byrde", "level": "h3"}),
        ("paragraph", p("Vi undtager ikke noget indhold med henvisning til uforholdsmæssig stor byrde.")),
        ("heading", {"text": "Indhold, der ikke er omfattet af loven", "level": "h3"}),
        (
            "paragraph",
            ul(
                "Filer og tekster, som medlemmernes medarbejdere selv lægger på webstedet, fx bilag til idéer "
                "og kommentarer. OS2 hverken udvikler eller kontrollerer dem.",
                "Andre websteder, som vi linker til, fx produkternes kode og dokumentation på GitHub.",
            ),
        ),
        ("heading", {"text": "Sådan er erklæringen udarbejdet", "level": "h2"}),
        (
            "paragraph",
            p(
                f"Erklæringen blev udarbejdet den {STATEMENT_DATE} og senest gennemgået samme dag. OS2 har "
                "selv evalueret webstedet. Hver gang webstedet ændres, kontrolleres alle sidetyper på dansk "
                "og engelsk automatisk i en browser med værktøjet axe-core, både i mobil- og "
                "computerbredde, og det kontrolleres, at ingen side skal rulles til siden på en skærm, der "
                "er 320 pixel bred. Sidernes HTML valideres med Nu Html Checker. Tastaturbetjening af "
                "springlinket, log ind og formularerne afprøves automatisk i en browser.",
                "Automatiske kontroller finder kun en del af de mulige fejl. Webstedet er endnu ikke afprøvet "
                "med skærmlæsere og andre hjælpemidler eller af en ekstern part.",
            ),
        ),
        ("heading", {"text": "Feedback og kontaktoplysninger", "level": "h2"}),
        (
            "paragraph",
            p(
                "Oplever du indhold, du ikke kan bruge, eller vil du have oplysninger om indhold, der er "
                'undtaget, så skriv til OS2s sekretariat på <a href="mailto:os2@os2.eu">os2@os2.eu</a>. '
                "Skriv gerne, hvilken side det drejer sig om, og hvad der ikke virker. Du kan også skrive til "
                "OS2, c/o Aarhus Kommune, Dokk1, Hack Kampmanns Plads 2, 8000 Aarhus C.",
                "Skriv ikke fortrolige eller følsomme personoplysninger, fx dit cpr-nummer, i din henvendelse.",
            ),
        ),
        ("heading", {"text": "Klage til Digitaliseringsstyrelsen", "level": "h2"}),
        (
            "paragraph",
            p(
                "Digitaliseringsstyrelsen fører tilsyn med, at offentlige websteder er tilgængelige. Har du "
                "ikke fået svar fra os inden for 10 arbejdsdage, eller er du ikke tilfreds med svaret, kan du "
                f'henvende dig til Digitaliseringsstyrelsen. <a href="{DIGST_COMPLAINTS}">Læs hvordan på '
                "digst.dk</a>.",
            ),
        ),
    ],
}


# The English translations of the front page and the About pages: the same pages in English, sharing
# their Danish page's translation key, under the English front page (/en/).
HOME_EN = {
    "title": "Home",
    "slug": "home",
    "hero_heading": "We develop and share open-source software for the public sector",
    "introduction": (
        "OS2 is a community of Danish municipalities, regions and other public authorities that develop, "
        "share and maintain open-source solutions together. We own the code and the rights in common."
    ),
}

ABOUT_EN = {
    "title": "About OS2",
    "slug": "about-os2",
    "introduction": (
        "OS2 – the Danish public-sector digitalisation community – is a voluntary association of public "
        "authorities that want to solve a digital task once and share the solution with everyone."
    ),
    "body": [
        ("heading", {"text": "A community built on open code", "level": "h2"}),
        (
            "paragraph",
            p(
                "The association was founded on 24 April 2012 in Rønde by the municipalities of Ballerup, "
                "Syddjurs, Sønderborg, Ishøj and Copenhagen. Municipalities, regions and state authorities "
                "from the whole country have joined since.",
                "The members find shared needs, fund the development together and own the result in "
                "common. The solutions are published under approved open-source licences, so everyone may "
                "use, change and improve them.",
            ),
        ),
        ("quote", {"quote": "We work with each other, not for each other.", "attribution": "OS2's values"}),
        ("heading", {"text": "How the association is organised", "level": "h2"}),
        (
            "paragraph",
            p(
                "The general assembly, held every spring, is the association's highest authority. Between "
                "assemblies the board runs the association. A small secretariat, funded by the members' "
                "fees, coordinates the work.",
                "Each product has its own community with a steering group, a coordination group and, where "
                "needed, professional groups.",
            ),
        ),
        ("heading", {"text": "Values", "level": "h2"}),
        (
            "paragraph",
            ul(
                "Openness: code, knowledge and decisions are shared.",
                "Collaboration: we solve the task together, across authorities and suppliers.",
                "Shared ownership: the rights belong to the community, not to a single supplier.",
                "Digital development: we build solutions that the whole public sector can reuse.",
            ),
        ),
    ],
}

ABOUT_CHILDREN_EN = {
    "medlemskab": {
        "title": "Membership and fee",
        "slug": "membership",
        "introduction": (
            "Public authorities become members with a partner agreement; private companies can become "
            "supplier partners."
        ),
        "body": [
            ("heading", {"text": "Public members", "level": "h2"}),
            (
                "paragraph",
                p(
                    "Municipalities, regions, state authorities and public institutions can become members. "
                    "Membership costs a yearly fee of DKK 25,000 excl. VAT, which funds the secretariat. "
                    "Members vote at the general assembly.",
                ),
            ),
            ("heading", {"text": "Supplier partners", "level": "h2"}),
            (
                "paragraph",
                p(
                    "Software houses, consultants and hosting and support suppliers can become supplier "
                    "partners. It is free and gives no vote, but commits them to working by the community's "
                    "principles.",
                ),
            ),
        ],
    },
    "governance": {
        "title": "The governance model",
        "slug": "governance-model",
        "introduction": (
            "Products are assessed on four levels: Sandbox, N1, N2 and N3. Each level builds on the one "
            "before, and 'comply or explain' applies at every level."
        ),
        "body": [
            ("heading", {"text": "Four themes", "level": "h2"}),
            (
                "paragraph",
                ul(
                    "Relevance (R): does the solution create value, also for others than the first authority?",
                    "Formal requirements (F): open development, licence, documentation, security and operations.",
                    "Governance (G): steering group, coordination group, funding and an active community.",
                    "Strategic fit (S): fit with OS2's mission, vision and strategy.",
                ),
            ),
            (
                "paragraph",
                p(
                    "Each criterion is assessed green, yellow or red with evidence and a date. A product can "
                    "move both up and down when it is assessed again."
                ),
            ),
        ],
    },
    "aftaler": {
        "title": "Agreements",
        "slug": "agreements",
        "introduction": "Collaboration in OS2 rests on a few open agreements.",
        "body": [
            (
                "paragraph",
                ul(
                    "<b>Partner agreement</b>: the frame of a public authority's membership.",
                    "<b>Supplier partner agreement</b>: terms and expectations for suppliers.",
                    "<b>Joining agreement</b>: an authority's binding commitment to a product, which funds "
                    "maintenance, governance and knowledge sharing.",
                    "<b>FLOSS agreement</b>: the legal frame for licences and rights.",
                ),
            ),
            ("heading", {"text": "Joining in two steps", "level": "h2"}),
            (
                "paragraph",
                p(
                    "First an authority gives a non-binding pledge to support the development. When the "
                    "product is ready, it signs a binding joining agreement. The price often depends on the "
                    "size of the municipality and on OS2 membership."
                ),
            ),
        ],
    },
}

ACCESSIBILITY_EN = {
    "title": "Accessibility statement",
    "slug": "accessibility",
    "introduction": (
        "OS2 – Offentligt Digitaliseringsfællesskab is committed to making os2.eu accessible, in accordance "
        "with the Danish act on the accessibility of public sector bodies' websites and mobile applications."
    ),
    "body": [
        ("heading", {"text": "Compliance status", "level": "h2"}),
        (
            "paragraph",
            p(
                "This website is <b>partially</b> compliant with the web accessibility standard (EN 301 549, "
                "which corresponds to WCAG 2.1 level AA), due to the non-accessible content listed below."
            ),
        ),
        ("heading", {"text": "Non-accessible content", "level": "h2"}),
        ("heading", {"text": "Non-compliance with the web accessibility act", "level": "h3"}),
        (
            "paragraph",
            ul(
                "Documents on the website (such as agreements and templates in PDF and Word) have not been "
                "reviewed for accessibility. They may lack headings, text alternatives or the language of "
                "their text.",
                "Texts and images that the products' coordinators and the secretariat write and publish are "
                "not reviewed systematically. An image may lack a fitting text alternative, and a heading "
                "may skip a level.",
                "Embedded videos do not always have captions or a transcript.",
                "On the English pages some Danish words and names (such as the products' tabs and topics) "
                "are not marked as Danish, so a screen reader may pronounce them wrongly.",
            ),
        ),
        (
            "paragraph",
            p(
                "We fix these faults as we find them. If you need content in another form, write to us (see "
                "below) and we will send it in a way you can use."
            ),
        ),
        ("heading", {"text": "Disproportionate burden", "level": "h3"}),
        ("paragraph", p("We do not exempt any content on the grounds of disproportionate burden.")),
        ("heading", {"text": "Content outside the scope of the act", "level": "h3"}),
        (
            "paragraph",
            ul(
                "Files and texts that members' staff publish themselves, such as attachments to ideas and "
                "comments. OS2 neither develops nor controls them.",
                "Other websites we link to, such as the products' code and documentation on GitHub.",
            ),
        ),
        ("heading", {"text": "Preparation of this statement", "level": "h2"}),
        (
            "paragraph",
            p(
                f"This statement was prepared on {STATEMENT_DATE_EN} and last reviewed the same day. OS2 "
                "assessed the website itself. Whenever the website changes, every type of page is checked "
                "automatically in Danish and English in a browser with the axe-core tool, at phone and "
                "desktop width, and no page may need sideways scrolling on a screen 320 pixels wide. The "
                "pages' HTML is validated with the Nu Html Checker. Using the skip link, logging in and the forms "
                "with the keyboard is tested automatically in a browser.",
                "Automatic checks find only some of the possible faults. The website has not yet been tested "
                "with screen readers and other assistive technology, or by an outside party.",
            ),
        ),
        ("heading", {"text": "Feedback and contact information", "level": "h2"}),
        (
            "paragraph",
            p(
                "If you meet content you cannot use, or want information about exempted content, write to "
                'the OS2 secretariat at <a href="mailto:os2@os2.eu">os2@os2.eu</a>. Please say which page it '
                "is and what does not work. You can also write to OS2, c/o Aarhus Kommune, Dokk1, Hack "
                "Kampmanns Plads 2, 8000 Aarhus C, Denmark.",
                "Please do not include confidential or sensitive personal data, such as your CPR number.",
            ),
        ),
        ("heading", {"text": "Complaints to the Danish Agency for Digital Government", "level": "h2"}),
        (
            "paragraph",
            p(
                "The Danish Agency for Digital Government (Digitaliseringsstyrelsen) supervises the "
                "accessibility of public websites. If you have not had an answer from us within 10 working "
                "days, or you are not satisfied with the answer, you can contact the agency. "
                f'<a href="{DIGST_COMPLAINTS}">Read how on digst.dk (in Danish)</a>.',
            ),
        ),
    ],
}


def english_locale():
    return Locale.objects.get_or_create(language_code="en")[0]


def _ensure_translation(page, parent, spec, locale, show_in_menus=False):
    """The translation of `page` into `locale` under `parent` (itself a translation), created from the
    spec if missing. Returns (translation, created)."""
    existing = page.get_translation_or_none(locale)
    if existing:
        return existing.specific, False
    fields = {key: value for key, value in spec.items() if key not in ("title", "slug")}
    translation = type(page)(
        title=spec["title"],
        slug=spec["slug"],
        locale=locale,
        translation_key=page.translation_key,
        show_in_menus=show_in_menus,
        **fields,
    )
    parent.add_child(instance=translation)
    translation.save_revision().publish()
    return translation, True


def ensure_english_section(index_page, spec):
    """The English translation of a page under the front page (a section's index page, the join page),
    under the English front page, with the spec's slug. A section's index page keeps the Danish slug:
    the section's pages are not translated and are served under /en/ at their Danish paths
    (/en/produkter/os2mo/), so their index page belongs at the same address. Returns (page, created)."""
    locale = english_locale()
    home_en = index_page.get_parent().get_translation(locale)
    return _ensure_translation(index_page, home_en, spec, locale, show_in_menus=index_page.show_in_menus)


def load_english(home, about, about_children, accessibility):
    """English translations of the front page and the About pages."""
    locale = english_locale()
    root = home.get_parent()
    home_en, created = _ensure_translation(home, root, HOME_EN, locale)
    about_en, new = _ensure_translation(about, home_en, ABOUT_EN, locale, show_in_menus=True)
    created += new
    for child in about_children:
        created += _ensure_translation(child, about_en, ABOUT_CHILDREN_EN[child.slug], locale)[1]
    created += _ensure_translation(accessibility, home_en, ACCESSIBILITY_EN, locale)[1]
    return created


def _ensure_page(parent, model, spec, show_in_menus=False):
    """The child of `parent` with the spec's slug, created if missing. Returns (page, created)."""
    existing = parent.get_children().filter(slug=spec["slug"]).first()
    if existing:
        return existing.specific, False
    page = model(
        title=spec["title"],
        slug=spec["slug"],
        introduction=spec.get("introduction", ""),
        body=spec.get("body", []),
        show_in_menus=show_in_menus,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def ensure_section(model, spec):
    """The default language's section index page of `model` (events, news), created under the front
    page and shown in the menu if it is missing. Returns (page, whether it was created)."""
    existing = model.in_default_language()
    if existing:
        return existing, False
    page = model(show_in_menus=True, **spec)
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page, True


def dated_slug(title, when):
    """A demo page's slug from its title and month, Danish letters spelt out (møde → moede)."""
    base = slugify(title.replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))
    return f"{base}-{when:%Y-%m}"


def home_page():
    """The site's home page. The migrations create it; a database emptied by a test flush gets its tree
    and site back here, so the loader works on any database."""
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home:
        return home
    Locale.objects.get_or_create(language_code="da")
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePage(title="Forside", slug="forside", hero_heading=HOME_HERO)
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


def load():
    created = 0
    home = home_page()
    if not home.introduction:
        home.introduction = HOME_INTRODUCTION
        home.save_revision().publish()
    about, new = _ensure_page(home, ContentPage, ABOUT, show_in_menus=True)
    created += new
    about_children = [_ensure_page(about, ContentPage, spec) for spec in ABOUT_CHILDREN]
    created += sum(new for _page, new in about_children)
    accessibility, new = _ensure_page(home, ContentPage, ACCESSIBILITY)
    created += new
    created += load_english(home, about, [page for page, _new in about_children], accessibility)

    created += set_site_address()
    site_settings = SiteSettings.load()
    if not site_settings.address:
        site_settings.address = "c/o Aarhus Kommune, Dokk1\nHack Kampmanns Plads 2\n8000 Aarhus C"
        site_settings.email = "os2@os2.eu"
        site_settings.cvr = "55133018"
        site_settings.github_url = "https://github.com/OS2World"
        site_settings.accessibility_page = Page.objects.get(pk=accessibility.pk)
        site_settings.save()
        created += 1
    return created


def ensure_admin():
    """The demo administrator. Its password comes from DEMO_ADMIN_PASSWORD, or is generated once and
    kept in a local, git-ignored file so `make run` can print it every time."""
    User = get_user_model()
    password = os.environ.get("DEMO_ADMIN_PASSWORD") or (
        ADMIN_PASSWORD_FILE.read_text().strip() if ADMIN_PASSWORD_FILE.exists() else ""
    )
    user = User.objects.filter(username=ADMIN_USERNAME).first()
    if user:
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        return user.email, password or "(uændret)", False
    if not password:
        password = secrets.token_urlsafe(12)
        ADMIN_PASSWORD_FILE.write_text(password + "\n")
    user = User.objects.create_superuser(ADMIN_USERNAME, ADMIN_EMAIL, password)
    # Everyone logs in by a verified e-mail address (allauth); the demo's own address counts as verified.
    EmailAddress.objects.create(user=user, email=ADMIN_EMAIL, verified=True, primary=True)
    return ADMIN_EMAIL, password, True
