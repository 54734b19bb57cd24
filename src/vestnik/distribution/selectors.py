"""Reads for feeds and sitemaps: only what a reader may see, in a fixed number of queries.

"Visible" means live (published, not scheduled for later, not expired), already
published (``first_published_at`` not in the future) and public: neither the page nor
an ancestor has a view restriction. Every selector here runs the same number of
queries whatever the number of items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from wagtail.blocks import StreamValue
from wagtail.images.models import Image
from wagtail.models import Locale, Page

from vestnik.core.public import rendition_or_none
from vestnik.newsroom.models import (
    ArticleAuthor,
    ArticlePage,
    AuthorPage,
    RubricPage,
    Tag,
    TagIndexPage,
)
from vestnik.newsroom.selectors import edition_home

# The rendition offered as a lead image's enclosure (the size news aggregators ask for).
ENCLOSURE_FILTER = "width-1200"
# A rubric's path under its edition's home: slugs joined by "/".
_RUBRIC_PATH = re.compile(r"[-\w]+(?:/[-\w]+)*", re.ASCII)
# The Google News sitemap lists articles published within this window.
NEWS_WINDOW = timedelta(hours=48)


def visible_articles(*, with_body: bool = False) -> QuerySet[ArticlePage]:
    """Articles readers may see (``for_readers``), already published, newest first."""
    queryset = (
        ArticlePage.objects.for_readers()
        .filter(first_published_at__lte=timezone.now())
        .order_by("-first_published_at", "-id")
    )
    return queryset if with_body else queryset.defer_streamfields()


@dataclass(frozen=True)
class FeedScope:
    """What a feed lists: a whole edition, or one rubric, author or tag of it."""

    locale: Locale
    page: Page  # the reader page the feed mirrors (home, rubric, author; tag: the index)
    kind: str = "site"
    rubric: RubricPage | None = None
    author: AuthorPage | None = None
    tag: Tag | None = None


def feed_scope(language: str, kind: str = "site", key: str = "") -> FeedScope:
    """The feed's scope for an edition's language code, or Http404.

    ``key`` is a rubric's path under the home (``politics`` or ``politics/elections``),
    an author's slug or a tag's slug; each must be live and public in that edition.
    """
    locale = Locale.objects.filter(language_code=language).first()
    home = edition_home(locale) if locale else None
    if locale is None or home is None:
        raise Http404("No such edition")
    if kind == "site":
        return FeedScope(locale, home)
    if kind == "rubric":
        if not _RUBRIC_PATH.fullmatch(key):  # e.g. a NUL, which PostgreSQL refuses
            raise Http404("No such rubric in this edition")
        rubric = (
            RubricPage.objects.live()
            .public()
            .filter(url_path=f"{home.url_path}{key}/", locale=locale)
            .first()
        )
        if rubric is None:
            raise Http404("No such rubric in this edition")
        return FeedScope(locale, rubric, kind, rubric=rubric)
    if kind == "author":
        author = (
            AuthorPage.objects.live()
            .public()
            .filter(slug=key, locale=locale, path__startswith=home.path)
            .first()
        )
        if author is None:
            raise Http404("No such author in this edition")
        return FeedScope(locale, author, kind, author=author)
    if kind == "tag":
        tag = Tag.objects.filter(slug=key, locale=locale).first()
        index = TagIndexPage.objects.live().public().filter(locale=locale).first()
        if tag is None or index is None:
            raise Http404("No such tag in this edition")
        return FeedScope(locale, index, kind, tag=tag)
    raise Http404("No such feed")


def feed_articles(scope: FeedScope, *, full: bool = False) -> list[ArticlePage]:
    """The newest visible articles in ``scope`` (settings.VESTNIK_FEED_ITEMS of them),
    each with ``feed_authors`` (names, in byline order) and ``feed_enclosure`` (the lead
    image's rendition or None); with ``full``, the bodies' blocks converted (one query a
    block type that names images or pages). Renditions come from Wagtail's rendition
    cache; one missing from it costs a query, and is generated once."""
    queryset = visible_articles(with_body=full).filter(locale=scope.locale)
    if scope.rubric is not None:
        queryset = queryset.filter(path__startswith=scope.rubric.path)
    elif scope.author is not None:
        queryset = queryset.filter(
            author_rows__author__translation_key=scope.author.translation_key
        )
    elif scope.tag is not None:
        queryset = queryset.filter(tag_rows__tag__translation_key=scope.tag.translation_key)
    articles = list(queryset.distinct()[: settings.VESTNIK_FEED_ITEMS])
    _attach_authors(articles)
    _attach_enclosures(articles)
    if full:
        _convert_bodies(articles)
    return articles


def _convert_bodies(articles: Sequence[ArticlePage]) -> None:
    """Turn the bodies' raw blocks into values type by type across all the articles, as
    Wagtail does within one body: images and pages named in blocks are then loaded in
    one query a block type, not one an article. (Uses StreamValue's ``_raw_data`` and
    ``_bound_blocks``, the cache that its own ``_prefetch_blocks`` fills.)"""
    stream_block = ArticlePage.body.field.stream_block
    slots: dict[str, list[tuple[Any, int]]] = {}
    for article in articles:
        body = article.body
        for index, raw in enumerate(body._raw_data):
            if body._bound_blocks[index] is None and raw["type"] in stream_block.child_blocks:
                slots.setdefault(raw["type"], []).append((body, index))
    for type_name, places in slots.items():
        child = stream_block.child_blocks[type_name]
        values = child.bulk_to_python([body._raw_data[i]["value"] for body, i in places])
        for (body, index), value in zip(places, values, strict=True):
            body._bound_blocks[index] = StreamValue.StreamChild(
                child, value, id=body._raw_data[index].get("id")
            )


def _attach_authors(articles: Sequence[ArticlePage]) -> None:
    """Byline names in the articles' edition: an author's page in that edition where
    one exists (a translated article keeps its source's author rows), else the name
    as written. Two queries."""
    rows = list(
        ArticleAuthor.objects.filter(page_id__in=[a.id for a in articles], author__live=True)
        .order_by("page_id", "sort_order")
        .values_list("page_id", "author__title", "author__translation_key")
    )
    localized = dict(
        AuthorPage.objects.live()
        .filter(
            locale_id__in={a.locale_id for a in articles},
            translation_key__in={key for _page, _title, key in rows},
        )
        .values_list("translation_key", "title")
    )
    names: dict[int, list[str]] = {article.id: [] for article in articles}
    for page_id, title, key in rows:
        names[page_id].append(localized.get(key, title))
    for article in articles:
        article.feed_authors = names[article.id]


def _attach_enclosures(articles: Sequence[ArticlePage]) -> None:
    image_ids = {article.lead_image_id for article in articles if article.lead_image_id}
    images = {}
    if image_ids:
        images = {
            image.id: image
            for image in Image.objects.filter(id__in=image_ids).prefetch_renditions(
                ENCLOSURE_FILTER
            )
        }
    for article in articles:
        image = images.get(article.lead_image_id)
        article.feed_enclosure = rendition_or_none(image, ENCLOSURE_FILTER)


def news_articles() -> QuerySet[ArticlePage]:
    """Visible articles of every edition first published within the last 48 hours."""
    since = timezone.now() - NEWS_WINDOW
    return (
        visible_articles()
        .filter(first_published_at__gte=since)
        .select_related("locale")
        .only("id", "title", "url_path", "path", "depth", "first_published_at", "locale")
    )


def edition_pages(locale: Locale) -> QuerySet[Page]:
    """Every visible page of one edition, in tree order (stable across sitemap pages)."""
    return (
        Page.objects.live()
        .public()
        .filter(locale=locale, depth__gte=2)
        .order_by("path")
        .only("id", "url_path", "path", "depth", "last_published_at", "translation_key", "locale")
    )


def translations_of(pages: Sequence[Page]) -> dict[object, list[Page]]:
    """The visible versions of each page in every edition, keyed by translation key
    (two queries for any number of pages)."""
    keys = {page.translation_key for page in pages}
    found: dict[object, list[Page]] = {}
    rows = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .only("id", "url_path", "path", "depth", "translation_key", "locale")
    )
    for page in rows:
        found.setdefault(page.translation_key, []).append(page)
    return found
