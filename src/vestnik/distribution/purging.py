"""The feeds and sitemaps that show a page, for ``core.purge`` (registered in apps.py).

An article is an item of its edition's site feeds, of its rubrics', authors' and tags'
feeds (each in RSS and Atom, short and full) and of the sitemaps; a rubric or author
page renamed changes its own feeds' titles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from vestnik.newsroom.models import ArticlePage, AuthorPage, HomePage, RubricPage
from vestnik.newsroom.purging import article_relations

FORMATS = ("rss", "atom")


def _feeds(language: str, kind: str, key: str = "") -> Iterable[str]:
    kwargs = {"key": key} if key else {}
    with translation.override(language):
        for name in (kind, f"{kind}_full"):
            for feed_format in FORMATS:
                yield reverse(f"feeds:{name}", kwargs={**kwargs, "feed_format": feed_format})


def _rubric_key(rubric: Page) -> str:
    # url_path is "/<home slug>/<rubric>/[<sub-rubric>/]": the key is the rubric part.
    return rubric.url_path.split("/", 2)[2].rstrip("/")


def _sitemaps(language: str) -> list[str]:
    return [
        reverse("distribution:sitemap_index"),
        reverse("distribution:sitemap", kwargs={"section": language}),
        reverse("distribution:sitemap", kwargs={"section": "news"}),
    ]


def distribution_paths(pages: Sequence[Page]) -> set[str]:
    paths: set[str] = set()
    for page in pages:
        language = page.locale.language_code
        if isinstance(page, ArticlePage):
            relations = article_relations(page)
            paths.update(_feeds(language, "site"))
            paths.update(_sitemaps(language))
            for rubric in relations.rubrics:
                paths.update(_feeds(language, "rubric", _rubric_key(rubric)))
            for author in relations.authors:
                paths.update(_feeds(author.locale.language_code, "author", author.slug))
            for tag in relations.tags:
                paths.update(_feeds(tag.locale.language_code, "tag", tag.slug))
        elif isinstance(page, RubricPage):
            paths.update(_feeds(language, "rubric", _rubric_key(page)))
            paths.update(_sitemaps(language))
        elif isinstance(page, AuthorPage):
            paths.update(_feeds(language, "author", page.slug))
        elif isinstance(page, HomePage):
            paths.update(_feeds(language, "site"))
            paths.update(_sitemaps(language))
    return paths
