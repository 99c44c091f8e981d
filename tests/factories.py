"""Content that several tests publish the same way."""

import datetime

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Locale

from community.events.demo import EVENTS_PAGE
from community.ideas import services
from community.joining.demo import pdf_bytes
from community.models import (
    Affiliation,
    AffiliationStatus,
    AgreementTemplate,
    EventIndexPage,
    EventKind,
    EventPage,
    Idea,
    IdeaArea,
    IdeaState,
    JoinPage,
    NewsIndexPage,
    NewsPage,
    Organisation,
)
from home import demo as home_demo
from home.demo import ensure_section
from home.models import ContentPage, HomePage
from home.roles import ensure_secretariat_role
from products.models import (
    ContactPerson,
    ContactRole,
    CriterionAssessment,
    GovernanceCriterion,
    JoiningAgreement,
    JoiningStage,
    ProductContact,
    ProductIndexPage,
    ProductPage,
    ProductRelease,
    ProductStatus,
    ProductSupplier,
    ProductTabPage,
    Rating,
)
from products.permissions import ensure_product_group, ensure_secretariat_workflow


def publish_event_about(product, title, days_ahead=3):
    """A seminar about `product` in a few days, published on the events page."""
    start = (timezone.now() + datetime.timedelta(days=days_ahead)).replace(second=0, microsecond=0)
    return EventPageFactory(
        title=title, slug=title.lower().replace(" ", "-"), start=start, related_products=[product]
    )


def publish_english_translation(page, title, slug, **fields):
    """The page's English translation (same translation key, under the English version of its parent),
    with its own title and address, published."""
    translation = page.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title = title
    translation.slug = slug
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return type(translation).objects.get(pk=translation.pk)  # as published, at its new address


# Factories for tests that build their own minimal site (marked `factories`) instead of reading the demo.


class ProductIndexPageFactory(wagtail_factories.PageFactory):
    title = "Produkter"
    slug = "produkter"

    class Meta:
        model = ProductIndexPage


class ProductPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"OS2produkt{n}")
    tagline = factory.LazyAttribute(lambda product: f"{product.title} gør det lettere at samarbejde")
    status = ProductStatus.PRODUKT

    class Meta:
        model = ProductPage


class CompleteProductPageFactory(ProductPageFactory):
    """A product with every fact its publiccode.yml needs, as the secretariat fills them in."""

    slug = factory.LazyAttribute(lambda product: product.title.lower())
    introduction = factory.LazyAttribute(
        lambda product: (
            f"{product.title} er udviklet af offentlige myndigheder i fællesskab, koden er åben, "
            "og fællesskabet bestemmer sammen, hvad der skal udvikles, og i hvilken rækkefølge det sker."
        )
    )
    tagline_en = factory.LazyAttribute(lambda product: f"{product.title}, an open-source product of OS2.")
    introduction_en = factory.LazyAttribute(
        lambda product: (
            f"{product.title} is developed together by Danish public authorities in OS2. The "
            "code is open, the community owns it, and the members decide together what is developed next."
        )
    )
    repository_url = factory.LazyAttribute(lambda product: f"https://github.com/OS2World/{product.slug}")
    documentation_url = factory.LazyAttribute(lambda product: f"https://{product.slug}.readthedocs.io/")
    licence = "MPL-2.0"
    features = "Åben kildekode\nFælles videreudvikling"
    features_en = "Open source code\nDeveloped together by public authorities"
    categories = "hr employee-management"
    scope = "local-authorities"
    software_type = "standalone/web"
    platforms = "web"
    software_version = "3.2.0"
    release_date = datetime.date(2026, 3, 1)
    available_languages = "da"


def complete_product(parent, title, supplier, users=(), **fields):
    """A published product with every publiccode.yml fact: its users, `supplier` under a maintenance
    contract with a contact person, a coordinator and a steering-group contact."""
    product = CompleteProductPageFactory(parent=parent, title=title, **fields)
    for organisation in users:
        uses(organisation, product)
    ProductSupplier.objects.create(
        product=product,
        organisation=supplier,
        role="Udvikling og vedligeholdelse",
        contract_until=datetime.date(2028, 6, 30),
    )
    for number, (role, name) in enumerate(
        [
            (ContactRole.TOVHOLDER, f"Tove {title}"),
            (ContactRole.STYREGRUPPE, f"Styrk {title}"),
            (ContactRole.LEVERANDOER, f"Lise {supplier.name}"),
        ]
    ):
        person = ContactPerson.objects.filter(name=name).first() or ContactPerson.objects.create(
            name=name, email=f"kontakt{number}@{product.slug}.example.dk", phone="86 12 34 56"
        )
        ProductContact.objects.create(product=product, person=person, role=role)
    return published(product)


class ProductTabPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Fane {n}")
    slug = factory.LazyAttribute(lambda tab: slugify(tab.title))
    introduction = "Det vigtigste om produktet."

    class Meta:
        model = ProductTabPage


def published(page):
    """`page` with a published revision, as the admin leaves it: its history and compare views need one."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def product_with_tabs(parent, title, tabs=("Om", "Dokumentation", "Roadmap"), **fields):
    """A published product with its published tabs, in this order; its slug is its title in lower case."""
    product = published(ProductPageFactory(parent=parent, title=title, slug=title.lower(), **fields))
    for tab in tabs:
        published(ProductTabPageFactory(parent=product, title=tab))
    return product


class ProductReleaseFactory(factory.django.DjangoModelFactory):
    version = factory.Sequence(lambda n: f"1.{n}.0")
    released_on = datetime.date(2025, 6, 1)
    notes = "Rettelser og forbedringer."

    class Meta:
        model = ProductRelease


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.LazyAttribute(lambda organisation: slugify(organisation.name))
    kind = "kommune"
    is_member = True

    class Meta:
        model = Organisation


class IdeaStateFactory(factory.django.DjangoModelFactory):
    """A state the secretariat sorts ideas by; the one with the lowest order is where ideas start."""

    name = factory.Sequence(lambda n: f"Tilstand {n}")
    slug = factory.LazyAttribute(lambda state: slugify(state.name))
    order = factory.Sequence(lambda n: 10 * (n + 1))

    class Meta:
        model = IdeaState
        django_get_or_create = ("slug",)


class IdeaAreaFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Område {n}")
    slug = factory.LazyAttribute(lambda area: slugify(area.name))

    class Meta:
        model = IdeaArea
        django_get_or_create = ("slug",)


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Side {n}")
    introduction = "En side om OS2."

    class Meta:
        model = ContentPage


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page published as an editor publishes it: a revision, so what publishing sets off (moving an
    event's waitlist up, telling followers) happens; returned as published."""

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        return published(super()._create_instance(model_class, parent, kwargs))


def a_week_from_now():
    return (timezone.now() + datetime.timedelta(days=7)).replace(second=0, microsecond=0)


class EventPageFactory(PublishedPageFactory):
    """A seminar in Aarhus a week from now, two hours long, under the events page, published. Pass
    `related_products=[...]` and `questions=[EventQuestion(...)]` as on the model."""

    parent = factory.LazyFunction(lambda: EventIndexPage.in_default_language())
    title = factory.Sequence(lambda n: f"Testarrangement {n}")
    slug = factory.Sequence(lambda n: f"testarrangement-{n}")
    start = factory.LazyFunction(a_week_from_now)
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    kind = EventKind.SEMINAR
    place_name = "Dokk1, Aarhus"

    class Meta:
        model = EventPage


def front_page():
    """The Danish front page the migrations create."""
    return HomePage.objects.get(locale__language_code="da")


def events_page():
    """The events page below the front page the migrations create."""
    return ensure_section(EventIndexPage, EVENTS_PAGE)[0]


def catalogue():
    """The front page the migrations create, with an empty catalogue below it."""
    return ProductIndexPageFactory(parent=front_page())


def assess(product, levels, rating=Rating.GREEN, note="", date=datetime.date(2026, 3, 1), codes=None):
    """An assessment of `product` on `date` of every criterion of these governance levels (or of the
    criteria with these codes); the criteria are the association's (products.demo.ensure_criteria)."""
    criteria = GovernanceCriterion.objects.filter(level__in=levels)
    if codes is not None:
        criteria = GovernanceCriterion.objects.filter(code__in=codes)
    for criterion in criteria:
        CriterionAssessment.objects.update_or_create(
            product=product,
            criterion=criterion,
            assessed_on=date,
            defaults={"rating": rating, "note": note},
        )


def coordinator_of(product, email=None, **fields):
    """A member of `product`'s coordinators' group (by default `tovholder-<slug>`), with the permissions
    the role gives."""
    user = UserFactory(email=email or f"tovholder-{product.slug}@example.dk", **fields)
    user.groups.add(ensure_product_group(product))
    return user


