"""Comments while the database restarts under readers' posts.

The test copies the session's site into a PostgreSQL cluster of its own (``outages.py``),
serves it with a real `vestnik serve`, and stops and starts that cluster while readers
post. It runs in the PostgreSQL invocation only, where the session's site is on
PostgreSQL (see ``conftest.py``).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

import requests
from tests.comments.outages import private_postgres
from tests.comments.servers import (
    ROOMY,
    Form,
    Server,
    comment_rows,
    fetch_form,
    post_form,
    postgres_run,
    serving,
    thread_count,
)
from tests.conftest import skip_or_fail

from vestnik.comments import tokens

CLIENTS = 4
OUTAGE_SECONDS = 2.5
RETRY_CAP = 0.2  # seconds: clients honour Retry-After, capped so the test stays short


@dataclass(frozen=True)
class Answer:
    key: str  # the idempotency key posted
    status: int  # 0: no answer (connection refused or cut)
    retry_after: str = ""
    comment_id: int | None = None


class PostingReaders:
    """CLIENTS readers posting comment after comment, each with a new key, and resending
    the same form (the same key) on 503 or a lost connection, until told to stop.

    Each reader loads the page's CSRF pair once, then writes every comment in a form of
    its own: a token issued as the token endpoint issues it (the servers share the test
    run's secret key), so readers are always posting and the outage meets their posts.
    """

    def __init__(self, server: Server) -> None:
        self.server = server
        self.answers: list[Answer] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self._reader, args=(n,), daemon=True) for n in range(CLIENTS)
        ]

    def _reader(self, number: int) -> None:
        address = f"198.18.{number}.1"
        page = fetch_form(self.server, address)
        sent = 0
        while not self.stopping.is_set():
            issued = tokens.token_issue(self.server.site.article_id)
            form = Form(issued.value, issued.key.hex, page.csrf, page.cookie)
            sent += 1
            self._post_until_answered(
                form, f"Reader {number}, comment {sent}: rebuild it.", address
            )

    def _post_until_answered(self, form: Form, body: str, address: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                response = post_form(self.server, form, body, address, timeout=30)
            except requests.RequestException:
                self._record(Answer(form.key, 0))
                time.sleep(RETRY_CAP)
                continue
            status, retry_after = response.status_code, response.headers.get("Retry-After", "")
            saved = response.json()["id"] if status in {200, 201} else None
            self._record(Answer(form.key, status, retry_after, saved))
            if status != 503:
                return
            time.sleep(min(float(retry_after or 1), RETRY_CAP))

    def _record(self, answer: Answer) -> None:
        with self.lock:
            self.answers.append(answer)

    def count(self, status: int) -> int:
        with self.lock:
            return sum(1 for answer in self.answers if answer.status == status)

    def wait_until(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + 45
        while not condition():
            if time.monotonic() > deadline:
                seen = Counter(answer.status for answer in self.answers)
                raise AssertionError(f"never {what}: {seen}\n{self.server.log_tail()}")
            time.sleep(0.05)


def answer_to_get(url: str) -> tuple[int, bool]:
    """(status, whether Retry-After was given) of a GET; (0, False) with no answer."""
    try:
        response = requests.get(url, timeout=30)
    except requests.RequestException:
        return 0, False
    return response.status_code, "Retry-After" in response.headers


def test_database_restart_loses_and_duplicates_no_comment(comment_site, tmp_path):
    """PostgreSQL restarts while readers post: requests meanwhile are answered 503 with
    Retry-After, never 500; readers resend with the same key, and afterwards every key
    holds exactly one comment, the one its answers named, and the article's count agrees.

    The restart is a fast stop, held until readers and the task worker have met it, then
    a start: that way every run sees the outage, however fast the machine."""
    if not postgres_run():
        skip_or_fail("copies the session's PostgreSQL site: run it with DATABASE_URL=postgres://…")
    with private_postgres() as cluster:
        site = replace(comment_site, database_url=cluster.copy_of(comment_site.database_url))
        with serving(site, tmp_path / "serve", site.database_url, **ROOMY) as server:
            readers = PostingReaders(server)
            for thread in readers.threads:
                thread.start()
            try:
                readers.wait_until(lambda: readers.count(201) >= CLIENTS, "posted")
                cluster.stop("fast")  # transactions in flight are cut off
                readers.wait_until(lambda: readers.count(503) >= CLIENTS, "answered 503")
                # Down long enough for every process to meet it, the task worker included
                # (it looks for tasks each second).
                time.sleep(OUTAGE_SECONDS)
                down = [
                    answer_to_get(url)
                    for url in (server.token_url, server.base + site.article_path)
                ]
                cluster.start()
                before = readers.count(201)
                readers.wait_until(lambda: readers.count(201) >= before + CLIENTS, "recovered")
            finally:
                readers.stopping.set()
                for thread in readers.threads:
                    thread.join(timeout=120)
            log = server.log_tail(50_000)
            assert server.process.poll() is None, f"vestnik serve stopped:\n{log[-3000:]}"
        rows = comment_rows(site.database_url)
        counted = thread_count(site.database_url, site.article_id)
    answers = readers.answers
    assert down == [(503, True), (503, True)]  # (status, has Retry-After) of token and page
    statuses = Counter(answer.status for answer in answers)
    assert set(statuses) <= {200, 201, 503}, f"{statuses}\n{log}"
    assert all(answer.retry_after for answer in answers if answer.status == 503)
    assert "Internal Server Error" not in log
    posted = {answer.key for answer in answers}
    answered = {(a.key, a.comment_id) for a in answers if a.comment_id is not None}
    assert {key for key, _id in answered} == posted  # each reader's last resend got through
    # One comment per key, the one every answer for that key named; none without an answer.
    assert {(row.key, row.id) for row in rows} == answered
    assert len(rows) == len(posted)
    assert counted == len(rows)
