"""The view beacon counts readers' browsers exactly, writes only when it flushes, sets no
cookie, is never cached, refuses bad ids with a message and keeps answering without Redis."""

from __future__ import annotations

import socket

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from tests.mostread.conftest import live_article

from vestnik.mostread import buffer, services, views
from vestnik.mostread.models import ArticleViewHour

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
ROBOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; "
    "+http://www.google.com/bot.html) Chrome/131.0.6778.204 Safari/537.36",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/131.0.0.0 Safari/537.36",
    "curl/8.5.0",
    "python-requests/2.32.3",
    "",
]
HITS = 10_000
FLUSH_EVERY = 2_500


def beacon_request(factory, article_id, address, agent=BROWSER):
    # URL-encoded, as navigator.sendBeacon sends URLSearchParams.
    return factory.post(
        "/beacon/",
        f"article={article_id}",
        content_type="application/x-www-form-urlencoded",
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=agent,
    )


def distinct_address(number: int) -> str:
    return f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"


class WriteCounter:
    """Counts the statements that change data (an ``execute_wrapper``)."""

    def __init__(self) -> None:
        self.writes = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            self.writes += 1
        return execute(sql, params, many, context)


def hit_and_flush(article) -> tuple[int, int]:
    """HITS beacon calls from distinct addresses, a flush every FLUSH_EVERY; the number of
    writes and of flushes."""
    factory = RequestFactory()
    counter, flushes = WriteCounter(), 0
    with connection.execute_wrapper(counter):
        for number in range(HITS):
            response = views.beacon(beacon_request(factory, article.id, distinct_address(number)))
            assert response.status_code == 204
            if (number + 1) % FLUSH_EVERY == 0:
                services.views_flush()
                flushes += 1
    return counter.writes, flushes


def counted(article) -> int:
    return sum(ArticleViewHour.objects.filter(article=article).values_list("count", flat=True))


def test_ten_thousand_readers_count_exactly_with_one_write_a_flush_in_memory(editions):
    article = live_article()
    writes, flushes = hit_and_flush(article)
    assert counted(article) == HITS
    assert writes <= flushes
    assert ArticleViewHour.objects.get(article=article).locale_id == article.locale_id


def test_ten_thousand_readers_count_exactly_with_one_write_a_flush_in_redis(
    editions, redis_buffer, settings
):
    article = live_article()
    writes, flushes = hit_and_flush(article)
    assert counted(article) == HITS
    assert writes <= flushes
    assert not buffer.memory.pending()  # every view went through Redis
    assert redis_buffer.keys(f"{settings.VESTNIK_MOSTREAD_REDIS_PREFIX}:*count*") == []


def test_robots_and_scripts_are_not_counted(editions):
    article = live_article()
    factory = RequestFactory()
    for number, agent in enumerate(ROBOTS):
        response = views.beacon(beacon_request(factory, article.id, f"192.0.2.{number}", agent))
        assert response.status_code == 204, agent
    views.beacon(beacon_request(factory, article.id, "198.51.100.1"))
    call_command("mostread_flush")
    assert counted(article) == 1  # the browser only


def test_the_answer_sets_no_cookie_and_is_never_cached(editions, client):
    article = live_article()
    # Malformed cookies that Django's session and CSRF middleware would answer.
    client.cookies.load({"sessionid": "stale", "csrftoken": "short", "django_language": "ky"})
    response = client.post(
        "/beacon/", {"article": str(article.id)}, HTTP_USER_AGENT=BROWSER, HTTP_ACCEPT_LANGUAGE="ky"
    )
    assert response.status_code == 204
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]


@pytest.mark.parametrize(
    "body",
    [{}, {"article": "abc"}, {"article": "-3"}, {"article": "١٢"}, {"article": "9" * 40}],
)
def test_a_malformed_id_gets_400_with_a_message(editions, client, body):
    response = client.post("/beacon/", body, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 400
    assert "article" in response.content.decode()


def test_only_a_live_article_is_accepted(editions, client):
    draft = live_article(live=False)
    rubric = live_article().get_parent()
    for page_id in (draft.id, rubric.id, 10**12):
        response = client.post("/beacon/", {"article": str(page_id)}, HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 400
        assert response.content.decode()
    assert client.get("/beacon/").status_code == 405


def test_a_reader_reloading_within_the_window_counts_once(editions, settings):
    settings.VESTNIK_MOSTREAD_DEDUP_SECONDS = 300
    article, other = live_article(), live_article()
    factory = RequestFactory()
    for _ in range(3):
        views.beacon(beacon_request(factory, article.id, "203.0.113.7"))
    views.beacon(beacon_request(factory, other.id, "203.0.113.7"))
    views.beacon(beacon_request(factory, article.id, "203.0.113.8"))
    call_command("mostread_flush")
    assert (counted(article), counted(other)) == (2, 1)


def test_a_worker_flushes_its_memory_buffer_once_the_interval_passed(editions, settings):
    article = live_article()
    factory = RequestFactory()
    views.beacon(beacon_request(factory, article.id, "203.0.113.1"))
    assert counted(article) == 0  # buffered, not written
    settings.VESTNIK_MOSTREAD_FLUSH_SECONDS = 0
    views.beacon(beacon_request(factory, article.id, "203.0.113.2"))
    assert counted(article) == 2
    assert not buffer.memory.pending()


def test_refused_redis_leaves_the_beacon_answering_and_counting(editions, settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.VESTNIK_MOSTREAD_BUFFER = "redis"
    settings.VESTNIK_MOSTREAD_REDIS_URL = f"redis://127.0.0.1:{port}/0"
    article = live_article()
    factory = RequestFactory()
    for number in range(3):
        response = views.beacon(beacon_request(factory, article.id, f"203.0.113.{number}"))
        assert response.status_code == 204
    call_command("mostread_flush")  # Redis still refused: memory is flushed alone
    assert counted(article) == 3


def test_hanging_redis_times_out_at_the_configured_limit(editions, settings):
    article = live_article()
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        settings.VESTNIK_MOSTREAD_BUFFER = "redis"
        settings.VESTNIK_MOSTREAD_REDIS_URL = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
        settings.VESTNIK_REDIS_TIMEOUT = 0.2
        shared = buffer.redis_buffer()
        assert shared is not None
        assert shared.client.connection_pool.connection_kwargs["socket_timeout"] == 0.2
        response = views.beacon(beacon_request(RequestFactory(), article.id, "203.0.113.9"))
        assert response.status_code == 204
    assert buffer.memory.pending()


def test_a_failed_flush_keeps_the_views_for_the_next(editions, monkeypatch):
    article = live_article()
    views.beacon(beacon_request(RequestFactory(), article.id, "203.0.113.3"))

    def refuse(rows):
        raise RuntimeError("database went away")

    with monkeypatch.context() as patch, pytest.raises(RuntimeError):
        patch.setattr(services, "_write", refuse)
        services.views_flush()
    assert services.views_flush() == 1
    assert counted(article) == 1


def test_a_failed_flush_from_a_beacon_still_answers_and_keeps_the_view(
    editions, monkeypatch, settings
):
    article = live_article()

    def refuse(rows):
        raise RuntimeError("database is locked")

    settings.VESTNIK_MOSTREAD_FLUSH_SECONDS = 0
    with monkeypatch.context() as patch:
        patch.setattr(services, "_write", refuse)
        response = views.beacon(beacon_request(RequestFactory(), article.id, "203.0.113.4"))
    assert response.status_code == 204
    assert counted(article) == 0
    assert services.views_flush() == 1
    assert counted(article) == 1
