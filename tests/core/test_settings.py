"""Settings come from the environment, with safe defaults for one machine."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO_ROOT, skip_or_fail

PROBE = """
import json, django
from django.conf import settings
from django.db import connection
django.setup()
with connection.cursor() as cursor:
    mode = None
    if connection.vendor == "sqlite":
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "tasks": settings.TASKS["default"]["BACKEND"],
    "tz": settings.TIME_ZONE, "hosts": settings.ALLOWED_HOSTS, "journal": mode,
}))
"""


def run_settings(tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            (
                "VESTNIK_",
                "DATABASE_URL",
                "REDIS_URL",
                "SECRET_KEY",
                "DEBUG",
                "TIME_ZONE",
                "ALLOWED_HOSTS",
            )
        )
    }
    clean.update(
        {"DJANGO_SETTINGS_MODULE": "vestnik.settings", "VESTNIK_VAR_DIR": str(tmp_path), **env}
    )
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        env=clean,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_secret_key_is_required_when_debug_is_off(tmp_path):
    result = run_settings(tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_defaults_are_sqlite_in_wal_mode_a_shared_file_cache_and_database_tasks(tmp_path):
    (tmp_path / "secret_key").write_text("a-key-kept-under-var-by-make-run")
    result = run_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "vestnik.core.sqlite"  # SQLite, one writer a process at a time
    assert values["journal"] == "wal"
    assert values["cache"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"
    assert values["tz"] == "Asia/Bishkek"
    assert (tmp_path / "vestnik.sqlite3").exists()


def test_environment_switches_on_postgresql_and_redis(tmp_path):
    result = run_settings(
        tmp_path,
        SECRET_KEY="from-the-environment",
        DATABASE_URL=os.environ.get(
            "VESTNIK_PROBE_PG", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
        REDIS_URL="redis://127.0.0.1:6379/5",
        TIME_ZONE="UTC",
        ALLOWED_HOSTS="news.example.org,www.news.example.org",
    )
    if result.returncode != 0 and "OperationalError" in result.stderr:
        skip_or_fail("PostgreSQL is not reachable at 127.0.0.1:5432")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["cache"] == "django_redis.cache.RedisCache"
    assert values["tz"] == "UTC"
    assert values["hosts"] == ["news.example.org", "www.news.example.org"]
