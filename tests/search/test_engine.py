"""What only the search engine does for the member directory: Danish folding of æ/ø/å and forgiving
typos; `search_reindex` builds a new index and swaps the alias so search never goes empty; and when
the engine is stopped mid-run or hangs, pages still render with a Danish message and results from the
database, changes are kept, and the next reindex heals the index."""

import io
import socket
import threading
import time

import pytest
from django.core.management import call_command
from osmem_server import OsmemServer

from community.models import Organisation
from search.directory import directory_members
from search.engine import alias_name
from search.engine import client as engine_client

from .test_directory_contract import get, slugs, total

pytestmark = pytest.mark.factories

ENGINE_DOWN = "Søgemaskinen svarer ikke lige nu"


@pytest.fixture
def indexed(members, engine):
    from search.engine import rebuild

    rebuild()
    return engine


def test_folding_of_danish_letters(client, indexed):
    assert "koebenhavns-kommune" in slugs(get(client, q="Kobenhavns"))
    assert "aeroe-kommune" in slugs(get(client, q="aero"))
    assert "<mark>Københavns</mark>" in get(client, q="kobenhavns")


def test_a_typo_still_finds_the_member(client, indexed):
    assert slugs(get(client, q="Balerup"))[0] == "ballerup-kommune"


def test_suggestions_fold_danish_letters(client, indexed):
    labels = [s["label"] for s in client.get("/medlemmer/forslag/", {"q": "kob"}).json()["suggestions"]]
    assert "Københavns Kommune" in labels


def test_reindex_swaps_the_alias_to_a_complete_new_index(client, indexed):
    es = engine_client()
    (before,) = es.indices.get_alias(name=alias_name()).keys()
    out = io.StringIO()
    call_command("search_reindex", "--no-progress", stdout=out)
    assert f"{directory_members().count()} members indexed" in out.getvalue()
    (after,) = es.indices.get_alias(name=alias_name()).keys()
    assert after != before
    assert not es.indices.exists(index=before)
    assert es.count(index=alias_name())["count"] == directory_members().count()
    assert total(get(client)) == directory_members().count()


def test_reindex_without_an_engine_says_so(settings):
    settings.SEARCH_URL = ""
    out = io.StringIO()
    call_command("search_reindex", "--no-progress", stdout=out)
    assert "SEARCH_URL is not set" in out.getvalue()


def test_engine_stopped_mid_run_then_healed_by_reindex(
    client, members, settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_INDEX_PREFIX = "test"
    settings.SEARCH_TIMEOUT = 2
    # The fallback is what is tested here; a page cached while the engine answered would hide it.
    settings.PAGE_CACHE_SECONDS = 0
    server = OsmemServer.start(japanese=False)
    try:
        settings.SEARCH_URL = server.url
        call_command("search_reindex", "--no-progress", stdout=io.StringIO())
        assert slugs(get(client, q="Ballerup")) == ["ballerup-kommune"]
    finally:
        server.close()

    # The engine is gone: the directory still answers, from the database, and says so.
    html = get(client, q="Ballerup")
    assert ENGINE_DOWN in html
    assert slugs(html) == ["ballerup-kommune"]
    assert total(get(client)) == directory_members().count()
    assert client.get("/medlemmer/forslag/", {"q": "Baller"}).json()["suggestions"][0]["label"] == (
        "Ballerup Kommune"
    )
    # A change made meanwhile is kept in the database; saving does not fail.
    with django_capture_on_commit_callbacks(execute=True):
        organisation = Organisation.objects.get(slug="ballerup-kommune")
        organisation.name = "Ballerup Kommune Isfugl"
        organisation.save()
    assert client.get("/medlemmer/ballerup-kommune/").status_code == 200

    # A new engine and one reindex later, search finds the change.
    server = OsmemServer.start(japanese=False)
    try:
        settings.SEARCH_URL = server.url
        call_command("search_reindex", "--no-progress", stdout=io.StringIO())
        html = get(client, q="Isfugl")
        assert ENGINE_DOWN not in html
        assert slugs(html) == ["ballerup-kommune"]
    finally:
        server.close()


@pytest.fixture
def hanging_engine():
    """A TCP server that accepts connections and never answers: an engine that is too slow."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    connections = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connections.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in connections:
        connection.close()
    listener.close()


def test_slow_engine_times_out_into_the_database(client, members, settings, hanging_engine):
    settings.SEARCH_URL = hanging_engine
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_TIMEOUT = 1
    started = time.monotonic()
    html = get(client, q="Ballerup")
    assert time.monotonic() - started < 5
    assert ENGINE_DOWN in html
    assert slugs(html) == ["ballerup-kommune"]


def test_site_search_says_plainly_when_the_engine_is_down(client, db, settings, hanging_engine):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": [hanging_engine],
            "INDEX": "test_wagtail",
            "TIMEOUT": 1,
        }
    }
    response = client.get("/soeg/", {"q": "governance"})
    assert response.status_code == 200
    assert "Søgningen er midlertidigt utilgængelig" in response.content.decode()
    assert client.get("/soeg/forslag/", {"q": "gov"}).json() == {"suggestions": []}


def test_search_never_goes_empty_during_a_reindex(client, indexed):
    """While the new index is being filled (after each batch), the directory still answers in full
    from the old one."""
    from search.engine import rebuild

    everyone = directory_members().count()
    seen = []

    def during_rebuild(batch):
        seen.append(total(get(client)))

    rebuild(progress=during_rebuild)
    assert seen and all(count == everyone for count in seen)
    assert total(get(client)) == everyone


@pytest.mark.parametrize("engine_name", ["elasticsearch", "opensearch"])
def test_either_client_falls_back_when_the_engine_hangs(
    client, members, settings, hanging_engine, engine_name
):
    """SEARCH_ENGINE picks the client; a timeout in either becomes the database fallback."""
    from search.engine import client as engine_client

    settings.SEARCH_URL = hanging_engine
    settings.SEARCH_ENGINE = engine_name
    settings.SEARCH_TIMEOUT = 1
    assert engine_client().__class__.__module__.split(".")[0] == (
        "elasticsearch" if engine_name == "elasticsearch" else "opensearchpy"
    )
    html = get(client, q="Ballerup", type="kommune")
    assert ENGINE_DOWN in html
    assert slugs(html) == ["ballerup-kommune"]
    assert client.get("/medlemmer/forslag/", {"q": "Baller"}).status_code == 200
