import pytest
from osmem_server import OsmemServer


@pytest.fixture(scope="session")
def search_engine():
    """An OpenSearch-compatible engine (osmem-server) for the whole run, started and stopped here."""
    server = OsmemServer.start(japanese=False)
    yield server
    server.close()


@pytest.fixture
def engine(search_engine, settings):
    """The site configured for a fresh, empty engine (a clone of the session's server)."""
    clone = search_engine.clone()
    settings.SEARCH_URL = clone.url
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_TIMEOUT = 5
    settings.SEARCH_INDEX_PREFIX = "test"
    yield clone
    clone.close()


@pytest.fixture(params=["database", "engine"])
def backend(request, demo, settings):
    """Each contract test runs twice: on the database, and on the engine over real HTTP with the
    member index built from the demo."""
    if request.param == "engine":
        request.getfixturevalue("engine")
        from search.engine import rebuild

        rebuild()
    return request.param


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached facet counts never leak between tests (a rolled-back test sends no change signals)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
