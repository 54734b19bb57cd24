"""Import bookkeeping: which page each source record became, so re-imports update it."""

from django.db import models


class ImportedItem(models.Model):
    source = models.CharField(max_length=40)  # "text", "wxr", "dle", "feed", "web"
    external_id = models.CharField(max_length=500)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="imported_item_key")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.external_id}"
