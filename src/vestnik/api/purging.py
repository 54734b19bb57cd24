"""The content API's answers that show a page, for ``core.purge`` (registered in
apps.py): an article's own answer and the article lists (every query string of them in
Vestnik's own cache; a front cache keeps the filtered lists for their short lifetime)."""

from __future__ import annotations

from collections.abc import Sequence

from wagtail.models import Page

from vestnik.newsroom.models import ArticlePage, AuthorPage, EntityPage, RubricPage


def api_paths(pages: Sequence[Page]) -> set[str]:
    paths: set[str] = set()
    for page in pages:
        if isinstance(page, ArticlePage):
            paths.update({"/api/v1/articles", f"/api/v1/articles/{page.id}"})
        elif isinstance(page, RubricPage):
            paths.add("/api/v1/rubrics")
        elif isinstance(page, AuthorPage):
            paths.add("/api/v1/authors")
        elif isinstance(page, EntityPage):
            paths.add("/api/v1/entities")
    return paths
