"""Background work of reader comments: takes ids, safe to run twice."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task

from vestnik.comments.models import CommentState, ReaderComment
from vestnik.comments.spamcheck import SpamQuery, SpamVerdict, spam_checker


@task()
def check_spam(comment_id: int, user_ip: str, user_agent: str, referrer: str) -> str:
    """Ask the configured spam service about a comment; spam leaves the page at once."""
    from vestnik.comments.moderation import comment_set_state

    checker = spam_checker()
    comment = ReaderComment.objects.select_related("article").filter(id=comment_id).first()
    if (
        checker is None
        or comment is None
        or comment.state in (CommentState.SPAM, CommentState.REJECTED)
    ):
        return "skipped"
    article = comment.article
    with translation.override(article.locale.language_code):
        permalink = article.full_url or ""
    verdict = checker.check(
        SpamQuery(
            user_ip=user_ip,
            user_agent=user_agent,
            referrer=referrer,
            permalink=permalink,
            author_name=comment.author_name,
            author_email=comment.author_email,
            author_website=comment.author_website,
            body=comment.body,
            language=article.locale.language_code,
        )
    )
    if verdict is SpamVerdict.SPAM:
        comment_set_state(comment, CommentState.SPAM, user=None)
    return verdict.value
