import datetime
import os
import socket
import urllib.parse
import uuid
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from pytest_django.plugin import blocking_manager_key

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The services the `services` tests start their own databases and key prefixes on.
SERVICES = {
    "PostgreSQL": ("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/os2site"),
    "Redis": ("TEST_REDIS_URL", "redis://127.0.0.1:6379/0"),
}


def unreachable_services():
    """The local services that answer no connection, by name with the address tried."""
    missing = {}
    for name, (variable, default) in SERVICES.items():
        url = urllib.parse.urlsplit(os.environ.get(variable, default))
        try:
            socket.create_connection((url.hostname, url.port), timeout=1).close()
        except OSError:
            missing[name] = f"{url.hostname}:{url.port}"
    return missing


LEFT_OUT = pytest.StashKey()


def leave_out_tests_of_missing_services(config, items):
    """On a machine without PostgreSQL or Redis the rest of the suite still runs: the tests that need
    them are left out, by name, with how to run them. In CI they run, and fail if the services are down."""
    needing = [item for item in items if item.get_closest_marker("services")]
    if IN_CI or not needing:
        return
    missing = unreachable_services()
    if not missing:
        return
    services = " and ".join(f"{name} ({address})" for name, address in missing.items())
    reason = f"needs {services}: start it, or set TEST_POSTGRES_URL / TEST_REDIS_URL, and run again"
    for item in needing:
        item.add_marker(pytest.mark.skip(reason=reason))
    config.stash[LEFT_OUT] = (services, [item.nodeid for item in needing])
    if hasattr(config, "workeroutput"):  # a worker of a parallel run: tell the controlling process
        config.workeroutput["left_out"] = config.stash[LEFT_OUT]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """In a parallel run (pytest-xdist) the workers collect and leave out; the run's summary is written
    by the controlling process, so each worker hands over what it left out (all leave out the same)."""
    left_out = getattr(node, "workeroutput", {}).get("left_out")
    if left_out:
        node.config.stash[LEFT_OUT] = left_out


def pytest_terminal_summary(terminalreporter, config):
    if LEFT_OUT not in config.stash:
        return
    services, nodeids = config.stash[LEFT_OUT]
    terminalreporter.section("left out")
    terminalreporter.write_line(
        f"{len(nodeids)} tests were left out: they need {services}, which did not answer here:"
    )
    for nodeid in nodeids:
        terminalreporter.write_line(f"  {nodeid}")
    terminalreporter.write_line(
        "Start the services (see docs/development.md) and run `make test` again to run them too."
    )


def pytest_addoption(parser):
    parser.addoption(
        "--today",
        metavar="YYYY-MM-DDTHH:MM",
        help="run the whole session on this day and Danish time (the clock then runs on "
        "from it), to see what the calendar's edges do to the tests marked `calendar`",
    )


def pytest_configure(config):
    """With --today the session travels to that moment before the demo is built, so the demo and every
    test see the same day, as they would on a real date."""
    today = config.getoption("--today")
    if not today:
        return
    try:
        moment = datetime.datetime.fromisoformat(today)
    except ValueError:
        raise pytest.UsageError(f"--today {today!r}: expected YYYY-MM-DDTHH:MM") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zoneinfo.ZoneInfo("Europe/Copenhagen"))
    config._calendar_travel = time_machine.travel(moment, tick=True)
    config._calendar_travel.start()


def pytest_unconfigure(config):
    travel = getattr(config, "_calendar_travel", None)
    if travel is not None:
        travel.stop()


def pytest_report_header(config):
    if getattr(config, "_calendar_travel", None) is not None:
        return f"today: {config.getoption('--today')} (Danish time)"
    return None


