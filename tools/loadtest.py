"""Load test: readers and writers at once against the site served like production, while the search
engine and the cache are killed under it.

    .venv/bin/python -m tools.loadtest                       # 3 minutes, scratch PostgreSQL database
    .venv/bin/python -m tools.loadtest --duration 30 --readers 6 --writers 4
    make loadtest                                               # the same as the first line

What it does:
1. Builds a scratch PostgreSQL database (`--database-url`, emptied and rebuilt!) with the demo and
   member accounts, collects the static files, starts its own Redis (on a free port, never the shared
   one) and its own search engine (osmem-server, OpenSearch-compatible), and indexes the site.
2. Serves the site with gunicorn and the production settings (PostgreSQL, Redis for cache and
   sessions, the engine as SEARCH_URL) on the loopback interface.
3. Runs reader threads (every public page type: home, catalogue, a product page and its tab, member
   directory searches and a profile, site searches, the events, ideas and news lists, an event, an
   idea, an article, a content page, a 404) and writer threads, each logged in as a member (idea
   submissions, comments, pledges made and withdrawn, product follows and unfollows, event sign-ups,
   join applications), for `--duration` seconds. A third of the way in the search engine
   is killed; half way the cache (Redis) is killed; at four fifths Redis comes back, empty.
   With `--steady` nothing is killed; an editor of the Sekretariat group publishes a news page every
   `--publish-every` seconds, and `--compare` first runs the same readers with no writes at all, then
   with the writers and the editor, and reports both side by side.
4. Reports requests, errors and accepted writes per phase and kind, and checks that every submission
   the site accepted is in the database afterwards (each carries a unique marker). An error is any
   answer but the expected one: a page that is not 200 (404 for the address that does not exist), a
   write that does not redirect to its result (a form sent back with 400, a 403, a 429), no answer.

The site runs with the production settings except for the forms' rate limits, which are raised
(`os2site.settings.loadtest`): a few writers send far more than a person would, and a limit reached
would hide whether the write itself works. The limits have tests of their own.

The exit code is 0 only with no errors and no lost submissions. Every request goes to 127.0.0.1.
"""

import argparse
import collections
import http.client
import itertools
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "os2-belastning-2026"  # noqa: S105 - scratch accounts in a scratch database
# Method, path, query, service time in microseconds and X-Cache of each request, for `service_times`.
ACCESS_LOG_FORMAT = "%(m)s|%(U)s|%(q)s|%(D)s|%({x-cache}o)s"
READ_PATHS = [
    "/",
    "/produkter/",
    "/produkter/?emne=okonomi",
    "/produkter/os2mo/",
    "/medlemmer/",
    "/medlemmer/?q=kommune",
    "/medlemmer/?q=Balerup&region=hovedstaden",
    "/medlemmer/forslag/?q=kob",
    "/soeg/?q=OS2mo",
    "/soeg/?q=kommune&type=community.organisation",
    "/soeg/forslag/?q=os2",
    "/arrangementer/",
    "/ideer/",
    "/nyheder/",
    "/findes-ikke/",
]
MISSING = {"/findes-ikke/"}
# The demo's secretariat account (community.members.demo.DEMO_SECRETARIAT): the editor who publishes.
SECRETARIAT_EMAIL = "sekretariat@os2.example.dk"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered on port {port} within {timeout} s")


# The site and its services ---------------------------------------------------------------------


