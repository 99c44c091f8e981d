"""Page caching that is always fresh.

Anonymous visitors get rendered pages from the configured cache (Redis shared by every app server in
production, local memory on one machine). Freshness does not depend on knowing which page shows what:
every stored page carries the site's cache *generation*, a random token that every process of the site
reads from the same place (the "generation" cache, os2site/caches.py: Redis, or a file on a single
machine), and a page is served only while its generation is the current one, so a change made by a
cron job or from `manage.py shell` shows at once. Any change that can show on a public page
starts a new generation (see os2site.signals): saving or deleting any model except the bookkeeping
ones in `IGNORED_MODELS`, publishing, unpublishing or moving a page, and every finished background task
(search index updates). So a product page never outlives an edit to one of its tabs, contacts,
assessments or events, a news item, an organisation, a snippet, the site settings or the menus, even
though those are stored elsewhere. Publishing is rare next to reading, so throwing every page away on
each change costs little, and it cannot miss a dependency the way per-page invalidation can.

Community activity (ACTIVITY_MODELS: ideas, comments, pledges, sign-ups, accounts) is not an editorial change:
it starts no generation but records its time (ACTIVITY_KEY), and a page or part stored before it is
served until ACTIVITY_SECONDS old, then renewed, so activity shows to anonymous visitors within
ACTIVITY_SECONDS + REBUILD_SECONDS (30 s) and a busy community does not empty the cache. What visitors
do that shows on no page (follows, reports, password resets) is in IGNORED_MODELS and renews nothing.
One worker renders a page that must be renewed; the others serve their copy meanwhile (activity only)
or wait for that render (an editorial change): see PageCacheMiddleware.

The generation changes when the change is made and again when its transaction commits, so no request
that read the database before the commit can store its page under the new generation. Pages also expire
after PAGE_CACHE_SECONDS, which bounds what depends on the clock alone (an event that has begun).

Only what is the same for every anonymous visitor is cached:
- requests: GET or HEAD, without a session cookie, a messages cookie or an Authorization header, and
  outside PAGE_CACHE_EXCLUDED_PATHS (admin, accounts, "Min side"). Logged-in members always have a
  session cookie, so they always get their own, freshly rendered page.
- addresses the site's own links make: a configured host (ALLOWED_HOSTS or BASE_URL's, port and all) and
  only the query parameters pages read (PAGE_CACHE_PARAMETERS), each short and given a few times at
  most. Made-up variants (another port, `?x=1`, `?x=2`, ...) are rendered but not stored, so nobody can
  fill the cache with copies of one page.
- responses: status 200, not streamed, no cookies set, no CSRF token used (a form's token belongs to one
  visitor's cookie), no CSP nonce used, the session untouched, no message queued, and no Cache-Control
  that forbids it (`never_cache`, `private`, `no-store`, `max-age=0`): a view opts out with
  `django.views.decorators.cache.never_cache` or `add_never_cache_headers(response)`.

The key is the scheme, host, path, the query's parameters in a fixed order, and the active language (set by
LocaleMiddleware from the URL, the language cookie or Accept-Language), so each language version is
stored apart. The middleware sits last in MIDDLEWARE: the security, CSP and session middleware above it
still run on every cached response, so its headers are always current.

Parts that many pages share (the menu, the footer, the sections that bring other modules' content to
the front page and the product pages) are cached under the same generation (`cached_part`), so a page
rendered for a logged-in member, or not cached as a whole, need not build them again.

Responses carry X-Cache: "hit" (from the cache), "miss" (rendered and stored) or "bypass" (rendered and
not stored, for one of the reasons above). If the cache does not answer, pages are rendered as if
nothing were cached.

The same rules tell browsers and proxies what they may keep (`browser_caching`): a response the page
cache may keep (whether or not page caching is on) says `Cache-Control: public, max-age=` a short
BROWSER_CACHE_SECONDS and `Vary: Cookie`, so a visitor who logs in is never shown the anonymous copy;
every other response (logged in, personal, with a form token) says `private, no-cache`, unless its view
set its own Cache-Control. A browser may show a page up to BROWSER_CACHE_SECONDS old after a change;
the page cache itself is never stale. Only `public` responses are compressed (os2site.middleware).
"""