def uses(organisation, product, joined_on=datetime.date(2024, 1, 1)):
    """`organisation` has joined `product` (it is among its users)."""
    return JoiningAgreement.objects.create(
        product=product, organisation=organisation, stage=JoiningStage.TILSLUTTET, joined_on=joined_on
    )


def open_idea_by_member(username, title, first_name="", last_name=""):
    """An approved member of Magenta ApS (with a verified e-mail address) and their submitted idea, open
    for support: what a busy member acts on in the page cache tests."""
    organisation = Organisation.objects.get(slug="magenta-aps")
    user = get_user_model().objects.create_user(
        username, f"{username}@example.dk", "pw-123456789", first_name=first_name, last_name=last_name
    )
    Affiliation.objects.create(user=user, organisation=organisation, status=AffiliationStatus.APPROVED)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    idea = submitted_idea(user, title, benefit="Færre dobbeltbookinger.")
    return user, organisation, opened_for_support(idea, "Klar.")


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nyheder"
    slug = "nyheder"
    show_in_menus = True

    class Meta:
        model = NewsIndexPage


def news_section():
    """The front page the migrations create, with an empty news page below it."""
    return NewsIndexPageFactory(parent=HomePage.objects.get(locale__language_code="da"))


class NewsPageFactory(PublishedPageFactory):
    """An article dated today under the news page, published. Pass `tags=[...]` and
    `related_products=[...]` as on the model."""

    parent = factory.LazyFunction(lambda: NewsIndexPage.in_default_language())
    title = factory.Sequence(lambda n: f"Testnyhed {n}")
    slug = factory.Sequence(lambda n: f"testnyhed-{n}")
    date = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = NewsPage

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        # The tags go on before the page is first saved, which saves them with it.
        tags = kwargs.pop("tags", ())
        article = model_class(**kwargs)
        article.tags.add(*tags)
        parent.add_child(instance=article)
        return published(article)


# People, logging in with PASSWORD through the site's login form, with a verified e-mail address.

PASSWORD = "Fællesskab-2026-kode"


class UserFactory(factory.django.DjangoModelFactory):
    """A person with an account and a verified e-mail address (their login), no role and no
    organisation."""

    email = factory.Sequence(lambda n: f"person{n}@example.dk")
    username = factory.LazyAttribute(lambda user: user.email.split("@")[0])
    first_name = "Karen"
    last_name = "Berg"
    password = factory.django.Password(PASSWORD)
    verified_address = factory.RelatedFactory(
        "tests.factories.EmailAddressFactory",
        factory_related_name="user",
        email=factory.SelfAttribute("..email"),
    )

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True


class EmailAddressFactory(factory.django.DjangoModelFactory):
    verified = True
    primary = True

    class Meta:
        model = EmailAddress


class AffiliationFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)
    status = AffiliationStatus.APPROVED
    job_title = "Konsulent"

    class Meta:
        model = Affiliation


class MemberFactory(UserFactory):
    """An employee of an organisation (a new one unless `affiliation__organisation=` names it) whose
    affiliation the secretariat has approved; `affiliation__status=` gives another state."""

    affiliation = factory.RelatedFactory(AffiliationFactory, factory_related_name="user")


def person(
    username, organisation=None, group=None, status=AffiliationStatus.APPROVED, domain="example.dk", **fields
):
    """A bare account `username@domain` with no verified address (for tests that log in with
    force_login), affiliated with `organisation` in `status` and in `group`, when given."""
    user = get_user_model().objects.create_user(username, f"{username}@{domain}", "pw-123456789", **fields)
    if organisation:
        Affiliation.objects.create(user=user, organisation=organisation, status=status)
    if group:
        user.groups.add(group)
    return user


def member_of(organisation, email, status=AffiliationStatus.APPROVED, **fields):
    """A person at `organisation` logging in as `email`, their affiliation in the given state."""
    return MemberFactory(
        email=email, affiliation__organisation=organisation, affiliation__status=status, **fields
    )


def secretary(email="anne.lund@os2.example.dk", **fields):
    """A member of the Sekretariat group, with the permissions the role has on every installation."""
    user = UserFactory(email=email, **{"first_name": "Anne", "last_name": "Lund"} | fields)
    user.groups.add(ensure_secretariat_role())
    return user