def empties_the_database(item):
    """A transactional test commits, so it empties every table after itself, the rows the migrations
    made (the front page, the languages) too."""
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests built from factories first, on the bare database before the demo is built into it, the
    transactional ones last among them: they empty the database after themselves, with the migrations'
    rows the others build on (the demo then builds its site on the emptied database). Browser tests
    last: they share one live server and leave their data in the database. In a parallel run (`-n`)
    each worker has a test database of its own, and xdist's `load` distribution hands each worker its
    share in this order; one that sends a file's tests together (`--dist loadfile`) would not."""
    leave_out_tests_of_missing_services(config, items)
    items.sort(
        key=lambda item: (
            item.get_closest_marker("browser") is not None,
            item.get_closest_marker("factories") is None,
            empties_the_database(item),
        )
    )


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may be skipped: a skipped test there is a failed run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if IN_CI and reporter and reporter.stats.get("skipped"):
        reporter.write_line("CI=true: skipped tests are not allowed here.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def load_demo():
    call_command("load_demo", "--no-admin", stdout=open(os.devnull, "w"))  # noqa: SIM115
    make_the_pictures_the_pages_show()


def make_the_pictures_the_pages_show():
    """Each public page type visited once after the demo is built, as a running site's first visitors
    would, so the WebP renditions of its pictures exist when the tests start. Made in each test's own
    transaction instead, they were rolled back with it and every test that renders a page with pictures
    resized and encoded them again (Pillow: ~6 s for the 27 page types on a busy 2-core machine). The
    tests of making renditions build their images from factories and still make them. Searches are not
    visited, so no search is recorded; what the visits cached is emptied."""
    from django.conf import settings
    from django.test import Client
    from django.utils import translation

    from tests.public_pages import PUBLIC_PAGES_IN_EVERY_LANGUAGE

    client = Client()
    for page in PUBLIC_PAGES_IN_EVERY_LANGUAGE:
        path = page.url_path()
        if not page.member and "?" not in path:
            client.get(path)
    translation.activate(settings.LANGUAGE_CODE)
    clear_caches()


# Tests marked `factories` build the few pages and rows they need and run first, on the bare migrated
# database; every other test reads the demo site, built once, when the first of them starts.
DATABASE_READY = pytest.StashKey[bool]()
DEMO_WANTED = pytest.StashKey[bool]()
DEMO_LOADED = pytest.StashKey[bool]()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before the test's fixtures (so before its transaction): build the demo if this test reads it."""
    if item.get_closest_marker("factories"):
        return
    config = item.config
    config.stash[DEMO_WANTED] = True
    if config.stash.get(DATABASE_READY, False) and not config.stash.get(DEMO_LOADED, False):
        with config.stash[blocking_manager_key].unblock():
            load_demo()
        config.stash[DEMO_LOADED] = True


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """The test database, migrated, with the demo when the first test needs it. Each ordinary test runs
    in a transaction that is rolled back, so every test starts from the same database. (Set up here
    rather than by pytest-django, which skips the database when only browser tests are collected.)
    In a parallel run pytest-django names each worker's PostgreSQL test database apart (test_…_gw0);
    on SQLite each worker's is in its own memory."""
    from django.test.utils import teardown_databases

    config = request.config
    with django_db_blocker.unblock():
        databases = create_test_database(config)
        config.stash[DATABASE_READY] = True
        if config.stash.get(DEMO_WANTED, False):
            load_demo()
            config.stash[DEMO_LOADED] = True
    yield
    with django_db_blocker.unblock():
        close_other_sessions()
        teardown_databases(databases, verbosity=0)


def create_test_database(config):
    """On SQLite (an in-memory database) the tables are built from the models, with the rows the
    migrations add, in under a second (tests/database.py; tests/test_migrations.py holds it to what
    `migrate` builds). On PostgreSQL the migrations run, so they are tested there as in production."""
    from django.db import connection
    from django.test.utils import setup_databases

    if connection.vendor == "sqlite":
        from tests.database import build_test_database

        return build_test_database(connection)
    return setup_databases(verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set())


def close_other_sessions():
    """PostgreSQL refuses to drop a database others are connected to; the live server's request
    threads are daemons whose connections may outlive the last browser test."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    connection.close()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's language: a request to an /en/ page leaves English active in the
    thread, which would otherwise reach code a later test calls outside a request."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """What one test cached (pages, the navigation, facet counts) never reaches the next: a rolled-back
    test sends no change signals to drop it."""
    clear_caches()
    yield
    clear_caches()


def clear_caches():
    """Both caches: pages and what is built from the database, and the rate limits and sessions."""
    from django.conf import settings
    from django.core.cache import caches

    # Once per store: the aliases that share one (the pages, the generation, the renditions) are
    # emptied by the first's clear, and on Redis each clear is a round trip.
    cleared = set()
    for alias, config in settings.CACHES.items():
        store = (config["BACKEND"], str(config.get("LOCATION", "")))
        if store not in cleared:
            caches[alias].clear()
            cleared.add(store)


@pytest.fixture
def caches_of_its_own(settings):
    """Every cache in local memory of this test's own, for the tests that count queries on a warmed
    cache: nothing outside the test can empty it between the warm-up and the count. On a shared Redis
    another worker or run empties the database around each of its tests, and the default local memory
    drops entries past 300 (MAX_ENTRIES). The pages, the generation and the renditions share one store,
    as they do in the test settings; the count of queries does not depend on where the cache is kept."""
    own = uuid.uuid4().hex

    def memory(name):
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"os2site-tests-{name}-{own}",
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        }

    pages = memory("pages")
    settings.CACHES = dict.fromkeys(settings.CACHES, pages) | {"default": memory("limits")}


@pytest.fixture
def demo(db):
    """The demo site, as `make run` builds it (without the administrator account). A transactional
    test empties the database after itself, so the demo is rebuilt when it is missing."""
    from wagtail.models import Page

    if not Page.objects.filter(slug="om-os2").exists():
        load_demo()


@pytest.fixture
def home_page(db):
    from home.demo import home_page

    return home_page()


@pytest.fixture
def site_for_a_restricted_product(db):
    """The pages a restricted product's name could show on, built for the test (the restricted-product
    tests in tests/products and tests/search share it)."""
    from tests.restricted_content import build_site

    build_site()


@pytest.fixture
def zylofonia(site_for_a_restricted_product):
    """A product published on that site with everything that names it elsewhere: its user, pledger and
    supplier, a news article, an event and the idea it came from (the parts, by name)."""
    from tests.restricted_content import publish_product

    return publish_product()


@pytest.fixture
def limits_store_down(settings):
    """The rate limits' store (the default cache) is a Redis nobody answers for: the port is closed."""
    import socket

    from os2site.settings.base import fault_tolerant

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    settings.CACHES = {
        **settings.CACHES,
        "default": fault_tolerant(
            {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": f"redis://127.0.0.1:{closed}/0"}
        ),
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
