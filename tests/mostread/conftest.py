"""Most-read tests: cheap articles (tree rows, no publish tasks) and clean buffers."""

from __future__ import annotations

import itertools
import uuid

import pytest
from django.core.cache import cache
from django.utils import timezone
from tests import factories
from tests.conftest import service_reachable, skip_or_fail

REDIS_URL = "redis://127.0.0.1:6379/14"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def fresh_buffers(monkeypatch, settings):
    """Each test starts with empty buffers, forgotten ids and lists, and flushes only
    when it says so."""
    from vestnik.mostread import buffer, selectors

    monkeypatch.setattr(buffer, "memory", buffer.MemoryBuffer())
    settings.VESTNIK_MOSTREAD_BUFFER = "memory"
    settings.VESTNIK_MOSTREAD_FLUSH_SECONDS = 10**9
    buffer.resume_redis()
    selectors.forget_countable()
    cache.clear()
    yield
    buffer.resume_redis()
    selectors.forget_countable()


def live_article(code: str = "en", *, live: bool = True, rubric_slug: str = "politics", **fields):
    """An article as a tree row only: the most-read code reads nothing else."""
    from vestnik.newsroom.models import ArticlePage

    rubric = factories.rubric(code, rubric_slug)
    number = next(_numbers)
    return rubric.add_child(
        instance=ArticlePage(
            title=fields.pop("title", f"Most-read article {number}"),
            slug=f"most-read-{number}-{uuid.uuid4().hex[:6]}",
            lead="A lead.",
            live=live,
            first_published_at=timezone.now() if live else None,
            locale_id=rubric.locale_id,
            **fields,
        )
    )


@pytest.fixture
def redis_buffer(settings):
    """The Redis buffer on a database and key prefix of these tests' own."""
    if not service_reachable(REDIS_URL, 6379):
        skip_or_fail("Redis is not reachable at 127.0.0.1:6379")
    import redis

    prefix = f"vestnik-test-mostread:{uuid.uuid4().hex}"
    settings.VESTNIK_MOSTREAD_BUFFER = "redis"
    settings.VESTNIK_MOSTREAD_REDIS_URL = REDIS_URL
    settings.VESTNIK_MOSTREAD_REDIS_PREFIX = prefix
    client = redis.Redis.from_url(REDIS_URL)
    yield client
    keys = client.keys(f"{prefix}:*")
    if keys:
        client.delete(*keys)
