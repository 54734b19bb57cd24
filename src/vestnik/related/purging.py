"""The "Read also" lists that show a page, for ``core.purge`` (registered in apps.py):
an article's headline and address appear on the pages that link to it."""

from __future__ import annotations

from collections.abc import Sequence

from wagtail.models import Page

from vestnik.newsroom.models import ArticlePage
from vestnik.related.models import RelatedLink


def related_paths(pages: Sequence[Page]) -> set[str]:
    ids = [page.id for page in pages if isinstance(page, ArticlePage)]
    if not ids:
        return set()
    showing = RelatedLink.objects.filter(related_id__in=ids).values_list("article_id", flat=True)
    return article_paths(ArticlePage.objects.filter(id__in=showing).exclude(id__in=ids))


def article_paths(articles) -> set[str]:
    """The addresses of these articles' own pages (where their "Read also" shows)."""
    paths: set[str] = set()
    for article in articles.order_by("id"):
        parts = article.get_url_parts()
        if parts:
            paths.add(parts[2])
    return paths
