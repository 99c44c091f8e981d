"""Checks the pinned dependencies (requirements.lock) for known vulnerabilities with pip-audit.

Exit 1 when pip-audit finds one. When it cannot look the pins up (no route to its vulnerability
database, as on a machine that reaches only a package mirror), it says so and exits 0: the tests are
not held back by an audit that could not run. Run `make audit` where the database is reachable.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"


def main():
    result = subprocess.run(  # noqa: S603 - pip-audit beside this Python, on the project's own lock
        [
            str(Path(sys.executable).with_name("pip-audit")),
            "--requirement",
            str(LOCK),
            "--require-hashes",
            "--disable-pip",
            "--progress-spinner",
            "off",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(f"audit: pip-audit could not run, so nothing was checked:\n{result.stderr[-2000:]}")
        return 0
    dependencies = report.get("dependencies", [])
    unchecked = [d["name"] for d in dependencies if d.get("skip_reason")]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    for dependency in vulnerable:
        for vulnerability in dependency["vulns"]:
            fixed = ", ".join(vulnerability.get("fix_versions", [])) or "no fixed version yet"
            print(
                f"audit: {dependency['name']} {dependency['version']}: {vulnerability['id']} (fixed in {fixed})"
            )
    if vulnerable:
        print(
            f"audit: {len(vulnerable)} pinned packages have known vulnerabilities: raise them and run `make lock`."
        )
        return 1
    if unchecked:
        print(
            f"audit: {len(unchecked)} of {len(dependencies)} pins could not be looked up (the vulnerability "
            "database is not reachable from here), so this is no clean bill: run `make audit` where it is."
        )
        return 0
    print(f"audit: no known vulnerabilities in {len(dependencies)} pinned packages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