class Services:
    """Redis, the search engine and gunicorn, each a process of ours, stopped at the end."""

    def __init__(self, database_url, workers):
        self.scratch = Path(tempfile.mkdtemp(prefix="os2site-load-"))
        self.redis_port = free_port()
        self.web_port = free_port()
        self.database_url = database_url
        self.workers = workers
        self.redis = None
        self.engine = None
        self.gunicorn = None

    @property
    def environment(self):
        environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
        environment.update(
            DJANGO_SETTINGS_MODULE="os2site.settings.loadtest",
            SECRET_KEY="load-test-" + "k" * 50,
            ALLOWED_HOSTS="127.0.0.1",
            BASE_URL=f"http://127.0.0.1:{self.web_port}",
            DATABASE_URL=self.database_url,
            DATABASE_CONN_MAX_AGE="60",
            CACHE_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            SEARCH_URL=self.engine.url if self.engine else "",
            SEARCH_ENGINE="opensearch",
            SEARCH_TIMEOUT="2",
            SEARCH_INDEX_PREFIX="load",
            SEARCH_DANISH_STEMMER="false",
            STATIC_ROOT=str(self.scratch / "static"),
            MEDIA_ROOT=str(self.scratch / "media"),
            EMAIL_URL="dummymail://",
            TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
            SECURE_SSL_REDIRECT="false",
            LOG_LEVEL="WARNING",
            GUNICORN_BIND=f"127.0.0.1:{self.web_port}",
            GUNICORN_WORKERS=str(self.workers),
        )
        return environment

    def start_redis(self):
        self.redis = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
            ]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.scratch)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.redis_port)

    def kill_redis(self):
        self.redis.kill()
        self.redis.wait()

    def start_engine(self):
        from osmem_server import OsmemServer

        self.engine = OsmemServer.start(japanese=False)

    def kill_engine(self):
        self.engine.close()

    def manage(self, *args):
        began = time.monotonic()
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.environment,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"  manage.py {args[0]}: {time.monotonic() - began:.0f} s", flush=True)

    def start_gunicorn(self):
        self.gunicorn = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "os2site.wsgi"],
            cwd=BASE_DIR,
            # Each request's own service time (%(D)s, microseconds, from the worker's start on it to its
            # answer), apart from the time it waited for a free worker, which the readers' clocks include.
            env={
                **self.environment,
                "GUNICORN_CMD_ARGS": f"--access-logfile={self.access_log} "
                f"--access-logformat={ACCESS_LOG_FORMAT}",
            },
            stdout=subprocess.DEVNULL,
            stderr=open(self.scratch / "gunicorn.log", "w"),  # noqa: SIM115
        )
        wait_for_port(self.web_port)
        # Each worker loads the site on its first request; the clock starts once every page answers.
        deadline = time.monotonic() + 300
        while True:
            try:
                statuses = {
                    Browser(self.web_port).get(path)[0] for path in ("/", "/medlemmer/", "/soeg/?q=os2")
                }
                if statuses == {200}:
                    return
            except OSError:
                statuses = "no answer"
            if time.monotonic() > deadline or self.gunicorn.poll() is not None:
                log = (self.scratch / "gunicorn.log").read_text()[-3000:]
                raise RuntimeError(f"the site did not come up ({statuses}):\n{log}")
            time.sleep(1)

    @property
    def access_log(self):
        return self.scratch / "access.log"

    def access_log_size(self):
        return self.access_log.stat().st_size if self.access_log.exists() else 0

    def service_times(self, since, paths):
        """{path: [(seconds, X-Cache)]} of the GET requests for `paths` logged after byte `since`."""
        times = collections.defaultdict(list)
        with self.access_log.open(encoding="utf-8", errors="replace") as log:
            log.seek(since)
            for line in log:
                method, path, query, microseconds, cache = (line.rstrip("\n").split("|") + [""] * 5)[:5]
                path = f"{path}?{query}" if query else path
                if method == "GET" and path in paths and microseconds.isdigit():
                    times[path].append((int(microseconds) / 1_000_000, cache))
        return times

    def stop(self):
        if self.gunicorn and self.gunicorn.poll() is None:
            self.gunicorn.send_signal(signal.SIGTERM)
            try:
                self.gunicorn.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.gunicorn.kill()
        if self.redis and self.redis.poll() is None:
            self.kill_redis()
        if self.engine:
            self.engine.close()
        shutil.rmtree(self.scratch, ignore_errors=True)


def recreate_database(database_url):
    """Empties the scratch database (drop and create), through the server's maintenance database."""
    import psycopg

    url = urlsplit(database_url)
    name = url.path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise SystemExit(f"refusing the database name {name!r}: use a plain scratch name")
    maintenance = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")


