"""Translating by hand and editing sources, as the admin does it."""

from __future__ import annotations

from tests import factories
from wagtail_localize.models import StringSegment, StringTranslation

from vestnik.core.sanitise import text_to_paragraph_html


def translate_all(translation, prefix: str = "EN") -> None:
    """A person translates every segment still untranslated: ``prefix`` + the source."""
    for segment in StringSegment.objects.filter(source=translation.source):
        StringTranslation.objects.get_or_create(
            translation_of_id=segment.string_id,
            locale=translation.target_locale,
            context_id=segment.context_id,
            defaults={"data": f"{prefix} {segment.string.data}", "translation_type": "manual"},
        )


def three_paragraphs(code: str = "ru", **fields):
    """A live article whose body has three paragraphs (each its own block)."""
    body = [
        ("paragraph", text_to_paragraph_html(text))
        for text in ("Мост открыли утром.", "Движение пошло в обе стороны.", "Ремонт шёл год.")
    ]
    return factories.article(code, headline="Мост через Чуй открыт", body=body, **fields)


def with_paragraph(page, index: int, text: str):
    """``page``'s latest version with paragraph ``index`` rewritten, its block kept (as
    the admin's editor keeps it): ready to publish."""
    draft = page.get_latest_revision_as_object()
    blocks = list(draft.body.raw_data)
    blocks[index] = {**blocks[index], "value": text_to_paragraph_html(text)}
    draft.body = blocks
    return draft
