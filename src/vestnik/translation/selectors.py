"""Reads of translation: which published pages are translation sources."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef
from wagtail.models import Page
from wagtail_localize.models import TranslationSource


def translation_source_ids(page_ids: Iterable[int]) -> list[int]:
    """Ids of the translation sources taken from these pages (in the page's own edition:
    a translated page is a source only if something is translated from it). One query."""
    pages = Page.objects.filter(id__in=list(page_ids))
    same_page = pages.filter(translation_key=OuterRef("object_id"), locale_id=OuterRef("locale_id"))
    return list(
        TranslationSource.objects.filter(object_id__in=pages.values("translation_key"))
        .filter(Exists(same_page))
        .order_by("id")
        .values_list("id", flat=True)
    )
