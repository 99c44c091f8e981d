"""Settings shared by every environment.

Every value comes from the environment; unset means the embedded default of a single machine
(SQLite, Wagtail's database search, local-memory cache, tasks run at once). `.env.example`
documents each variable.
"""

import hashlib
import tempfile
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "os2site"

env = environ.Env()
# A local .env file is a convenience for developers; real deployments set the environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "products",
    "community",
    "search",
    "os2site",
    "wagtail.contrib.forms",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "csp",
    "corsheaders",
    "ninja",
]

MIDDLEWARE = [
    # First, so it compresses the finished response; it compresses only public pages (see its module).
    "os2site.middleware.PublicGZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "os2site.middleware.UnreadableFormMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "os2site.middleware.PrivateForMembersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "os2site.middleware.AdminTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "os2site.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "home.redirects.RedirectMiddleware",
    # Rate limit and conditional GET of the open data API, before the page cache so cached answers count.
    "os2site.api.ApiMiddleware",
    # Last, so everything above (security headers, CSP, sessions, language) runs on cached pages too.
    "os2site.page_cache.PageCacheMiddleware",
]

ROOT_URLCONF = "os2site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Widgets may use the site's own templates (e.g. components/honeypot_input.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "os2site.wsgi.application"

# Database: SQLite file unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def fault_tolerant(cache):
    """A Redis cache that is down or unreachable behaves as an empty cache (every read a miss, every
    write dropped, logged) instead of failing the request: the cache only makes the site faster, and
    nothing is kept only there (sessions are written through to the database). Short socket timeouts
    keep a hanging Redis from holding up the page."""
    if cache["BACKEND"].startswith("django_redis"):
        cache.setdefault("OPTIONS", {}).update(
            {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": env.float("CACHE_CONNECT_TIMEOUT", default=0.5),
                "SOCKET_TIMEOUT": env.float("CACHE_TIMEOUT", default=0.5),
            }
        )
    return cache


def never_evicted(cache):
    """The store of rate-limit counters, lockouts and sessions must not drop entries to make room: in the
    database (the default) it culls only past a million live entries, far beyond what the limits let
    anyone create; a Redis for it runs with `maxmemory-policy noeviction`."""
    if cache["BACKEND"].endswith("DatabaseCache"):
        cache.setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 1_000_000)
    return fault_tolerant(cache)


def shared_by_every_process(pages, database):
    """Where the page cache's generation is kept (os2site/caches.py): with the pages when they are in a
    cache every process reads (Redis), else in a small file that every process on this machine working
    on the same database reads, so a change made by a cron job or `manage.py shell` shows at once on
    the running server although its pages are in its own memory. Reading it costs a file read per
    request, no query."""
    if not pages["BACKEND"].endswith("LocMemCache"):
        return pages
    identity = hashlib.sha256(str(database["NAME"]).encode()).hexdigest()[:16]
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(Path(tempfile.gettempdir()) / f"os2site-page-generation-{identity}"),
    }


# Three caches (see os2site/caches.py): "pages" for rendered pages and other data built from the
# database, which may be evicted (local memory unless CACHE_URL names Redis shared by all app servers),
# "generation" for the token that says whether those are current, and the default cache for rate
# limits, lockouts and sessions, which must not be evicted (the database unless LIMITS_CACHE_URL names a
# Redis of its own with noeviction).
CACHES = {
    "default": never_evicted(env.cache("LIMITS_CACHE_URL", default="dbcache://os2site_limits")),
    "pages": fault_tolerant(env.cache("CACHE_URL", default="locmemcache://os2site")),
}
CACHES["generation"] = shared_by_every_process(CACHES["pages"], DATABASES["default"])
# Wagtail keeps image renditions in its "renditions" cache, else in the default one: they are derived
# data, so they go with the pages, not among the limits (in the database that cost four queries, a
# transaction with a commit, for each image on every page).
CACHES["renditions"] = CACHES["pages"]
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Rendered pages for anonymous visitors, kept until anything shown on a page changes (see
# os2site/page_cache.py) and at most this many seconds; 0 turns page caching off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# How long browsers and proxies may keep a page that is the same for every anonymous visitor
# (Cache-Control: public, max-age): after a change, a visitor may see the old page this long. Other
# responses are private to the visitor. 0: every response private. See os2site/page_cache.py.
BROWSER_CACHE_SECONDS = env.int("BROWSER_CACHE_SECONDS", default=60)
# Paths whose pages are personal or need a fresh form every time; never cached.
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/django-admin/",
    "/konto/",
    "/min-side/",
    "/en/konto/",
    "/en/min-side/",
    "/healthz/",
    "/i18n/",
]

