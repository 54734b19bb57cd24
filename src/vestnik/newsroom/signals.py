"""The newsroom's own signal: which articles readers may see has changed without a publish.

A view restriction added to or lifted from an article, or from a rubric above it, hides or
shows articles without any ``page_published``/``page_unpublished``. Apps that keep their
own copies of what readers see (the search index, "Read also") listen to this signal, as
they listen to Wagtail's publish signals. It is sent after the commit, with the ids of the
articles under the restricted page.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.models import PageViewRestriction

# Sent with ``article_ids``: a list of ArticlePage ids whose visibility may have changed.
articles_visibility_changed = Signal()


def _restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    from vestnik.newsroom.models import ArticlePage

    page_path = instance.page.path
    ids = list(ArticlePage.objects.filter(path__startswith=page_path).values_list("id", flat=True))
    if ids:
        transaction.on_commit(
            partial(articles_visibility_changed.send, sender=ArticlePage, article_ids=ids)
        )


def connect() -> None:
    post_save.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="newsroom-restriction-saved"
    )
    post_delete.connect(
        _restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="newsroom-restriction-deleted",
    )
