"""Fixtures for the idea portal: member accounts of demo organisations, the demo's states, and ideas in
a chosen state, created through the same service functions the views use."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from community.ideas import services
from community.models import Affiliation, AffiliationStatus, Idea, IdeaState, Organisation

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache, which outlives each test's database transaction."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organisations(demo):
    return list(Organisation.objects.public_members().order_by("name")[:4])


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
def moderator(demo):
    return get_user_model().objects.create_superuser(
        "ideer-sekretariat", "ideer-sekretariat@os2.example", "pw-123456789"
    )


@pytest.fixture
def state():
    return lambda slug: IdeaState.objects.get(slug=slug)


@pytest.fixture
def make_idea(member, state):
    def make(
        title="Fælles booking af mødelokaler", state_slug="aaben-for-opbakning", submitter=None, **fields
    ):
        submitter = submitter or member
        idea = Idea.objects.create(
            title=title,
            need=fields.pop("need", "Vi bruger for meget tid på at finde ledige lokaler."),
            benefit=fields.pop("benefit", "Færre dobbeltbookinger og mindre spildtid."),
            organisation=submitter.affiliation.organisation,
            submitter=submitter,
            **fields,
        )
        services.submit(idea, submitter)
        if state_slug != IdeaState.initial().slug:
            services.change_state(idea, state(state_slug), None, "Klar til næste trin.")
        idea.refresh_from_db()
        return idea

    return make
