"""Comments while Redis, the cache and the rate limiter's counter, goes away.

The test starts a Redis of its own (``outages.py``) and a real `vestnik serve` using it,
then stops Redis. It runs in the SQLite invocation only (see ``conftest.py``).
"""

from __future__ import annotations

import requests
from tests.comments.outages import private_redis
from tests.comments.servers import (
    ROOMY,
    fetch_form,
    post_form,
    site_server,
    start_in_one_window,
)

LIMIT = 3  # posts a minute from one address


def test_redis_outage_keeps_pages_posts_and_limits(comment_site, tmp_path):
    """With Redis gone the cache fails open and the limiter counts in the database: pages,
    the token endpoint and posting still answer, and over-limit posts still get 429."""
    import redis

    settings = {**ROOMY, "VESTNIK_COMMENTS_LIMIT_ADDRESS_MINUTE": LIMIT}
    with (
        private_redis() as redis_server,
        site_server(
            comment_site, tmp_path, "redis", REDIS_URL=redis_server.url, **settings
        ) as server,
    ):
        article = server.base + comment_site.article_path
        assert requests.get(article, timeout=30).status_code == 200
        first = post_form(server, fetch_form(server, "192.0.2.10"), "Before", "192.0.2.10")
        assert first.status_code == 201
        keys = redis.Redis.from_url(redis_server.url).keys("vestnik:*")
        assert any(key.startswith(b"vestnik:rl:") for key in keys)  # the limiter counted there
        assert any(not key.startswith(b"vestnik:rl:") for key in keys)  # and the cache kept
        redis_server.stop()

        for url in (article, server.base + "/en/", server.token_url):
            assert requests.get(url, timeout=60).status_code == 200, url
        form = fetch_form(server, "192.0.2.11")
        after = post_form(server, form, "Posted while Redis is down.", "192.0.2.11")
        assert after.status_code == 201, after.text
        start_in_one_window(needed=30)
        address = "192.0.2.12"
        answers = [
            post_form(server, fetch_form(server, address), f"Limited {n}", address)
            for n in range(LIMIT + 2)
        ]
        assert [answer.status_code for answer in answers] == [201] * LIMIT + [429] * 2
        assert all(int(answer.headers["Retry-After"]) >= 1 for answer in answers[LIMIT:])
        assert "Internal Server Error" not in server.log_tail(50_000)
