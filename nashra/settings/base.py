"""Nashra's settings, in small named sections.

Everything an operator can change comes from the environment through
``nashra.settings.environment``; ``docs/settings.md`` lists each variable.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from nashra.operations import log_formats
from nashra.settings import environment as env

BASE_DIR = env.BASE_DIR
PROJECT_DIR = BASE_DIR / "nashra"
VAR_DIR = env.var_dir()

# --- Site address and security ---------------------------------------------------------

DEBUG = env.flag("DEBUG", default=False)
SECRET_KEY = env.secret_key()
SITE_URL = env.text("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
_site = urlsplit(SITE_URL)
SITE_IS_HTTPS = _site.scheme == "https"

ALLOWED_HOSTS = env.listing(
    "ALLOWED_HOSTS", sorted({"127.0.0.1", "localhost", _site.hostname or "127.0.0.1"})
)
CSRF_TRUSTED_ORIGINS = [f"{_site.scheme}://{_site.netloc}"]

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's live preview shows the page in an iframe of the admin itself, so not DENY
# (the one `check --deploy` warning this answers: security.W019).
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SESSION_COOKIE_HTTPONLY = True
# How many proxies of the operator's own stand in front of the app (nginx, a CDN), and
# the networks they are in: X-Forwarded-For is read only from a peer in those networks,
# and only the hops they wrote are believed (nashra/core/client.py). A network that is
# not a network stops the site at start, not at the first reader.
TRUSTED_PROXIES = int(env.text("TRUSTED_PROXIES", "0"))
TRUSTED_PROXY_NETWORKS = env.listing("TRUSTED_PROXY_NETWORKS", ["127.0.0.0/8", "::1/128"])
try:
    for _network in TRUSTED_PROXY_NETWORKS:
        ipaddress.ip_network(_network, strict=False)
except ValueError as _error:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_NETWORKS: {_error}") from _error

if SITE_IS_HTTPS:
    # TLS ends at the proxy in front of the app; it tells us the scheme in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    # Subdomains and the preload list are the operator's decision (see README): the site
    # cannot know that every subdomain of its host serves HTTPS, and the preload list is
    # hard to leave. `nashra check --deploy` is told so rather than warning each time.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = False
    SECURE_HSTS_PRELOAD = False
    SILENCED_SYSTEM_CHECKS += ["security.W005", "security.W021"]

# --- Applications ----------------------------------------------------------------------

INSTALLED_APPS = [
    "nashra.core",
    "nashra.newsroom",
    "nashra.comments",
    "nashra.search",
    "nashra.operations",
    "nashra.wire",
    "nashra.audience",
    "nashra.pictures",
    "nashra.live",
    "nashra.alerts",
    "captcha",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: a cached page is answered before anything else runs (operations/page_cache.py).
    "nashra.operations.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Inside the page cache: the policy is kept with each page and replayed on every hit.
    "nashra.core.content_security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware has refused unknown hosts: Wagtail's site, remembered.
    "nashra.operations.site_lookup.SiteLookupMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # "/?p=123" is the home page to Wagtail; imported WordPress short addresses redirect.
    "nashra.wire.importers.shortlinks.WordPressShortlinkMiddleware",
    "nashra.operations.routers.ReplicaReadsMiddleware",
]

ROOT_URLCONF = "nashra.urls"
WSGI_APPLICATION = "nashra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "nashra.newsroom.context_processors.site_chrome",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------

# PostgreSQL connections come from psycopg's pool, one per process, sized for the
# threads of a gunicorn worker (DATABASE_POOL_SIZE; 0 keeps one persistent connection
# per thread instead). A new connection per request costs more than the page itself
# (platform notes). Connections are checked before reuse, and a request waits at most
# DATABASE_POOL_TIMEOUT seconds for one, so an outage gives quick 503s, not a hang.
DATABASE_POOL_SIZE = int(env.text("DATABASE_POOL_SIZE", "4"))
DATABASE_POOL_TIMEOUT = float(env.text("DATABASE_POOL_TIMEOUT", "2"))


def _database(url: str) -> dict[str, Any]:
    config: dict[str, Any] = dict(
        dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Kept open like PostgreSQL's: opening the file and running the PRAGMAs below cost
        # about a millisecond, an eighth of an uncached page.
        config["OPTIONS"] = {
            # WAL lets readers go on while a writer writes; IMMEDIATE takes the write lock
            # at BEGIN so two writers queue on busy_timeout instead of failing mid-way.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        return config
    options = config.setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", max(1, round(DATABASE_POOL_TIMEOUT)))
    # No JIT: a page's queries take milliseconds, and compiling one that the planner
    # guessed large (a search before its table was analysed) took 400 ms.
    options.setdefault("options", "-c jit=off")
    if DATABASE_POOL_SIZE > 0:
        config["CONN_MAX_AGE"] = 0  # the pool keeps the connections, not Django
        options["pool"] = {
            "min_size": 1,
            "max_size": DATABASE_POOL_SIZE,
            "timeout": DATABASE_POOL_TIMEOUT,
        }
    return config


DATABASES = {
    "default": _database(env.text("DATABASE_URL", f"sqlite:///{VAR_DIR / 'nashra.sqlite3'}"))
}

# Read replicas of a PostgreSQL primary: anonymous readers' pages read from them, all
# else (the admin, posts, commands) from the primary (nashra.operations.routers).
for _number, _url in enumerate(env.listing("DATABASE_REPLICA_URLS", []), start=1):
    DATABASES[f"replica_{_number}"] = {
        **_database(_url),
        # Tests have one database: a replica there is the primary under another name.
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["nashra.operations.routers.PrimaryReplicaRouter"]
# A replica that fails is left out this long by the process that saw it fail; readers
# read from the primary meanwhile.
DATABASE_REPLICA_RETRY_SECONDS = float(env.text("DATABASE_REPLICA_RETRY_SECONDS", "10"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -----------------------------------------------------------------------------

REDIS_URL = env.text("REDIS_URL")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "nashra.operations.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "nashra",
        }
    }
else:
    # Each worker keeps its own copies. Django's default of 300 entries holds fewer pages
    # (about 20 KB each) than a news site's front pages and current stories, and it culls
    # a third of them whenever it fills.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(env.text("LOCAL_CACHE_ENTRIES", "2000"))},
        }
    }

# Readers' full pages (nashra.operations.page_cache) in a cache of their own, so a flood
# of pages can never evict a rate limit or a pending view count from the default cache.
# With Redis, give it its own instance (maxmemory + volatile-lru) and keep REDIS_URL's on
# noeviction (docs/deployment.md); by default both share REDIS_URL.
PAGE_CACHE_REDIS_URL = env.text("PAGE_CACHE_REDIS_URL", REDIS_URL or "")
if PAGE_CACHE_REDIS_URL:
    CACHES["pages"] = {
        "BACKEND": "nashra.operations.redis_cache.RedisCache",
        "LOCATION": PAGE_CACHE_REDIS_URL,
        "KEY_PREFIX": "nashra",
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": int(env.text("LOCAL_CACHE_ENTRIES", "2000"))},
    }

# View counts (docs/operations.md): into Redis when there is one, else into the database.
AUDIENCE_REDIS_URL = REDIS_URL
AUDIENCE_REDIS_PREFIX = env.text("AUDIENCE_REDIS_PREFIX", "nashra:audience:")
# Readers of one story counted from one address (an IPv6 /64) per 30-minute window,
# whatever browsers it claims: a household or an office counts, a loop does not.
AUDIENCE_READERS_PER_ADDRESS = int(env.text("AUDIENCE_READERS_PER_ADDRESS", "10"))

# The full-page cache for readers: how long a page is kept (0 turns the cache off) and
# how long a browser may keep it without asking again.
PAGE_CACHE_SECONDS = int(env.text("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_BROWSER_SECONDS = int(env.text("PAGE_CACHE_BROWSER_SECONDS", "60"))
# With Redis, each worker also keeps this many of the pages it served last, kept true by
# the stamp moves Redis sends it (nashra/operations/near_pages.py); 0 reads every hit
# from Redis.
NEAR_PAGE_ENTRIES = int(env.text("NEAR_PAGE_ENTRIES", "500"))
# How many readers' pages one process renders at once (nashra/operations/render_slots.py);
# 0 lets every thread render at once.
RENDER_SLOTS = int(env.text("RENDER_SLOTS", "1"))

# A caching proxy in front (deploy/nginx.conf): where to send its purges.
FRONTEND_CACHE_PURGE_URL = env.text("FRONTEND_CACHE_PURGE_URL")
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }

# --- Language and time -----------------------------------------------------------------

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", "العربية")]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.text("TIME_ZONE", "Asia/Amman")
LOCALE_PATHS = [PROJECT_DIR / "locale"]

WAGTAILADMIN_PERMITTED_LANGUAGES = [("ar", "العربية"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False

# --- Static files and media ------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "nashra.operations.static_files.StaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

# Media on S3-compatible object storage (docs/settings.md), for more than one machine:
# every app server then reads and writes the same pictures. Local files otherwise.
MEDIA_S3_BUCKET = env.text("MEDIA_S3_BUCKET")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "nashra.pictures.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env.text("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env.text("MEDIA_S3_REGION") or None,
            "access_key": env.text("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": env.text("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            # Where readers fetch the files: a CDN or the bucket's public host and path.
            "custom_domain": env.text("MEDIA_S3_PUBLIC_HOST") or None,
            "url_protocol": env.text("MEDIA_S3_PUBLIC_PROTOCOL", "https:"),
            # Pictures are public; signed addresses would change on every page render.
            "querystring_auth": False,
            "file_overwrite": False,
            # "public-read" where the bucket takes object ACLs; empty where a bucket policy
            # (or the CDN in front) makes the pictures public.
            "default_acl": env.text("MEDIA_S3_DEFAULT_ACL") or None,
        },
    }
    MEDIA_URL = f"{env.text('MEDIA_S3_PUBLIC_PROTOCOL', 'https:')}//" + (
        env.text("MEDIA_S3_PUBLIC_HOST") or f"{MEDIA_S3_BUCKET}.s3.amazonaws.com"
    ) + "/"

# --- Wagtail ---------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "نشرة"
WAGTAILADMIN_BASE_URL = SITE_URL
# Wagtail's database search for the admin, plus the readers' Arabic matching for pages.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "nashra.search.wagtail_backend"}}
# Documents always go through Wagtail's view, which enforces private collections (the
# nginx template refuses /media/documents/ for the same reason).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# Pictures carry their photographer, agency and the renditions made for readers.
WAGTAILIMAGES_IMAGE_MODEL = "pictures.Picture"
# Where the renditions readers get are stored, under MEDIA_URL; their names carry a hash
# of their bytes, so they are cached for a year (deploy/nginx.conf, nashra.pictures.media).
PICTURE_RENDITIONS_FOLDER = "renditions"
# Every upload is checked by its content and re-encoded without metadata (pictures/forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "nashra.pictures.forms.PictureForm"
# A news photographer's camera makes 20-50 megapixel files; anything beyond is refused
# before it is decoded, so a small file that claims huge dimensions cannot exhaust memory.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
# Vector drawings (SVG) can carry scripts: not accepted (pictures/inspection.py).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Page editing can post many fields at once (long StreamFields, many sources).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
TAGGIT_CASE_INSENSITIVE = True
# The headless API (docs/api.md): the most items one request may ask for with ?limit=.
WAGTAILAPI_LIMIT_MAX = 100

# --- Comments --------------------------------------------------------------------------

# The captcha's test mode accepts any answer; only the test settings may switch it on
# (nashra.comments.apps refuses to start otherwise).
CAPTCHA_TEST_MODE = False
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 20  # minutes: a reader may write a long comment after loading the form
CAPTCHA_IMAGE_SIZE = (150, 50)
CAPTCHA_FONT_SIZE = 30
# Posting limits per reader, as (comments, seconds) windows; the cache counts them, so
# with Redis they hold across every app process.
COMMENT_RATE_LIMITS = [(1, 15), (10, 3600)]
# Wrong captcha answers one address may give in an hour before it must wait.
COMMENT_CAPTCHA_FAILURES_PER_HOUR = 20
# Captchas one address may be handed per hour (each is a database row): a reader who
# reloads the form often stays far below it, a loop filling the table stops at it.
COMMENT_CAPTCHAS_PER_HOUR = 120

# Admin sign-in: failed attempts allowed per account and per address in a window of
# LOGIN_WINDOW_SECONDS; past them even the right password waits for the window to end.
LOGIN_FAILURES_PER_ACCOUNT = 10
LOGIN_FAILURES_PER_ADDRESS = 50
LOGIN_WINDOW_SECONDS = 900
# Password-reset emails per address and per email address an hour.
PASSWORD_RESETS_PER_HOUR = 5
WAGTAILADMIN_USER_LOGIN_FORM = "nashra.core.admin_sign_in.ThrottledLoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "nashra.core.admin_sign_in.ThrottledPasswordResetForm"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Stories taken in (docs/wire.md) -------------------------------------------------

WIRE_USER_AGENT = env.text("WIRE_USER_AGENT", f"Nashra/0.1 (+{SITE_URL})")
WIRE_FETCH_TIMEOUT = float(env.text("WIRE_FETCH_TIMEOUT", "15"))  # seconds, per request
WIRE_MAX_BYTES = int(env.text("WIRE_MAX_BYTES", str(5 * 2**20)))
WIRE_MAX_ENTRIES = int(env.text("WIRE_MAX_ENTRIES", "100"))
# One ingest run takes no longer than this to start its fetches (below the schedule's 300 s).
WIRE_RUN_SECONDS = float(env.text("WIRE_RUN_SECONDS", "240"))
WIRE_MAX_REDIRECTS = 5
WIRE_RETRIES = 2
WIRE_RETRY_BACKOFF = 1.0  # seconds, doubled at each retry
# Private, loopback and link-local addresses are refused unless listed here (CIDR).
WIRE_ALLOWED_NETWORKS = env.listing("WIRE_ALLOWED_NETWORKS", [])
WIRE_EXTRACT_TIMEOUT = float(env.text("WIRE_EXTRACT_TIMEOUT", "20"))  # seconds, per page
WIRE_MIN_TEXT = 200  # characters of story text below which a page is only furniture
WIRE_PAGE_LINKS = 30  # links followed per poll of a page source
WIRE_LEASE_SECONDS = 900
WIRE_DEDUP_DAYS = 7
WIRE_NEAR_DUPLICATE_THRESHOLD = 0.28  # estimated Jaccard of word pairs (bench/ingest)

# --- Breaking alerts (docs/alerts.md) --------------------------------------------------

# The Bot API's address (a stand-in on loopback in the tests), the bot and its channel.
NASHRA_TELEGRAM_API_URL = env.text("NASHRA_TELEGRAM_API_URL", "https://api.telegram.org")
NASHRA_TELEGRAM_BOT_TOKEN = env.text("NASHRA_TELEGRAM_BOT_TOKEN")
NASHRA_TELEGRAM_CHAT_ID = env.text("NASHRA_TELEGRAM_CHAT_ID")
# Web Push's VAPID key pair (`nashra make_vapid_keys` prints one) and the contact the push
# services may write to about this sender (a mailto: or https: address).
NASHRA_VAPID_PRIVATE_KEY = env.text("NASHRA_VAPID_PRIVATE_KEY")
NASHRA_VAPID_PUBLIC_KEY = env.text("NASHRA_VAPID_PUBLIC_KEY")
NASHRA_VAPID_SUBJECT = env.text("NASHRA_VAPID_SUBJECT", SITE_URL)
# Requests the sender keeps in flight at once: push services answer in milliseconds, and
# a Python process waits on them rather than computing.
NASHRA_ALERTS_CONCURRENCY = int(env.text("NASHRA_ALERTS_CONCURRENCY", "32"))
# Sender processes side by side: encrypting for each reader takes a core per process.
NASHRA_ALERTS_PROCESSES = int(env.text("NASHRA_ALERTS_PROCESSES", "1"))
# The push services readers' browsers may subscribe through (a host or its parent domain):
# the sender posts to the address a subscription names, so no other host is accepted.
NASHRA_PUSH_SERVICE_HOSTS = env.listing(
    "NASHRA_PUSH_SERVICE_HOSTS",
    ["fcm.googleapis.com", "push.services.mozilla.com", "push.apple.com", "notify.windows.com"],
)

# --- Background work -------------------------------------------------------------------

# What `nashra serve`'s scheduler runs, and how often (seconds). Production without
# `nashra serve` runs the same commands from cron or systemd timers (README).
NASHRA_SCHEDULE = [
    ("publish_scheduled", 60),
    ("truncate_comment_addresses", 3600),
    ("flush_views", 30),
    # Apart: in a thread of its own, so a slow source never delays publishing or flushing.
    ("ingest", 300, "apart"),
    # Renditions and social cards, made soon after an upload or a publication; apart, as
    # a batch of large pictures takes seconds and must not hold up publishing.
    ("prepare_pictures", 5, "apart"),
    # Breaking alerts leave within seconds of the editor's click; apart, as a push to many
    # readers takes a while and waits on other people's servers.
    ("send_alerts", 2, "apart"),
]

# --- Logging ---------------------------------------------------------------------------

# One JSON object per line by default, for a log collector; LOG_FORMAT=plain for eyes.
try:
    LOG_FORMAT = log_formats.chosen(env.text("LOG_FORMAT"))
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from error
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": log_formats.FORMATS,
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.text("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # One line per page save and per background task is noise in a newsroom's logs.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Under DEBUG (runserver), serve static files straight from the source folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
