"""The pages' Redis down: that cache behaves as an empty one (settings.fault_tolerant) and nothing fails.
Pages, searches with their cached facet counts, logging in (sessions written through to the database, as
in production) and submitting an idea all work. (When the rate limits' store is down, logins are
refused: tests/community/members/test_limits_store.py.)"""

import socket
import uuid

import pytest
from django.contrib.auth import get_user_model

from community.models import Affiliation, AffiliationStatus, Idea, IdeaArea, Organisation
from os2site.settings.base import fault_tolerant


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": fault_tolerant(
            {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": f"redis://127.0.0.1:{closed_port()}/0"}
        ),
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    from os2site.caches import pages as cache

    assert cache.get("anything") is None  # unreachable, and no error
    return cache


def test_pages_answer_without_the_cache(client, demo, redis_down):
    for path in ["/", "/produkter/", "/medlemmer/?q=kommune&region=hovedstaden", "/soeg/?q=OS2mo", "/ideer/"]:
        assert client.get(path).status_code == 200, path


def test_members_log_in_and_submit_ideas_without_the_cache(client, demo, redis_down):
    user = get_user_model().objects.create_user("uden-cache", "uden-cache@example.dk", "pw-123456789")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    organisation = Organisation.objects.public_members().first()
    Affiliation.objects.create(user=user, organisation=organisation, status=AffiliationStatus.APPROVED)

    response = client.post("/konto/login/", {"login": user.email, "password": "pw-123456789"})
    assert response.status_code == 302
    assert client.get("/min-side/").status_code == 200
    response = client.post(
        "/ideer/ny/",
        {
            "title": "Idé uden cache",
            "need": "Et behov.",
            "benefit": "En gevinst.",
            "area": IdeaArea.objects.first().pk,
            "form_token": str(uuid.uuid4()),
            "website": "",
        },
    )
    assert response.status_code == 302
    assert Idea.objects.filter(title="Idé uden cache", submitter=user).exists()
