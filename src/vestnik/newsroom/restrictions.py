"""View restrictions change what readers may see without any publish.

Adding or lifting a restriction on an article, or on a rubric or home above it, hides or
shows articles, and no ``page_published``/``page_unpublished`` tells the apps that keep
copies of what readers see (search, "Read also", Telegram). Each of them connects here,
from its own ``signal_handlers.py``, to Wagtail's ``PageViewRestriction`` saves and
deletes (a boundary signal, like the publish signals).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction

from vestnik.newsroom.models import ArticlePage

# A restriction may sit above a whole edition: its articles are handed out in chunks, so
# no task gets an IN (...) longer than SQLite allows.
CHUNK = 500


def article_ids_under(restriction: PageViewRestriction) -> list[list[int]]:
    """The ids of the articles at or below the restricted page, in chunks of ``CHUNK``."""
    try:
        path = restriction.page.path
    except Page.DoesNotExist:  # deleted with its page: the pages' own signals follow
        return []
    under = ArticlePage.objects.filter(path__startswith=path).order_by("id")
    ids = list(under.values_list("id", flat=True))
    return [ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK)]


def on_restriction_change(app: str, handle: Callable[[list[int]], object]) -> None:
    """After the commit of any restriction saved or deleted, call ``handle(ids)`` for
    each chunk of the articles it hides or shows again."""

    def receiver(sender, instance: PageViewRestriction, **kwargs) -> None:
        for ids in article_ids_under(instance):
            transaction.on_commit(partial(handle, ids))

    for signal, suffix in ((post_save, "restricted"), (post_delete, "unrestricted")):
        signal.connect(
            receiver, sender=PageViewRestriction, weak=False, dispatch_uid=f"{app}-{suffix}"
        )
