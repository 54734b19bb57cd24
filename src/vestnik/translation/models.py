"""What Vestnik adds to wagtail-localize: which pages a machine translated (and whether a
person has reviewed them since), and which segments of a translation went stale when its
source changed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_localize.models import String, Translation, TranslationContext


class MachineTranslation(models.Model):
    page = models.OneToOneField(
        Page, primary_key=True, on_delete=models.CASCADE, related_name="machine_translation"
    )
    source_page = models.ForeignKey(Page, null=True, on_delete=models.SET_NULL, related_name="+")
    engine = models.CharField(_("engine"), max_length=100)
    translated_at = models.DateTimeField(_("machine-translated"))
    segments = models.PositiveIntegerField(default=0)  # how many the engine filled
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("machine translation")

    def __str__(self) -> str:
        return f"{self.page_id} by {self.engine}"


class StaleSegment(models.Model):
    """A segment whose source text changed after the translation had translated it.

    wagtail-localize keys a translation by (string, context): a changed text is a new
    string with no translation, and the old translation lingers unused. This keeps what
    the translator needs (the old and new source text, the old translated text) until
    the new string is translated or the translated page is published again.
    """

    translation = models.ForeignKey(Translation, on_delete=models.CASCADE, related_name="+")
    # The translated page. It and the new string lead the two indexes below.
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+", db_index=False)
    context = models.ForeignKey(TranslationContext, on_delete=models.CASCADE, related_name="+")
    new_string = models.ForeignKey(
        String, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    old_source_text = models.TextField(_("old source text"))
    new_source_text = models.TextField(_("new source text"))
    old_translated_text = models.TextField(_("old translation"))
    detected_at = models.DateTimeField(_("went stale"), db_index=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("stale segment")
        indexes = [
            models.Index(fields=["page", "resolved_at"], name="stale_page_open_idx"),
            models.Index(fields=["new_string", "context"], name="stale_string_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.page_id}: {self.context_id}"
