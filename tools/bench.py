"""Benchmark of the whole site as it is served in production: `make bench`.

    .venv/bin/python -m tools.bench                       # scratch SQLite file, full volume
    .venv/bin/python -m tools.bench --database-url postgres://postgres@127.0.0.1:5432/os2site_bench
    .venv/bin/python -m tools.bench --small               # a tenth of the volume, shorter runs
    .venv/bin/python -m tools.bench --cached              # with the page cache on

Builds a scratch database (the demo plus 200 products, 10,000 organisations, 5,000 events and 20,000
ideas), serves it with gunicorn (2 sync workers) on loopback, and reports for each kind of page the
service time one request at a time (p50, p99, and p50 as the first request after a change to the
content, when nothing a page shares with others is cached yet), requests per second at 8 concurrent connections, its SQL
queries, the workers' memory, and how each compares with a plain Django view served the same way in
the same run. The given database is emptied and rebuilt, so never point it at one whose data you want
to keep. Prints a Markdown table.
"""

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PLAIN = "/bench/plain/"


def configure(database_url, page_cache_seconds=0):
    os.environ["DJANGO_SETTINGS_MODULE"] = "tools.bench_settings"
    os.environ["DATABASE_URL"] = database_url
    os.environ["PAGE_CACHE_SECONDS"] = str(page_cache_seconds)
    os.environ["SEARCH_URL"] = ""
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")  # as .env.example recommends for production
    import django

    django.setup()


def progress(label, done, total, started):
    print(f"\r  {label}: {done}/{total} ({time.monotonic() - started:.0f} s)", end="", flush=True)
    if done == total:
        print()


def build(products, organisations, events, ideas, seed=2012):
    """The demo plus generated volume; organisations come from the directory benchmark's generator."""
    from django.db import transaction
    from wagtail.search.backends import get_search_backend

    from tools.directory_bench import build as build_directory
    from tools.directory_bench import refresh_planner_statistics

    print(f"Demo and {organisations} organisations …", flush=True)
    build_directory(organisations, seed=seed)
    rng = random.Random(seed)  # noqa: S311 - reproducible benchmark data, not secrets
    with transaction.atomic():
        add_products(products, rng)
        add_events(events, rng)
        add_ideas(ideas, rng, get_search_backend())
    refresh_planner_statistics()


def add_products(count, rng):
    from products.models import ProductIndexPage, ProductPage

    index = ProductIndexPage.in_default_language()
    missing = count - ProductPage.objects.count()
    started = time.monotonic()
    for number in range(missing):
        index.add_child(
            instance=ProductPage(
                title=f"OS2bench{number}",
                slug=f"os2bench{number}",
                tagline=f"Et genereret produkt til {rng.choice(['HR', 'sagsbehandling', 'skole', 'data'])}.",
                status=rng.choice(["projekt", "produkt"]),
            )
        )
        if number % 20 == 19 or number == missing - 1:
            progress("products", number + 1, missing, started)


def add_events(count, rng):
    import datetime

    from django.utils import timezone

    from community.models import EventIndexPage, EventPage
    from products.models import ProductPage

    index = EventIndexPage.in_default_language()
    products = list(ProductPage.objects.live()[:40])
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    started = time.monotonic()
    for number in range(count):
        start = now + datetime.timedelta(days=rng.randint(-700, 365), hours=rng.randint(0, 8))
        event = EventPage(
            title=f"Netværksmøde {number}",
            slug=f"netvaerksmoede-{number}",
            kind=rng.choice(["seminar", "workshop", "netvaerksmoede"]),
            start=start,
            end=start + datetime.timedelta(hours=3),
            place_name=rng.choice(["Dokk1, Aarhus", "KL-huset, København", "Online"]),
            introduction="Et genereret arrangement i OS2-fællesskabet.",
        )
        event.related_products = rng.sample(products, 2)
        index.add_child(instance=event)
        if number % 100 == 99 or number == count - 1:
            progress("events", number + 1, count, started)


