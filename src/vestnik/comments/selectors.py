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
    "root_id",
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


@dataclass
class ThreadPage:
    """One page of an article's conversations (root comments with all their replies)."""

    nodes: list[CommentNode]
    number: int
    has_next: bool
    size: int  # comments on this page

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def thread_page(article_id: int, number: int = 1) -> ThreadPage:
    """Approved conversations of an article, oldest first, ``VESTNIK_COMMENTS_PER_PAGE``
    of them per page with their replies: two queries, whatever the article's size.
    The e-mail is never loaded. A reply whose parent is not shown hangs from its root."""
    per_page = settings.VESTNIK_COMMENTS_PER_PAGE
    approved = ReaderComment.objects.filter(
        article_id=article_id, state=CommentState.APPROVED
    ).only(*THREAD_FIELDS)
    start = (number - 1) * per_page
    roots = list(
        approved.filter(parent__isnull=True).order_by("created_at", "id")[
            start : start + per_page + 1
        ]
    )
    has_next, roots = len(roots) > per_page, roots[:per_page]
    replies = (
        list(
            approved.filter(root_id__in=[r.id for r in roots]).order_by("created_at", "id")[
                : settings.VESTNIK_COMMENTS_REPLIES_MAX
            ]
        )
        if roots
        else []
    )
    nodes = {c.id: CommentNode(c) for c in [*roots, *replies]}
    for reply in replies:
        parent = nodes.get(reply.parent_id or 0) or nodes[reply.root_id or 0]
        parent.replies.append(nodes[reply.id])
    return ThreadPage(
        nodes=[nodes[r.id] for r in roots], number=number, has_next=has_next, size=len(nodes)
    )


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
