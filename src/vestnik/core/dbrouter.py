"""Anonymous readers' pages read from PostgreSQL read replicas; all else uses the primary.

``VESTNIK_DATABASE_REPLICA_URLS`` adds the database aliases ``replica_1``, ``replica_2``...
(``settings.VESTNIK_DATABASE_REPLICAS``) and this router; on SQLite there are none. A
request may read from a replica when it is a GET or HEAD without a session cookie: an
anonymous reader, the traffic that front caches miss. It picks one replica for all its
reads, so they see one moment of the database. Reads go to the primary instead:

- inside a transaction (``atomic`` on the primary), which must read what it wrote;
- for the rest of a request once it has written anything (read your own writes);
- outside requests: tasks, the tick and commands act on what was just committed, which
  a replica may not have replayed yet.

Writes and migrations always go to the primary. A page read from a replica can be older
than the primary by the replica's lag; ``replicas_caught_up`` lets a purge wait for it,
so a front cache never refills a purged page from a replica that lags.
"""

from __future__ import annotations

import random
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http.cookie import parse_cookie

# The replica this context's request reads from; None: the primary.
_replica: ContextVar[str | None] = ContextVar("vestnik_replica", default=None)
SAFE_METHODS = frozenset({"GET", "HEAD"})


def request_began(sender, environ=None, **kwargs) -> None:
    """``request_started``: choose this request's replica (or none)."""
    replicas = settings.VESTNIK_DATABASE_REPLICAS
    if not replicas or environ is None or environ.get("REQUEST_METHOD") not in SAFE_METHODS:
        _replica.set(None)
        return
    cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
    signed_in = settings.SESSION_COOKIE_NAME in cookies
    _replica.set(None if signed_in else random.choice(replicas))  # noqa: S311 (load spreading)


def request_ended(sender, **kwargs) -> None:
    """``request_finished``: whatever runs next in this thread reads from the primary."""
    _replica.set(None)


class ReplicaRouter:
    """Django's database router for the rules above."""

    def db_for_read(self, model, **hints) -> str:
        alias = _replica.get()
        if alias is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return alias

    def db_for_write(self, model, **hints) -> str:
        _replica.set(None)  # what this request reads next, it reads where it wrote
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # every alias holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS


def replicas_caught_up(timeout: float = 5.0, poll: float = 0.05) -> bool:
    """Wait until every replica has replayed what the primary has written so far.

    True when all have (at once without replicas, or for a "replica" that is no standby,
    such as a test mirror); False if ``timeout`` seconds pass first. Call it after the
    commit, before purging front caches.
    """
    replicas = settings.VESTNIK_DATABASE_REPLICAS
    if not replicas:
        return True
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + timeout
    waiting = list(replicas)
    while waiting:
        waiting = [alias for alias in waiting if not _replayed(alias, target)]
        if not waiting:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(poll)
    return True


def _replayed(alias: str, target: str) -> bool:
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= %s::pg_lsn",
            [target],
        )
        return bool(cursor.fetchone()[0])
