"""Every public page type is valid HTML by the Nu Html Checker (npm `vnu-jar`).

The pages are rendered by Django's test client and checked in one run of the checker, which is much
faster than starting Java for each page."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from tests.public_pages import PUBLIC_PAGES_IN_EVERY_LANGUAGE, approved_member

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_html_checker():
    java = shutil.which("java")
    if not java:
        pytest.skip("Java is not installed (apt-get install default-jre-headless): HTML not validated")
    if not VNU_JAR.exists():
        pytest.skip("vnu-jar is not installed (npm ci): HTML not validated")
    return [java, "-jar", str(VNU_JAR)]


def validation_errors(checker, files):
    """The checker's errors per file name."""
    result = subprocess.run(
        [*checker, "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = {}
    for message in messages:
        name = Path(message["url"].removeprefix("file:")).name
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']} — {message.get('extract', '').strip()}"
        )
    return errors


def render(page, client, member_client):
    response = (member_client if page.member else client).get(page.url_path())
    assert response.status_code == page.status, f"{page.id}: {response.status_code}"
    return response.content


def test_every_public_page_type_is_valid_html(demo, tmp_path):
    checker = nu_html_checker()
    member_client = Client()
    member_client.force_login(approved_member())
    files = []
    for page in PUBLIC_PAGES_IN_EVERY_LANGUAGE:
        file = tmp_path / f"{page.id}.html"
        file.write_bytes(render(page, Client(), member_client))
        files.append(file)

    errors = validation_errors(checker, files)

    assert not errors, "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in errors.items())


def test_the_checker_finds_invalid_html(tmp_path):
    """The check above would fail on a page with an error."""
    checker = nu_html_checker()
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html lang="da"><head><title>x</title></head><body><p><div></p></body></html>'
    )

    assert "broken.html" in validation_errors(checker, [broken])