import functools
import hashlib
import logging
import marshal
import time
import uuid
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.template.loader import get_template
from django.utils.cache import cc_delim_re, get_max_age, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from .caches import generation as generation_store
from .caches import pages as cache

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
# When community activity was last saved (a Unix time), kept beside the generation.
ACTIVITY_KEY = "page-cache:activity"
KEY_PREFIX = "page-cache:page:v2:"
PART_PREFIX = "page-cache:part:v2:"
# Community activity shows to anonymous visitors within ACTIVITY_SECONDS + REBUILD_SECONDS (30 s): a page
# or part stored before the last activity is served until it is ACTIVITY_SECONDS old, then rebuilt by
# one worker while the others serve it for at most REBUILD_SECONDS more.
ACTIVITY_SECONDS = 25
REBUILD_SECONDS = 5
# How often a request waiting for another worker's render of a page looks for it.
WAIT_INTERVAL = 0.05
# A part outlives no generation; this only bounds how long an unused one takes memory.
PART_SECONDS = 600
# Parts that change with the clock alone (the next events) are kept no longer than this.
CLOCK_BOUND_SECONDS = 60
# Parts kept across generations under a digest of what they show (kept_by_what_it_shows): a change
# shows at once, so this only bounds how long an unused one takes memory. Stored as (when built,
# value), as the parts of one generation are (v2).
KEPT_PREFIX = "page-cache:kept:v2:"
KEPT_SECONDS = 3600

# Models whose rows never show on a public page: sessions, logs, revisions (drafts; publishing saves the
# object itself), workflow state, editing sessions, search and reference indexes, image renditions and
# embeds (made while a page renders), and task results. Saving them keeps the cached pages.
IGNORED_MODELS = {
    "account.emailconfirmation",
    "admin.logentry",
    "django_tasks_database.dbtaskresult",
    "sessions.session",
    "wagtailadmin.editingsession",
    "wagtailadmin.formstate",
    "wagtailcore.commentreply",
    "wagtailcore.comment",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.workflowstate",
    "wagtailembeds.embed",
    "wagtailimages.rendition",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "wagtailusers.userprofile",
    # What visitors do that no public page shows: following an idea, reporting a comment, e-mail
    # addresses and second factors of accounts, applications to join and invitations (the secretariat's
    # decisions on them are saved elsewhere), and requests to join a product.
    "account.emailaddress",
    "community.commentreport",
    "community.ideafollow",
    # Following a product, and the log of what its followers were told (the change itself, a news
    # item or a release, renews the pages).
    "community.productfollow",
    "community.productupdate",
    "community.memberinvitation",
    "community.joinapplication",
    "mfa.authenticator",
    # A request to join a product shows nowhere until it is approved, and the approval saves the joining
    # agreement, which renews every page.
    "products.joinrequest",
}

# Community activity: what members and visitors do all day, shown on some public pages (an idea's
# comments, pledges and history, an event's free seats, a member's name beside their comments). Saving
# these starts no new generation; pages and parts stored before it are renewed within 30 s (see
# ACTIVITY_SECONDS), so a busy community does not empty the cache.
ACTIVITY_MODELS = {
    "auth.user",
    # Members write, submit and edit ideas all day; the secretariat's moves of an idea show within the
    # same bound.
    "community.idea",
    "community.ideaattachment",
    "community.idealogentry",
    "community.affiliation",
    "community.pledge",
    "community.registration",
}
# Activity when created; a change or deletion is moderation, which shows at once like any edit.
ACTIVITY_WHEN_CREATED = {"community.ideacomment"}
# Background tasks whose outcome no page shows (mail, Wagtail's reference index and file clean-up); any
# other task may change pages (search indexes).
QUIET_TASKS = {
    "home.mail.send_email",
    "wagtail.tasks.delete_file_from_storage_task",
    "wagtail.tasks.update_reference_index_task",
}

# Bounds on a cacheable query string: what the site's filters, searches and pagers produce.
MAX_VALUE_LENGTH = 100
MAX_VALUES_PER_PARAMETER = 5
MAX_QUERY_LENGTH = 500

