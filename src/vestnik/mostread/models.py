"""Views of an article, one row an hour: what the buffer's flushes add up to."""

from django.db import models


class ArticleViewHour(models.Model):
    """Beacon views of one article in one hour (UTC, the hour's start).

    Written only by ``services.views_flush`` (one upsert that adds to ``count``), read
    by ``selectors.most_read``, deleted by ``services.views_prune`` after the retention.
    The edition is copied from the article so the lists filter on this table alone.
    """

    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="view_hours"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField()
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="mostread_article_hour")
        ]
        indexes = [models.Index(fields=["locale", "hour"], name="mostread_locale_hour")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}:00: {self.count}"
