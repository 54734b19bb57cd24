"""Publishing and unpublishing an article update the search index, after the commit."""

from functools import partial

from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from vestnik.core.batching import defer
from vestnik.newsroom.models import ArticlePage
from vestnik.newsroom.restrictions import on_restriction_change
from vestnik.search import tasks


def _on_changed(sender, instance, **kwargs) -> None:
    # The task reads the page's state: live means indexed, anything else removed.
    if not defer("search", instance.id):
        transaction.on_commit(partial(tasks.index_article.enqueue, instance.id))


def enqueue_many(article_ids) -> None:
    """Once per batch (imports, the demo): one task indexes every page the batch touched."""
    ids = sorted(set(article_ids))
    transaction.on_commit(partial(tasks.index_many.enqueue, ids))


page_published.connect(_on_changed, sender=ArticlePage, dispatch_uid="search-published")
page_unpublished.connect(_on_changed, sender=ArticlePage, dispatch_uid="search-unpublished")
on_restriction_change("search", tasks.index_many.enqueue)
