"""Writes by readers: posting a comment and reporting one.

``comment_submit`` is the whole path of a reader's post: the form token, the honeypot
and timing, bans, rate limits, the local spam rules, then one transaction that saves
the comment and its thread counts. Retrying with the same idempotency key returns
the comment the first attempt saved, however many attempts run at once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from uuid import uuid4

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vestnik.comments import preflight, tokens
from vestnik.comments.models import (
    CommentReport,
    CommentState,
    ReaderComment,
)
from vestnik.core import ratelimit
from vestnik.core.clientip import IPAddress, client_networks, ip_hash
from vestnik.core.fastinsert import insert_returning_pk
from vestnik.core.purge import purge_pages_soon
from vestnik.core.sanitise import clean_plain_text, count_links, reader_text_to_html
from vestnik.newsroom.models import ArticlePage, CommentMode, RubricPage

DUPLICATE_WINDOW = timedelta(days=1)


class CommentRefused(Exception):
    """The post is refused; ``message`` is for the reader, ``status`` the HTTP answer."""

    status = 400
    language: str | None = None  # the article's edition, once known

    def __init__(self, message: str, *, retry_after: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class CommentsClosed(CommentRefused):
    status = 403


class CommenterBanned(CommentRefused):
    status = 403


class CommentRateLimited(CommentRefused):
    status = 429


class ArticleNotFound(CommentRefused):
    status = 404


@dataclass(frozen=True)
class CommentSubmission:
    article_id: int
    token: str
    name: str
    body: str
    email: str = ""
    website: str = ""
    parent_id: int | None = None
    honeypot: str = ""
    ip: IPAddress | None = None
    user_agent: str = ""
    referrer: str = ""
    staff_user_id: int | None = None
    staff_name: str = ""


@dataclass(frozen=True)
class SubmitResult:
    comment: ReaderComment
    created: bool
    language: str = ""  # the article's edition: the language of the answer


def article_for_comments(article_id: int) -> tuple[ArticlePage, str]:
    """The live article and its rubric's comment mode (one query); raises ArticleNotFound."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - ArticlePage.steplen)
    rubric_mode = RubricPage.objects.filter(path=parent_path).values("comment_mode")[:1]
    article = (
        ArticlePage.objects.filter(id=article_id, live=True, expired=False)
        .only("id", "path", "depth", "locale_id")
        .annotate(rubric_comment_mode=Subquery(rubric_mode))
        .first()
    )
    if article is None:
        raise ArticleNotFound(_("This article does not exist or is not published."))
    return article, article.rubric_comment_mode or CommentMode.PRE_MODERATED


def body_fingerprint(body: str) -> str:
    normalised = re.sub(r"\W+", " ", body.casefold()).strip()
    return hashlib.sha256(normalised.encode()).hexdigest()


def comment_submit(submission: CommentSubmission) -> SubmitResult:
    """Save a reader's comment, or raise CommentRefused (or a subclass) saying why.

    Raises ArticleNotFound, CommentsClosed, CommenterBanned, CommentRateLimited
    (with ``retry_after``) or CommentRefused; nothing is saved when it raises. Messages
    are in the language of the article's edition, which the result and the refusal carry.
    """
    networks = client_networks(submission.ip) if submission.ip else None
    address_hash = ip_hash(networks.address) if networks else ""
    body = clean_plain_text(submission.body)
    try:
        token = tokens.token_read(submission.token, submission.article_id)
    except tokens.TokenInvalid:
        token = None
    now = timezone.now()
    question = preflight.PostQuestion(
        article_id=submission.article_id,
        key=token.key if token else uuid4(),  # a fresh key matches no earlier post
        address_hash=address_hash,
        email=submission.email.strip().lower(),
        body_hash=body_fingerprint(body),
        now=now,
        duplicates_since=now - DUPLICATE_WINDOW,
    )
    facts = preflight.post_facts(question)
    if facts is None:
        raise ArticleNotFound(_("This article does not exist or is not published."))
    with translation.override(facts.language):
        try:
            return _submit(submission, question, facts, token, networks, body)
        except CommentRefused as refused:
            refused.language = facts.language
            raise


