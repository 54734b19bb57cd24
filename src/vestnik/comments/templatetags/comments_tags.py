from django import template
from django.urls import reverse
from django.utils import translation

from vestnik.comments import selectors
from vestnik.comments.forms import CommentForm
from vestnik.comments.services import article_for_comments

register = template.Library()


@register.inclusion_tag("comments/thread.html", takes_context=True)
def reader_comments(context, article):
    """The approved thread and an empty form shell: nothing per reader, so the article
    page stays cacheable; the form gets its token from the uncached endpoint.

    Two queries for the thread; the rubric (and so the comment mode) comes from the page's
    context when the article page has already loaded it."""
    rubric = context.get("rubric")
    mode = rubric.comment_mode if rubric is not None else article_for_comments(article.id)[1]
    thread = selectors.thread_page(article.id)
    count = thread.size if not thread.has_next else selectors.approved_count(article.id)
    with translation.override(article.locale.language_code):
        urls = {
            "write_url": reverse("comments:write", args=[article.id]),
            "token_url": reverse("comments:token", args=[article.id]),
            "post_url": reverse("comments:post", args=[article.id]),
            "next_url": reverse("comments:page", args=[article.id, 2]),
        }
    return {
        **urls,
        "article": article,
        "thread": thread.nodes,
        "has_next": thread.has_next,
        "count": count,
        "open": mode != "closed",
        "form": CommentForm(auto_id="comment-%s"),
    }
