import datetime
import os
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests last: they share one live server and leave their data in the database."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may be skipped: a skipped test there is a failed run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if IN_CI and reporter and reporter.stats.get("skipped"):
        reporter.write_line("CI=true: skipped tests are not allowed here.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def load_demo():
    call_command("load_demo", "--no-admin", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker):
    """The test database, with the demo site built once into it. Each ordinary test runs in a
    transaction that is rolled back, so every test starts from the same demo. (Set up here rather than
    by pytest-django, which skips the database when only browser tests are collected.)"""
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
        )
        load_demo()
    yield
    with django_db_blocker.unblock():
        close_other_sessions()
        teardown_databases(config, verbosity=0)


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

    for alias in settings.CACHES:
        caches[alias].clear()


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