def _submit(submission, question, facts, token, networks, body) -> SubmitResult:
    # ``question`` holds what the preflight was asked with: the hashes and the e-mail
    # are computed once a post.
    if facts.mode == CommentMode.CLOSED:
        raise CommentsClosed(_("Comments on this article are closed."))
    if token is None:
        raise CommentRefused(
            _("The form has expired. Please load it again and resend your comment.")
        )
    if facts.replay_id is not None:
        return _replay_result(facts.replay_id, facts.language)
    staff = submission.staff_user_id is not None
    if submission.honeypot:
        raise CommentRefused(_("The comment could not be accepted."))
    if (
        not staff
        and timezone.now().timestamp() - token.loaded_at < settings.VESTNIK_COMMENTS_MIN_SECONDS
    ):
        raise CommentRefused(_("That was quick. Please read your comment again and resend it."))
    if facts.banned:
        raise CommenterBanned(_("You can no longer comment on this site."))
    address_hash = question.address_hash
    _check_content(body, facts.duplicate)
    parent, depth = _parent_and_depth(submission.parent_id, facts.article_id)
    state = (
        CommentState.APPROVED
        if staff or facts.mode == CommentMode.POST_MODERATED
        else CommentState.PENDING
    )
    held = "words" if not staff and _has_held_word(body) else ""
    if held:
        state = CommentState.PENDING
    comment = ReaderComment(
        article_id=facts.article_id,
        parent=parent,
        root_id=(parent.root_id or parent.id) if parent else None,
        depth=depth,
        author_name=submission.staff_name if staff else clean_plain_text(submission.name),
        author_email=question.email,
        author_website=submission.website.strip(),
        body=body,
        body_html=reader_text_to_html(body),
        state=state,
        held_reason=held,
        staff_user_id=submission.staff_user_id,
        ip_hash=address_hash,
        body_hash=question.body_hash,
        idempotency_key=token.key,
        created_at=timezone.now(),
    )
    try:
        # The limits count inside the comment's own transaction: on the database backend
        # one write transaction a post instead of two (SQLite has a single writer), and
        # a refused post rolls its counts back with everything else.
        with transaction.atomic():
            if not staff and networks is not None:
                _check_limits(networks, address_hash, facts.article_id)
            insert_returning_pk(comment)  # nothing listens to a comment's save
            thread_count_add(facts.article_id, comment.state, +1)
            transaction.on_commit(
                partial(_after_post, comment.id, facts.article_id, comment.state, submission)
            )
    except IntegrityError:
        # Another attempt with this key saved first (concurrent retries): answer with it.
        winner = ReaderComment.objects.filter(idempotency_key=token.key).first()
        if winner is None:
            raise
        return SubmitResult(comment=winner, created=False, language=facts.language)
    return SubmitResult(comment=comment, created=True, language=facts.language)


def _replay_result(comment_id: int, language: str) -> SubmitResult:
    comment = ReaderComment.objects.get(id=comment_id)
    return SubmitResult(comment=comment, created=False, language=language)


def _check_limits(networks, address_hash: str, article_id: int) -> None:
    limit = ratelimit.Limit
    verdict = ratelimit.hit(
        [
            (limit("c-addr-m", settings.VESTNIK_COMMENTS_LIMIT_ADDRESS_MINUTE, 60), address_hash),
            (limit("c-addr-h", settings.VESTNIK_COMMENTS_LIMIT_ADDRESS_HOUR, 3600), address_hash),
            (
                limit("c-net-m", settings.VESTNIK_COMMENTS_LIMIT_NETWORK_MINUTE, 60),
                ip_hash(networks.neighbourhood),
            ),
            (limit("c-art-m", settings.VESTNIK_COMMENTS_LIMIT_ARTICLE_MINUTE, 60), str(article_id)),
        ]
    )
    if not verdict.allowed:
        raise CommentRateLimited(
            _("Too many comments from you just now. Please try again in %(seconds)d seconds.")
            % {"seconds": verdict.retry_after},
            retry_after=verdict.retry_after,
        )


def _check_content(body: str, duplicate: bool) -> None:
    if not body:
        raise CommentRefused(_("The comment is empty."))
    if len(body) > settings.VESTNIK_COMMENTS_MAX_LENGTH:
        raise CommentRefused(
            _("The comment is too long: at most %(count)d characters.")
            % {"count": settings.VESTNIK_COMMENTS_MAX_LENGTH}
        )
    if count_links(body) > settings.VESTNIK_COMMENTS_MAX_LINKS:
        raise CommentRefused(
            _("A comment may hold at most %(count)d links.")
            % {"count": settings.VESTNIK_COMMENTS_MAX_LINKS}
        )
    # The same text on this article or from this address within DUPLICATE_WINDOW. A comment
    # saved under this very key is a concurrent retry, not a duplicate: the preflight leaves
    # it out, and the save below meets its key and answers with it.
    if duplicate:
        raise CommentRefused(_("This comment has already been posted."))


def _has_held_word(body: str) -> bool:
    folded = body.casefold()
    return any(word.casefold() in folded for word in settings.VESTNIK_COMMENTS_HELD_WORDS)


def _parent_and_depth(parent_id: int | None, article_id: int) -> tuple[ReaderComment | None, int]:
    """The comment replied to, lifted to the deepest allowed level, and the reply's depth."""
    if parent_id is None:
        return None, 0
    parent = ReaderComment.objects.filter(
        id=parent_id, article_id=article_id, state=CommentState.APPROVED
    ).first()
    if parent is None:
        raise CommentRefused(_("The comment you are replying to is not available."))
    max_depth = settings.VESTNIK_COMMENTS_MAX_DEPTH
    while parent.depth >= max_depth and parent.parent_id is not None:
        parent = ReaderComment.objects.get(id=parent.parent_id)
    return parent, parent.depth + 1