CACHE_CONTROL_FORBIDDING_STORAGE = {"private", "no-store", "no-cache"}
# Vary headers the key already accounts for: the language is part of it, and visitors with a session
# cookie are never served from the cache.
VARY_ACCOUNTED_FOR = {"accept-language", "cookie", "accept-encoding"}


def invalidate(**kwargs):
    """Start a new generation: no page cached before this is served again. Safe to call often (one
    cache write); a signal receiver as well as a function."""
    try:
        generation_store.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception as error:
        # The cache is down: nothing can be served from it either; pages expire within their timeout.
        logger.warning("Could not start a new page cache generation: %s", error)


def _now_and_after_commit(mark, using=None):
    """`mark()` now, and again once the surrounding transaction commits (once per transaction), so no
    request that read the data before the commit keeps its page."""
    mark()
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        pending = getattr(connection, "run_on_commit", [])
        if not any(entry[1] is mark for entry in pending):
            transaction.on_commit(mark, using=using)


def invalidate_now_and_after_commit(using=None):
    """A new generation now, and another once the surrounding transaction commits."""
    _now_and_after_commit(invalidate, using)


def activity(**kwargs):
    """Records that community activity was saved now: pages stored before it are renewed within the
    activity bound. A signal receiver as well as a function."""
    try:
        generation_store.set(ACTIVITY_KEY, time.time(), None)
    except Exception as error:
        logger.warning("Could not record community activity for the page cache: %s", error)


def activity_now_and_after_commit(using=None):
    """As `invalidate_now_and_after_commit`, for activity: a page rendered from data read before the
    commit was stored before the second mark, so it is renewed too."""
    _now_and_after_commit(activity, using)


def _request_is_cacheable(request):
    return settings.PAGE_CACHE_SECONDS > 0 and _request_is_public(request) and _address_is_canonical(request)


def _request_is_public(request):
    """Whether the answer can be the same for every anonymous visitor, as far as the request tells."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    messages_cookie = getattr(settings, "MESSAGES_COOKIE_NAME", "messages")
    return messages_cookie not in request.COOKIES


def is_configured_host(request):
    """Whether the request names one of the site's own hosts, port and all. Only those get anything
    stored in this cache (pages and their parts): a Host header is the client's to choose."""
    hosts = {host.lower() for host in settings.ALLOWED_HOSTS if host != "*" and not host.startswith(".")}
    hosts.add(urlsplit(settings.BASE_URL).netloc.lower())
    return request.get_host() in hosts


def _address_is_canonical(request):
    if not is_configured_host(request):
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    return all(
        name in settings.PAGE_CACHE_PARAMETERS
        and len(values) <= MAX_VALUES_PER_PARAMETER
        and all(len(value) <= MAX_VALUE_LENGTH for value in values)
        for name, values in request.GET.lists()
    )


def _response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or isinstance(getattr(request, "_csp_nonce", None), str):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    if getattr(getattr(request, "_messages", None), "_queued_messages", None):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if response.has_header("Cache-Control"):
        directives = {
            part.split("=")[0].strip().lower() for part in cc_delim_re.split(response["Cache-Control"])
        }
        if directives & CACHE_CONTROL_FORBIDDING_STORAGE or get_max_age(response) == 0:
            return False
    if response.has_header("Vary"):
        varies = {header.strip().lower() for header in cc_delim_re.split(response["Vary"])}
        if varies - VARY_ACCOUNTED_FOR:
            return False
    return True


def page_key(request):
    identity = "|".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            urlencode(sorted(request.GET.lists()), doseq=True),
            get_language() or settings.LANGUAGE_CODE,
        ]
    )
    return KEY_PREFIX + hashlib.sha256(identity.encode()).hexdigest()


def current_generation():
    """The current generation, started if there is none yet (first request after the store was
    emptied). It is kept apart from the pages, where every process of the site reads the same one
    (os2site/caches.py)."""
    generation = generation_store.get(GENERATION_KEY)
    if generation is None:
        generation_store.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = generation_store.get(GENERATION_KEY)
    return generation


