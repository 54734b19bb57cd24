"""Writes by the newsroom: approving, rejecting, editing, banning, erasing, expiring.

Every change is written to Wagtail's audit log (who, when, what it was before), and
changes the article's thread counts in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.log_actions import log

from vestnik.comments.models import (
    BanKind,
    CommentBan,
    CommentState,
    CommentThread,
    ReaderComment,
)
from vestnik.core.purge import purge_pages_soon
from vestnik.core.sanitise import clean_plain_text, reader_text_to_html

STATE_ACTIONS: dict[str, str] = {
    CommentState.APPROVED: "vestnik_comments.approve",
    CommentState.REJECTED: "vestnik_comments.reject",
    CommentState.SPAM: "vestnik_comments.spam",
    CommentState.PENDING: "vestnik_comments.hold",
}


def thread_counts_refresh(article_ids: Iterable[int]) -> None:
    """Recount approved and pending comments of these articles (row-locked); their pages
    are purged from the caches once this commits (what they show changed)."""
    article_ids = sorted(set(article_ids))
    if article_ids:
        transaction.on_commit(partial(purge_pages_soon, article_ids, coalesce=False))
    for article_id in article_ids:
        CommentThread.objects.bulk_create(
            [CommentThread(article_id=article_id)], ignore_conflicts=True
        )
        thread = CommentThread.objects.select_for_update().get(article_id=article_id)
        counts = ReaderComment.objects.filter(article_id=article_id).aggregate(
            approved=Count("id", filter=Q(state=CommentState.APPROVED)),
            pending=Count("id", filter=Q(state=CommentState.PENDING)),
        )
        thread.approved_count, thread.pending_count = counts["approved"], counts["pending"]
        thread.save(update_fields=["approved_count", "pending_count"])


@transaction.atomic
def comments_set_state(comment_ids: Iterable[int], state: str, user, held_reason: str = "") -> int:
    """Move comments to ``state``; answers how many changed. Logged per comment."""
    comments = list(ReaderComment.objects.select_for_update().filter(id__in=list(comment_ids)))
    changed = [c for c in comments if c.state != state]
    for comment in changed:
        before = comment.state
        comment.state = state
        comment.held_reason = held_reason if state == CommentState.PENDING else ""
        comment.save(update_fields=["state", "held_reason"])
        log(comment, STATE_ACTIONS[state], user=user, data={"from": before, "to": state})
    thread_counts_refresh(c.article_id for c in changed)
    return len(changed)


def comment_set_state(comment: ReaderComment, state: str, user, held_reason: str = "") -> None:
    comments_set_state([comment.id], state, user, held_reason)
    comment.refresh_from_db(fields=["state", "held_reason"])


@transaction.atomic
def comment_edit(comment: ReaderComment, user, *, body: str, author_name: str) -> ReaderComment:
    """A moderator's correction of a comment's text or name; the log keeps the original."""
    comment = ReaderComment.objects.select_for_update().get(id=comment.id)
    before = {"body": comment.body, "author_name": comment.author_name}
    comment.body = clean_plain_text(body)
    comment.body_html = reader_text_to_html(comment.body)
    comment.author_name = clean_plain_text(author_name)[:80]
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "body_html", "author_name", "edited_at"])
    after = {"body": comment.body, "author_name": comment.author_name}
    log(comment, "vestnik_comments.edit", user=user, data={"before": before, "after": after})
    transaction.on_commit(partial(purge_pages_soon, [comment.article_id], coalesce=False))
    return comment


@transaction.atomic
def commenters_ban(comments: Iterable[ReaderComment], user, reason: str = "") -> int:
    """Ban the address hash and e-mail of each comment's writer; their waiting comments
    become spam. Answers how many bans were added."""
    added = 0
    for comment in comments:
        values = [(BanKind.ADDRESS, comment.ip_hash), (BanKind.EMAIL, comment.author_email)]
        for kind, value in values:
            if not value:
                continue
            _ban, created = CommentBan.objects.get_or_create(
                kind=kind, value=value, defaults={"created_by": user, "reason": reason}
            )
            added += created
        log(comment, "vestnik_comments.ban", user=user, data={"reason": reason})
        same_writer = Q(pk__in=[])
        if comment.ip_hash:
            same_writer |= Q(ip_hash=comment.ip_hash)
        if comment.author_email:
            same_writer |= Q(author_email=comment.author_email)
        waiting = ReaderComment.objects.filter(same_writer, state=CommentState.PENDING)
        comments_set_state(waiting.values_list("id", flat=True), CommentState.SPAM, user)
    return added


@transaction.atomic
def comments_erase_by_email(email: str, user) -> int:
    """Erase everything written with ``email`` (a reader's request). A comment that others
    replied to keeps its place in the thread with its text and identity removed.
    Answers how many comments were erased."""
    email = email.strip().lower()
    if not email:
        return 0
    theirs = list(ReaderComment.objects.filter(author_email=email).select_for_update())
    with_replies = set(
        ReaderComment.objects.filter(parent__in=theirs)
        .exclude(author_email=email)
        .values_list("parent_id", flat=True)
    )
    for comment in theirs:
        if comment.id in with_replies:
            ReaderComment.objects.filter(id=comment.id).update(
                author_name="",
                author_email="",
                author_website="",
                body="",
                body_html="",
                ip_hash="",
                erased=True,
            )
    doomed = [c.id for c in theirs if c.id not in with_replies]
    ReaderComment.objects.filter(id__in=doomed).delete()
    thread_counts_refresh(c.article_id for c in theirs)
    if user is not None:
        log(
            instance=user,
            action="vestnik_comments.erase",
            user=user,
            data={"comments": len(theirs)},
        )
    return len(theirs)


def comments_expire(now=None) -> int:
    """Delete rejected and spam comments older than the retention period (the tick runs
    it); answers how many were deleted."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.VESTNIK_COMMENTS_RETENTION_DAYS)
    expired = ReaderComment.objects.filter(
        state__in=[CommentState.REJECTED, CommentState.SPAM], created_at__lt=cutoff
    ).exclude(replies__isnull=False)
    with transaction.atomic():
        articles = set(expired.values_list("article_id", flat=True))
        deleted, _ = expired.delete()
        thread_counts_refresh(articles)
    return deleted
