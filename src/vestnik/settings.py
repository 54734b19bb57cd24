"""Every Vestnik setting, read from the environment, with its default.

One module for every environment: SQLite, a file cache shared by the workers and the
database task backend by default; ``DATABASE_URL`` and ``REDIS_URL`` switch on
PostgreSQL and Redis. Tests choose local-memory cache and immediate tasks through
``VESTNIK_CACHE`` and ``VESTNIK_TASKS`` (see ``tests/conftest.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
# Runtime state (database, cache, media, secret key) lives in one folder, ./var by default.
VAR_DIR = Path(os.environ.get("VESTNIK_VAR_DIR", Path.cwd() / "var")).resolve()

# Debug pages and the insecure development key; never on in production.
DEBUG = env_bool("DEBUG")


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "").strip()
    key_file = VAR_DIR / "secret_key"
    if not key and key_file.is_file():
        key = key_file.read_text(encoding="utf-8").strip()
    if key:
        return key
    if DEBUG or os.environ.get("VESTNIK_CACHE") == "locmem":
        return "vestnik-insecure-development-key-not-for-production"
    raise ImproperlyConfigured(
        "SECRET_KEY is required when DEBUG is off: set it in the environment or in "
        f"{key_file} (make run creates one)."
    )


SECRET_KEY = _secret_key()
# Host names this site answers to (comma-separated).
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
# Public base URL used in links built outside a request (feeds, share links, admin e-mails).
BASE_URL = os.environ.get("VESTNIK_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL

INSTALLED_APPS = [
    "vestnik.core",
    "vestnik.newsroom",
    "vestnik.related",
    "vestnik.comments",
    "vestnik.importers",
    "vestnik.translation",
    "vestnik.search",
    "vestnik.telegram",
    "vestnik.mostread",
    "vestnik.distribution",
    "vestnik.api",
    "vestnik.demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public reader pages from the shared cache: a hit costs one cache read, nothing below.
    "vestnik.core.pagecache.page_cache_middleware",
    # Outside the session and CSRF middleware: public answers and the view beacon's carry
    # no cookie.
    "vestnik.core.middleware.no_cookies_middleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vestnik.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "vestnik.urls"
# A refused form answers JSON to the in-page forms, Django's page to the others.
CSRF_FAILURE_VIEW = "vestnik.core.views.csrf_failure"
WSGI_APPLICATION = "vestnik.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vestnik.core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite under var/ (WAL, immediate transactions so the worker and the app
# server queue for the write lock instead of failing), or DATABASE_URL.
SQLITE_PATH = VAR_DIR / "vestnik.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=60,
        conn_health_checks=True,  # a restarted database costs one request, not a worker
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["ENGINE"] = "vestnik.core.sqlite"  # one writer a process: see there
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
# PostgreSQL read replicas (comma-separated URLs, as DATABASE_URL): anonymous readers'
# requests read there, outside transactions (vestnik.core.dbrouter); none on SQLite.
VESTNIK_DATABASE_REPLICAS: list[str] = []
if DATABASES["default"]["ENGINE"] != "vestnik.core.sqlite":
    for number, url in enumerate(env_list("VESTNIK_DATABASE_REPLICA_URLS"), start=1):
        replica = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        replica["TEST"] = {"MIRROR": "default"}  # tests read the test database through it
        DATABASES[f"replica_{number}"] = replica
        VESTNIK_DATABASE_REPLICAS.append(f"replica_{number}")
DATABASE_ROUTERS = ["vestnik.core.dbrouter.ReplicaRouter"] if VESTNIK_DATABASE_REPLICAS else []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache shared by all workers: Redis when REDIS_URL is set, else files under var/cache;
# local memory only in tests.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KIND = os.environ.get("VESTNIK_CACHE", "redis" if REDIS_URL else "file")
if CACHE_KIND == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL or "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": "vestnik",
            # Fail open: with Redis down or hanging the site serves uncached, never 500.
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("VESTNIK_REDIS_TIMEOUT", 0.25)),
                "SOCKET_TIMEOUT": float(os.environ.get("VESTNIK_REDIS_TIMEOUT", 0.25)),
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
elif CACHE_KIND == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            # Reader pages live here too: room for a site's worth before culling.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Reader pages: what shared caches (nginx, a CDN, our own) may keep and for how long.
# Publishing purges exactly the pages that show a change (core/purge.py), so the shared
# lifetime is a safety net, not the freshness.
VESTNIK_PAGE_CACHE = os.environ.get("VESTNIK_PAGE_CACHE", "1") == "1"
VESTNIK_CACHE_BROWSER_SECONDS = int(os.environ.get("VESTNIK_CACHE_BROWSER_SECONDS", 60))
VESTNIK_CACHE_SHARED_SECONDS = int(os.environ.get("VESTNIK_CACHE_SHARED_SECONDS", 600))
# Listings' later pages move with every publish and are not purged one by one.
VESTNIK_CACHE_LISTING_PAGE_SECONDS = int(os.environ.get("VESTNIK_CACHE_LISTING_PAGE_SECONDS", 60))
VESTNIK_CACHE_STALE_SECONDS = int(os.environ.get("VESTNIK_CACHE_STALE_SECONDS", 60))
VESTNIK_CACHE_STALE_IF_ERROR_SECONDS = int(
    os.environ.get("VESTNIK_CACHE_STALE_IF_ERROR_SECONDS", 86400)
)
VESTNIK_CACHE_BROTLI_QUALITY = int(os.environ.get("VESTNIK_CACHE_BROTLI_QUALITY", 5))
# nginx (ngx_cache_purge) or Varnish in front: where to send PURGE, e.g. http://127.0.0.1:8080.
# Other front caches (Cloudflare, CloudFront) are Wagtail's backends in WAGTAILFRONTENDCACHE.
VESTNIK_PURGE_URL = os.environ.get("VESTNIK_PURGE_URL", "")
VESTNIK_PURGE_TIMEOUT = float(os.environ.get("VESTNIK_PURGE_TIMEOUT", 2.0))
# Approved comments purge their article at most once in this many seconds.
VESTNIK_PURGE_COALESCE_SECONDS = int(os.environ.get("VESTNIK_PURGE_COALESCE_SECONDS", 2))
WAGTAILFRONTENDCACHE = (
    {
        "nginx": {
            "BACKEND": "vestnik.core.purge.PurgeBackend",
            "LOCATION": VESTNIK_PURGE_URL,
            "TIMEOUT": VESTNIK_PURGE_TIMEOUT,
        }
    }
    if VESTNIK_PURGE_URL
    else {}
)

# Background work: the database backend (worker: `vestnik db_worker`); immediate in tests.
TASKS_KIND = os.environ.get("VESTNIK_TASKS", "database")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TASKS_KIND == "immediate"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Editions: Russian is the default; every edition lives under its own path prefix.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский"), ("ky", "Кыргызча"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# The newsroom's wall clock: publication times are shown in it.
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Bishkek")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Django serves /media/ itself only when nothing is in front (nginx does in deploy/).
VESTNIK_SERVE_MEDIA = DEBUG or env_bool("VESTNIK_SERVE_MEDIA")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if CACHE_KIND == "locmem"
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve static files from the finders in tests and development, no collectstatic needed.
WHITENOISE_USE_FINDERS = DEBUG or CACHE_KIND == "locmem"

# Machine translation (run in a task): a LibreTranslate-protocol engine, or DeepL.
if os.environ.get("VESTNIK_LIBRETRANSLATE_URL"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "vestnik.translation.machine.LibreTranslateTranslator",
        "OPTIONS": {
            "URL": os.environ["VESTNIK_LIBRETRANSLATE_URL"],
            "API_KEY": os.environ.get("VESTNIK_LIBRETRANSLATE_KEY", ""),
            "TIMEOUT": float(os.environ.get("VESTNIK_MT_TIMEOUT", 30)),
        },
    }
elif os.environ.get("VESTNIK_DEEPL_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": os.environ["VESTNIK_DEEPL_KEY"],
            "TIMEOUT": float(os.environ.get("VESTNIK_MT_TIMEOUT", 30)),
        },
    }
# A translation is published only by someone who may publish, never as a side effect.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_SITE_NAME = os.environ.get("VESTNIK_SITE_NAME", "Vestnik")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_FINDERS: list[dict] = []  # embeds are recognised by URL, never fetched
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The plain-text importer refuses files larger than this (bytes) or with longer lines.
VESTNIK_IMPORT_MAX_BYTES = int(os.environ.get("VESTNIK_IMPORT_MAX_BYTES", 2_000_000))
VESTNIK_IMPORT_MAX_LINE = int(os.environ.get("VESTNIK_IMPORT_MAX_LINE", 20_000))
# The importers' URL fetcher: answer size cap (bytes, after decompression), seconds per
# connect/read and per whole fetch, and networks let through despite being private
# (comma-separated, e.g. "10.8.0.0/16" for a newsroom's intranet; empty: public only).
VESTNIK_FETCH_MAX_BYTES = int(os.environ.get("VESTNIK_FETCH_MAX_BYTES", 10_000_000))
VESTNIK_FETCH_TIMEOUT = float(os.environ.get("VESTNIK_FETCH_TIMEOUT", 10))
VESTNIK_FETCH_TOTAL_TIME = float(os.environ.get("VESTNIK_FETCH_TOTAL_TIME", 60))
VESTNIK_FETCH_ALLOW = [
    n.strip() for n in os.environ.get("VESTNIK_FETCH_ALLOW", "").split(",") if n.strip()
]
# Archive imports (WXR...): the longest text one XML element may hold, and a picture's size.
VESTNIK_IMPORT_MAX_ELEMENT = int(os.environ.get("VESTNIK_IMPORT_MAX_ELEMENT", 5_000_000))
VESTNIK_IMPORT_MAX_MEDIA_BYTES = int(os.environ.get("VESTNIK_IMPORT_MAX_MEDIA_BYTES", 20_000_000))
# The admin's archive upload: the largest export (or zip of pictures) it accepts, bytes.
VESTNIK_IMPORT_MAX_ARCHIVE_BYTES = int(
    os.environ.get("VESTNIK_IMPORT_MAX_ARCHIVE_BYTES", 1_000_000_000)
)
# Subscribed feeds are polled by the tick at most once per this many seconds each.
VESTNIK_FEED_POLL_INTERVAL = int(os.environ.get("VESTNIK_FEED_POLL_INTERVAL", 900))
# Listings page size.
VESTNIK_PAGE_SIZE = int(os.environ.get("VESTNIK_PAGE_SIZE", 20))
# The publisher's logo in structured data: a static file (its size is read from it).
VESTNIK_PUBLISHER_LOGO = os.environ.get("VESTNIK_PUBLISHER_LOGO", "vestnik/logo.png")
# Feeds: items a feed lists (newest first); seconds feeds and sitemaps may be cached.
VESTNIK_FEED_ITEMS = int(os.environ.get("VESTNIK_FEED_ITEMS", 30))
VESTNIK_FEED_MAX_AGE = int(os.environ.get("VESTNIK_FEED_MAX_AGE", 300))
# Paths outside the editions: a 404 there stays a 404, never a redirect into an edition.
VESTNIK_UNPREFIXED_PATHS = [
    "/api/", "/beacon/", "/sitemap", "/robots.txt", "/favicon.ico", "/media/"
]  # fmt: skip
# The content API (/api/v1/): articles a page holds unless the client asks (at most the
# maximum), how long browsers and shared caches keep an answer (seconds), the image size.
VESTNIK_API_PAGE_SIZE = int(os.environ.get("VESTNIK_API_PAGE_SIZE", 20))
VESTNIK_API_MAX_PAGE_SIZE = int(os.environ.get("VESTNIK_API_MAX_PAGE_SIZE", 100))
VESTNIK_API_S_MAXAGE = int(os.environ.get("VESTNIK_API_S_MAXAGE", 300))
VESTNIK_API_IMAGE_SPEC = os.environ.get("VESTNIK_API_IMAGE_SPEC", "max-1200x1200")
# "Read also": how many related articles an article shows.
VESTNIK_RELATED_MIN = 3
VESTNIK_RELATED_MAX = 6

# Keep ö and ü in romanised Kyrgyz names (Ömürbekova); slugs always fold them to o and u.
VESTNIK_TRANSLIT_DIACRITICS = env_bool("VESTNIK_TRANSLIT_DIACRITICS")

# Proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated).
VESTNIK_TRUSTED_PROXIES = env_list("VESTNIK_TRUSTED_PROXIES")
# Key of the salted hashes that stand in for readers' addresses (defaults to SECRET_KEY).
VESTNIK_IP_SALT = os.environ.get("VESTNIK_IP_SALT", "") or SECRET_KEY
# Rate limits count in Redis when REDIS_URL is set (database as fallback), else the database.
VESTNIK_RATELIMIT_BACKEND = os.environ.get(
    "VESTNIK_RATELIMIT_BACKEND", "redis" if REDIS_URL else "database"
)
VESTNIK_RATELIMIT_REDIS_URL = REDIS_URL or "redis://127.0.0.1:6379/0"
# Seconds any Redis call may take before Vestnik carries on without it.
VESTNIK_REDIS_TIMEOUT = float(os.environ.get("VESTNIK_REDIS_TIMEOUT", 0.25))

# Most read (see docs/adr/0007-view-counting.md): views wait in Redis when the cache is
# Redis, else in each process's memory, until a flush writes them to the hourly table.
VESTNIK_MOSTREAD_BUFFER = os.environ.get(
    "VESTNIK_MOSTREAD_BUFFER", "redis" if CACHE_KIND == "redis" else "memory"
)
VESTNIK_MOSTREAD_REDIS_URL = REDIS_URL or "redis://127.0.0.1:6379/0"
VESTNIK_MOSTREAD_REDIS_PREFIX = os.environ.get("VESTNIK_MOSTREAD_REDIS_PREFIX", "vestnik:views")
# A worker flushes its memory buffer at most this often (the tick flushes Redis each run).
VESTNIK_MOSTREAD_FLUSH_SECONDS = float(os.environ.get("VESTNIK_MOSTREAD_FLUSH_SECONDS", 60))
# A reader reloading an article within this many seconds counts once (0: every load).
VESTNIK_MOSTREAD_DEDUP_SECONDS = int(os.environ.get("VESTNIK_MOSTREAD_DEDUP_SECONDS", 300))
# Hourly view rows older than this are deleted by the tick (the longest list is 7 days).
VESTNIK_MOSTREAD_RETENTION_DAYS = max(8, int(os.environ.get("VESTNIK_MOSTREAD_RETENTION_DAYS", 30)))
# Articles in each most-read list, and how long the lists are cached.
VESTNIK_MOSTREAD_SIZE = int(os.environ.get("VESTNIK_MOSTREAD_SIZE", 5))
VESTNIK_MOSTREAD_CACHE_SECONDS = int(os.environ.get("VESTNIK_MOSTREAD_CACHE_SECONDS", 120))

# Reader comments (see docs/operations.md, "Comments").
# Replies nest at most this deep; a reply to the deepest level joins its parent's thread.
VESTNIK_COMMENTS_MAX_DEPTH = int(os.environ.get("VESTNIK_COMMENTS_MAX_DEPTH", 3))
# Seconds a reader must spend on the form before sending (bots send at once).
VESTNIK_COMMENTS_MIN_SECONDS = int(os.environ.get("VESTNIK_COMMENTS_MIN_SECONDS", 3))
# How long a form stays valid after it was loaded.
VESTNIK_COMMENTS_FORM_MAX_AGE = int(os.environ.get("VESTNIK_COMMENTS_FORM_MAX_AGE", 2 * 86400))
# Conversations (a comment and its replies) per page, oldest first; the first page is on
# the article, the others on /<lang>/comments/<article id>/page/<n>/.
VESTNIK_COMMENTS_PER_PAGE = int(os.environ.get("VESTNIK_COMMENTS_PER_PAGE", 50))
# At most this many replies are loaded with one page of conversations.
VESTNIK_COMMENTS_REPLIES_MAX = int(os.environ.get("VESTNIK_COMMENTS_REPLIES_MAX", 500))
VESTNIK_COMMENTS_MAX_LENGTH = int(os.environ.get("VESTNIK_COMMENTS_MAX_LENGTH", 3000))
VESTNIK_COMMENTS_MAX_LINKS = int(os.environ.get("VESTNIK_COMMENTS_MAX_LINKS", 2))
# Rejected and spam comments are deleted after this many days.
VESTNIK_COMMENTS_RETENTION_DAYS = int(os.environ.get("VESTNIK_COMMENTS_RETENTION_DAYS", 30))
# An approved comment reported by this many readers goes back to the moderation queue.
VESTNIK_COMMENTS_REPORTS_TO_HIDE = int(os.environ.get("VESTNIK_COMMENTS_REPORTS_TO_HIDE", 3))
# Posts allowed: per address a minute and an hour, per /24 (IPv6 /48) and per article a minute.
VESTNIK_COMMENTS_LIMIT_ADDRESS_MINUTE = int(
    os.environ.get("VESTNIK_COMMENTS_LIMIT_ADDRESS_MINUTE", 5)
)
VESTNIK_COMMENTS_LIMIT_ADDRESS_HOUR = int(os.environ.get("VESTNIK_COMMENTS_LIMIT_ADDRESS_HOUR", 30))
VESTNIK_COMMENTS_LIMIT_NETWORK_MINUTE = int(
    os.environ.get("VESTNIK_COMMENTS_LIMIT_NETWORK_MINUTE", 20)
)
VESTNIK_COMMENTS_LIMIT_ARTICLE_MINUTE = int(
    os.environ.get("VESTNIK_COMMENTS_LIMIT_ARTICLE_MINUTE", 60)
)
# Words that hold a comment for a moderator whatever the rubric's mode (comma-separated).
VESTNIK_COMMENTS_HELD_WORDS = env_list(
    "VESTNIK_COMMENTS_HELD_WORDS", "casino,viagra,porn,казино,ставки на спорт,порно,займ онлайн"
)
# Optional spam check by an Akismet-compatible service, run in a task after posting.
VESTNIK_COMMENTS_SPAM_CHECK: dict | None = (
    {
        "CLASS": "vestnik.comments.spamcheck.AkismetChecker",
        "OPTIONS": {
            "URL": os.environ["VESTNIK_AKISMET_URL"],
            "API_KEY": os.environ.get("VESTNIK_AKISMET_KEY", ""),
            "TIMEOUT": float(os.environ.get("VESTNIK_AKISMET_TIMEOUT", 5)),
        },
    }
    if os.environ.get("VESTNIK_AKISMET_URL")
    else None
)

# Telegram autopost: a bot token turns it on; each edition posts to its channel, given
# as "ru=@channel_ru,en=-1001234567890" (editions without one are never posted).
VESTNIK_TELEGRAM_TOKEN = os.environ.get("VESTNIK_TELEGRAM_TOKEN", "")
VESTNIK_TELEGRAM_API_URL = os.environ.get("VESTNIK_TELEGRAM_API_URL", "https://api.telegram.org")
VESTNIK_TELEGRAM_CHANNELS: dict[str, str] = {
    code.strip(): chat.strip()
    for code, _, chat in (item.partition("=") for item in env_list("VESTNIK_TELEGRAM_CHANNELS"))
    if chat.strip()
}
# Seconds a Bot API call may take, attempts per call, and the longest wait that a
# 429's retry_after is honoured for before the next attempt.
VESTNIK_TELEGRAM_TIMEOUT = float(os.environ.get("VESTNIK_TELEGRAM_TIMEOUT", 10))
VESTNIK_TELEGRAM_ATTEMPTS = int(os.environ.get("VESTNIK_TELEGRAM_ATTEMPTS", 4))
VESTNIK_TELEGRAM_MAX_WAIT = float(os.environ.get("VESTNIK_TELEGRAM_MAX_WAIT", 60))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