MEMBERS_SCRIPT = """
import os
from django.contrib.auth import get_user_model
from allauth.account.models import EmailAddress
from community.models import Affiliation, AffiliationStatus, Organisation
organisations = list(Organisation.objects.public_members().order_by("name")[:20])
for number in range(int(os.environ["LOAD_MEMBERS"])):
    email = f"belastning{number}@example.dk"
    user = get_user_model().objects.create_user(
        f"belastning{number}", email, os.environ["LOAD_PASSWORD"], first_name="Belastning"
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Affiliation.objects.create(
        user=user, organisation=organisations[number % len(organisations)], status=AffiliationStatus.APPROVED
    )
"""


def prepare(services, members):
    recreate_database(services.database_url)
    services.manage("migrate", "--no-input")
    services.manage("load_demo", "--no-admin", "--force")
    services.manage("collectstatic", "--no-input")
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", MEMBERS_SCRIPT],
        cwd=BASE_DIR,
        env={**services.environment, "LOAD_MEMBERS": str(members), "LOAD_PASSWORD": PASSWORD},
        check=True,
    )
    services.manage("search_reindex", "--no-progress")
    services.manage("update_index")


# The client ------------------------------------------------------------------------------------


class Browser:
    """One visitor: its own cookies, requests as if behind the TLS-terminating proxy production has."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.last_cache = None  # X-Cache of the last answer

    def request(self, method, path, body=None, content_type=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {
            "Host": "127.0.0.1",
            "X-Forwarded-Proto": "https",
            "Origin": "https://127.0.0.1",
            "Referer": f"https://127.0.0.1{path}",
            "Accept-Language": "da",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = content_type
            if "csrftoken" in self.cookies:
                headers["X-CSRFToken"] = self.cookies["csrftoken"]
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value
        self.last_cache = response.getheader("X-Cache")
        return response.status, response.getheader("Location", ""), content.decode("utf-8", "replace")

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields, files=None, form_page=None):
        """Posts the form as a browser does: after reading the page with the form (`form_page`, else
        `path`) for its token, unless the token's cookie is already set."""
        if "csrftoken" in self.cookies:
            status, page = 200, ""
        else:
            status, _location, page = self.get(form_page or path)
        if status >= 500:
            return status, "", page
        if files:
            body, content_type = multipart(fields, files)
        else:
            body, content_type = urlencode(fields, doseq=True).encode(), "application/x-www-form-urlencoded"
        return self.request("POST", path, body, content_type)

    def log_in(self, email):
        _status, _location, page = self.get("/konto/login/")
        token = CSRF_FIELD.search(page)
        fields = {"login": email, "password": PASSWORD}
        if token:
            fields["csrfmiddlewaretoken"] = token.group(1)
        status, location, _page = self.post("/konto/login/", fields)
        if status != 302:
            raise RuntimeError(f"{email} could not log in (status {status})")


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


# The run ---------------------------------------------------------------------------------------


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = collections.Counter()
        self.errors = collections.Counter()
        self.examples = []
        self.accepted = collections.defaultdict(list)
        self.accepted_in = collections.Counter()
        self.phase = "alt kører"
        # {path: [(seconds, X-Cache)]} of the readers' answers, for the steady run's figures.
        self.reads = collections.defaultdict(list)

    def record(self, kind, status, detail="", expected=True):
        """One answer; any but the expected one (and no answer) is an error."""
        with self.lock:
            self.counts[(self.phase, kind)] += 1
            if status is None or not expected:
                self.errors[(self.phase, kind)] += 1
                if len(self.examples) < 10:
                    self.examples.append(f"{self.phase} / {kind}: {status} {detail}")

    def accept(self, kind, marker):
        with self.lock:
            self.accepted[kind].append(marker)
            self.accepted_in[(self.phase, kind)] += 1

    def retract(self, kind, marker):
        """A submission its writer took back (a withdrawn pledge): no longer one to find."""
        with self.lock:
            self.accepted[kind].remove(marker)


def reader(port, tally, stop, seed, paths):
    chooser = random.Random(seed)  # noqa: S311 - picks pages, not secrets
    browser = Browser(port)
    while not stop.is_set():
        path = chooser.choice(paths)
        began = time.perf_counter()
        try:
            status, _location, _page = browser.get(path)
        except OSError as error:
            tally.record("læsning", None, f"{path}: {error}")
            continue
        with tally.lock:
            tally.reads[path].append((time.perf_counter() - began, browser.last_cache))
        tally.record("læsning", status, path, expected=status == (404 if path in MISSING else 200))


