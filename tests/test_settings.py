"""The production settings refuse to start without the secrets a public deployment needs."""

import json
import os
import subprocess
import sys

import pytest

BASE_ENV = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "os2site.settings.production"}
GOOD_KEY = "k" * 20 + "-production-secret-key-for-the-test-1234567890"


def load_production(**env):
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        env={**BASE_ENV, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY and ALLOWED_HOSTS and BASE_URL"),
        ({"SECRET_KEY": GOOD_KEY, "BASE_URL": "https://os2.eu"}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "os2.eu", "BASE_URL": "https://os2.eu"}, "SECRET_KEY"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "os2.eu"}, "BASE_URL"),
    ],
)
def test_production_refuses_to_start_without_secrets(env, missing):
    result = load_production(**env)
    assert result.returncode != 0
    assert f"need the environment variable(s) {missing}" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = load_production(
        SECRET_KEY="django-insecure-short", ALLOWED_HOSTS="os2.eu", BASE_URL="https://os2.eu"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be a long random value" in result.stderr


def test_production_starts_with_secrets_and_is_not_debug():
    result = load_production(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="os2.eu", BASE_URL="https://os2.eu")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_defaults_are_danish_and_embedded(settings):
    from os2site.settings import base

    assert base.LANGUAGE_CODE == "da"
    assert base.TIME_ZONE == "Europe/Copenhagen"
    # Wagtail's database search (with its SQLite ranking made one pass, search.database_backend).
    assert base.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "search.database_backend" or os.environ.get(
        "SEARCH_URL"
    )


def test_json_logging_writes_one_structured_line():
    script = (
        "import django, json, logging; django.setup(); "
        "logging.getLogger('os2site').warning('hej %s', 'verden')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**BASE_ENV, "DJANGO_SETTINGS_MODULE": "os2site.settings.dev", "LOG_FORMAT": "json"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stderr.strip().splitlines()[-1])
    assert (
        record["message"] == "hej verden" and record["level"] == "WARNING" and record["logger"] == "os2site"
    )


def test_media_go_to_the_storage_the_environment_names():
    """Uploads can live in any Django storage (shared by all app servers), with its own options."""
    script = (
        "import django; django.setup(); from django.core.files.base import ContentFile; "
        "from django.core.files.storage import default_storage as s; "
        "name = s.save('logoer/os2.txt', ContentFile(b'OS2')); "
        "print(type(s._wrapped).__name__, s.url(name), s.open(name).read().decode())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={
            **BASE_ENV,
            "SECRET_KEY": GOOD_KEY,
            "ALLOWED_HOSTS": "os2.eu",
            "BASE_URL": "https://os2.eu",
            "MEDIA_STORAGE": "django.core.files.storage.InMemoryStorage",
            "MEDIA_STORAGE_OPTIONS": '{"base_url": "https://filer.os2.eu/"}',
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["InMemoryStorage", "https://filer.os2.eu/logoer/os2.txt", "OS2"]
