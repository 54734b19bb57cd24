"""Publishing, unpublishing and deleting an article bring its channel message in step,
in a task after the commit; an import's publishes are marked instead, never announced."""

from functools import partial

from django.conf import settings
from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from vestnik.core.batching import defer
from vestnik.newsroom.models import ArticlePage
from vestnik.telegram import tasks


def _on_changed(sender, instance, **kwargs) -> None:
    # Inside a batch (imports, the demo) the id is collected; the "telegram" finisher
    # marks those articles imported instead of posting them.
    if defer("telegram", instance.id) or not settings.VESTNIK_TELEGRAM_TOKEN:
        return
    transaction.on_commit(partial(tasks.sync_article.enqueue, instance.id))


page_published.connect(_on_changed, sender=ArticlePage, dispatch_uid="telegram-published")
page_unpublished.connect(_on_changed, sender=ArticlePage, dispatch_uid="telegram-unpublished")
