"""Comments add a fixed number of queries to an article page and to a listing, however
many comments, replies or commented articles there are."""

from __future__ import annotations

import pytest
from django.utils import timezone
from tests import factories
from tests.newsroom.test_query_counts import queries_for

from vestnik.comments.models import CommentState, ReaderComment
from vestnik.comments.moderation import thread_counts_refresh

pytestmark = pytest.mark.django_db


def add_comments(article, count: int) -> None:
    now = timezone.now()
    parents: list[ReaderComment] = []
    for n in range(count):
        parent = parents[n // 3] if n >= 3 and n % 2 else None
        comment = ReaderComment.objects.create(
            article=article,
            parent=parent,
            root=(parent.root or parent) if parent else None,
            depth=parent.depth + 1 if parent else 0,
            author_name=f"Reader {n}",
            body=f"Comment {n}",
            body_html=f"<p>Comment {n}</p>",
            body_hash=f"{n:064d}",
            state=CommentState.APPROVED,
            created_at=now,
        )
        parents.append(comment)
    thread_counts_refresh([article.id])


def test_article_page_queries_do_not_grow_with_comments(client, post_moderated, settings):
    settings.VESTNIK_COMMENTS_PER_PAGE = 100
    add_comments(post_moderated, 2)
    few = queries_for(client, post_moderated.url)
    add_comments(post_moderated, 60)
    many = queries_for(client, post_moderated.url)
    assert few == many
    page = client.get(post_moderated.url).content.decode()
    assert page.count('class="comment ') + page.count('class="comment"') == 62


def test_rubric_listing_queries_do_not_grow_with_commented_articles(client, post_moderated):
    rubric = post_moderated.get_parent()
    add_comments(post_moderated, 1)
    few = queries_for(client, rubric.url)
    for _ in range(5):
        add_comments(factories.article("en"), 2)
    many = queries_for(client, rubric.url)
    assert few == many
    assert client.get(rubric.url).content.decode().count("2 comments") == 5
