"""Everything a reader's post must know from the database before it is saved, in one query.

A post asks: is the article live, in which edition, what does its rubric allow; was this
form already sent (a retry); is the writer banned; was this text posted already? Asked
through the ORM that was six queries and most of the request's CPU (bench/comments.py,
``--profile``), on the hottest write path of the site. Here it is one statement, built
once per process from the models' own table names, that SQLite and PostgreSQL both run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from uuid import UUID

from django.db import connection
from wagtail.models import Locale, Page

from vestnik.comments.models import BanKind, CommentBan, ReaderComment
from vestnik.newsroom.models import ArticlePage, CommentMode, RubricPage


@dataclass(frozen=True)
class PostFacts:
    article_id: int
    language: str  # the language code of the article's edition
    mode: str  # the rubric's CommentMode
    replay_id: int | None  # the comment already saved with this form's key
    banned: bool  # the address hash or the e-mail is banned
    duplicate: bool  # the same text, on this article or from this address, recently


@dataclass(frozen=True)
class PostQuestion:
    article_id: int
    key: UUID
    address_hash: str
    email: str
    body_hash: str
    now: datetime
    duplicates_since: datetime


def post_facts(question: PostQuestion) -> PostFacts | None:
    """The facts for a post, or None when the article is not live."""
    comment_fields = ReaderComment._meta
    key = comment_fields.get_field("idempotency_key").get_db_prep_value(question.key, connection)
    moment = comment_fields.get_field("created_at")
    now = moment.get_db_prep_value(question.now, connection)
    since = moment.get_db_prep_value(question.duplicates_since, connection)
    address = question.address_hash or None  # NULL matches nothing
    params = [
        key,
        address,
        question.email or None,
        now,
        question.body_hash,
        since,
        key,
        address,
        question.article_id,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_statement(connection.vendor), params)
        row = cursor.fetchone()
    if row is None:
        return None
    language, mode, replay_id, banned, duplicate = row
    return PostFacts(
        article_id=question.article_id,
        language=language,
        mode=mode or CommentMode.PRE_MODERATED,
        replay_id=replay_id,
        banned=bool(banned),
        duplicate=bool(duplicate),
    )


@cache
def _statement(vendor: str) -> str:
    """The query, for one database vendor (the cache key: tests switch databases)."""
    quote = connection.ops.quote_name
    page, article, rubric = (quote(m._meta.db_table) for m in (Page, ArticlePage, RubricPage))
    comment, ban, locale = (quote(m._meta.db_table) for m in (ReaderComment, CommentBan, Locale))
    # Only table names (the models' own, quoted) and constants are formatted in; every
    # value is a parameter.
    return f"""
        SELECT l.language_code,
          (SELECT r.comment_mode FROM {rubric} r JOIN {page} rp ON rp.id = r.page_ptr_id
            WHERE rp.path = SUBSTR(p.path, 1, LENGTH(p.path) - {int(Page.steplen)})),
          (SELECT c.id FROM {comment} c WHERE c.idempotency_key = %s AND c.article_id = p.id),
          EXISTS (SELECT 1 FROM {ban} b
            WHERE ((b.kind = '{BanKind.ADDRESS.value}' AND b.value = %s)
                OR (b.kind = '{BanKind.EMAIL.value}' AND b.value = %s))
              AND (b.expires_at IS NULL OR b.expires_at > %s)),
          EXISTS (SELECT 1 FROM {comment} d
            WHERE d.body_hash = %s AND d.created_at >= %s
              AND (d.idempotency_key IS NULL OR d.idempotency_key <> %s)
              AND (d.article_id = p.id OR d.ip_hash = %s))
        FROM {page} p
          JOIN {article} a ON a.page_ptr_id = p.id
          JOIN {locale} l ON l.id = p.locale_id
        WHERE p.id = %s AND p.live AND NOT p.expired
    """  # noqa: S608
