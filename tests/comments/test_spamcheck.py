"""The optional spam check speaks Akismet's protocol to a local server, after the post,
never inside the reader's request; a slow or broken service changes nothing."""

from __future__ import annotations

import socket
from urllib.parse import parse_qs

import pytest
from tests.comments.helpers import post_comment
from tests.localhttp import QuietHandler, serving, silent_server

from vestnik.comments.models import CommentState, ReaderComment
from vestnik.comments.spamcheck import AkismetChecker, SpamQuery, SpamVerdict

pytestmark = pytest.mark.django_db


class AkismetLike(QuietHandler):
    """Answers ``true`` for comments mentioning "cheap pills", ``false`` otherwise, and
    an error body for a wrong key, as the real service does."""

    seen: list[dict[str, str]] = []

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        self.seen.append({"path": self.path, **form})
        if form.get("api_key") != "local-key":
            answer = b"invalid"
        else:
            answer = b"true" if "cheap pills" in form.get("comment_content", "") else b"false"
        self.answer(200, answer)


@pytest.fixture
def akismet(settings):
    AkismetLike.seen = []
    with serving(AkismetLike) as url:
        settings.VESTNIK_COMMENTS_SPAM_CHECK = {
            "CLASS": "vestnik.comments.spamcheck.AkismetChecker",
            "OPTIONS": {"URL": url, "API_KEY": "local-key", "TIMEOUT": 2},
        }
        yield AkismetLike.seen


def test_spam_verdict_takes_a_published_comment_off_the_page(
    client, post_moderated, akismet, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_comment(
            client, post_moderated.id, body="Buy cheap pills today", address="198.51.100.9"
        )
    assert akismet == []  # nothing is sent while the reader waits
    comment = ReaderComment.objects.get()
    assert comment.state == CommentState.APPROVED
    for callback in callbacks:
        callback()
    comment.refresh_from_db()
    assert comment.state == CommentState.SPAM
    [request] = akismet
    assert request["path"] == "/1.1/comment-check"
    assert request["user_ip"] == "198.51.100.9"
    assert request["comment_content"] == "Buy cheap pills today"
    assert request["permalink"].endswith(post_moderated.url)
    assert "Buy cheap pills" not in client.get(post_moderated.url).content.decode()


def test_ham_verdict_leaves_the_comment_as_it_was(
    client, post_moderated, akismet, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, post_moderated.id, body="The bus lane works well.")
    assert len(akismet) == 1
    assert ReaderComment.objects.get().state == CommentState.APPROVED


def test_staff_replies_are_not_sent_to_the_service(
    client, post_moderated, akismet, moderator_user, django_capture_on_commit_callbacks
):
    client.force_login(moderator_user)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, post_moderated.id, body="From the newsroom.")
    assert akismet == []


def _query() -> SpamQuery:
    return SpamQuery("198.51.100.1", "UA", "", "http://x/", "A", "", "", "cheap pills", "en")


def test_wrong_key_answers_unknown(akismet, settings):
    options = {**settings.VESTNIK_COMMENTS_SPAM_CHECK["OPTIONS"], "API_KEY": "wrong"}
    assert AkismetChecker(options).check(_query()) is SpamVerdict.UNKNOWN


def test_silent_service_times_out_at_the_configured_limit_and_answers_unknown(monkeypatch):
    import urllib.request

    seen_timeouts = []
    real_urlopen = urllib.request.urlopen

    def recording_urlopen(request, timeout):
        seen_timeouts.append(timeout)
        return real_urlopen(request, timeout=timeout)

    monkeypatch.setattr(urllib.request, "urlopen", recording_urlopen)
    with silent_server() as url:  # accepts the connection, never answers
        checker = AkismetChecker({"URL": url, "API_KEY": "local-key", "TIMEOUT": 0.3})
        assert checker.check(_query()) is SpamVerdict.UNKNOWN
    assert seen_timeouts == [0.3]


def test_refused_connection_answers_unknown():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    checker = AkismetChecker({"URL": f"http://127.0.0.1:{port}", "TIMEOUT": 1})
    assert checker.check(_query()) is SpamVerdict.UNKNOWN
