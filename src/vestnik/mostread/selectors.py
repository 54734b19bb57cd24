"""Reads of most-read: which articles a beacon may count, and the lists per edition.

Only published, public articles count and are listed: live (so neither drafts nor
articles scheduled for later), outside any private section (``PageViewRestriction``).
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from vestnik.newsroom.models import ArticlePage

PERIODS = {"day": timedelta(hours=24), "week": timedelta(days=7)}
# How long a beacon remembers whether an id is a countable article.
COUNTABLE_SECONDS = 60.0
_COUNTABLE_MAX = 50_000
_countable: dict[int, tuple[bool, float]] = {}
_countable_lock = threading.Lock()


def article_countable(article_id: int) -> bool:
    """Whether views of ``article_id`` count: a live, public article.

    Remembered in the process for ``COUNTABLE_SECONDS``, so beacons cost no query but
    the first each minute per article (one query).
    """
    now = time.monotonic()
    known = _countable.get(article_id)
    if known is not None and known[1] > now:
        return known[0]
    answer = ArticlePage.objects.for_readers().filter(id=article_id).exists()
    with _countable_lock:
        if len(_countable) >= _COUNTABLE_MAX:
            _countable.clear()
        _countable[article_id] = (answer, now + COUNTABLE_SECONDS)
    return answer


def forget_countable() -> None:
    """Forget what beacons remembered (tests; after an article leaves the site it is
    forgotten within ``COUNTABLE_SECONDS`` anyway)."""
    with _countable_lock:
        _countable.clear()


def _ranked(locale_id: int, since) -> list[ArticlePage]:
    return list(
        ArticlePage.objects.for_readers()
        .filter(locale_id=locale_id, view_hours__hour__gt=since)
        .annotate(views=Sum("view_hours__count"))
        .order_by("-views", "-first_published_at", "-id")
        .only("id", "title", "url_path", "path", "depth", "locale_id", "first_published_at")[
            : settings.VESTNIK_MOSTREAD_SIZE
        ]
    )


def most_read(locale_id: int) -> dict[str, list[ArticlePage]]:
    """The edition's most-read articles of the last 24 hours (``"day"``) and 7 days
    (``"week"``), most views first (ties: newer first), each with ``views`` set.

    Two queries (one ranking per period), then cached for
    ``VESTNIK_MOSTREAD_CACHE_SECONDS``: a page view costs one cache read.
    """
    key = f"vestnik:mostread:{locale_id}"
    lists = cache.get(key)
    if lists is None:
        now = timezone.now()
        lists = {name: _ranked(locale_id, now - span) for name, span in PERIODS.items()}
        cache.set(key, lists, settings.VESTNIK_MOSTREAD_CACHE_SECONDS)
    return lists
