"""pytest plugin loaded with ``-p vestnik.core.testing`` (see pyproject.toml).

It runs before pytest-django imports the settings, so the test choices made here
(local-memory cache, immediate tasks) reach the one settings module through the
environment, as every other deployment choice does.
"""

import os

os.environ.setdefault("VESTNIK_CACHE", "locmem")
os.environ.setdefault("VESTNIK_TASKS", "immediate")
# The PostgreSQL run reads through a replica alias that mirrors the test database, so the
# whole suite runs with the read-replica router on (tests/core/test_dbrouter_replicas.py).
if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.environ.setdefault("VESTNIK_DATABASE_REPLICA_URLS", os.environ["DATABASE_URL"])