def request_generation(request):
    """The generation for the whole of one request, read once (by whichever of the page cache and the
    first cached part asks first): the page and the shared parts of one response are all of the same
    generation. None
    when the store cannot be reached: then nothing is served from the cache or stored in it. Read with
    it: the time of the last community activity (`request.cache_activity`), and the time the request
    began (`request.cache_started`), which is when what it stores is said to be from."""
    if not hasattr(request, "cache_generation"):
        request.cache_started = time.time()
        try:
            found = generation_store.get_many([GENERATION_KEY, ACTIVITY_KEY])
            request.cache_activity = found.get(ACTIVITY_KEY, 0)
            request.cache_generation = found.get(GENERATION_KEY) or current_generation()
        except Exception as error:
            logger.warning("Could not read the page cache generation: %s", error)
            request.cache_generation = None
    return request.cache_generation


def part_generation(request):
    """The generation shared parts of the request's page are stored under, or None when nothing may be
    stored for it: no request, a host of the client's choosing (a Host header must not fill the cache),
    or the cache down."""
    if request is None or not is_configured_host(request):
        return None
    return request_generation(request)


def _fresh(request, stored_at):
    """Whether what was stored at `stored_at` (in the current generation) may still be served: no
    community activity since, or stored less than ACTIVITY_SECONDS ago."""
    return stored_at >= getattr(request, "cache_activity", 0) or time.time() - stored_at < ACTIVITY_SECONDS


@functools.cache
def templates_digest(*names):
    """A digest of these templates' sources, for the key of HTML kept across generations (the
    catalogue's cards, the front page's sections): a deploy that changes one renders that HTML anew.
    Read once per process, since templates do not change while it runs."""
    sources = "\0".join(get_template(name).template.source for name in names)
    return hashlib.sha256(sources.encode()).hexdigest()


def cached_part(request, name, vary, build, seconds=PART_SECONDS):
    """What `build()` returns for a part of pages that many requests share (the menu, the footer, a
    product's related events and news), stored under the current generation, so it is as fresh as a
    cached page, and shows community activity within the same bound. `vary` lists what else it depends
    on; host and language always count. Parts that
    depend on the clock (upcoming events) pass a short `seconds`. Built afresh when the request has no
    generation (see part_generation)."""
    generation = part_generation(request)
    if generation is None:
        return build()
    identity = "|".join([name, request.get_host(), get_language() or "", generation, *map(str, vary)])
    key = PART_PREFIX + hashlib.sha256(identity.encode()).hexdigest()
    stamp = getattr(request, "cache_started", time.time())
    return _read_or_build(
        key, build, seconds, "a cached part", stamp, lambda stored_at: _fresh(request, stored_at)
    )


def kept_by_what_it_shows(request, name, shown, build, seconds=KEPT_SECONDS):
    """What `build()` returns, kept across generations under a digest of `shown` (everything it is
    made from, as plain data) and of what it is shown in (host, language): after an editorial change
    that leaves `shown` as it was, it is not built again; one that changes it gives a new key, so the
    change shows at once. For what costs more to build than to read (a product's hundreds of users as
    HTML); `name` should change with the code that builds it. Built afresh and not kept when the
    request may store nothing (see part_generation)."""
    if part_generation(request) is None:
        return build()
    key = KEPT_PREFIX + digest((name, request.get_host(), get_language() or "", shown))
    return _read_or_build(key, build, seconds, "a kept part", time.time())


def _read_or_build(key, build, seconds, what, stamp, fresh=lambda stored_at: True):
    """The value stored under `key` if it is there and `fresh(stored_at)`, else `build()`, stored with
    `stamp` (when it was built) for `seconds`. A cache that cannot be read or written costs the build,
    never the page."""
    try:
        found = cache.get(key)
    except Exception as error:
        logger.warning("Could not read %s of a page: %s", what, error)
        return build()
    if found is not None and fresh(found[0]):
        return found[1]
    value = build()
    try:
        cache.set(key, (stamp, value), seconds)
    except Exception as error:
        logger.warning("Could not store %s of a page: %s", what, error)
    return value


