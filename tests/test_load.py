"""The load test in short (30 s): readers and logged-in writers against the site served by gunicorn
with the production settings (PostgreSQL, Redis, the search engine), while the engine and then Redis
are killed under it. Every answer must be the expected one (a page 200, the missing page 404, a write
redirected to its result; a form sent back, a 403 or a 429 is an error), and every submission the site
accepted must be in the database afterwards. Writes are accepted in every phase, Redis down included,
and guests' event sign-ups too. `make loadtest` runs the long version."""

import json
import subprocess
import sys

import pytest
from django.conf import settings

# It starts its own servers and databases, so one run of the suite covers it (see .ci/run).
pytestmark = [pytest.mark.standalone, pytest.mark.services]


def test_mixed_load_with_the_engine_and_the_cache_killed():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tools.loadtest",
            "--duration",
            "30",
            "--readers",
            "4",
            "--writers",
            "3",
            "--workers",
            "2",
            "--json",
            "--database-url",
            "postgres://postgres@127.0.0.1:5432/os2site_robust_loadtest",
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert result.stdout.strip(), result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["errors"] == 0, report["error_examples"]
    assert report["lost_submissions"] == 0, report["lost_examples"]
    assert result.returncode == 0
    phases = {name.split(" / ")[0] for name in report["by_phase"]}
    assert {"alt kører", "søgemaskinen er stoppet", "søgemaskine og cache er stoppet"} <= phases
    for phase in phases:
        assert report["by_phase"][f"{phase} / læsning"]["requests"] > 0
    accepted = report["accepted_submissions"]
    assert (
        accepted.get("idé", 0) > 0 and accepted.get("kommentar", 0) > 0 and accepted.get("ansøgning", 0) > 0
    )
    # Pledges are made and withdrawn in turn, follows started and stopped: made in some phase each.
    for kind in ("opbakning", "følg"):
        assert sum(
            numbers["requests"] for name, numbers in report["by_phase"].items() if name.endswith(f" / {kind}")
        ), kind
    assert sum(
        numbers["accepted"] for name, numbers in report["by_phase"].items() if name.endswith(" / opbakning")
    )
    # Each writer signs up once with their account; every further sign-up is a guest's.
    assert accepted.get("tilmelding", 0) > 0 and accepted.get("gæstetilmelding", 0) > 0
    for phase in ("alt kører", "søgemaskine og cache er stoppet"):
        assert sum(
            numbers["accepted"] for name, numbers in report["by_phase"].items() if name.startswith(phase)
        ), phase
