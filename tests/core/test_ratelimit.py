"""Rate limits count atomically in the database and in Redis, and fall back when Redis fails."""

from __future__ import annotations

import socket
import uuid

import pytest
from tests.conftest import service_reachable, skip_or_fail

from vestnik.core import ratelimit
from vestnik.core.models import RateCounter

LIMIT = ratelimit.Limit("test", 3, 60)
REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.mark.django_db
def test_database_limit_allows_its_count_then_refuses_with_retry_after(settings):
    settings.VESTNIK_RATELIMIT_BACKEND = "database"
    subject = uuid.uuid4().hex
    verdicts = [ratelimit.hit([(LIMIT, subject)], now=1_000_010) for _ in range(5)]
    assert [v.allowed for v in verdicts] == [True, True, True, False, False]
    assert verdicts[-1].retry_after == 10  # the window is [999_960, 1_000_020)
    assert RateCounter.objects.get(key=f"test:{subject}").count == 5


@pytest.mark.django_db
def test_new_window_starts_counting_again(settings):
    settings.VESTNIK_RATELIMIT_BACKEND = "database"
    for _ in range(4):
        ratelimit.hit([(LIMIT, "w")], now=600)
    assert ratelimit.hit([(LIMIT, "w")], now=660).allowed
    assert ratelimit.prune(now=10_000) == 2


@pytest.mark.django_db
def test_the_tightest_limit_decides(settings):
    settings.VESTNIK_RATELIMIT_BACKEND = "database"
    minute, hour = ratelimit.Limit("m", 10, 60), ratelimit.Limit("h", 2, 3600)
    for _ in range(2):
        assert ratelimit.hit([(minute, "x"), (hour, "x")], now=100).allowed
    verdict = ratelimit.hit([(minute, "x"), (hour, "x")], now=100)
    assert (verdict.allowed, verdict.exceeded, verdict.retry_after) == (False, "h", 3500)


def _redis_or_skip():
    if not service_reachable(REDIS_URL, 6379):
        skip_or_fail("Redis is not reachable at 127.0.0.1:6379")


@pytest.mark.django_db
def test_redis_limit_counts_in_redis(settings):
    _redis_or_skip()
    settings.VESTNIK_RATELIMIT_BACKEND = "redis"
    settings.VESTNIK_RATELIMIT_REDIS_URL = REDIS_URL
    subject = uuid.uuid4().hex
    verdicts = [ratelimit.hit([(LIMIT, subject)], now=1_800_001_830).allowed for _ in range(4)]
    assert verdicts == [True, True, True, False]
    assert not RateCounter.objects.exists()
    import redis

    keys = redis.Redis.from_url(REDIS_URL).keys(f"vestnik:rl:test:{subject}:*")
    assert len(keys) == 1


@pytest.mark.django_db
def test_refused_redis_falls_back_to_the_database(settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.VESTNIK_RATELIMIT_BACKEND = "redis"
    settings.VESTNIK_RATELIMIT_REDIS_URL = f"redis://127.0.0.1:{port}/0"
    verdicts = [ratelimit.hit([(LIMIT, "fallback")], now=5000).allowed for _ in range(4)]
    assert verdicts == [True, True, True, False]
    assert RateCounter.objects.get(key="test:fallback").count == 4


@pytest.mark.django_db
def test_hanging_redis_times_out_at_the_configured_limit_and_falls_back(settings):
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        port = silent.getsockname()[1]
        settings.VESTNIK_RATELIMIT_BACKEND = "redis"
        settings.VESTNIK_RATELIMIT_REDIS_URL = f"redis://127.0.0.1:{port}/0"
        settings.VESTNIK_REDIS_TIMEOUT = 0.2
        counters = ratelimit.backend()
        assert counters.client.connection_pool.connection_kwargs["socket_timeout"] == 0.2
        assert ratelimit.hit([(LIMIT, "hang")], now=7000).allowed
    assert RateCounter.objects.get(key="test:hang").count == 1


@pytest.mark.django_db
def test_a_subject_given_twice_counts_twice(settings):
    settings.VESTNIK_RATELIMIT_BACKEND = "database"
    assert ratelimit.hit([(LIMIT, "twice"), (LIMIT, "twice")], now=100).allowed
    assert RateCounter.objects.get(key="test:twice").count == 2
    assert not ratelimit.hit([(LIMIT, "twice"), (LIMIT, "twice")], now=100).allowed


@pytest.mark.django_db
def test_redis_counts_every_limit_of_one_hit(settings):
    _redis_or_skip()
    settings.VESTNIK_RATELIMIT_BACKEND = "redis"
    settings.VESTNIK_RATELIMIT_REDIS_URL = REDIS_URL
    minute, hour = ratelimit.Limit("m", 10, 60), ratelimit.Limit("h", 2, 3600)
    subject = uuid.uuid4().hex
    for _ in range(2):
        assert ratelimit.hit([(minute, subject), (hour, subject)], now=100).allowed
    verdict = ratelimit.hit([(minute, subject), (hour, subject)], now=100)
    assert (verdict.allowed, verdict.exceeded, verdict.retry_after) == (False, "h", 3500)
