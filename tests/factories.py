"""Content that several tests publish the same way."""

import datetime

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from community.events.demo import EVENTS_PAGE
from community.ideas import services
from community.models import (
    Affiliation,
    AffiliationStatus,
    EventIndexPage,
    EventKind,
    EventPage,
    Idea,
    IdeaArea,
    IdeaState,
    Organisation,
)
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
from products.permissions import ensure_product_group


def publish_event_about(product, title, days_ahead=3):
    """A seminar about `product` in a few days, published on the events page."""
    start = (timezone.now() + datetime.timedelta(days=days_ahead)).replace(second=0, microsecond=0)
    event = EventPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        start=start,
        end=start + datetime.timedelta(hours=2),
        kind=EventKind.SEMINAR,
        place_name="Dokk1, Aarhus",
        related_products=[product],
    )
    EventIndexPage.in_default_language().add_child(instance=event)
    event.save_revision().publish()
    return event


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


class EventPageFactory(wagtail_factories.PageFactory):
    """An event a week from now, for two hours; give `parent=events_page()`."""

    title = factory.Sequence(lambda n: f"Arrangement {n}")
    start = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=7)).replace(second=0, microsecond=0)
    )
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    kind = EventKind.SEMINAR
    place_name = "Dokk1, Aarhus"

    class Meta:
        model = EventPage


def events_page():
    """The events page below the front page the migrations create."""
    return ensure_section(EventIndexPage, EVENTS_PAGE)[0]


def catalogue():
    """The front page the migrations create, with an empty catalogue below it."""
    return ProductIndexPageFactory(parent=HomePage.objects.get(locale__language_code="da"))


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


def user_in(group, username, **fields):
    """A user in `group` (a role's real group), as the admin gives them out."""
    user = get_user_model().objects.create_user(username, f"{username}@example.dk", "pw-123456789", **fields)
    user.groups.add(group)
    return user


def coordinator_of(product, username=None, **fields):
    """A member of `product`'s coordinators' group, with the permissions the role gives."""
    return user_in(ensure_product_group(product), username or f"tovholder-{product.slug}", **fields)


def secretary(username="anne.lund", **fields):
    """A member of the Sekretariat group, with the permissions the role gives."""
    return user_in(ensure_secretariat_role(), username, **fields)


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
    idea = Idea.objects.create(
        title=title,
        need="Vi bruger for meget tid på at finde ledige lokaler.",
        benefit="Færre dobbeltbookinger.",
        organisation=organisation,
        submitter=user,
    )
    services.submit(idea, user)
    services.change_state(idea, IdeaState.objects.get(slug="aaben-for-opbakning"), None, "Klar.")
    idea.refresh_from_db()
    return user, organisation, idea
