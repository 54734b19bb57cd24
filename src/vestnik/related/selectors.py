"""Reads of "Read also": one query per article page."""

from __future__ import annotations

from vestnik.newsroom.models import ArticlePage


def related_for(article: ArticlePage) -> list[ArticlePage]:
    """The article's stored "Read also", published and of its edition, in position order."""
    return list(
        ArticlePage.objects.for_readers()
        .filter(locale_id=article.locale_id, related_links_to__article_id=article.id)
        .exclude(id=article.id)
        .order_by("related_links_to__position")
        .only("id", "title", "url_path", "path", "depth", "locale_id", "first_published_at")
    )
