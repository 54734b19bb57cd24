"""The cache rules of deploy/nginx/vestnik.conf against a stand-in app on 127.0.0.1.

The stand-in answers each path as a test asks (headers, status, a delay) and counts the
requests that reached it, so the rules that need a page to expire, the app to fail or
readers to arrive at once are shown in seconds. The real app is in test_nginx_cache.py.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from tests.conftest import skip_or_fail
from tests.deploy.nginx import Nginx, fetch, nginx_missing, running_nginx

PUBLIC = "public, max-age=0, s-maxage=600"


class StandIn:
    """What the stand-in app answers for each path, and how often it was asked."""

    def __init__(self) -> None:
        self.answers: dict[str, dict] = {}
        self.asked: Counter[str] = Counter()
        self.lock = threading.Lock()

    def answer(self, path: str, **how) -> None:
        self.answers[path] = how


def stand_in_handler(app: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            with app.lock:
                app.asked[self.path] += 1
                count = app.asked[self.path]
            how = app.answers.get(self.path, {})
            time.sleep(how.get("delay", 0))
            body = f"{self.path} answer {count}".encode()
            self.send_response(how.get("status", 200))
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            for name, value in how.get("headers", {"Cache-Control": PUBLIC}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    return Handler


@pytest.fixture(scope="module")
def stand_in() -> Iterator[tuple[StandIn, ThreadingHTTPServer]]:
    app = StandIn()
    server = ThreadingHTTPServer(("127.0.0.1", 0), stand_in_handler(app))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def front(stand_in, tmp_path_factory) -> Iterator[tuple[StandIn, Nginx]]:
    reason = nginx_missing()
    if reason:
        skip_or_fail(reason)
    app, server = stand_in
    folder = tmp_path_factory.mktemp("nginx-rules")
    (folder / "static").mkdir()
    upstream = f"127.0.0.1:{server.server_address[1]}"
    with running_nginx(
        folder / "nginx", upstream=upstream, static_root=folder / "static", media_root=folder
    ) as nginx:
        yield app, nginx


def test_an_expired_page_is_served_stale_while_it_is_refreshed_in_the_background(front):
    app, nginx = front
    app.answer("/swr/", headers={"Cache-Control": "public, s-maxage=1, stale-while-revalidate=60"})
    assert fetch(nginx.base, "/swr/").cache == "MISS"
    time.sleep(2.2)  # the page expires (nginx counts whole seconds)
    stale = fetch(nginx.base, "/swr/")
    assert stale.cache in {"STALE", "UPDATING"} and stale.body == b"/swr/ answer 1"
    for _ in range(50):  # the background refresh lands
        fresh = fetch(nginx.base, "/swr/")
        if fresh.cache == "HIT":
            break
        time.sleep(0.1)
    assert (fresh.cache, fresh.body) == ("HIT", b"/swr/ answer 2")


def test_a_stale_page_is_served_while_the_app_fails(front):
    app, nginx = front
    app.answer("/down/", headers={"Cache-Control": "public, s-maxage=1, stale-if-error=60"})
    assert fetch(nginx.base, "/down/").body == b"/down/ answer 1"
    time.sleep(2.2)
    app.answer("/down/", status=503, headers={"Cache-Control": "private, no-store"})
    answer = fetch(nginx.base, "/down/")
    assert (answer.status, answer.cache, answer.body) == (200, "STALE", b"/down/ answer 1")


@pytest.mark.parametrize(
    "headers",
    [
        {"Cache-Control": PUBLIC, "Vary": "Accept-Encoding, Accept-Language"},
        {"Cache-Control": PUBLIC, "Vary": "Cookie"},
        {"Cache-Control": PUBLIC, "Set-Cookie": "sessionid=x; HttpOnly"},
        {"Cache-Control": "private, no-store"},
        {},
    ],
    ids=["vary-language", "vary-cookie", "set-cookie", "private", "no-cache-control"],
)
def test_an_answer_that_is_not_for_everyone_is_never_stored(front, headers):
    app, nginx = front
    path = f"/personal/{'-'.join(sorted(headers)) or 'none'}/{headers.get('Vary', '')[:8]}/"
    path = path.replace(" ", "").replace(",", "")
    app.answer(path, headers=headers)
    assert fetch(nginx.base, path).cache == "MISS"
    assert fetch(nginx.base, path).cache == "MISS"
    assert app.asked[path] == 2


def test_readers_arriving_at_once_for_a_cold_page_reach_the_app_once(front):
    app, nginx = front
    app.answer("/burst/", delay=0.5)
    answers = []
    threads = [
        threading.Thread(target=lambda: answers.append(fetch(nginx.base, "/burst/")))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(answers) == 6 and {a.body for a in answers} == {b"/burst/ answer 1"}
    assert app.asked["/burst/"] == 1
