"""What Vestnik adds to wagtail-localize: which pages a machine translated, and whether a
person has reviewed them since."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


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
