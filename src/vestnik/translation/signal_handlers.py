"""Translations get Latin slugs (wagtail-localize slugifies a Cyrillic title to nothing),
and sources stay in step: a published source is refreshed by a task after the commit."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from wagtail.signals import page_published
from wagtail_localize.models import StringTranslation

from vestnik.core.batching import defer
from vestnik.core.translit import slugify_any
from vestnik.newsroom.models import ArticlePage, AuthorPage, EntityPage, RubricPage
from vestnik.translation import selectors, services, tasks


def latin_slug(sender, instance, **kwargs) -> None:
    """A page saved with an empty or non-ASCII slug gets one from its title, unique among
    its siblings (translations are saved this way; the services already slugify)."""
    slug = instance.slug or ""
    if slug and slug.isascii():
        return
    base = slugify_any(instance.title or instance.draft_title or "")
    parent = instance.get_parent() if instance.path else None
    candidate, number = base, 1
    while parent is not None and (
        parent.get_children().filter(slug=candidate).exclude(id=instance.id).exists()
    ):
        number += 1
        candidate = f"{base}-{number}"
    instance.slug = candidate


for model in (ArticlePage, AuthorPage, EntityPage, RubricPage):
    pre_save.connect(latin_slug, sender=model, dispatch_uid=f"latin-slug-{model.__name__}")


def pages_published(page_ids: Iterable[int]) -> None:
    """Published pages that are translations are in step again; those that are sources
    are refreshed by one task after the commit. Runs per publish, or once per batch
    (imports) as its finisher."""
    ids = sorted(set(page_ids))
    services.stale_resolve_published(ids)
    sources = selectors.translation_source_ids(ids)
    if sources:
        transaction.on_commit(partial(tasks.refresh_sources.enqueue, sources))


def _on_published(sender, instance, **kwargs) -> None:
    if not defer("translation", instance.id):
        pages_published([instance.id])


def _on_string_translated(sender, instance, **kwargs) -> None:
    services.stale_resolve_translated(
        instance.translation_of_id,
        instance.context_id,
        instance.locale_id,
        valid=not instance.has_error,
        saved_at=instance.updated_at,
    )


page_published.connect(_on_published, dispatch_uid="translation-published")
post_save.connect(_on_string_translated, sender=StringTranslation, dispatch_uid="stale-translated")
