from django import template
from django.urls import reverse

from vestnik.comments import selectors
from vestnik.comments.forms import CommentForm
from vestnik.comments.services import article_for_comments

register = template.Library()


@register.inclusion_tag("comments/thread.html")
def reader_comments(article):
    """The approved thread and an empty form shell: nothing per reader, so the article
    page stays cacheable; the form gets its token from the uncached endpoint."""
    _article, mode = article_for_comments(article.id)
    return {
        "article": article,
        "thread": selectors.thread_for(article.id),
        "count": selectors.approved_count(article.id),
        "open": mode != "closed",
        "write_url": reverse("comments:write", args=[article.id]),
        "token_url": reverse("comments:token", args=[article.id]),
        "post_url": reverse("comments:post", args=[article.id]),
        "form": CommentForm(auto_id="comment-%s"),
    }