def add_ideas(count, rng, backend):
    from django.utils import timezone

    from community.models import Idea

    template = Idea.objects.public().order_by("pk").first()
    now = timezone.now()
    started = time.monotonic()
    new = []
    for number in range(count):
        idea = Idea(
            title=f"Genereret idé {number} om {rng.choice(['booking', 'data', 'borgerservice', 'skole'])}",
            need=template.need,
            benefit=template.benefit,
            organisation_id=template.organisation_id,
            submitter_id=template.submitter_id,
            state_id=template.state_id,
            area_id=template.area_id,
            submitted_at=now,
        )
        new.append(idea)
    created = Idea.objects.bulk_create(new, batch_size=2000)
    backend.add_bulk(Idea, created)
    progress("ideas", count, count, started)


def pages():
    """(label, path) of each page measured."""
    from community.models import Idea
    from products.models import ProductPage, ProductTabPage

    product = ProductPage.objects.live().get(slug="os2mo")
    tab = ProductTabPage.objects.live().child_of(product).first()
    idea = Idea.objects.public().order_by("-pk").first()
    return [
        ("plain Django view", PLAIN),
        ("home page", "/"),
        ("catalogue", "/produkter/"),
        ("product page", product.url),
        ("product tab", tab.url),
        ("member directory search", "/medlemmer/?q=kommune&region=midtjylland&bruger=os2mo"),
        ("site search", "/soeg/?q=os2mo"),
        ("event list", "/arrangementer/"),
        ("idea page", idea.get_absolute_url()),
        ("404", "/findes-ikke/"),
    ]