# The query parameters pages read (filters, searches, sorting, paging); an address with any other is
# rendered but not cached, so made-up variants cannot fill the page cache.
PAGE_CACHE_PARAMETERS = {
    # catalogue, member directory, site search, events, news, ideas
    "page", "q", "type", "sort", "sortering", "niveau", "status", "emne", "bruger", "leverandoer",
    "region", "leverer", "aftale", "tid", "produkt", "sted", "maaned", "tilstand", "organisation",
    "omraade",
}  # fmt: skip

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (django-allauth): one login path for members, editors and the secretariat, by e-mail
# address, which must be verified before the first login.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "my_page"
WAGTAIL_FRONTEND_LOGIN_URL = "/konto/login/"
# Wagtail's own password reset would be a second path; allauth's serves everyone.
WAGTAIL_PASSWORD_RESET_ENABLED = False
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# A signed-in person sent to the login page (say, a member opening the admin) sees the form to sign in
# as someone else, rather than being bounced back where they came from.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "OS2: "
ACCOUNT_ADAPTER = "community.members.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "community.members.forms.MemberLoginForm",
    "signup": "community.members.forms.MemberSignupForm",
}
# Rate limits on the account forms, counted in the cache (shared across app servers with Redis). Five
# wrong passwords for one account within 15 minutes lock that account's password login for the rest of
# the window (and ten failures a minute from one address lock that address); a password reset lifts it.
# The other limits are allauth's defaults, written out so they are seen and tuned in one place.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/15m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/3m/key",
}

# Behind a load balancer every request comes from the balancer: the client's address is then read from
# X-Forwarded-For, counting this many proxies (each appends the address it saw) back from the end. 0
# (the default) trusts no header and counts the connecting address. Used by allauth's limits and by
# community/ratelimit.py alike.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Two-factor authentication (allauth's MFA): a code from an authenticator app (TOTP) plus one-time
# recovery codes. Anyone with admin access must have used it in the session before the admin opens
# (os2site.middleware.AdminTwoFactorMiddleware); members without admin access may turn it on themselves.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "OS2"
ADMIN_MFA_REQUIRED = env.bool("ADMIN_MFA_REQUIRED", default=True)

