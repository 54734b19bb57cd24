"""The "Read also" index: each article's terms, and its computed related links."""

from django.db import models


class RelatedTerm(models.Model):
    """A weighted stem of an article's text; the inverted index candidates are drawn from."""

    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="related_terms"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=40)
    weight = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["locale", "term"], name="related_term_lookup")]
        constraints = [
            models.UniqueConstraint(fields=["article", "term"], name="related_term_unique")
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.weight:.2f})"


class RelatedLink(models.Model):
    """One "Read also" entry of ``article``, at ``position`` (pinned picks come first)."""

    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="related_links"
    )
    related = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="related_links_to"
    )
    position = models.PositiveSmallIntegerField()
    pinned = models.BooleanField(default=False)
    score = models.FloatField(default=0)

    class Meta:
        ordering = ["article", "position"]
        indexes = [models.Index(fields=["related"], name="related_link_reverse")]
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="related_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} -> {self.related_id} at {self.position}"