def count_queries(path):
    """SQL queries of a request with the shared parts of pages cached, and of one after a change."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from os2site import page_cache

    client = Client(SERVER_NAME="127.0.0.1")
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    page_cache.invalidate()
    with CaptureQueriesContext(connection) as after_change:
        client.get(path)
    return len(captured), len(after_change)


class Server:
    """gunicorn with 2 sync workers on a free loopback port."""

    def __init__(self, workers=2):
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                str(BASE_DIR / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--access-logfile",
                os.devnull,
                "--log-level",
                "warning",
                "--max-requests",
                "0",
                "os2site.wsgi",
            ],
            cwd=BASE_DIR,
            env=os.environ.copy(),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if request(self.connection(), PLAIN) == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def worker_memory_mb(self):
        """Memory of each worker process (the master's children) in MB: resident (RSS, counting pages
        shared with the master and the other workers in full), proportional (PSS, shared pages divided
        among the processes sharing them: what each worker adds to the machine's memory in use) and
        unique (USS, the worker's own pages only)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        workers = []
        for pid in children:
            fields = {}
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
                name, value = line.split(":", 1)
                fields[name] = int(value.split()[0]) / 1024
            unique = fields["Private_Clean"] + fields["Private_Dirty"]
            workers.append({"rss": fields["Rss"], "pss": fields["Pss"], "uss": unique})
        return workers

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def request(connection, path, after_change=False):
    headers = {"Host": "127.0.0.1"}
    if after_change:
        headers["X-Bench-After-Change"] = "1"  # see tools.bench_urls.AfterAChangeMiddleware
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


def service_times(server, path, count, after_change=False):
    """Milliseconds of each of `count` requests made one at a time, after a few to warm up; with
    `after_change`, each as the first request after a change to the content."""
    connection = server.connection()
    for _ in range(5):
        request(connection, path)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        request(connection, path, after_change)
        times.append((time.perf_counter() - started) * 1000)
    connection.close()
    return times


def throughput(server, path, concurrency, seconds):
    """Requests per second with `concurrency` connections asking one after another for `seconds`."""
    done = [0] * concurrency
    stop_at = time.monotonic() + seconds

    def client(slot):
        connection = server.connection()
        while time.monotonic() < stop_at:
            request(connection, path)
            done[slot] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(slot,)) for slot in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


# The one-at-a-time requests are made in rounds through all the pages, so a slow spell of a shared
# machine falls on every page (and the plain view) alike instead of on whichever page it came during.
ROUNDS = 5


def measure(server, count, concurrency, seconds):
    rows = []
    measured = pages()
    times_of = {path: [] for _label, path in measured}
    for _round in range(ROUNDS):
        for path, times in times_of.items():
            times += service_times(server, path, max(1, count // ROUNDS))
    for label, path in measured:
        times = times_of[path]
        after_change = service_times(server, path, max(10, count // 4), after_change=True)
        rows.append(
            {
                "label": label,
                "path": path,
                "queries": "{} ({})".format(*count_queries(path)),
                "p50": statistics.median(times),
                "p99": percentile(times, 0.99),
                "changed": statistics.median(after_change),
                "rps": throughput(server, path, concurrency, seconds),
            }
        )
        print(
            f"  {label}: p50 {rows[-1]['p50']:.1f} ms ({rows[-1]['changed']:.1f} after a change), "
            f"{rows[-1]['rps']:.0f} req/s",
            flush=True,
        )
    return rows


def table(rows, concurrency):
    plain = rows[0]
    lines = [
        f"| page | SQL queries (after a change) | p50 ms | p99 ms | p50 ms after a change | req/s at {concurrency} | p50 × plain "
        "| req/s ÷ plain |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['label']} | {row['queries']} | {row['p50']:.1f} | {row['p99']:.1f} | {row['changed']:.1f} "
            f"| {row['rps']:.0f} "
            f"| {row['p50'] / plain['p50']:.1f} | {row['rps'] / plain['rps']:.0%} |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", help="a scratch database (emptied!); default: a temporary SQLite file"
    )
    parser.add_argument("--products", type=int, default=200)
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--ideas", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=200, help="requests one at a time per page")
    parser.add_argument("--seconds", type=float, default=10, help="seconds of concurrent load per page")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--small", action="store_true", help="a tenth of the volume and of the runs")
    parser.add_argument("--reuse", action="store_true", help="measure the database as it is")
    parser.add_argument(
        "--cached",
        action="store_true",
        help="with the page cache on (each worker's local memory cache): what anonymous visitors get",
    )
    args = parser.parse_args(argv)
    if args.small:
        for name in ("products", "organisations", "events", "ideas", "requests"):
            setattr(args, name, max(20, getattr(args, name) // 10))
        args.seconds = max(2, args.seconds / 5)
    with tempfile.TemporaryDirectory() as scratch:
        configure(args.database_url or f"sqlite:///{scratch}/bench.sqlite3", 600 if args.cached else 0)
        from django.db import connection

        if not args.reuse:
            started = time.monotonic()
            build(args.products, args.organisations, args.events, args.ideas)
            print(f"Built in {time.monotonic() - started:.0f} s", flush=True)
        connection.close()  # the workers open their own
        server = Server()
        try:
            load = os.getloadavg()[0]
            print(f"Measuring ({connection.vendor}, load average {load:.1f} on {os.cpu_count()} CPUs) …")
            rows = measure(server, args.requests, args.concurrency, args.seconds)
            memory = server.worker_memory_mb()
        finally:
            server.stop()
    print()
    print(
        f"{connection.vendor}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
        f"{load:.1f} before measuring; gunicorn, 2 sync workers; "
        + (
            "page cache on (pages from the cache after the first request)."
            if args.cached
            else "no page cache (every request rendered)."
        )
    )
    print()
    print(table(rows, args.concurrency))
    print()
    print(
        "Worker memory: "
        + "; ".join(
            f"RSS {worker['rss']:.0f} MB, PSS {worker['pss']:.0f} MB, USS {worker['uss']:.0f} MB"
            for worker in memory
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
