"""Two gunicorn app servers with the production settings share one PostgreSQL database and one Redis:
a member logs in on one and is logged in on the other, edits their organisation's profile through
one, and both serve the new text at once, although both had the old page in the page cache. Mail
waits in the database queue until a task worker (`manage.py db_worker`) sends it.

PostgreSQL and Redis are needed, as in production. The test uses the server of DATABASE_URL and
CACHE_URL when they name PostgreSQL and Redis (the CI run against them); otherwise TEST_POSTGRES_URL
and TEST_REDIS_URL, which default to the local servers. It creates its own database and its own key
prefix, and removes both afterwards."""

import subprocess
import sys
import time

import pytest

from tests.stateless.servers import (  # noqa: F401 (fixtures)
    ROOT,
    START_TIMEOUT,
    AppServer,
    build_site,
    form_fields,
    header,
    production_env,
    remember_cookies,
    run_checked,
    shared_cache,
    shared_database,
)

# It starts its own servers and databases, so one run of the suite covers it (see .ci/run).
pytestmark = [pytest.mark.standalone, pytest.mark.services]


def test_two_app_servers_share_sessions_and_serve_an_edit_fresh(shared_database, shared_cache, tmp_path):  # noqa: F811
    env = production_env(shared_database, shared_cache, tmp_path)
    started = time.monotonic()
    site = build_site(env)

    server_a = AppServer("a", env, tmp_path)
    server_b = AppServer("b", env, tmp_path)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        server_a.wait_until_healthy(deadline)
        server_b.wait_until_healthy(deadline)
        print(f"app servers up in {time.monotonic() - started:.1f} s")
        profile = site["profile"]

        # Each server serves the profile; what A rendered, B takes from the shared page cache.
        status, headers, html = server_a.request("GET", profile)
        assert status == 200 and header(headers, "X-Cache") == "miss", server_a.output()
        assert "Vi driver vores løsninger i fællesskab." in html
        status, headers, cached_html = server_b.request("GET", profile)
        assert status == 200 and header(headers, "X-Cache") == "hit"
        assert cached_html == html
        # Static files come from the app server itself, hashed.
        stylesheet = html.split('rel="stylesheet" href="')[1].split('"')[0]
        assert stylesheet.startswith("/static/") and stylesheet != "/static/dkfds/css/dkfds.min.css"
        assert server_b.request("GET", stylesheet)[0] == 200

        # Log in on A ...
        cookies = {}
        status, headers, html = server_a.request("GET", "/konto/login/")
        remember_cookies(cookies, headers)
        login = {**form_fields(html), "login": site["email"], "password": site["password"]}
        status, headers, _ = server_a.request("POST", "/konto/login/", cookies=cookies, form=login)
        assert status == 302, server_a.output()
        remember_cookies(cookies, headers)
        assert "sessionid" in cookies
        # ... and B knows who it is.
        status, headers, html = server_b.request("GET", "/min-side/", cookies=cookies)
        assert status == 200 and "Sidsel Server" in html
        assert header(headers, "X-Cache") == "bypass"

        # The member edits the profile through B ...
        edit = profile + "rediger/"
        status, headers, html = server_b.request("GET", edit, cookies=cookies)
        assert status == 200, server_b.output()
        remember_cookies(cookies, headers)
        fields = form_fields(html)
        assert fields["description"].strip() == "Vi driver vores løsninger i fællesskab."
        fields["description"] = "Nu med to app-servere og én fælles database."
        status, headers, _ = server_b.request("POST", edit, cookies=cookies, form=fields)
        assert status == 302 and header(headers, "Location") == profile, server_b.output()

        # ... and A, which had the old page in the cache, serves the new text to everyone.
        for server in (server_a, server_b):
            status, headers, html = server.request("GET", profile)
            assert status == 200
            assert "Nu med to app-servere og én fælles database." in html
            assert "Vi driver vores løsninger i fællesskab." not in html
        # The member, logged in, gets their own page (with the edit link) from either server.
        status, headers, html = server_a.request("GET", profile, cookies=cookies)
        assert header(headers, "X-Cache") == "bypass" and edit in html

        # Someone asks for a new password on A: the mail is queued, not sent while the page answers ...
        visitor = {}
        status, headers, html = server_a.request("GET", "/konto/password/reset/")
        remember_cookies(visitor, headers)
        reset = {**form_fields(html), "email": site["email"]}
        status, headers, _ = server_a.request("POST", "/konto/password/reset/", cookies=visitor, form=reset)
        assert status == 302, server_a.output()
        mail_dir = tmp_path / "mail"
        assert not mail_dir.exists() or not any(mail_dir.iterdir())
        # ... until a worker runs the queue.
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        run_checked(worker, "the task worker")
        mails = [path.read_text() for path in mail_dir.iterdir()]
        assert len(mails) == 1
        assert f"To: {site['email']}" in mails[0] and "/konto/password/reset/key/" in mails[0]
    finally:
        server_a.stop()
        server_b.stop()