def log_in(client, email, password=PASSWORD):
    """Logs in through the site's login form, as a person would."""
    response = client.post("/konto/login/", {"login": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


# Joining OS2.


class JoinPageFactory(PublishedPageFactory):
    """The "Bliv medlem" page under the front page, published."""

    parent = factory.LazyFunction(lambda: HomePage.objects.get(locale__language_code="da"))
    title = "Bliv medlem"
    slug = "bliv-medlem"

    class Meta:
        model = JoinPage


class AgreementTemplateFactory(factory.django.DjangoModelFactory):
    """A template of an agreement, as a small PDF document named after its kind."""

    kind = AgreementTemplate.Kind.PARTNERAFTALE
    explanation = factory.LazyAttribute(lambda template: f"Om {AgreementTemplate.Kind(template.kind).label}.")
    document = factory.LazyAttribute(
        lambda template: pdf_document(AgreementTemplate.Kind(template.kind).label)
    )

    class Meta:
        model = AgreementTemplate


def pdf_document(title):
    document = get_document_model()(title=title)
    document.file.save(slugify(title) + ".pdf", ContentFile(pdf_bytes(title)), save=False)
    document.save()
    return document


# The home pages and the page cache (tests/home, tests/test_page_cache*.py).


def page_cache_site():
    """A small site for the page cache: the front page and About pages in both languages with the site's
    settings (the home module's part of the demo), the news page, the catalogue in the menu with OS2mo, its tab and
    contact, the events page with an event anyone may sign up for, Magenta ApS, and the idea states a
    member's idea passes through to be open for support. Returns OS2mo."""
    home_demo.load()
    news_section()
    index = ProductIndexPageFactory(parent=front_page(), show_in_menus=True)
    product = ProductPageFactory(parent=index, title="OS2mo", slug="os2mo")
    tab = ProductTabPage(title="Arbejdsgrupper", slug="arbejdsgrupper")
    product.add_child(instance=tab)
    tab.save_revision().publish()
    person = ContactPerson.objects.create(name="Birthe Hansen", email="bh@example.dk")
    ProductContact.objects.create(product=product, person=person, role=ContactRole.STYREGRUPPE)
    EventPageFactory(
        parent=events_page(),
        title="Netværksmøde",
        slug="netvaerksmoede",
        registration_open=True,
        guests_allowed=True,
    )
    OrganisationFactory(name="Magenta ApS", slug="magenta-aps", kind="leverandoer")
    idea_states()
    return product


# The secretariat's work in the admin (tests/admin/test_secretariat*.py).


def draft_idea(submitter, title, need="", benefit="", **fields):
    """`submitter`'s idea on behalf of their organisation (or `organisation=`), saved but not submitted:
    a draft only its submitter sees."""
    return Idea.objects.create(
        title=title,
        need=need,
        benefit=benefit,
        organisation=fields.pop("organisation", None) or submitter.affiliation.organisation,
        submitter=submitter,
        **fields,
    )


def submitted_idea(
    submitter,
    title,
    need="Vi bruger for meget tid på at finde ledige lokaler.",
    benefit="Færre dobbeltbookinger og mindre spildtid.",
    **fields,
):
    """`submitter`'s idea (as draft_idea makes it) submitted through the service the idea form uses: in
    the first of the secretariat's states (one must exist), followed by its submitter."""
    idea = draft_idea(submitter, title, need, benefit, **fields)
    services.submit(idea, submitter)
    idea.refresh_from_db()
    return idea


def idea_states():
    """The two states a member's idea passes through to be open for support, as the secretariat names
    them: (Indsendt, Åben for opbakning)."""
    return (
        IdeaStateFactory(name="Indsendt", slug="indsendt", order=10),
        IdeaStateFactory(
            name="Åben for opbakning", slug="aaben-for-opbakning", order=30, is_open_for_support=True
        ),
    )


def opened_for_support(idea, note="Klar til opbakning."):
    """`idea` moved by the secretariat to the state open for support (idea_states)."""
    services.change_state(idea, IdeaState.objects.get(slug="aaben-for-opbakning"), None, note)
    idea.refresh_from_db()
    return idea


# The admin's editors (tests/admin): products with their coordinators' groups, under the secretariat's
# approval workflow.


def coordinated_catalogue(*titles):
    """The catalogue under the secretariat's approval workflow, the events page, and these products
    published with their tabs (Om, Dokumentation, Roadmap), each with the coordinators' group load_demo
    gives it (products.permissions.ensure_product_group). Returns {slug: product}."""
    index = catalogue()
    ensure_secretariat_workflow(index)
    events_page()
    products = {}
    for title in titles:
        product = product_with_tabs(index, title)
        ensure_product_group(product)
        products[product.slug] = product
    return products
