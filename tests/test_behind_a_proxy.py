"""Behind the load balancer, as deployed: gunicorn with the production settings, PostgreSQL, a Redis for
the page cache with a small memory limit, and in front a forwarding proxy that appends the address it
saw to X-Forwarded-For (TRUSTED_PROXY_COUNT=1). Clients connect from addresses of their own on the
loopback network (127.0.0.2, 127.0.0.3, ...).

- Per-address limits count each client, not the proxy: ten wrong logins from one client lock that
  client out and nobody else, and a client that writes its own X-Forwarded-For does not escape.
- The lockout cannot be evicted: after an account is locked, a flood of anonymous page requests (new
  canonical pages and made-up variants) fills the page cache's Redis; the right password is still
  refused, because the counters are kept apart from the pages (here in the database, the default).

Both failed before: every client was the proxy, and counters lived among the cached pages."""

import http.client
import http.server
import threading
import time
import urllib.parse

import pytest

from tests.stateless.servers import (
    HOST,
    START_TIMEOUT,
    AppServer,
    RedisServer,
    build_site,
    form_fields,
    new_database,
    production_env,
    remember_cookies,
)

pytestmark = [pytest.mark.standalone, pytest.mark.services]

LOCKED = "Der er for mange mislykkede logonforsøg. Prøv igen senere."
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class ForwardingProxy:
    """The load balancer: passes each request on to the app server with X-Forwarded-For (the client's
    address appended to what the client sent) and X-Forwarded-Proto: https (TLS ends here)."""

    def __init__(self, upstream_port):
        upstream = upstream_port

        class Forward(http.server.BaseHTTPRequestHandler):
            def forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = [(k, v) for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP]
                headers = [
                    (k, v) for k, v in headers if k.lower() not in {"x-forwarded-for", "x-forwarded-proto"}
                ]
                seen = self.headers.get("X-Forwarded-For")
                client = self.client_address[0]
                headers += [
                    ("Host", self.headers["Host"]),
                    ("X-Forwarded-For", f"{seen}, {client}" if seen else client),
                    ("X-Forwarded-Proto", "https"),
                ]
                connection = http.client.HTTPConnection("127.0.0.1", upstream, timeout=60)
                connection.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
                for name, value in headers:
                    connection.putheader(name, value)
                connection.putheader("Content-Length", str(len(body)))
                connection.endheaders(body)
                answer = connection.getresponse()
                content = answer.read()
                connection.close()
                self.send_response(answer.status)
                for name, value in answer.getheaders():
                    if name.lower() not in HOP_BY_HOP:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = do_HEAD = forward

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Forward)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class Client:
    """A browser on its own loopback address, talking to the site through the proxy."""

    def __init__(self, proxy, address):
        self.proxy, self.address, self.cookies = proxy, address, {}

    def request(self, method, path, form=None, headers=None, host=HOST):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.proxy.port, timeout=60, source_address=(self.address, 0)
        )
        sent = {"Host": host, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            sent |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{HOST}",
                "Referer": f"https://{HOST}{path}",
            }
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            status, answer, html = response.status, response.getheaders(), response.read().decode()
        finally:
            connection.close()
        remember_cookies(self.cookies, answer)
        return status, answer, html

    def log_in(self, email, password, headers=None):
        """Status and page of a login through the form, as a browser sends it."""
        _status, _headers, html = self.request("GET", "/konto/login/")
        form = {**form_fields(html), "login": email, "password": password}
        status, _headers, html = self.request("POST", "/konto/login/", form=form, headers=headers)
        return status, html


@pytest.fixture(scope="module")
def site_behind_a_proxy(tmp_path_factory):
    """(site, proxy, pages): the bootstrap's member and profile, the proxy in front of one app server,
    and the page cache's Redis. Started once for the module: building the database, collecting the
    static files and starting gunicorn take most of the time, and each test is a client of its own on
    an address of its own. The flood test locks the member's account, so it comes last (pytest runs a
    module's tests in the file's order, on any one worker)."""
    tmp_path = tmp_path_factory.mktemp("behind-a-proxy")
    with new_database() as database:
        pages = RedisServer(tmp_path, "--maxmemory", "2mb", "--maxmemory-policy", "volatile-lru")
        env = production_env(database, pages.url, tmp_path) | {"TRUSTED_PROXY_COUNT": "1"}
        server = proxy = None
        try:
            site = build_site(env)
            server = AppServer("app", env, tmp_path)
            proxy = ForwardingProxy(server.port)
            server.wait_until_healthy(time.monotonic() + START_TIMEOUT)
            yield site, proxy, pages
        finally:
            if proxy is not None:
                proxy.stop()
            if server is not None:
                server.stop()
            pages.stop()


def test_each_client_is_counted_by_its_own_address(site_behind_a_proxy):
    site, proxy, _pages = site_behind_a_proxy
    attacker, member = Client(proxy, "127.0.0.2"), Client(proxy, "127.0.0.3")
    # Ten wrong logins a minute from one address lock that address (10/m/ip), whichever accounts they
    # name, and a forged X-Forwarded-For does not make a new client.
    for number in range(10):
        forged = {"X-Forwarded-For": f"198.51.100.{number}"}
        status, html = attacker.log_in(f"gaet-{number}@example.dk", "forkert-kode", headers=forged)
        assert status == 200 and "ikke korrekt" in html, html[-2000:]
    status, html = attacker.log_in(
        site["email"], site["password"], headers={"X-Forwarded-For": "203.0.113.9"}
    )
    assert status == 200 and LOCKED in html

    # Another client, behind the same proxy, logs in.
    status, _html = member.log_in(site["email"], site["password"])
    assert status == 302
    status, _headers, html = member.request("GET", "/min-side/")
    assert status == 200 and "Sidsel Server" in html


def test_a_flood_of_page_requests_does_not_lift_a_lock(site_behind_a_proxy):
    site, proxy, pages = site_behind_a_proxy
    attacker = Client(proxy, "127.0.0.4")
    for _attempt in range(5):
        status, html = attacker.log_in(site["email"], "forkert-kode")
        assert "ikke korrekt" in html
    assert LOCKED in attacker.log_in(site["email"], site["password"])[1]

    # Anonymous requests from many addresses: pages the site links to, and made-up variants of them.
    evicted_before = int(pages.client.info("stats")["evicted_keys"])
    for number in range(300):
        visitor = Client(proxy, f"127.0.{1 + number // 200}.{10 + number % 200}")
        assert visitor.request("GET", f"/medlemmer/?page={number}")[0] == 200
        assert visitor.request("GET", f"/?x={number}")[0] == 200
        assert visitor.request("GET", "/", host=f"{HOST}:{2000 + number}")[0] == 200
    assert int(pages.client.info("stats")["evicted_keys"]) > evicted_before  # the page cache was full

    status, html = Client(proxy, "127.0.0.5").log_in(site["email"], site["password"])
    assert status == 200 and LOCKED in html
