"""The demo served by the development server as `make run` serves it (the dev settings, the embedded
SQLite database, pages cached in the server's own memory), on a port of its own. Migrating and loading
the demo take most of a minute, so they are done once per run; each module serves a copy of its own."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
MANAGE = [sys.executable, str(ROOT / "manage.py")]
START_TIMEOUT = 60
# Settings of the test process the served site must not inherit: it runs on the embedded defaults.
NOT_INHERITED = {"CACHE_URL", "SEARCH_URL", "TASK_BACKEND", "DEBUG", "DATABASE_URL"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own local server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def fetch_or_none(url):
    try:
        return fetch(url)
    except OSError:
        return None


def environment_of(folder, base_url, **more):
    """The dev settings on the database and media in `folder`, named by `base_url`."""
    environment = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    environment.update(
        DJANGO_SETTINGS_MODULE="os2site.settings.dev",
        BASE_URL=base_url,
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        EMAIL_URL="consolemail://",
    )
    return environment | more


def build_demo(folder):
    """The database (`migrate`, then `load_demo`, as `make run` does) and its media, in `folder`, for an
    address no server uses: a copy is pointed at the address it is served at (see served_copy)."""
    environment = environment_of(folder, "http://127.0.0.1:9")
    for command in (["migrate", "--no-input"], ["load_demo", "--no-admin"]):
        subprocess.run(MANAGE + command, env=environment, cwd=ROOT, check=True, capture_output=True)


@contextlib.contextmanager
def served_copy(built_demo, folder, **more):
    """The development server on a copy of the built demo in `folder`, with the environment `more`
    adds to: (base URL, environment)."""
    shutil.copytree(built_demo, folder, dirs_exist_ok=True)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    environment = environment_of(folder, base_url, **more)
    # Wagtail's site is pointed at the served address as after every deployment's `migrate` (load_demo
    # did it for the address the demo was built at).
    subprocess.run([*MANAGE, "setup_roles"], env=environment, cwd=ROOT, check=True, capture_output=True)
    server = subprocess.Popen(  # noqa: S603
        [*MANAGE, "runserver", "--insecure", "--noreload", f"127.0.0.1:{port}"],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while fetch_or_none(base_url + "/healthz/") is None:
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail("The development server did not start.", pytrace=False)
            time.sleep(0.1)
        yield base_url, environment
    finally:
        server.terminate()
        server.wait(timeout=10)


def manage_shell(environment, code):
    """`code` run by `manage.py shell` in a process of its own, as a cron job or an import would."""
    subprocess.run([*MANAGE, "shell", "-c", code], env=environment, cwd=ROOT, check=True, capture_output=True)