def writer(port, tally, stop, seed, email, targets, pdf, every=0):
    chooser = random.Random(seed)  # noqa: S311 - picks pages, not secrets
    browser = Browser(port)
    try:
        browser.log_in(email)
    except (OSError, RuntimeError) as error:
        tally.record("log ind", None, str(error))
        return
    guest = Browser(port)
    signed_up = False
    # The writer's organisation's pledge to the idea (its marker) while it stands, and whether the
    # writer follows the product: each turn of these kinds changes the one to the other.
    pledge, following = None, False
    counter = itertools.count()
    # Every kind of write in turn (in an order of the writer's own), so each kind is tried in a short run;
    # a guest's sign-up first, as it is the kind a run on a busy machine reaches least.
    kinds = ["idé", "kommentar", "tilmelding", "ansøgning", "opbakning", "følg"]
    chooser.shuffle(kinds)
    actions = itertools.chain(["gæstetilmelding"], itertools.cycle(kinds))
    # At most one action every `every` seconds (no wait when 0): a member's pace rather than a flood.
    due = time.monotonic()
    while not stop.wait(max(0, due - time.monotonic())):
        due += every
        action = next(actions)
        # ASCII, so it can be part of an e-mail address (a guest's) as well as of a title.
        marker = f"maerke-{seed}-{next(counter)}-{secrets.token_hex(3)}"
        try:
            if action == "idé":
                status, location, _ = browser.post(
                    "/ideer/ny/",
                    {
                        "title": f"Belastningsidé {marker}",
                        "need": "Et behov fra belastningstesten.",
                        "benefit": "En gevinst.",
                        "area": targets["area"],
                        "form_token": str(uuid.uuid4()),
                        "website": "",
                    },
                )
                accepted = status == 302 and re.search(r"/ideer/\d+/", location)
            elif action == "kommentar":
                status, location, _ = browser.post(
                    f"/ideer/{targets['idea']}/kommenter/", {"body": f"Kommentar {marker}", "website": ""}
                )
                accepted = status == 302 and "/konto/login" not in location
            elif action in ("tilmelding", "gæstetilmelding"):
                if action == "tilmelding" and not signed_up:
                    # The member once with their account (name and address come from it), then guests.
                    marker, signed_up = email.split("@")[0], True
                    status, location, _ = browser.post(targets["event"], {})
                else:
                    action = "gæstetilmelding"
                    # From the sign-up form's page, as a visitor comes (the event page itself holds no
                    # form, so it gives no form token).
                    status, location, _ = guest.post(
                        targets["event"],
                        {"name": f"Deltager {marker}", "email": f"{marker}@example.dk"},
                        form_page=targets["event"] + "tilmeld/",
                    )
                accepted = status == 302 and "/tilmelding/" in location
            elif action == "opbakning":
                idea = f"/ideer/{targets['open_idea']}/"
                if pledge is None:
                    status, location, _ = browser.post(
                        f"{idea}stoet/", {"kind": "interesse", "amount": "", "note": f"Tilsagn {marker}"}
                    )
                    accepted = status == 302 and location.endswith("#opbakning")
                    if accepted:
                        pledge = marker
                else:
                    # A withdrawal is no submission to find afterwards: the pledge it ends is let go.
                    status, location, _ = browser.post(f"{idea}stoet/fortryd/", {})
                    if status == 302 and location.endswith("#opbakning"):
                        tally.retract("opbakning", pledge)
                        pledge = None
                    tally.record("opbakning trukket", status, location, expected=pledge is None)
                    continue
            elif action == "følg":
                fields = {"action": "unfollow"} if following else {"frequency": "samlet"}
                status, location, _ = browser.post(f"/foelg/produkt/{targets['product']}/", fields)
                # Nothing to find afterwards either: a follow shows nowhere publicly.
                if status == 302 and location.endswith("#foelg"):
                    following = not following
                tally.record(action, status, location, expected=status == 302)
                continue
            else:
                status, location, _ = browser.post(
                    "/bliv-medlem/ansoeg/offentlig/",
                    {
                        "organisation_name": f"Ansøger {marker}",
                        "organisation_kind": "kommune",
                        "cvr": "55133018",
                        "ean": "5798000000001",
                        "address": "Rådhuspladsen 1\n9999 Testrup",
                        "contact_name": "Karen Hansen",
                        "contact_email": "karen@example.dk",
                        "contact_phone": "12345678",
                        "accepted_code_of_conduct": "on",
                        "submission_key": str(uuid.uuid4()),
                        "website": "",
                    },
                    files={"agreement_file": ("aftale.pdf", pdf, "application/pdf")},
                )
                accepted = status == 302 and "/tak/" in location
        except OSError as error:
            tally.record(action, None, str(error))
            continue
        tally.record(action, status, location, expected=bool(accepted))
        if accepted:
            tally.accept(action, marker)


