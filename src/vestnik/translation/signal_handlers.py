"""Translations get Latin slugs: wagtail-localize slugifies a Cyrillic title to nothing."""

from __future__ import annotations

from django.db.models.signals import pre_save

from vestnik.core.translit import slugify_any
from vestnik.newsroom.models import ArticlePage, AuthorPage, EntityPage, RubricPage


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
