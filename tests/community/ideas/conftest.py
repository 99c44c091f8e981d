"""The idea portal on the bare site the migrations create: the secretariat's states and product areas,
four member organisations, their members, a member of the Sekretariat group, and ideas in a chosen state,
created through the same service functions the views use."""

import itertools
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from community.ideas import services
from community.models import Affiliation, AffiliationStatus, IdeaState
from home.roles import ensure_secretariat_role
from tests.factories import IdeaAreaFactory, IdeaStateFactory, OrganisationFactory, submitted_idea

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache, which outlives each test's database transaction."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def states(db):
    """The secretariat's states, from where an idea starts to its final decisions: the portal needs
    them for every idea, so every test here has them."""
    made = [
        IdeaStateFactory(name="Indsendt", slug="indsendt", order=10),
        IdeaStateFactory(name="Under behandling", slug="under-behandling", order=20),
        IdeaStateFactory(
            name="Åben for opbakning",
            slug="aaben-for-opbakning",
            order=30,
            is_open_for_support=True,
            support_threshold_organisations=5,
            support_threshold_amount=Decimal(500_000),
        ),
        IdeaStateFactory(
            name="Godkendt som projekt",
            slug="godkendt-som-projekt",
            order=40,
            is_final=True,
            pledges_are_binding=True,
        ),
        IdeaStateFactory(
            name="Blev til produkt",
            slug="blev-til-produkt",
            order=50,
            is_final=True,
            pledges_are_binding=True,
        ),
        IdeaStateFactory(
            name="Afvist med begrundelse", slug="afvist", order=60, is_final=True, requires_reason=True
        ),
    ]
    return {made_state.slug: made_state for made_state in made}


@pytest.fixture
def areas(db):
    return {
        area.slug: area
        for area in [
            IdeaAreaFactory(name="Organisation og personale", slug="organisation-og-personale", order=0),
            IdeaAreaFactory(name="IoT og data", slug="iot-og-data", order=1),
        ]
    }


@pytest.fixture
def organisations(db):
    """Four member organisations, in the order of their names."""
    return [
        OrganisationFactory(name=name)
        for name in ("Aarhus Kommune", "Ballerup Kommune", "Hedensted Kommune", "Ishøj Kommune")
    ]


@pytest.fixture
def make_member():
    def make(organisation, status=AffiliationStatus.APPROVED, **extra):
        number = next(_numbers)
        user = get_user_model().objects.create_user(
            f"medlem{number}",
            f"medlem{number}@example.dk",
            "pw-123456789",
            first_name=f"Medlem {number}",
            **extra,
        )
        Affiliation.objects.create(user=user, organisation=organisation, status=status)
        return user

    return make


@pytest.fixture
def member(organisations, make_member):
    return make_member(organisations[0])


@pytest.fixture
def other_member(organisations, make_member):
    return make_member(organisations[1])


@pytest.fixture
def secretary(db):
    """A member of the Sekretariat group, with its permissions: who moderates ideas and hears of new ones."""
    user = get_user_model().objects.create_user(
        "ideer-sekretariat", "ideer-sekretariat@os2.example", "pw-123456789", first_name="Anne"
    )
    user.groups.add(ensure_secretariat_role())
    return user


@pytest.fixture
def state():
    return lambda slug: IdeaState.objects.get(slug=slug)


@pytest.fixture
def make_idea(member, state):
    def make(
        title="Fælles booking af mødelokaler", state_slug="aaben-for-opbakning", submitter=None, **fields
    ):
        submitter = submitter or member
        idea = submitted_idea(submitter, title, **fields)
        if state_slug != IdeaState.initial().slug:
            services.change_state(idea, state(state_slug), None, "Klar til næste trin.")
        idea.refresh_from_db()
        return idea

    return make