def editor(tally, stop, every, email):
    """The secretariat's editor: publishes a new revision of a news page every `every` seconds, as the
    admin's "Udgiv" does (a revision saved and published by the editor's own account, which must hold the
    publish permission through the Sekretariat group, never a superuser's)."""
    from django.contrib.auth import get_user_model
    from django.db import close_old_connections

    from community.news.models import NewsPage
    from home.roles import SECRETARIAT_GROUP

    user = get_user_model().objects.get(email=email, groups__name=SECRETARIAT_GROUP, is_superuser=False)
    counter = itertools.count(1)
    # The first publication half a period in, so a run as long as one period has one.
    wait = every / 2
    while not stop.wait(wait):
        wait = every
        page = NewsPage.objects.live().order_by("-date", "-pk").first().specific
        if not page.permissions_for_user(user).can_publish():
            tally.record("udgivelse", None, f"{email} may not publish {page.url}")
            return
        # Visible wherever the page shows: its own page, the news list, the front page's news.
        page.introduction = f"{page.introduction.split(' [')[0]} [opdatering {next(counter)}]"
        try:
            page.save_revision(user=user, log_action=True).publish(user=user)
        except Exception as error:  # noqa: BLE001 - any failure is the run's error to report
            tally.record("udgivelse", None, repr(error))
        else:
            tally.record("udgivelse", 200)
            tally.accept("udgivelse", page.introduction)
        finally:
            close_old_connections()


def lost_submissions(accepted):
    """Markers of accepted submissions that are not in the database."""
    from wagtail.models import Revision

    from community.models import Idea, IdeaComment, JoinApplication, Pledge, Registration

    found = {
        "idé": lambda m: Idea.objects.filter(title=f"Belastningsidé {m}").exists(),
        "kommentar": lambda m: IdeaComment.objects.filter(body=f"Kommentar {m}").exists(),
        "opbakning": lambda m: Pledge.objects.filter(note=f"Tilsagn {m}").exists(),
        "tilmelding": lambda m: Registration.objects.filter(email=f"{m}@example.dk").exists(),
        "gæstetilmelding": lambda m: Registration.objects.filter(email=f"{m}@example.dk").exists(),
        "ansøgning": lambda m: JoinApplication.objects.filter(organisation_name=f"Ansøger {m}").exists(),
        "udgivelse": lambda m: Revision.objects.filter(content__introduction=m).exists(),
    }
    return [
        f"{kind}: {marker}"
        for kind, markers in accepted.items()
        for marker in markers
        if not found[kind](marker)
    ]


def targets_from_database():
    from community.models import EventPage, Idea, IdeaArea, NewsPage, Organisation
    from home.models import ContentPage
    from products.models import ProductPage

    event = next(
        event
        for event in EventPage.objects.live().filter(guests_allowed=True).order_by("-start")
        if event.registration_closed_reason() is None and not event.questions.filter(required=True).exists()
    )
    event.capacity = None
    event.registration_deadline = None
    event.save()
    open_idea = Idea.objects.public().open_for_support().filter(state__pledges_are_binding=False).first()
    # The writers' organisations start without a pledge to it, so each writer's first pledge is accepted.
    open_idea.pledges.filter(organisation__affiliations__user__email__startswith="belastning").delete()
    product = ProductPage.objects.live().public().get(slug="os2mo")
    tab = product.get_children().live().public().first()
    # Every public page type once besides the lists (READ_PATHS): an idea, an event, an article, a
    # product's tab, an organisation's profile and a content page.
    pages = [
        f"/ideer/{open_idea.pk}/",
        event.url,
        NewsPage.objects.live().public().order_by("-date").first().url,
        tab.url,
        Organisation.objects.public_members().order_by("name").first().get_absolute_url(),
        ContentPage.objects.live().public().filter(depth=3).order_by("path").first().url,
    ]
    return {
        "area": str(IdeaArea.objects.first().pk),
        "idea": Idea.objects.public().first().pk,
        "open_idea": open_idea.pk,
        "product": product.pk,
        "event": event.url,
        "reads": READ_PATHS[:-1] + pages + READ_PATHS[-1:],
    }


