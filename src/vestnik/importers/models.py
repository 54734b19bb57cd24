"""Import bookkeeping: which page, comment or image each source record became, so
re-imports update it (or leave it alone) instead of duplicating it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    source = models.CharField(max_length=40)  # "text", "wxr", "dle", "feed", "web"
    external_id = models.CharField(max_length=500)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    # A digest of what the record made of the page last time: equal means "nothing changed,
    # save no revision" on a re-run.
    fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="imported_item_key")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.external_id}"


class ImportedComment(models.Model):
    """An imported reader comment: created once, then left to the moderators."""

    source = models.CharField(max_length=40)
    external_id = models.CharField(max_length=500)
    comment = models.ForeignKey(
        "comments.ReaderComment", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="imported_comment_key")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.external_id}"


class ImportedImage(models.Model):
    """An imported image (a featured or inline picture of the source)."""

    source = models.CharField(max_length=40)
    external_id = models.CharField(max_length=500)
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="imported_image_key")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.external_id}"


class FeedSubscription(models.Model):
    """A feed that ``vestnik tick`` polls: its new entries become articles of one rubric
    (drafts unless ``publish``); an entry seen before is updated, never duplicated."""

    url = models.URLField(_("feed address"), max_length=500, unique=True)
    rubric = models.ForeignKey(
        "newsroom.RubricPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("rubric"),
        help_text=_("Its entries become articles of this rubric, in the rubric's edition."),
    )
    publish = models.BooleanField(
        _("publish at once"), default=False, help_text=_("Otherwise entries arrive as drafts.")
    )
    active = models.BooleanField(_("active"), default=True)
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)  # why the last poll failed

    class Meta:
        verbose_name = _("feed subscription")
        verbose_name_plural = _("feed subscriptions")

    def __str__(self) -> str:
        return self.url
