"""Production app servers for the tests that start their own: gunicorn with the production settings on a
PostgreSQL database and a Redis of the test's own, as the deployment runs them, and what a browser does
with their answers (cookies, form fields)."""

import contextlib
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import pytest
import redis
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
HOST = "os2.test"  # the name the load balancer passes on, as in production
START_TIMEOUT = 60


def postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/os2site")
    return url


def redis_url():
    url = os.environ.get("CACHE_URL", "")
    if not url.startswith("redis://"):
        url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    return url


@pytest.fixture
def shared_database():
    """A new, empty PostgreSQL database; its URL."""
    with new_database() as url:
        yield url


@contextlib.contextmanager
def new_database():
    """A new, empty PostgreSQL database (its URL), dropped afterwards: for a fixture of any scope."""
    base = urllib.parse.urlsplit(postgres_url())
    name = f"{base.path.lstrip('/') or 'os2site'}_stateless_{os.getpid()}"
    admin_url = urllib.parse.urlunsplit(base._replace(path="/postgres"))
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.fail(
            f"This test needs PostgreSQL ({admin_url}); start it or set TEST_POSTGRES_URL. {error}",
            pytrace=False,
        )
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield urllib.parse.urlunsplit(base._replace(path=f"/{name}"))
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def shared_cache():
    """Redis, under a key prefix of this run's own; the CACHE_URL the servers use."""
    url = redis_url()
    client = redis.Redis.from_url(url, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.fail(f"This test needs Redis ({url}); start it or set TEST_REDIS_URL. {error}", pytrace=False)
    prefix = f"stateless-{secrets.token_hex(4)}"
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}key_prefix={prefix}"
    finally:
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)


def production_env(database_url, cache_url, tmp_path):
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(ROOT)),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "os2site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "BASE_URL": f"https://{HOST}",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        # Each mail a file in this folder, so the test can read what was sent.
        "EMAIL_URL": f"filemail:///{tmp_path / 'mail'}",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "WARNING",
    }


def run_checked(process, what):
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, f"{what} failed:\n{out}\n{err}"
    return out


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """One gunicorn app server, as the deployment runs it (`gunicorn -c gunicorn.conf.py`)."""

    def __init__(self, name, env, log_dir):
        self.name = name
        self.port = free_port()
        self.log = open(log_dir / f"{name}.log", "w+")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "os2site.wsgi"],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": "1"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_healthy(self, deadline):
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                # Plain HTTP, as a load balancer probes: the health check is exempt from the HTTPS redirect.
                status, _, body = self.request("GET", "/healthz/", forwarded_https=False)
                if status == 200:
                    assert json.loads(body) == {"status": "ok", "database": "ok", "cache": "ok"}
                    return
            except OSError:
                pass
            time.sleep(0.3)
        pytest.fail(f"app server {self.name} did not become healthy:\n{self.output()}")

    def output(self):
        self.log.seek(0)
        return self.log.read()[-5000:]

    def request(self, method, path, cookies=None, form=None, forwarded_https=True):
        """One request as the load balancer passes it on (TLS ended there); returns the status, the
        headers (a list, so every Set-Cookie is kept) and the body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": HOST}
        if forwarded_https:
            headers["X-Forwarded-Proto"] = "https"
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}"
            headers["Referer"] = f"https://{HOST}{path}"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read().decode()
        finally:
            connection.close()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def header(headers, name):
    return next((value for key, value in headers if key.lower() == name.lower()), None)


def remember_cookies(cookies, headers):
    for key, value in headers:
        if key.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            cookies[name] = rest.split(";")[0]
    return cookies


class FormFields(HTMLParser):
    """The values a browser would submit from the page's forms (text inputs, checked boxes, text areas)."""

    def __init__(self):
        super().__init__()
        self.fields = {}
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in {"file", "submit", "button"} or (
                kind in {"checkbox", "radio"} and "checked" not in attrs
            ):
                return
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(html):
    parser = FormFields()
    parser.feed(html)
    return parser.fields


def build_site(env):
    """Builds the database (tests/stateless/bootstrap.py) and collects the static files (hashed and
    compressed) side by side; returns what the bootstrap made (a member's e-mail and password, a
    profile's address)."""
    bootstrap = subprocess.Popen(
        [sys.executable, "-m", "tests.stateless.bootstrap"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "tests.stateless.settings"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    collectstatic = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    started = time.monotonic()
    site = json.loads(run_checked(bootstrap, "building the database").strip().splitlines()[-1])
    print(f"database built in {time.monotonic() - started:.1f} s")
    run_checked(collectstatic, "collectstatic")
    print(f"static files collected in {time.monotonic() - started:.1f} s")
    return site


class RedisServer:
    """A Redis of the test's own on a free port, started with the given options (e.g. a memory limit)."""

    def __init__(self, tmp_path, *options):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ]
            + ["--dir", str(tmp_path), *options],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"redis://127.0.0.1:{self.port}/0"
        client = redis.Redis(port=self.port, socket_timeout=5)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.client = client

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
