"""The gunicorn workers share what the master loaded (gunicorn.conf.py): the site is loaded before the
workers are forked, and what was loaded is frozen out of the garbage collection, whose writes would
otherwise make each worker copy most of the master's memory (docs/performance.md, worker memory)."""

import subprocess
import sys
from pathlib import Path

CONFIG = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"

# gunicorn reads its configuration file as a Python module and calls `pre_fork` in the master before
# each fork; run in a process of its own, so the test run's garbage collection is left alone.
CHECK = """
import gc, runpy, sys
config = runpy.run_path(sys.argv[1])
assert config["preload_app"] is True, "the site is not loaded in the master"
loaded = [object() for _ in range(10)] + [[] for _ in range(1000)]
config["pre_fork"](None, None)
print(gc.get_freeze_count())
"""


def test_what_the_master_loaded_is_kept_out_of_the_workers_garbage_collection():
    result = subprocess.run(  # noqa: S603 - our own interpreter and configuration
        [sys.executable, "-c", CHECK, str(CONFIG)], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 1000  # every container loaded before the fork, frozen
