"""The read-replica router's settings and the rules that need no replica (both backends)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from django.db import DEFAULT_DB_ALIAS
from tests.conftest import REPO_ROOT

from vestnik.core import dbrouter

PROBE = """
import json
from django.conf import settings
print(json.dumps({
    "aliases": sorted(settings.DATABASES),
    "replicas": settings.VESTNIK_DATABASE_REPLICAS,
    "routers": settings.DATABASE_ROUTERS,
    "replica_1": settings.DATABASES.get("replica_1"),
}))
"""


def settings_with(tmp_path, **env) -> dict:
    """The settings a process with ``env`` gets (only reads them: no database needed)."""
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("VESTNIK_", "DATABASE_URL", "DJANGO_"))
    }
    clean.update(
        DJANGO_SETTINGS_MODULE="vestnik.settings",
        VESTNIK_VAR_DIR=str(tmp_path),
        VESTNIK_CACHE="locmem",
        PYTHONPATH=f"{REPO_ROOT / 'src'}{os.pathsep}{REPO_ROOT}",
        **env,
    )
    probe = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=clean, cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert probe.returncode == 0, probe.stderr
    return json.loads(probe.stdout)


def test_replica_urls_add_aliases_that_mirror_the_primary_in_tests_and_the_router(tmp_path):
    urls = "postgres://reader@10.0.0.12:5432/vestnik, postgres://reader@10.0.0.13/vestnik"
    found = settings_with(
        tmp_path,
        DATABASE_URL="postgres://vestnik@127.0.0.1:5432/vestnik",
        VESTNIK_DATABASE_REPLICA_URLS=urls,
    )
    assert found["aliases"] == ["default", "replica_1", "replica_2"]
    assert found["replicas"] == ["replica_1", "replica_2"]
    assert found["routers"] == ["vestnik.core.dbrouter.ReplicaRouter"]
    replica = found["replica_1"]
    assert (replica["HOST"], replica["USER"], replica["NAME"]) == ("10.0.0.12", "reader", "vestnik")
    assert replica["TEST"] == {"MIRROR": "default"}
    assert replica["CONN_MAX_AGE"] == 60 and replica["CONN_HEALTH_CHECKS"] is True


def test_on_sqlite_replicas_are_simply_off(tmp_path):
    found = settings_with(
        tmp_path, VESTNIK_DATABASE_REPLICA_URLS="postgres://reader@10.0.0.12:5432/vestnik"
    )
    assert found["aliases"] == ["default"]
    assert found["replicas"] == [] and found["routers"] == []


def test_without_replicas_every_request_reads_from_the_primary(settings):
    settings.VESTNIK_DATABASE_REPLICAS = []
    dbrouter.request_began(None, environ={"REQUEST_METHOD": "GET"})
    assert dbrouter.ReplicaRouter().db_for_read(None) == DEFAULT_DB_ALIAS
    assert dbrouter.replicas_caught_up(timeout=0) is True


def test_writes_and_migrations_go_to_the_primary_only():
    router = dbrouter.ReplicaRouter()
    assert router.db_for_write(None) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "newsroom") is True
    assert router.allow_migrate("replica_1", "newsroom") is False
    assert router.allow_relation(object(), object()) is True
