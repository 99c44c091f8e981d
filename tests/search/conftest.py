import pytest
from osmem_server import OsmemServer

from .elastic_proxy import ElasticsearchProxy


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


@pytest.fixture
def elasticsearch_engine(engine, settings):
    """The same fresh engine reached through the `elasticsearch` client, via a proxy that gives the
    client the media type and product header it insists on (see elastic_proxy.py for why)."""
    proxy = ElasticsearchProxy(engine.url)
    settings.SEARCH_URL = proxy.url
    settings.SEARCH_ENGINE = "elasticsearch"
    yield proxy
    proxy.close()


@pytest.fixture(params=["database", "opensearch", "elasticsearch"])
def backend(request, demo, settings):
    """Each contract test runs three times: on the database, and on the engine over real HTTP with
    the member index built from the demo, once through each client (opensearch-py, elasticsearch)."""
    if request.param != "database":
        request.getfixturevalue("elasticsearch_engine" if request.param == "elasticsearch" else "engine")
        from search.engine import rebuild

        rebuild()
    return request.param


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached facet counts never leak between tests (a rolled-back test sends no change signals)."""
    from os2site.caches import pages as cache

    cache.clear()
    yield
    cache.clear()
