"""Never publish source-language text in a translation.

wagtail-localize saves a translation with every untranslated segment in the source
language (``fallback=True``). A translation that still has untranslated segments may be
saved as a draft, never published: the page editor, wagtail-localize's editor, bulk
publishing and "Sync translated pages" all ask ``untranslated_segments`` first.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation


def untranslated_segments(page: Page, limit: int = 20) -> list[str]:
    """Source texts of ``page``'s translation that have no (valid) translation yet; empty
    for a page that is not a wagtail-localize translation. At most ``limit`` of them."""
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )
    if translation is None or translation.source.locale_id == page.locale_id:
        return []
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=page.locale_id,
        has_error=False,
    )
    missing = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .annotate(done=Exists(translated))
        .filter(done=False)
        .select_related("string")
        .order_by("order")[:limit]
    )
    return [segment.string.data for segment in missing]
