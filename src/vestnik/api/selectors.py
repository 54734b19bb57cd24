"""Reads for the content API: only what a reader may see, in a fixed number of queries.

"Visible" means live (published, not waiting for its go-live time, not expired) and
public (outside every section with a view restriction), the same pages a reader can
open. Every list is of one edition; a filter naming what the edition does not have
raises ``NotFound``. Query counts do not grow with the page size or the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from vestnik.api.cursor import cursor_decode, cursor_encode
from vestnik.newsroom.models import (
    ArticleAuthor,
    ArticleEntity,
    ArticlePage,
    ArticleTag,
    AuthorPage,
    EntityPage,
    RubricPage,
    Tag,
)

SUMMARY_FIELDS = (
    "id", "title", "slug", "url_path", "path", "depth", "lead", "breaking",
    "first_published_at", "last_published_at", "locale_id", "lead_image_id",
)  # fmt: skip


class NotFound(Exception):
    """An article, or a rubric, author, entity or tag a filter names, that is not there."""


@dataclass(frozen=True)
class ArticleFilters:
    edition: str
    rubric: str | None = None
    author: str | None = None
    entity: str | None = None
    tag: str | None = None
    since: datetime | None = None  # first published at or after
    until: datetime | None = None  # first published before


def visible(queryset: QuerySet) -> QuerySet:
    """Only pages a reader may open (one query for the site's view restrictions)."""
    now = timezone.now()
    return queryset.live().public().exclude(go_live_at__gt=now).exclude(expire_at__lte=now)


def _key_of(queryset: QuerySet, edition: str, slug: str, missing: str) -> Any:
    """The translation key of the edition's item with ``slug``; NotFound(``missing``)."""
    keys = queryset.filter(locale__language_code=edition, slug=slug).values_list(
        "translation_key", flat=True
    )
    found = list(keys[:1])
    if not found:
        raise NotFound(missing % {"slug": slug})
    return found[0]


def _missing(field: str) -> str:
    messages = {
        "author": _("No author “%(slug)s” in this edition."),
        "entity": _("No entity “%(slug)s” in this edition."),
        "tag": _("No tag “%(slug)s” in this edition."),
    }
    return messages[field]


def _filtered(filters: ArticleFilters) -> QuerySet[ArticlePage]:
    """The edition's visible articles that pass ``filters`` (one query per named filter)."""
    articles = visible(ArticlePage.objects.filter(locale__language_code=filters.edition))
    if filters.rubric:
        rubric = (
            visible(RubricPage.objects.filter(locale__language_code=filters.edition))
            .filter(slug=filters.rubric)
            .order_by("path")
            .values_list("path", "depth")
            .first()
        )
        if rubric is None:
            raise NotFound(_("No rubric “%(slug)s” in this edition.") % {"slug": filters.rubric})
        articles = articles.filter(path__startswith=rubric[0], depth__gt=rubric[1])
    by_person_or_tag = (
        (filters.author, AuthorPage, ArticleAuthor, "author"),
        (filters.entity, EntityPage, ArticleEntity, "entity"),
        (filters.tag, Tag, ArticleTag, "tag"),
    )
    for slug, model, link_model, field in by_person_or_tag:
        if slug:
            candidates = model.objects.all() if model is Tag else visible(model.objects.all())
            key = _key_of(candidates, filters.edition, slug, _missing(field))
            rows = link_model.objects.filter(**{f"{field}__translation_key": key})
            articles = articles.filter(id__in=rows.values("page_id"))
    if filters.since:
        articles = articles.filter(first_published_at__gte=filters.since)
    if filters.until:
        articles = articles.filter(first_published_at__lt=filters.until)
    return articles


def article_page(
    filters: ArticleFilters, cursor: str | None, limit: int
) -> tuple[list[ArticlePage], ArticlePage | None]:
    """Up to ``limit`` articles after ``cursor``, newest first, and the last one shown when
    more follow (the next cursor's position), else None.

    Raises NotFound for a filter the edition lacks, ``cursor.InvalidCursor`` for a cursor
    this API did not issue.
    """
    articles = _filtered(filters).filter(first_published_at__isnull=False)
    if cursor:
        published, article_id = cursor_decode(cursor)
        articles = articles.filter(
            Q(first_published_at__lt=published) | Q(first_published_at=published, id__lt=article_id)
        )
    page = list(articles.order_by("-first_published_at", "-id").only(*SUMMARY_FIELDS)[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return page, (page[-1] if more else None)


def rubrics_by_path(articles: list[ArticlePage]) -> dict[str, RubricPage]:
    """Each article's rubric, keyed by the rubric's tree path (one query)."""
    steplen = ArticlePage.steplen
    paths = {article.path[:-steplen] for article in articles}
    rubrics = RubricPage.objects.filter(path__in=paths).only("id", "slug", "title", "path")
    return {rubric.path: rubric for rubric in rubrics}


def authors_by_article(articles: list[ArticlePage], edition: str) -> dict[int, list[AuthorPage]]:
    """Each article's authors in byline order, as the edition names them (two queries).

    An author with no page in the edition is shown by the page they have, if it is live.
    """
    rows = list(
        ArticleAuthor.objects.filter(page_id__in=[a.id for a in articles])
        .select_related("author")
        .only("page_id", "sort_order", *(f"author__{f}" for f in _PERSON_FIELDS))
        .order_by("page_id", "sort_order")
    )
    keys = {row.author.translation_key for row in rows}
    localized = {
        author.translation_key: author
        for author in visible(AuthorPage.objects.filter(locale__language_code=edition))
        .filter(translation_key__in=keys)
        .only(*_PERSON_FIELDS)
    }
    found: dict[int, list[AuthorPage]] = {}
    for row in rows:
        author = localized.get(row.author.translation_key) or (
            row.author if row.author.live else None
        )
        if author is not None:
            found.setdefault(row.page_id, []).append(author)
    return found


_PERSON_FIELDS = ("id", "slug", "title", "translation_key", "live", "url_path")


def article_visible(article_id: int) -> ArticlePage:
    """The article, if a reader may open it; raises NotFound otherwise (drafts, scheduled,
    expired, private or missing alike, so the answer says nothing about which)."""
    article = visible(ArticlePage.objects.filter(id=article_id)).select_related("locale").first()
    if article is None:
        raise NotFound(_("No such article."))
    return article


def translations_of(article: ArticlePage) -> list[ArticlePage]:
    """The article's visible translations into the other editions (two queries)."""
    return list(
        visible(ArticlePage.objects.filter(translation_key=article.translation_key))
        .exclude(id=article.id)
        .select_related("locale")
        .only("id", "title", "url_path", "locale__language_code")
        .order_by("locale__language_code")
    )


def rubrics_of(edition: str) -> list[tuple[RubricPage, int | None]]:
    """The edition's rubrics in tree order, each with its parent rubric's id (one query)."""
    rubrics = list(
        visible(RubricPage.objects.filter(locale__language_code=edition))
        .order_by("path")
        .only("id", "slug", "title", "path", "url_path")
    )
    ids = {rubric.path: rubric.id for rubric in rubrics}
    return [(rubric, ids.get(rubric.path[: -RubricPage.steplen])) for rubric in rubrics]


def people_page(
    model: type[AuthorPage] | type[EntityPage],
    edition: str,
    offset: int,
    limit: int,
    **filters: Any,
) -> tuple[list[Page], int]:
    """A page of the edition's authors or entities by name, and how many there are
    (two queries)."""
    people = visible(model.objects.filter(locale__language_code=edition, **filters)).order_by(
        "title", "id"
    )
    return list(people[offset : offset + limit]), people.count()


def next_cursor(last: ArticlePage) -> str:
    return cursor_encode(last.first_published_at, last.id)
