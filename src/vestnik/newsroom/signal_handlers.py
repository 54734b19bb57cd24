"""Publishing, unpublishing, moving, renaming or restricting a page purges the pages that
show it from every cache, after the commit (``core.purge``; the paths come from every
app's registered provider, the newsroom's in ``purging.py``); a published article's
pictures are made in a task too. In an import batch the pages are collected and this
work runs once at its end."""

from __future__ import annotations

import copy
from functools import partial

from django.db import transaction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from vestnik.core.batching import defer
from vestnik.core.purge import purge_after_commit
from vestnik.newsroom import models, tasks
from vestnik.newsroom.restrictions import on_restriction_change

PAGE_MODELS = (
    models.HomePage,
    models.RubricPage,
    models.AuthorIndexPage,
    models.EntityIndexPage,
    models.AuthorPage,
    models.EntityPage,
    models.TagIndexPage,
    models.ArticlePage,
)


def _on_changed(sender, instance, **kwargs) -> None:
    if not defer("purge", instance.id):
        purge_after_commit([instance.id])


def _on_article_published(sender, instance, **kwargs) -> None:
    if not defer("pictures", instance.id):
        transaction.on_commit(partial(tasks.prepare_pictures.enqueue, [instance.id]))


def pictures_many(article_ids) -> None:
    """Once per batch (imports): one task prepares every published article's pictures."""
    ids = sorted(set(article_ids))
    transaction.on_commit(partial(tasks.prepare_pictures.enqueue, ids))


def _old_address(instance, url_path: str) -> list[str]:
    before = copy.copy(instance)
    before.url_path = url_path
    parts = before.get_url_parts()
    return [parts[2], parts[2] + "print/"] if parts else []


def _on_slug_changed(sender, instance, instance_before, **kwargs) -> None:
    # Wagtail answers the old address with a redirect from now on: drop the copies.
    purge_after_commit([instance.id], _old_address(instance, instance_before.url_path))


def _on_moved(sender, instance, url_path_before, url_path_after, **kwargs) -> None:
    if url_path_before != url_path_after:
        purge_after_commit([instance.id], _old_address(instance, url_path_before))


def pages_published(page_ids) -> None:
    """Once per batch (imports): one purge for every page the batch published."""
    purge_after_commit(page_ids)


for model in PAGE_MODELS:
    label = model.__name__.lower()
    page_published.connect(_on_changed, sender=model, dispatch_uid=f"purge-published-{label}")
    page_unpublished.connect(_on_changed, sender=model, dispatch_uid=f"purge-unpublished-{label}")
    page_slug_changed.connect(_on_slug_changed, sender=model, dispatch_uid=f"purge-slug-{label}")
post_page_move.connect(_on_moved, dispatch_uid="purge-moved")
page_published.connect(
    _on_article_published, sender=models.ArticlePage, dispatch_uid="pictures-published"
)
on_restriction_change("purge", purge_after_commit)
