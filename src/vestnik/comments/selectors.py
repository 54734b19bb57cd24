"""Reads: an article's approved thread, comment counts for listings, the moderators' queue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings

from vestnik.comments.models import CommentState, CommentThread, ReaderComment

THREAD_FIELDS = (
    "id",
    "article_id",
    "parent_id",
    "depth",
    "author_name",
    "author_website",
    "body_html",
    "staff_user_id",
    "erased",
    "created_at",
    "edited_at",
)


@dataclass
class CommentNode:
    comment: ReaderComment
    replies: list[CommentNode] = field(default_factory=list)


def thread_for(article_id: int, limit: int | None = None) -> list[CommentNode]:
    """Approved comments of an article as a tree, oldest first: one query, at most
    ``limit`` comments (``VESTNIK_COMMENTS_SHOWN``). The e-mail is never loaded."""
    return thread_with_size(article_id, limit)[0]


def thread_with_size(article_id: int, limit: int | None = None) -> tuple[list[CommentNode], int]:
    """``thread_for`` and how many comments it holds."""
    limit = limit or settings.VESTNIK_COMMENTS_SHOWN
    comments = (
        ReaderComment.objects.filter(article_id=article_id, state=CommentState.APPROVED)
        .order_by("created_at", "id")
        .only(*THREAD_FIELDS)[:limit]
    )
    nodes = {c.id: CommentNode(c) for c in comments}
    roots: list[CommentNode] = []
    for node in nodes.values():
        parent = nodes.get(node.comment.parent_id) if node.comment.parent_id else None
        (parent.replies if parent else roots).append(node)
    return roots, len(nodes)


def approved_count(article_id: int) -> int:
    thread = CommentThread.objects.filter(article_id=article_id).only("approved_count").first()
    return thread.approved_count if thread else 0


def attach_comment_counts(articles: Sequence) -> None:
    """Set ``article.comment_count`` on each article of a listing with one query."""
    counts = dict(
        CommentThread.objects.filter(article_id__in=[a.id for a in articles]).values_list(
            "article_id", "approved_count"
        )
    )
    for article in articles:
        article.comment_count = counts.get(article.id, 0)


def pending_total() -> int:
    """Comments waiting for a moderator, over the whole site."""
    return ReaderComment.objects.filter(state=CommentState.PENDING).count()
