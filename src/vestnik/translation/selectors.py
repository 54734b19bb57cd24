"""Reads of translation: which published pages are translation sources, and the stale
translations report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from vestnik.translation.models import StaleSegment


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


def stale_translated_pages() -> QuerySet[Page]:
    """Translated pages with stale segments not yet resolved, the most recently stale
    first; each has ``stale_since``, when its oldest open segment went stale."""
    open_rows = StaleSegment.objects.filter(resolved_at=None)
    oldest = open_rows.filter(page_id=OuterRef("pk")).order_by("detected_at")
    return (
        Page.objects.filter(id__in=open_rows.values("page_id"))
        .annotate(stale_since=Subquery(oldest.values("detected_at")[:1]))
        .order_by("-stale_since", "id")
    )


@dataclass
class StaleDetail:
    """What the report shows beside a stale translated page."""

    source_page: Page | None = None
    changes: list[StaleSegment] = field(default_factory=list)


def stale_details(pages: Sequence[Page]) -> dict[int, StaleDetail]:
    """For each of ``pages`` (translated pages from ``stale_translated_pages``): its source
    page and its open stale segments, in the order they went stale. Two queries."""
    details = {page.id: StaleDetail() for page in pages}
    rows = (
        StaleSegment.objects.filter(page_id__in=list(details), resolved_at=None)
        .select_related("translation__source")
        .order_by("detected_at", "id")
    )
    source_of: dict[int, tuple[object, int]] = {}
    for row in rows:
        details[row.page_id].changes.append(row)
        source = row.translation.source
        source_of[row.page_id] = (source.object_id, source.locale_id)
    originals = Page.objects.filter(
        translation_key__in={key for key, _locale in source_of.values()},
        locale_id__in={locale for _key, locale in source_of.values()},
    )
    by_key = {(page.translation_key, page.locale_id): page for page in originals}
    for page_id, key in source_of.items():
        details[page_id].source_page = by_key.get(key)
    return details
