"""Publishing, unpublishing and deleting an article bring its channel message in step,
in a task after the commit; an import's publishes are marked instead, never announced."""

from functools import partial

from django.conf import settings
from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from vestnik.core.batching import defer
from vestnik.newsroom.models import ArticlePage
from vestnik.newsroom.restrictions import on_restriction_change
from vestnik.telegram import tasks
from vestnik.telegram.models import ChannelPost


def _on_changed(sender, instance, **kwargs) -> None:
    # Inside a batch (imports, the demo) the id is collected; the "telegram" finisher
    # marks those articles imported instead of posting them.
    if defer("telegram", instance.id) or not settings.VESTNIK_TELEGRAM_TOKEN:
        return
    transaction.on_commit(partial(tasks.sync_article.enqueue, instance.id))


def _sync_announced(article_ids: list[int]) -> None:
    # An announced article made private loses its message (and gets it back when the
    # restriction is lifted); articles never announced are left alone.
    if not settings.VESTNIK_TELEGRAM_TOKEN:
        return
    announced = ChannelPost.objects.filter(article_id__in=article_ids)
    for article_id in announced.values_list("article_id", flat=True):
        tasks.sync_article.enqueue(article_id)


page_published.connect(_on_changed, sender=ArticlePage, dispatch_uid="telegram-published")
page_unpublished.connect(_on_changed, sender=ArticlePage, dispatch_uid="telegram-unpublished")
on_restriction_change("telegram", _sync_announced)