def run(options):
    services = Services(options.database_url, options.workers)
    report = {}
    try:
        services.start_redis()
        if not options.no_engine:
            services.start_engine()
        print(f"Preparing the scratch database {options.database_url} …", flush=True)
        prepare(services, options.writers)
        os.environ.update(services.environment)
        import django

        django.setup()
        from community.joining.demo import pdf_bytes

        targets = targets_from_database()
        pdf = pdf_bytes("Partneraftale")
        services.start_gunicorn()
        print(
            f"Serving on 127.0.0.1:{services.web_port} with {options.workers} gunicorn workers.", flush=True
        )

        if options.steady and options.compare:
            # The same readers first with no writes at all, then with the writers and the editor.
            print("Writes off …", flush=True)
            quiet = load(services, options, targets, pdf, writers=0, publish=False)
            report["writes_off"] = read_figures(quiet.reads)
            report["writes_off_service"] = read_figures(quiet.service)
            report["writes_off_errors"] = sum(quiet.errors.values())
            report["writes_off_error_examples"] = quiet.examples
            print("Writes on …", flush=True)
        tally = load(services, options, targets, pdf, writers=options.writers, publish=options.steady)
        elapsed = tally.seconds
        lost = lost_submissions(tally.accepted)
        report |= {
            "seconds": round(elapsed, 1),
            "requests": sum(tally.counts.values()),
            "errors": sum(tally.errors.values()) + report.get("writes_off_errors", 0),
            "accepted_submissions": {kind: len(markers) for kind, markers in tally.accepted.items()},
            "lost_submissions": len(lost),
            "by_phase": {
                f"{phase} / {kind}": {
                    "requests": count,
                    "errors": tally.errors[(phase, kind)],
                    "accepted": tally.accepted_in[(phase, kind)],
                }
                for (phase, kind), count in sorted(tally.counts.items())
            },
            "reads": read_figures(tally.reads),
            "service": read_figures(tally.service),
            "error_examples": report.get("writes_off_error_examples", []) + tally.examples,
            "lost_examples": lost[:10],
        }
    finally:
        services.stop()
    return report


def load(services, options, targets, pdf, writers, publish):
    """One run of readers, `writers` members and (with `publish`) the editor, for `--duration` seconds;
    without `--steady` the search engine and Redis are killed under it."""
    tally = Tally()
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=reader, args=(services.web_port, tally, stop, n, targets["reads"]), daemon=True
        )
        for n in range(options.readers)
    ] + [
        threading.Thread(
            target=writer,
            args=(services.web_port, tally, stop, 1000 + n, f"belastning{n}@example.dk", targets, pdf),
            kwargs={"every": options.write_every},
            daemon=True,
        )
        for n in range(writers)
    ]
    if publish:
        threads.append(
            threading.Thread(
                target=editor, args=(tally, stop, options.publish_every, SECRETARIAT_EMAIL), daemon=True
            )
        )
    logged = services.access_log_size()
    started = time.monotonic()
    for thread in threads:
        thread.start()
    schedule = [
        (options.duration / 3, "søgemaskinen er stoppet", services.kill_engine),
        (options.duration / 2, "søgemaskine og cache er stoppet", services.kill_redis),
        (options.duration * 4 / 5, "cachen er tilbage (tom)", services.start_redis),
    ]
    if options.steady:
        schedule = []
    for at, phase, action in schedule:
        time.sleep(max(0, started + at - time.monotonic()))
        action()
        tally.phase = phase
        print(f"{time.monotonic() - started:5.1f} s: {phase}", flush=True)
    time.sleep(max(0, started + options.duration - time.monotonic()))
    stop.set()
    for thread in threads:
        thread.join(timeout=40)
    tally.seconds = time.monotonic() - started
    tally.service = services.service_times(logged, set(targets["reads"]))
    return tally


