"""The search index: one row per live article, in its edition's language.

On SQLite the stems are also in the FTS5 table ``search_fts`` (rowid = article id;
columns: the title's stems, then all stems), created by the migrations; on PostgreSQL
``document`` holds the weighted tsvector built with the edition's text-search
configuration, under a GIN index (see docs/adr/0003-reader-search.md).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    page = models.OneToOneField(
        "newsroom.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    rubric_id = models.IntegerField()
    published_at = models.DateTimeField()
    title = models.TextField()
    # Plain text of the lead and body: the snippet's source and PostgreSQL's document.
    body_text = models.TextField()
    # Space-separated Snowball stems of title, lead and body (SQLite's document).
    stems = models.TextField()
    # PostgreSQL's document: title (weight A) and body_text (B), in the edition's
    # configuration, filled at index time. Stays empty (NULL) on SQLite.
    document = SearchVectorField(null=True)

    class Meta:
        indexes = [models.Index(fields=["locale", "published_at"], name="search_locale_date")]

    def __str__(self) -> str:
        return self.title
