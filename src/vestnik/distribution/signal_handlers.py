"""A published article's lead image gets its feed rendition after the commit, in a task."""

from functools import partial

from django.db import transaction
from wagtail.signals import page_published

from vestnik.core.batching import defer
from vestnik.distribution import tasks
from vestnik.newsroom.models import ArticlePage


def _on_published(sender, instance, **kwargs) -> None:
    if instance.lead_image_id and not defer("distribution", instance.id):
        transaction.on_commit(partial(tasks.prepare_enclosures.enqueue, [instance.id]))


def enqueue_many(article_ids) -> None:
    """Once per batch (imports, the demo): one task for every page the batch published."""
    ids = sorted(set(article_ids))
    transaction.on_commit(partial(tasks.prepare_enclosures.enqueue, ids))


page_published.connect(_on_published, sender=ArticlePage, dispatch_uid="distribution-published")
