"""A reader's post reads the database once: the article, its edition and rubric's mode, a
retry of the same form, bans and duplicate texts come from one statement (preflight.py)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests import factories
from tests.comments.helpers import aged_token, post_comment

from vestnik.comments.models import BanKind, CommentBan, ReaderComment
from vestnik.comments.preflight import PostQuestion, post_facts
from vestnik.comments.services import body_fingerprint

pytestmark = pytest.mark.django_db


def ask(article, **changes) -> PostQuestion:
    now = timezone.now()
    question = {
        "article_id": article.id,
        "key": uuid.uuid4(),
        "address_hash": "a" * 40,
        "email": "",
        "body_hash": body_fingerprint("A fresh remark."),
        "now": now,
        "duplicates_since": now - timedelta(days=1),
    }
    return PostQuestion(**{**question, **changes})


def saved(article, **fields) -> ReaderComment:
    values = {
        "article": article,
        "author_name": "Reader",
        "body": "Seen before.",
        "body_html": "<p>Seen before.</p>",
        "body_hash": body_fingerprint("Seen before."),
        "state": "approved",
        "created_at": timezone.now(),
    }
    return ReaderComment.objects.create(**{**values, **fields})


def test_a_live_article_in_a_pre_moderated_rubric(article):
    facts = post_facts(ask(article))
    assert (facts.language, facts.mode) == ("en", "pre")
    assert (facts.replay_id, facts.banned, facts.duplicate) == (None, False, False)


def test_the_rubric_mode_and_edition_come_from_the_article(post_moderated, editions):
    russian = factories.article("ru", headline="Второй мост через Чуй")
    assert post_facts(ask(post_moderated)).mode == "post"
    assert post_facts(ask(russian)).language == "ru"


def test_an_unpublished_or_missing_article_has_no_facts(article):
    article.unpublish()
    assert post_facts(ask(article)) is None
    assert post_facts(ask(article, article_id=999_999)) is None


def test_a_form_sent_again_finds_its_comment(article):
    key = uuid.uuid4()
    earlier = saved(article, idempotency_key=key)
    assert post_facts(ask(article, key=key)).replay_id == earlier.id
    assert post_facts(ask(article)).replay_id is None


def test_bans_by_address_and_email_until_they_expire(article):
    CommentBan.objects.create(kind=BanKind.ADDRESS, value="b" * 40)
    CommentBan.objects.create(kind=BanKind.EMAIL, value="troll@example.org")
    CommentBan.objects.create(
        kind=BanKind.EMAIL,
        value="former@example.org",
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    assert post_facts(ask(article, address_hash="b" * 40)).banned
    assert post_facts(ask(article, email="troll@example.org")).banned
    assert not post_facts(ask(article, email="former@example.org")).banned
    assert not post_facts(ask(article, address_hash="", email="")).banned


def test_duplicates_on_this_article_or_from_this_address_within_a_day(article, editions):
    other = factories.article("en", headline="Another story")
    key = uuid.uuid4()
    saved(other, ip_hash="c" * 40, idempotency_key=key)
    repeated = body_fingerprint("Seen before.")
    assert post_facts(ask(other, body_hash=repeated, address_hash="")).duplicate
    assert post_facts(ask(article, body_hash=repeated, address_hash="c" * 40)).duplicate
    assert not post_facts(ask(article, body_hash=repeated, address_hash="d" * 40)).duplicate
    # The same form sent again is a retry, not a duplicate.
    assert not post_facts(ask(other, body_hash=repeated, address_hash="", key=key)).duplicate
    later = timezone.now() + timedelta(days=2)
    stale = ask(other, body_hash=repeated, address_hash="", duplicates_since=later)
    assert not post_facts(stale).duplicate


def test_a_post_reads_the_database_once(client, post_moderated):
    """Every other statement of a post writes: the limits, the comment, the thread count."""
    with CaptureQueriesContext(connection) as queries:
        answer = post_comment(
            client, post_moderated.id, token=aged_token(post_moderated.id), json=True
        )
    assert answer.status_code == 201
    statements = [q["sql"].lstrip().split()[0].upper() for q in queries.captured_queries]
    reads = [s for s in statements if s == "SELECT"]
    writes = [s for s in statements if s in {"INSERT", "UPDATE"}]
    assert len(reads) == 1, queries.captured_queries
    assert len(writes) == 3  # the rate counters, the comment, the thread count


def test_every_post_maintains_no_index_twice():
    """Each index on the comments table costs every post; none may cover what another does
    (Django's LIKE-pattern twins on PostgreSQL, a lone index on a leading column)."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, ReaderComment._meta.db_table)
    indexed = [tuple(c["columns"]) for c in constraints.values() if c["index"] or c["unique"]]
    assert len(indexed) == len(set(indexed)), indexed
    leading = {columns[0] for columns in indexed if len(columns) > 1}
    assert not [columns for columns in indexed if len(columns) == 1 and columns[0] in leading]