def digest(shown):
    """A digest of plain data (tuples, lists, dicts, strings, numbers) for a cache key. marshal writes
    the thousands of rows a kept part is made from (the catalogue's users and suppliers) about five
    times faster than repr; both write every value in full, so different data never gives the same
    digest (the same data written another way, which marshal may do for shared objects or in another
    Python, only builds the part once more). Anything marshal cannot write is digested by its repr."""
    try:
        data = marshal.dumps(shown)
    except ValueError:
        data = repr(shown).encode()
    return hashlib.sha256(data).hexdigest()


def browser_caching(response, public):
    """Cache-Control for browsers and proxies (see the module's description): `public` when the response
    is the same for every anonymous visitor. A view's own Cache-Control is kept. Marks the response
    `is_public`, which allows compressing it (os2site.middleware.PublicGZipMiddleware)."""
    response.is_public = public
    if response.has_header("Cache-Control"):
        return response
    if public and settings.BROWSER_CACHE_SECONDS > 0:
        patch_cache_control(response, public=True, max_age=settings.BROWSER_CACHE_SECONDS)
        patch_vary_headers(response, ["Cookie"])
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response


class PageCacheMiddleware:
    """Serves and stores anonymous visitors' pages; see the module's description. Must come last in
    MIDDLEWARE (after LocaleMiddleware, so the language is known)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_is_cacheable(request):
            return self._bypass(request, self.get_response(request))
        key = page_key(request)
        generation = request_generation(request)
        if generation is None:
            return self._bypass(request, self.get_response(request))
        try:
            entry = cache.get(key)
        except Exception as error:
            logger.warning("Page cache unavailable, serving without it: %s", error)
            return self._bypass(request, self.get_response(request))
        current = entry is not None and entry[0] == generation
        if current and _fresh(request, entry[1]):
            return self._hit(entry)
        # One worker renders the page; the others serve the copy they have (renewed for activity only,
        # so at most REBUILD_SECONDS late) or, after an editorial change, wait for that render.
        lock = key + ":rendering"
        if not self._claim(lock):
            if current:
                return self._hit(entry)
            entry = self._wait(request, key, lock, generation)
            if entry is not None:
                return self._hit(entry)
            return self._bypass(request, self.get_response(request))
        try:
            return self._render_and_store(request, key, generation)
        finally:
            self._release(lock)

    def _render_and_store(self, request, key, generation):
        response = self.get_response(request)
        if request.method != "GET" or not _response_is_cacheable(request, response):
            return self._bypass(request, response)
        headers = [(name, value) for name, value in response.items() if name.lower() != "x-cache"]
        try:
            cache.set(
                key,
                (generation, request.cache_started, response.status_code, headers, response.content),
                settings.PAGE_CACHE_SECONDS,
            )
        except Exception as error:
            logger.warning("Could not store a page in the page cache: %s", error)
            return self._mark(browser_caching(response, public=True), "bypass")
        return self._mark(browser_caching(response, public=True), "miss")

    def _hit(self, entry):
        _, _, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return self._mark(browser_caching(response, public=True), "hit")

    @staticmethod
    def _claim(lock):
        """Whether this worker may render the page: no other holds the claim (which lapses after
        REBUILD_SECONDS, should its worker die). A cache that does not answer lets everyone render."""
        try:
            return cache.add(lock, 1, REBUILD_SECONDS)
        except Exception:
            return True

    @staticmethod
    def _release(lock):
        try:
            cache.delete(lock)
        except Exception as error:
            logger.warning("Could not release a page's render claim: %s", error)

    @staticmethod
    def _wait(request, key, lock, generation):
        """The page of the current generation once the worker rendering it has stored it, or None when
        it stored none (the response was not cacheable) or took longer than REBUILD_SECONDS."""
        deadline = time.monotonic() + REBUILD_SECONDS
        try:
            while time.monotonic() < deadline:
                time.sleep(WAIT_INTERVAL)
                found = cache.get_many([key, lock])
                entry = found.get(key)
                if entry is not None and entry[0] == generation:
                    return entry
                if lock not in found:
                    return None
        except Exception as error:
            logger.warning("Page cache unavailable while waiting for a page: %s", error)
        return None

    def _bypass(self, request, response):
        public = _request_is_public(request) and _response_is_cacheable(request, response)
        return self._mark(browser_caching(response, public), "bypass")

    @staticmethod
    def _mark(response, state):
        response["X-Cache"] = state
        return response
