"""Publishing and unpublishing an article update "Read also", after the commit."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from vestnik.core.batching import defer
from vestnik.newsroom.models import ArticlePage
from vestnik.newsroom.selectors import article_ids_under_restriction
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


def _on_restriction_changed(sender, instance, **kwargs) -> None:
    # A restriction added or lifted hides or shows articles without a publish.
    for ids in article_ids_under_restriction(instance):
        transaction.on_commit(partial(tasks.recompute_related_many.enqueue, ids))


page_published.connect(_on_published, sender=ArticlePage, dispatch_uid="related-published")
page_unpublished.connect(_on_unpublished, sender=ArticlePage, dispatch_uid="related-unpublished")
post_save.connect(
    _on_restriction_changed, sender=PageViewRestriction, dispatch_uid="related-restricted"
)
post_delete.connect(
    _on_restriction_changed, sender=PageViewRestriction, dispatch_uid="related-unrestricted"
)
