"""Writes of most-read: count a view (into the buffer), flush the buffer, prune old hours.

A view is never a database write: ``view_record`` only touches the buffer. The hourly
table is written by ``views_flush``, one upsert statement per flush, which the tick
runs every minute (and a worker runs for its own memory buffer, see ``buffer.py``).
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from vestnik.core.clientip import IPAddress, client_networks, ip_hash
from vestnik.mostread import buffer
from vestnik.mostread.models import ArticleViewHour
from vestnik.newsroom.models import ArticlePage

logger = logging.getLogger(__name__)

# Rows a statement carries: 3 parameters each stay under SQLite's 32,766 variables.
FLUSH_ROWS_PER_STATEMENT = 5000


def view_record(article_id: int, address: IPAddress, now: float | None = None) -> bool:
    """Count one view of ``article_id`` (already known to be a live public article) from
    ``address``; False when the same reader was counted for it within the window.

    Never raises for Redis trouble (``buffer.add`` falls back to memory). When the memory
    buffer is due, this request flushes it: one statement, once a flush interval; a
    failed flush is logged and its views wait for the next.
    """
    now = time.time() if now is None else now
    hour = int(now // 3600) * 3600
    window = settings.VESTNIK_MOSTREAD_DEDUP_SECONDS
    seen = f"{article_id}:{ip_hash(client_networks(address).address)}" if window > 0 else None
    counted = buffer.add(f"{article_id}:{hour}", seen, window)
    if buffer.memory.pending() and (
        time.monotonic() - buffer.memory.last_flush >= settings.VESTNIK_MOSTREAD_FLUSH_SECONDS
    ):
        try:
            views_flush(shared=False)
        except Exception:  # the views stay buffered; the reader's beacon still answers
            logger.exception("View flush from a beacon failed; retrying with a later one")
    return counted


def _parse(counts: buffer.Counts) -> dict[tuple[int, int], int]:
    rows: dict[tuple[int, int], int] = {}
    for field, count in counts.items():
        article_id, _, hour = field.partition(":")
        key = (int(article_id), int(hour))
        rows[key] = rows.get(key, 0) + count
    return rows


# The edition comes from the page; an article deleted since its views were counted drops
# out of the join. ``WHERE true`` settles SQLite's INSERT ... SELECT ... ON CONFLICT
# parsing ambiguity. Standard SQL that SQLite (3.35+) and PostgreSQL both run.
UPSERT_SQL = (
    'INSERT INTO "{table}" ("article_id", "locale_id", "hour", "count") '
    'SELECT p."id", p."locale_id", v.column2, v.column3 FROM (VALUES {values}) AS v '
    'JOIN "{articles}" a ON a."page_ptr_id" = v.column1 '
    'JOIN "{pages}" p ON p."id" = a."page_ptr_id" WHERE true '
    'ON CONFLICT ("article_id", "hour") '
    'DO UPDATE SET "count" = "{table}"."count" + EXCLUDED."count"'
)


def _upsert_sql(rows: int) -> str:
    return UPSERT_SQL.format(
        table=ArticleViewHour._meta.db_table,
        articles=ArticlePage._meta.db_table,
        pages=Page._meta.db_table,
        values=", ".join(["(%s, %s, %s)"] * rows),
    )


def _write(rows: dict[tuple[int, int], int]) -> None:
    items = list(rows.items())
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(items), FLUSH_ROWS_PER_STATEMENT):
            chunk = items[start : start + FLUSH_ROWS_PER_STATEMENT]
            params: list[Any] = []
            for (article_id, hour), count in chunk:
                stamp = datetime.fromtimestamp(hour, tz=UTC)
                params += [article_id, connection.ops.adapt_datetimefield_value(stamp), count]
            cursor.execute(_upsert_sql(len(chunk)), params)


def views_flush(shared: bool = True) -> int:
    """Add the buffered views to the hourly table; the number of views moved.

    One upsert statement (one per 5,000 article-hours), in one transaction, for the
    shared Redis buffer (unless ``shared`` is False) and this process's memory buffer
    together. If the database refuses, the counts stay buffered for the next flush; if
    Redis fails, its counts wait there and the memory buffer is flushed alone.
    """
    redis_buffer = buffer.redis_buffer() if shared else None
    from_redis: buffer.Counts = {}
    if redis_buffer is not None:
        try:
            from_redis = redis_buffer.take()
        except Exception as error:
            logger.warning("View flush: Redis unavailable (%s); flushing memory only", error)
            redis_buffer = None
    from_memory = buffer.memory.take()
    rows = _parse(from_redis)
    for key, count in _parse(from_memory).items():
        rows[key] = rows.get(key, 0) + count
    if not rows:
        return 0
    try:
        _write(rows)
    except Exception:
        buffer.memory.give_back(from_memory)
        raise
    if redis_buffer is not None and from_redis:
        try:
            redis_buffer.done()
        except Exception as error:  # counted again next time: better than lost
            logger.warning("View flush: could not clear Redis's pending views (%s)", error)
    return sum(rows.values())


def views_prune(now: datetime | None = None) -> int:
    """Delete hourly rows older than ``VESTNIK_MOSTREAD_RETENTION_DAYS``; rows deleted."""
    now = timezone.now() if now is None else now
    cutoff = now - timedelta(days=settings.VESTNIK_MOSTREAD_RETENTION_DAYS)
    deleted, _ = ArticleViewHour.objects.filter(hour__lt=cutoff).delete()
    return deleted
