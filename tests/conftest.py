import os

import pytest
from django.core.management import call_command

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may be skipped: a skipped test there is a failed run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if IN_CI and reporter and reporter.stats.get("skipped"):
        reporter.write_line("CI=true: skipped tests are not allowed here.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def demo(db):
    """The demo site, as `make run` builds it (without the administrator account)."""
    call_command("load_demo", "--no-admin", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def home_page(db):
    from home.demo import home_page

    return home_page()
