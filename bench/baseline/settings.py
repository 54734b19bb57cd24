"""Settings of the baseline site: Vestnik's database settings and nothing else."""

from __future__ import annotations

import os

import dj_database_url

SECRET_KEY = os.environ.get("SECRET_KEY", "bench-baseline")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["bench.baseline"]
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "bench.baseline.urls"
USE_TZ = True
TIME_ZONE = "Asia/Bishkek"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# As in vestnik.settings: persistent connections with health checks; SQLite in WAL mode
# with immediate transactions. (Vestnik's one-writer-a-process lock is not taken: the
# baseline's INSERT runs in autocommit, with no transaction to queue.)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }

# Errors to the server's log, as Vestnik does.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