def read_figures(reads):
    """Per address read: requests, p50/p95/p99 service time in ms, and the share served from the page
    cache (X-Cache: hit), with every address together under "alle"."""

    def figures(answers):
        times = sorted(seconds * 1000 for seconds, _cache in answers)

        def at(share):
            return round(times[min(len(times) - 1, int(share * len(times)))], 1)

        hits = sum(1 for _seconds, cache in answers if cache == "hit")
        return {
            "requests": len(times),
            "p50": at(0.5),
            "p95": at(0.95),
            "p99": at(0.99),
            "hit_rate": round(100 * hits / len(times), 1),
        }

    result = {path: figures(answers) for path, answers in sorted(reads.items()) if answers}
    cacheable = [answer for path, answers in reads.items() if path not in MISSING for answer in answers]
    if cacheable:
        result["alle (uden 404)"] = figures(cacheable)
    return result


def comparison(off, on):
    """The reads with writes off and on side by side, as a Markdown table, with p99 on ÷ off."""
    lines = [
        "| address | requests off / on | p50 ms off / on | p95 ms off / on | p99 ms off / on "
        "| p99 on ÷ off | hits off / on |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for path, with_writes in on.items():
        quiet = off.get(path)
        if not quiet:
            continue
        ratio = with_writes["p99"] / quiet["p99"] if quiet["p99"] else float("nan")
        lines.append(
            f"| {path} | {quiet['requests']} / {with_writes['requests']} "
            + " ".join(f"| {quiet[key]} / {with_writes[key]}" for key in ("p50", "p95", "p99"))
            + f" | {ratio:.2f} | {quiet['hit_rate']} / {with_writes['hit_rate']} % |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=180, help="seconds of load (default 180)")
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/os2site_loadtest",
        help="scratch PostgreSQL database: emptied and rebuilt!",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--steady",
        action="store_true",
        help="kill nothing: the mixed run of readers, writers and an editor, for the page cache's figures",
    )
    parser.add_argument(
        "--compare",
        action="store_true",
        help="with --steady: first the same run with writes off, then with writes on, side by side",
    )
    parser.add_argument(
        "--no-engine",
        action="store_true",
        help="with --steady: no search engine; site search from the database, as without SEARCH_URL",
    )
    parser.add_argument(
        "--publish-every", type=float, default=60, help="seconds between the editor's publications (--steady)"
    )
    parser.add_argument(
        "--write-every",
        type=float,
        default=0,
        help="seconds between a writer's actions (0: as fast as the site answers); the issue's mixed run "
        "is --writers 1 --write-every 1, a member acting once a second",
    )
    options = parser.parse_args(argv)
    if (options.compare or options.no_engine) and not options.steady:
        parser.error("--compare and --no-engine go with --steady")
    report = run(options)
    if options.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(f"\n{report['requests']} requests in {report['seconds']} s, {report['errors']} errors")
        for name, numbers in report["by_phase"].items():
            print(
                f"  {name:55} {numbers['requests']:6} requests {numbers['errors']:4} errors"
                f" {numbers['accepted']:4} accepted"
            )
        print(f"accepted submissions: {report['accepted_submissions']}")
        if "writes_off" in report:
            print("As the readers saw it (waiting for a free worker included):")
            print(comparison(report["writes_off"], report["reads"]))
            print("\nService time, as the workers logged it (the same requests):")
            print(comparison(report["writes_off_service"], report["service"]))
        else:
            print("reads: requests, p50 / p95 / p99 ms, page cache hits")
            for path, numbers in report["reads"].items():
                print(
                    f"  {path:45} {numbers['requests']:6} {numbers['p50']:7} {numbers['p95']:7}"
                    f" {numbers['p99']:7} ms {numbers['hit_rate']:5} % hits"
                )
        print(f"lost submissions: {report['lost_submissions']}")
        for line in report["error_examples"] + report["lost_examples"]:
            print("  " + line)
    return 0 if report["errors"] == 0 and report["lost_submissions"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
