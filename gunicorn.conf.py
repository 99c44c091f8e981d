"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py os2site.wsgi`.
Each app server is stateless (sessions and cache in Redis, data in PostgreSQL), so add servers to scale."""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "sync"
# Load the site once in the master before forking: the workers share its code and data pages copy on
# write instead of each importing everything anew, so each worker adds less memory (see its PSS).
# Nothing connects at import time (database, cache and search connections open on first use), so no
# connection is shared between processes.
preload_app = True


def pre_fork(server, worker):
    """Keep what the master loaded out of the workers' garbage collection: a collection writes to every
    object it examines, so each worker's first full collection copied most of the master's memory
    (copy on write) although none of it is garbage (docs/performance.md, worker memory)."""
    gc.freeze()


timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