def thread_count_add(article_id: int, state: str, delta: int) -> None:
    """Add ``delta`` to the article's count for ``state`` (approved or pending)."""
    counted: dict[str, str] = {
        CommentState.APPROVED: "approved_count",
        CommentState.PENDING: "pending_count",
    }
    field = counted.get(state)
    if field is None:
        return
    # One upsert (SQLite 3.35+ and PostgreSQL): the hot path of every post.
    approved, pending = (delta, 0) if field == "approved_count" else (0, delta)
    with connection.cursor() as cursor:
        cursor.execute(
            _THREAD_UPSERT.format(field=field),
            [article_id, max(approved, 0), max(pending, 0), delta],
        )


_THREAD_UPSERT = (
    'INSERT INTO "comments_commentthread" ("article_id", "approved_count", "pending_count") '
    'VALUES (%s, %s, %s) ON CONFLICT ("article_id") '
    'DO UPDATE SET "{field}" = "comments_commentthread"."{field}" + %s'
)


def _after_post(
    comment_id: int, article_id: int, state: str, submission: CommentSubmission
) -> None:
    from vestnik.comments import tasks
    from vestnik.comments.spamcheck import spam_checker

    if state == CommentState.APPROVED:  # shown at once: the article's copies go
        purge_pages_soon([article_id])
    if spam_checker() is not None and submission.staff_user_id is None:
        tasks.check_spam.enqueue(
            comment_id,
            str(submission.ip or ""),
            submission.user_agent[:300],
            submission.referrer[:300],
        )


def comment_report(comment_id: int, ip: IPAddress | None, reason: str = "") -> ReaderComment:
    """A reader reports an approved comment; once per reader. Enough reports send it back
    to the moderators. Raises CommentRefused or CommentRateLimited."""
    comment = ReaderComment.objects.filter(id=comment_id, state=CommentState.APPROVED).first()
    if comment is None:
        raise ArticleNotFound(_("This comment is not available."))
    address_hash = ip_hash(client_networks(ip).address) if ip else ""
    if ip is not None:
        verdict = ratelimit.hit([(ratelimit.Limit("c-report-h", 20, 3600), address_hash)])
        if not verdict.allowed:
            raise CommentRateLimited(
                _("Too many reports from you just now."), retry_after=verdict.retry_after
            )
    with transaction.atomic():
        try:
            with transaction.atomic():
                CommentReport.objects.create(
                    comment=comment, ip_hash=address_hash, reason=clean_plain_text(reason)[:300]
                )
        except IntegrityError:
            return comment  # this reader reported it already
        ReaderComment.objects.filter(id=comment.id).update(report_count=F("report_count") + 1)
        comment.refresh_from_db(fields=["report_count"])
        if comment.report_count >= settings.VESTNIK_COMMENTS_REPORTS_TO_HIDE:
            from vestnik.comments.moderation import comment_set_state

            comment_set_state(comment, CommentState.PENDING, user=None, held_reason="reports")
    return comment


@dataclass(frozen=True)
class CommentRecord:
    """A comment from a trusted source (an archive import, the demo newsroom)."""

    article_id: int
    name: str
    body: str
    state: str
    created_at: datetime
    parent_id: int | None = None
    email: str = ""
    website: str = ""
    staff_user_id: int | None = None
    source: str = ""


def comment_record(record: CommentRecord) -> ReaderComment:
    """Save a comment that needs no reader-facing checks (no token, limits or spam rules),
    with the same cleaning, rendering and counts as a reader's post. Raises
    CommentRefused for an empty text or a parent on another article."""
    body = clean_plain_text(record.body)
    if not body:
        raise CommentRefused(_("The comment is empty."))
    parent = None
    if record.parent_id is not None:
        parent = ReaderComment.objects.filter(
            id=record.parent_id, article_id=record.article_id
        ).first()
        if parent is None:
            raise CommentRefused(_("The comment you are replying to is not available."))
    with transaction.atomic():
        comment = ReaderComment.objects.create(
            article_id=record.article_id,
            parent=parent,
            root_id=(parent.root_id or parent.id) if parent else None,
            depth=min(parent.depth + 1, settings.VESTNIK_COMMENTS_MAX_DEPTH) if parent else 0,
            author_name=clean_plain_text(record.name)[:80],
            author_email=record.email.strip().lower(),
            author_website=record.website.strip(),
            body=body,
            body_html=reader_text_to_html(body),
            state=record.state,
            staff_user_id=record.staff_user_id,
            body_hash=body_fingerprint(body),
            created_at=record.created_at,
            source=record.source,
        )
        thread_count_add(record.article_id, comment.state, +1)
    return comment