# Danish first, English second.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and amounts in each language's own way (os2site/formats/<language>/formats.py before Django's).
FORMAT_MODULE_PATH = ["os2site.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
# Editors translate pages into English with Wagtail's own translation tools (a page and its
# translations share a translation key); English pages are served under /en/.
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("da", "Dansk"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("da", "Dansk"), ("en", "English")]
# Translating a page only copies it; it is published when the editor has written the English text.
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
# Det Fælles Designsystem comes from npm; its dist/ is served as-is under /static/dkfds/.
DKFDS_DIST = BASE_DIR / "node_modules" / "dkfds" / "dist"
if DKFDS_DIST.is_dir():
    STATICFILES_DIRS.append(("dkfds", DKFDS_DIST))
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static-collected")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = env.str("MEDIA_URL", default="/media/")

# Uploads (images, documents, agreements) go to any Django storage: the media folder by default; with
# several app servers a shared one, e.g. MEDIA_STORAGE=storages.backends.s3.S3Storage (django-storages)
# and MEDIA_STORAGE_OPTIONS='{"bucket_name": "os2-media"}' (JSON, the storage's own options).
MEDIA_STORAGE = {
    "BACKEND": env.str("MEDIA_STORAGE", default="django.core.files.storage.FileSystemStorage"),
    "OPTIONS": env.json("MEDIA_STORAGE_OPTIONS", default={}),
}
# Private files (signed agreements, idea attachments) go to a storage of their own that nothing serves:
# a folder outside the media folder by default, or e.g. PRIVATE_STORAGE=storages.backends.s3.S3Storage
# with PRIVATE_STORAGE_OPTIONS='{"bucket_name": "os2-private", "default_acl": "private",
# "querystring_auth": true, "querystring_expire": 300}' (a private bucket; any address it gives is
# signed and short-lived). The site hands them out only through views that check permission
# (community/private_files.py).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
PRIVATE_STORAGE = {
    "BACKEND": env.str("PRIVATE_STORAGE", default="django.core.files.storage.FileSystemStorage"),
    "OPTIONS": env.json("PRIVATE_STORAGE_OPTIONS", default={}),
}
if PRIVATE_STORAGE["BACKEND"].endswith("FileSystemStorage"):
    # Never the media folder (served at MEDIA_URL), and its addresses lead to the permission check.
    PRIVATE_STORAGE["OPTIONS"].setdefault("location", str(PRIVATE_MEDIA_ROOT))
    PRIVATE_STORAGE["OPTIONS"].setdefault("base_url", "/admin/privat/")
STORAGES = {
    "default": MEDIA_STORAGE,
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Search: Wagtail's database backend unless SEARCH_URL names an Elasticsearch/OpenSearch cluster.
SEARCH_URL = env.str("SEARCH_URL", default="")
SEARCH_ENGINE = env.str("SEARCH_ENGINE", default="elasticsearch")
SEARCH_INDEX_PREFIX = env.str("SEARCH_INDEX_PREFIX", default="os2site")
SEARCH_TIMEOUT = env.int("SEARCH_TIMEOUT", default=5)
# Danish stop words and stemming in the member index; every real engine has them.
SEARCH_DANISH_STEMMER = env.bool("SEARCH_DANISH_STEMMER", default=True)
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": (
                "wagtail.search.backends.opensearch3"
                if SEARCH_ENGINE == "opensearch"
                else "wagtail.search.backends.elasticsearch8"
            ),
            "URLS": [SEARCH_URL],
            "INDEX": f"{SEARCH_INDEX_PREFIX}_wagtail",
            "TIMEOUT": SEARCH_TIMEOUT,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.database_backend"}}
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # PostgreSQL's own Danish full-text configuration (stemming, stop words).
        WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "danish"

# Background work (e-mail, indexing): run at once unless TASK_BACKEND names a queue.
TASKS = {
    "default": {
        "BACKEND": env.str("TASK_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# E-mail
# EMAIL_URL such as smtp+tls://user:password@smtp.example.org:587 (django-environ's form).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="OS2 <os2@os2.eu>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = "OS2 – Offentligt Digitaliseringsfællesskab"
BASE_URL = env.str("BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from a third party: editors' e-mail hashes are not shared with Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Security headers, served by the demo as well as in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
}
# Public pages: no inline scripts, nothing from other hosts except embedded video players.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [
            SELF,
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
ADMIN_URL_PREFIXES = ("/admin/", "/django-admin/")

# The open data API may be read from any web page (GET only, no credentials).
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "if-modified-since", "if-none-match")
CORS_EXPOSE_HEADERS = ("etag", "last-modified", "retry-after")
CORS_PREFLIGHT_MAX_AGE = 86400
# The Wagtail admin's editors use inline scripts and styles; its policy is looser but still same-origin.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", "https:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, "https:"],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Logs go to standard output, one line each; LOG_FORMAT=json gives structured lines for a log collector.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
