"""Publishing and unpublishing an article update "Read also", after the commit."""

from functools import partial

from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from vestnik.core.batching import defer
from vestnik.newsroom.models import ArticlePage
from vestnik.newsroom.restrictions import on_restriction_change
from vestnik.related import tasks


def _on_published(sender, instance, **kwargs) -> None:
    if not defer("related", instance.id):
        transaction.on_commit(partial(tasks.recompute_related.enqueue, instance.id))


def _on_unpublished(sender, instance, **kwargs) -> None:
    if not defer("related", instance.id):
        transaction.on_commit(partial(tasks.forget_related.enqueue, instance.id))


def enqueue_many(article_ids) -> None:
    """Once per batch (imports): one task recomputes every article the batch published."""
    ids = sorted(set(article_ids))
    transaction.on_commit(partial(tasks.recompute_related_many.enqueue, ids))


page_published.connect(_on_published, sender=ArticlePage, dispatch_uid="related-published")
page_unpublished.connect(_on_unpublished, sender=ArticlePage, dispatch_uid="related-unpublished")
on_restriction_change("related", tasks.recompute_related_many.enqueue)
