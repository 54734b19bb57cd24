from django import template

from vestnik.translation.models import MachineTranslation

register = template.Library()


@register.inclusion_tag("translation/machine_note.html")
def machine_translation_note(page):
    """Says when the page was machine-translated, and links the original (one query)."""
    record = (
        MachineTranslation.objects.filter(page_id=page.id).select_related("source_page").first()
    )
    original = record.source_page.specific if record and record.source_page else None
    return {"record": record, "original": original if original and original.live else None}
