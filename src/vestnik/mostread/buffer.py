"""Where views wait between flushes: Redis when the cache is Redis, process memory otherwise.

A view is one increment of a counter named ``"<article id>:<hour>"`` (the hour as Unix
seconds of its start), never a database write. ``take`` hands every counter over for a
flush and ``done`` forgets them once the database has them, so a failed flush loses
nothing. A reader already counted for an article within the de-duplication window
(``seen``: the salted hash of their network) is not counted again.

Redis is shared by every worker and the tick flushes it. Process memory is not, so a
worker flushes its own buffer from a beacon request once ``VESTNIK_MOSTREAD_FLUSH_SECONDS``
have passed (``services.view_record``). Redis failing (refused, timed out) never fails a
view: it is counted in memory instead, and Redis is left alone for a while.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from functools import lru_cache

from django.conf import settings

logger = logging.getLogger(__name__)

# Redis is not asked again for this long after it failed.
REDIS_PAUSE_SECONDS = 30.0
# The memory buffer forgets who it has seen when it holds more readers than this.
MEMORY_SEEN_MAX = 200_000

Counts = dict[str, int]


class MemoryBuffer:
    """Counters of one process, behind a lock (the app server runs threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._seen: dict[str, float] = {}
        self.last_flush = time.monotonic()

    def add(self, field: str, seen: str | None, window: int) -> bool:
        now = time.monotonic()
        with self._lock:
            if seen is not None:
                if self._seen.get(seen, 0.0) > now:
                    return False
                if len(self._seen) >= MEMORY_SEEN_MAX:
                    self._seen = {key: until for key, until in self._seen.items() if until > now}
                    if len(self._seen) >= MEMORY_SEEN_MAX:
                        self._seen.clear()
                self._seen[seen] = now + window
            self._counts[field] += 1
        return True

    def pending(self) -> bool:
        return bool(self._counts)

    def take(self) -> Counts:
        with self._lock:
            taken, self._counts = dict(self._counts), Counter()
            self.last_flush = time.monotonic()
        return taken

    def give_back(self, counts: Counts) -> None:
        """A flush that failed: its counts wait for the next one."""
        with self._lock:
            self._counts.update(counts)


class RedisBuffer:
    """One hash of counters (``HINCRBY``) and a ``SET NX EX`` key per reader seen.

    ``take`` renames the hash to a pending one, atomically, so views arriving during a
    flush start a new hash; the pending hash is deleted by ``done`` and, if a flush
    failed, taken again by the next one.
    """

    # One round trip a view: the reader check and the increment together.
    SCRIPT = """
    if ARGV[2] ~= '' then
      if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[2]) then return 0 end
    end
    redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
    return 1
    """

    def __init__(self, url: str, prefix: str, timeout: float) -> None:
        import redis

        self.client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout, retry_on_timeout=False
        )
        self.prefix = prefix
        self.counts_key = f"{prefix}:counts"
        self.pending_key = f"{prefix}:pending"
        self._script = self.client.register_script(self.SCRIPT)

    def add(self, field: str, seen: str | None, window: int) -> bool:
        seen_key = f"{self.prefix}:seen:{seen}" if seen is not None else self.counts_key
        return bool(
            self._script(keys=[self.counts_key, seen_key], args=[field, window if seen else ""])
        )

    def take(self) -> Counts:
        import redis

        if not self.client.exists(self.pending_key):
            try:
                self.client.rename(self.counts_key, self.pending_key)
            except redis.ResponseError:  # no counts yet: nothing to flush
                return {}
        raw: dict[bytes, bytes] = self.client.hgetall(self.pending_key)  # type: ignore[assignment]
        return {field.decode(): int(value) for field, value in raw.items()}

    def done(self) -> None:
        self.client.delete(self.pending_key)


memory = MemoryBuffer()
_redis_paused_until = 0.0


@lru_cache(maxsize=4)
def _redis_buffer(url: str, prefix: str, timeout: float) -> RedisBuffer:
    return RedisBuffer(url, prefix, timeout)


def redis_buffer() -> RedisBuffer | None:
    """The shared buffer, if Redis is configured for it."""
    if settings.VESTNIK_MOSTREAD_BUFFER != "redis":
        return None
    return _redis_buffer(
        settings.VESTNIK_MOSTREAD_REDIS_URL,
        settings.VESTNIK_MOSTREAD_REDIS_PREFIX,
        settings.VESTNIK_REDIS_TIMEOUT,
    )


def add(field: str, seen: str | None, window: int) -> bool:
    """Count one view (unless ``seen`` was counted within ``window`` seconds); never raises
    for Redis: a failure counts in memory and pauses Redis for ``REDIS_PAUSE_SECONDS``."""
    global _redis_paused_until
    shared = redis_buffer()
    if shared is not None and time.monotonic() >= _redis_paused_until:
        try:
            return shared.add(field, seen, window)
        except Exception as error:
            _redis_paused_until = time.monotonic() + REDIS_PAUSE_SECONDS
            logger.warning("View buffer: Redis unavailable (%s); counting in memory", error)
    return memory.add(field, seen, window)


def resume_redis() -> None:
    """Ask Redis again at the next view (tests; an operator's shell after an outage)."""
    global _redis_paused_until
    _redis_paused_until = 0.0
