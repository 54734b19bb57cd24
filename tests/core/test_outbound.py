"""core.outbound: any HTTP status is an answer, a dead service an error that names no
secret, and the retry loop stops after its attempts."""

from __future__ import annotations

import pytest
from tests.localhttp import QuietHandler, serving, silent_server

from vestnik.core.outbound import OutboundError, RetryLater, post_json, with_retries


class Echo(QuietHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.path == "/broken":
            return self.answer(503, b"<html>upstream down</html>", "text/html")
        self.answer(200, body, "application/json")


def test_json_is_posted_and_read_back_and_errors_are_answers():
    with serving(Echo) as url:
        assert post_json(url + "/echo", {"q": "Ош"}, timeout=2).data == {"q": "Ош"}
        broken = post_json(url + "/broken", {}, timeout=2)
    assert (broken.status, broken.data) == (503, None)


def test_a_silent_service_times_out_and_a_bad_url_hides_itself():
    with silent_server() as url, pytest.raises(OutboundError, match="timed out"):
        post_json(url, {}, timeout=0.1)
    with pytest.raises(OutboundError) as error:
        post_json("api.example/botSECRET/sendMessage", {}, timeout=1)
    assert "SECRET" not in str(error.value)


def test_retries_wait_as_asked_capped_and_stop_after_the_attempts():
    waits: list[float] = []
    calls: list[int] = []

    def always_busy():
        calls.append(1)
        raise RetryLater("busy", after=120)

    with pytest.raises(RetryLater):
        with_retries(always_busy, attempts=3, max_wait=30, sleep=waits.append)
    assert len(calls) == 3 and waits == [30, 30]
