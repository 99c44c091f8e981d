"""/healthz/ tells a load balancer whether this app server reaches its database and cache: 200 or 503
with JSON saying which part fails; one query, never cached."""

import pytest

pytestmark = pytest.mark.django_db


def test_healthy_server_answers_ok_with_one_query(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert client.get("/healthz/")["X-Cache"] == "bypass"


def test_unreachable_cache_gives_503_naming_it(client, settings):
    # A Redis server nobody listens for: the port is closed.
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        },
    }
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}
