import os
import socket
import urllib.parse

import pytest
from django.core.management import call_command

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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Browser tests last: they share one live server and leave their data in the database."""
    leave_out_tests_of_missing_services(config, items)
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
