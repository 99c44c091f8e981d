"""Benchmark of the member directory on the database backend.

    .venv/bin/python -m tools.directory_bench                 # 10,000 organisations in a scratch SQLite file
    .venv/bin/python -m tools.directory_bench --organisations 2000 --repeat 10
    .venv/bin/python -m tools.directory_bench --database-url postgres://postgres@127.0.0.1:5432/os2site_bench

Builds a scratch database (the demo plus generated organisations with joining agreements, supplier
records and agreements, indexed by Wagtail's database search), then requests /medlemmer/ through
Django's full request cycle and reports milliseconds per query. The given database is emptied and
rebuilt, so never point it at one whose data you want to keep.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time

QUERIES = [
    ("alle, første side", {}),
    ("fritekst", {"q": "kommune"}),
    ("fritekst + facetter", {"q": "kommune", "region": "midtjylland", "bruger": "os2mo"}),
    (
        "to facetter + aftale",
        {"type": "kommune", "region": ["nordjylland", "sjaelland"], "aftale": "partneraftale"},
    ),
    ("sjældent ord", {"q": "Ballerup"}),
    ("sortering + side 40", {"sort": "nyeste", "page": "40"}),
    ("leverandører", {"leverer": "os2faktor", "sort": "-navn"}),
]
WORDS = [
    "Nord",
    "Syd",
    "Øster",
    "Vester",
    "Ny",
    "Gammel",
    "Store",
    "Lille",
    "Hede",
    "Skov",
    "Fjord",
    "Å",
    "Bjerg",
    "Strand",
    "Mose",
    "Dal",
    "Holm",
    "Lund",
    "Vig",
    "Næs",
]
ENDINGS = ["Kommune", "Forsyning", "Skole", "Gymnasium", "Data ApS", "Digital A/S", "IT", "Sekretariat"]


def configure(database_url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "os2site.settings.dev"
    os.environ["DATABASE_URL"] = database_url
    os.environ["SEARCH_URL"] = ""  # the database backend is what is measured
    os.environ["DEBUG"] = "false"
    # Pages rendered on every request: what is measured is the directory, not the page cache.
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")  # as .env.example recommends for production
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    import django

    django.setup()


def build(organisations, seed=2012):
    from django.core.management import call_command
    from django.db import transaction
    from wagtail.search.backends import get_search_backend

    from community.members.models import AgreementKind
    from community.models import Agreement, Organisation, OrganisationKind, Region
    from products.models import JoiningAgreement, ProductPage, ProductSupplier
    from products.relations import JoiningStage

    devnull = open(os.devnull, "w")  # noqa: SIM115
    call_command("flush", "--no-input", verbosity=0)
    call_command("migrate", verbosity=0, stdout=devnull)
    call_command("load_demo", "--no-admin", stdout=devnull)
    rng = random.Random(seed)  # noqa: S311 - reproducible benchmark data, not secrets
    products = list(ProductPage.objects.live().values_list("pk", flat=True))
    kinds = [k for k, _ in OrganisationKind.choices]
    regions = [r for r, _ in Region.choices]
    start = time.monotonic()
    with transaction.atomic():
        new = []
        for number in range(organisations):
            name = f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {rng.choice(ENDINGS)} {number}"
            new.append(
                Organisation(
                    name=name,
                    slug=f"bench-{number}",
                    kind=rng.choice(kinds),
                    region=rng.choice(regions),
                    description=f"{name} samarbejder om {rng.choice(WORDS).lower()}digitalisering i OS2.",
                    member_since=f"{rng.randint(2012, 2025)}-{rng.randint(1, 12):02d}-01",
                    is_member=rng.random() > 0.05,
                )
            )
        created = Organisation.objects.bulk_create(new, batch_size=1000)
        joinings, supplies, agreements = [], [], []
        for organisation in created:
            for product in rng.sample(products, rng.randint(0, 6)):
                stage = JoiningStage.TILSLUTTET if rng.random() > 0.2 else JoiningStage.TILSAGN
                joinings.append(
                    JoiningAgreement(
                        product_id=product, organisation=organisation, stage=stage, joined_on="2020-01-01"
                    )
                )
            if organisation.kind == OrganisationKind.LEVERANDOER:
                for product in rng.sample(products, rng.randint(1, 3)):
                    supplies.append(
                        ProductSupplier(product_id=product, organisation=organisation, role="Drift")
                    )
            agreements.append(
                Agreement(
                    organisation=organisation, kind=rng.choice(AgreementKind.values), signed_on="2020-01-01"
                )
            )
        JoiningAgreement.objects.bulk_create(joinings, batch_size=2000)
        ProductSupplier.objects.bulk_create(supplies, batch_size=2000)
        Agreement.objects.bulk_create(agreements, batch_size=2000)
        get_search_backend().add_bulk(Organisation, created)
    refresh_planner_statistics()
    return time.monotonic() - start, len(joinings)


def refresh_planner_statistics():
    """Fresh statistics for the query planner, as autovacuum keeps them on a live PostgreSQL and as an
    SQLite database needs them after a large import (`ANALYZE`): without them SQLite runs a full-text
    match once for every indexed object of a type instead of once in all. On PostgreSQL the tables are
    vacuumed too, as autovacuum does on a live server: until then no page of a new table is marked
    all-visible, and a count the index alone could answer (the front page's most used products) reads
    every row instead."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def timed(client, url, params, repeat, before=None):
    timings = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        response = client.get(url, params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return statistics.median(timings)


def measure(repeat):
    """(label, median ms with the counts cached, without them, and after any change) for each query:
    a new page cache generation makes the counts be computed afresh, as for a query nobody asked
    since the members last changed; emptying the whole cache also rebuilds what every page shares."""
    from django.test import Client

    from os2site import page_cache
    from os2site.caches import pages as cache

    client = Client(SERVER_NAME="127.0.0.1")
    rows = []
    queries = [("/medlemmer/", params, label) for label, params in QUERIES]
    queries.append(("/medlemmer/forslag/", {"q": "Nordskov"}, "forslag (JSON)"))
    for url, params, label in queries:
        client.get(url, params)  # warm up
        few = max(3, repeat // 4)
        rows.append(
            (
                label,
                timed(client, url, params, repeat),
                timed(client, url, params, few, before=page_cache.invalidate),
                timed(client, url, params, few, before=cache.clear),
            )
        )
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--database-url", help="a scratch database (emptied!); default: a temporary SQLite file"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="measure the database as it is, without rebuilding"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        configure(args.database_url or f"sqlite:///{scratch}/bench.sqlite3")
        from django.db import connection

        seconds, joinings = (0, 0) if args.reuse else build(args.organisations)
        from search.directory import directory_members

        print(
            f"{connection.vendor}: {directory_members().count()} members in the directory "
            f"({args.organisations} generated with {joinings} joining agreements in {seconds:.1f} s)"
        )
        print(f"load average before measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        print("| query | ms, counts cached | ms, counts not cached | ms, nothing cached |")
        print("|---|---:|---:|---:|")
        for label, warm, cold, empty in measure(args.repeat):
            print(f"| {label} | {warm:.1f} | {cold:.1f} | {empty:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
