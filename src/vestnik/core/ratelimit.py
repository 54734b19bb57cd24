"""Atomic fixed-window rate limits: Redis when configured, the database otherwise.

A limit is a count per window of seconds for a key (an address, a network, an
article). ``hit`` counts one attempt against every limit given and says whether all
still allow it, and if not, how many seconds until the tightest one resets.

Both backends count in one atomic step (Redis ``INCR`` in a transaction; one SQL
``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``), so concurrent requests cannot
slip past a limit. All the limits of one ``hit`` are counted together: one Redis round
trip, or one SQL statement (on SQLite, one take of the write lock instead of one per
limit). If Redis is unreachable, the database counts instead: limits degrade to
slower, never to off, and a Redis outage never fails a request.
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


def clock() -> float:
    """The limiter's idea of now (tests pin it to stay inside one window)."""
    return time.time()


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


# (key, window start, window seconds) of one counter
Window = tuple[str, int, int]


class CounterBackend(Protocol):
    def incr(self, counters: list[Window]) -> list[int]:
        """Add one to each counter (keys distinct); their new values, in order."""
        ...


class DatabaseCounters:
    """Counters in ``RateCounter``: one upsert statement, atomic on SQLite and PostgreSQL."""

    # Standard SQL that SQLite (3.35+) and PostgreSQL both run as one atomic statement.
    SQL = (
        'INSERT INTO "vestnik_core_ratecounter" ("key", "window_start", "count", "expires_at") '
        "VALUES {rows} "
        'ON CONFLICT ("key", "window_start") '
        'DO UPDATE SET "count" = "vestnik_core_ratecounter"."count" + 1 '
        'RETURNING "key", "window_start", "count"'
    )

    def incr(self, counters: list[Window]) -> list[int]:
        rows = ", ".join(["(%s, %s, 1, %s)"] * len(counters))
        params = [
            value for key, start, seconds in counters for value in (key, start, start + seconds)
        ]
        with connection.cursor() as cursor:
            cursor.execute(self.SQL.format(rows=rows), params)
            # RETURNING gives no promise of order: match the rows by their key.
            counts = {(key, int(start)): int(count) for key, start, count in cursor.fetchall()}
        return [counts[key, start] for key, start, _seconds in counters]


class RedisCounters:
    """Counters in Redis: ``INCR`` and a first-time ``EXPIRE`` each, in one transaction."""

    def __init__(self, url: str, timeout: float) -> None:
        import redis

        self.client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout, retry_on_timeout=False
        )

    def incr(self, counters: list[Window]) -> list[int]:
        pipe = self.client.pipeline(transaction=True)
        for key, start, seconds in counters:
            name = f"vestnik:rl:{key}:{start}"
            pipe.incr(name)
            pipe.expire(name, seconds + 1, nx=True)
        replies = pipe.execute()
        return [int(count) for count in replies[::2]]


@lru_cache(maxsize=4)
def _redis_counters(url: str, timeout: float) -> RedisCounters:
    return RedisCounters(url, timeout)


def backend() -> CounterBackend:
    if settings.VESTNIK_RATELIMIT_BACKEND == "redis":
        return _redis_counters(settings.VESTNIK_RATELIMIT_REDIS_URL, settings.VESTNIK_REDIS_TIMEOUT)
    return DatabaseCounters()


def _incr(counters: list[Window]) -> list[int]:
    chosen = backend()
    try:
        return chosen.incr(counters)
    except Exception as error:
        if isinstance(chosen, DatabaseCounters):
            raise
        # Redis refused, timed out or hung up: count in the database instead.
        logger.warning("Rate limiter: Redis unavailable (%s); counting in the database", error)
        return DatabaseCounters().incr(counters)


def hit(checks: Iterable[tuple[Limit, str]], now: float | None = None) -> Verdict:
    """Count one attempt for each (limit, subject); refused if any limit is over.

    Every limit is counted even when an earlier one refuses, so a client that keeps
    knocking stays refused. ``retry_after`` is the longest wait among refusing limits.
    A (limit, subject) given twice counts twice.
    """
    now = clock() if now is None else now
    counted: list[tuple[Limit, int, int]] = []  # (limit, window start, count)
    pending = [(limit, f"{limit.name}:{subject}") for limit, subject in checks]
    while pending:
        # One batch per round; a key repeated in ``checks`` goes to a later round, since
        # one statement cannot update the same row twice.
        batch: dict[str, Limit] = {}
        rest = []
        for limit, key in pending:
            if key in batch:
                rest.append((limit, key))
            else:
                batch[key] = limit
        windows = [
            (key, int(now // limit.seconds) * limit.seconds, limit.seconds)
            for key, limit in batch.items()
        ]
        counts = _incr(windows)
        counted += [
            (limit, start, count)
            for limit, (_key, start, _s), count in zip(batch.values(), windows, counts, strict=True)
        ]
        pending = rest
    refused: list[tuple[int, str]] = []
    for limit, window_start, count in counted:
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

    now = clock() if now is None else now
    deleted, _ = RateCounter.objects.filter(expires_at__lt=int(now)).delete()
    return deleted
