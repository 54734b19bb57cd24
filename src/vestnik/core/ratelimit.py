"""Atomic fixed-window rate limits: Redis when configured, the database otherwise.

A limit is a count per window of seconds for a key (an address, a network, an
article). ``hit`` counts one attempt against every limit given and says whether all
still allow it, and if not, how many seconds until the tightest one resets.

Both backends count in one atomic step (Redis ``INCR`` in a transaction; one SQL
``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``), so concurrent requests cannot
slip past a limit. If Redis is unreachable, the database counts instead: limits
degrade to slower, never to off, and a Redis outage never fails a request.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    seconds: int


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0
    exceeded: str = ""


class CounterBackend(Protocol):
    def incr(self, key: str, window_start: int, seconds: int) -> int: ...


class DatabaseCounters:
    """Counters in ``RateCounter``: one upsert statement, atomic on SQLite and PostgreSQL."""

    # Standard SQL that SQLite (3.35+) and PostgreSQL both run as one atomic statement.
    SQL = (
        'INSERT INTO "vestnik_core_ratecounter" ("key", "window_start", "count", "expires_at") '
        "VALUES (%s, %s, 1, %s) "
        'ON CONFLICT ("key", "window_start") '
        'DO UPDATE SET "count" = "vestnik_core_ratecounter"."count" + 1 RETURNING "count"'
    )

    def incr(self, key: str, window_start: int, seconds: int) -> int:
        with connection.cursor() as cursor:
            cursor.execute(self.SQL, [key, window_start, window_start + seconds])
            return int(cursor.fetchone()[0])


class RedisCounters:
    """Counters in Redis: ``INCR`` and a first-time ``EXPIRE`` in one transaction."""

    def __init__(self, url: str, timeout: float) -> None:
        import redis

        self.client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout, retry_on_timeout=False
        )

    def incr(self, key: str, window_start: int, seconds: int) -> int:
        name = f"vestnik:rl:{key}:{window_start}"
        pipe = self.client.pipeline(transaction=True)
        pipe.incr(name)
        pipe.expire(name, seconds + 1, nx=True)
        count, _ = pipe.execute()
        return int(count)


@lru_cache(maxsize=4)
def _redis_counters(url: str, timeout: float) -> RedisCounters:
    return RedisCounters(url, timeout)


def backend() -> CounterBackend:
    if settings.VESTNIK_RATELIMIT_BACKEND == "redis":
        return _redis_counters(settings.VESTNIK_RATELIMIT_REDIS_URL, settings.VESTNIK_REDIS_TIMEOUT)
    return DatabaseCounters()


def _incr(key: str, window_start: int, seconds: int) -> int:
    counters = backend()
    try:
        return counters.incr(key, window_start, seconds)
    except Exception as error:
        if isinstance(counters, DatabaseCounters):
            raise
        # Redis refused, timed out or hung up: count in the database instead.
        logger.warning("Rate limiter: Redis unavailable (%s); counting in the database", error)
        return DatabaseCounters().incr(key, window_start, seconds)


def hit(checks: Iterable[tuple[Limit, str]], now: float | None = None) -> Verdict:
    """Count one attempt for each (limit, subject); refused if any limit is over.

    Every limit is counted even when an earlier one refuses, so a client that keeps
    knocking stays refused. ``retry_after`` is the longest wait among refusing limits.
    """
    now = time.time() if now is None else now
    refused: list[tuple[int, str]] = []
    for limit, subject in checks:
        window_start = int(now // limit.seconds) * limit.seconds
        count = _incr(f"{limit.name}:{subject}", window_start, limit.seconds)
        if count > limit.count:
            wait = max(1, math.ceil(window_start + limit.seconds - now))
            refused.append((wait, limit.name))
    if not refused:
        return Verdict(allowed=True)
    wait, name = max(refused)
    return Verdict(allowed=False, retry_after=wait, exceeded=name)


def prune(now: float | None = None) -> int:
    """Delete database counters whose window has passed; the periodic tick runs it."""
    from vestnik.core.models import RateCounter

    now = time.time() if now is None else now
    deleted, _ = RateCounter.objects.filter(expires_at__lt=int(now)).delete()
    return deleted
