"""The browser test harness: Playwright driving Debian's Chromium against the live test server, with
an axe-core accessibility check that fails on serious or critical violations.

Where Chromium or axe-core is missing (a developer's laptop), the tests are skipped with a reason;
in CI a skip fails the run (see tests/conftest.py).
"""

import functools
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; the ORM calls in fixtures are still
# synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium): browser tests not run")
    if not AXE_JS.exists():
        pytest.skip("axe-core is not installed (npm ci): browser tests not run")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(10_000)
    blocked = []
    page.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield page
    context.close()
    assert not blocked, "The Content-Security-Policy blocked something on the page:\n" + "\n".join(blocked)


class LiveSite:
    def __init__(self, url):
        self.url = url


@pytest.fixture(scope="session")
def live_site(django_db_setup, django_db_blocker):
    """One live server for the whole session, serving the test database with the demo in it.

    pytest-django's `live_server` empties the database after every test, so each browser test would
    rebuild the demo; this server keeps it, and browser tests run last (tests/conftest.py) with data
    names of their own."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connections
    from django.test.testcases import LiveServerThread

    with django_db_blocker.unblock():
        connection = connections["default"]
        overrides = {}
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            # An in-memory SQLite database exists only in this connection: share it with the server.
            connection.inc_thread_sharing()
            overrides["default"] = connection
        server = LiveServerThread("localhost", StaticFilesHandler, connections_override=overrides, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        yield LiveSite(f"http://localhost:{server.port}")
        server.terminate()
        if overrides:
            connection.dec_thread_sharing()


@pytest.fixture
def live_demo(live_site, django_db_blocker):
    """The live site with the demo; the test may use the ORM (its changes stay for later browser tests)."""
    with django_db_blocker.unblock():
        from wagtail.models import Page

        if not Page.objects.filter(slug="om-os2").exists():
            call_command("load_demo", "--no-admin", stdout=open(os.devnull, "w"))  # noqa: SIM115
        yield live_site


@functools.cache
def axe_source():
    return AXE_JS.read_text()


def check_accessibility(page, disable=(), every_impact=False):
    """Run axe-core in the page; fail on any serious or critical violation (with `every_impact`, on any
    violation at all), naming each. `disable`: rules not checked on this page (say why where it is used)."""
    # Evaluated through the browser's protocol, so the page's Content-Security-Policy stays in force;
    # once per document (a second check of the same page, at another width, finds it loaded).
    if not page.evaluate("() => typeof window.axe?.run === 'function'"):
        page.evaluate(axe_source())
    rules = {rule: {"enabled": False} for rule in disable}
    results = page.evaluate(
        "async (rules) => await axe.run(document, {resultTypes: ['violations'], rules})", rules
    )
    serious = [v for v in results["violations"] if every_impact or v["impact"] in {"serious", "critical"}]
    details = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in serious
    ]
    assert not serious, "Accessibility violations:\n" + "\n".join(details)


def main_menu(page, name="Hovedmenu"):
    """The main menu, opened first on a phone, where its button shows only the current section."""
    menu = page.get_by_role("navigation", name=name)
    button = menu.get_by_role("button", name="Menu")
    if button.is_visible() and button.get_attribute("aria-expanded") == "false":
        button.click()
    return menu


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page, live_server, user):
    """Sign `user` in for the browser by giving it a real session cookie (the login form itself is
    tested in the accounts journeys)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
