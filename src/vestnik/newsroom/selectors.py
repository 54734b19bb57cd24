"""Reads for reader pages. Each selector runs a fixed number of queries, whatever the size
of the site or the number of authors, entities and tags on an article.

Every listing is of one edition: the locale of the page asking.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.core.paginator import Page as PaginatorPage
from django.db.models import Case, F, IntegerField, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber, Substr
from django.http import Http404
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from vestnik.newsroom.archive import Period
from vestnik.newsroom.models import (
    ArticlePage,
    AuthorPage,
    EntityPage,
    HomePage,
    RubricPage,
    Tag,
    TagIndexPage,
)

_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")
HOME_LATEST = 12
HOME_BREAKING = 3
HOME_PER_RUBRIC = 4
HOME_RANKING_WINDOW = 1000
# A republish within this time of the first publication is not shown as an update.
UPDATE_SHOWN_AFTER = timedelta(minutes=10)


def articles_live(locale_id: int) -> QuerySet[ArticlePage]:
    """Published articles of one edition, newest first, in a stable order."""
    return (
        ArticlePage.objects.for_readers()
        .filter(locale_id=locale_id)
        .order_by("-first_published_at", "-id")
        .defer_streamfields()
    )


# Other apps add what a card shows (comment counts...): each runs one query per listing.
_card_annotators: list[Callable[[Sequence[ArticlePage]], None]] = []


def register_card_annotator(annotator: Callable[[Sequence[ArticlePage]], None]) -> None:
    if annotator not in _card_annotators:
        _card_annotators.append(annotator)


def attach_rubrics(articles: Sequence[ArticlePage]) -> Sequence[ArticlePage]:
    """Set ``article.rubric`` (the parent rubric page) on each article with one query,
    then let each registered card annotator add its own attributes (one query each)."""
    steplen = ArticlePage.steplen
    parent_paths = {article.path[:-steplen] for article in articles}
    rubrics = {
        rubric.path: rubric
        for rubric in RubricPage.objects.filter(path__in=parent_paths).only(
            "id", "title", "url_path", "path", "depth", "locale_id"
        )
    }
    for article in articles:
        article.rubric = rubrics.get(article.path[:-steplen])
    if articles:
        for annotator in _card_annotators:
            annotator(articles)
    return articles


def attach_card_images(articles: Sequence[ArticlePage]) -> None:
    """Set ``article.card_image`` (the lead image, or None) on each article: one query
    for all of them, none when none has a lead image. Renditions come from Wagtail's
    rendition cache."""
    image_ids = {article.lead_image_id for article in articles if article.lead_image_id}
    images = get_image_model().objects.in_bulk(image_ids) if image_ids else {}
    for article in articles:
        article.card_image = images.get(article.lead_image_id)


def paginate(queryset: QuerySet, page_number: str | None) -> PaginatorPage:
    """One page of a listing; a page number that is not a valid page answers 404.

    Raises Http404 for a non-numeric, zero, negative, zero-padded or out-of-range
    ``page_number``.
    """
    paginator = Paginator(queryset, settings.VESTNIK_PAGE_SIZE)
    if page_number is None:
        page_number = "1"
    if not _PAGE_NUMBER.fullmatch(page_number):  # one URL per page: no "01", "１" or "+1"
        raise Http404("Invalid page number")
    try:
        page = paginator.page(int(page_number))
    except InvalidPage as error:
        raise Http404("Invalid page number") from error
    page.object_list = attach_rubrics(list(page.object_list))
    attach_card_images(page.object_list)  # every card of a listing shows its picture
    return page


def article_page_for_rubric(rubric: RubricPage, page_number: str | None) -> PaginatorPage:
    """The rubric's articles (including those of its sub-rubrics), newest first, after
    the articles pinned in this rubric itself (a sub-rubric's pins stay in the sub-rubric)."""
    pinned_here = Case(
        When(pinned=True, depth=rubric.depth + 1, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    queryset = (
        articles_live(rubric.locale_id)
        .filter(path__startswith=rubric.path, depth__gt=rubric.depth)
        .order_by(pinned_here, "-first_published_at", "-id")
    )
    return paginate(queryset, page_number)


def article_page_for_author(author: AuthorPage, page_number: str | None) -> PaginatorPage:
    queryset = articles_live(author.locale_id).filter(
        author_rows__author__translation_key=author.translation_key
    )
    return paginate(queryset.distinct(), page_number)


def article_page_for_entity(entity: EntityPage, page_number: str | None) -> PaginatorPage:
    queryset = articles_live(entity.locale_id).filter(
        entity_rows__entity__translation_key=entity.translation_key
    )
    return paginate(queryset.distinct(), page_number)


def article_page_for_tag(tag: Tag, page_number: str | None) -> PaginatorPage:
    queryset = articles_live(tag.locale_id).filter(
        tag_rows__tag__translation_key=tag.translation_key
    )
    return paginate(queryset.distinct(), page_number)


def article_page_for_period(
    home: HomePage, period: Period, page_number: str | None
) -> PaginatorPage:
    """The edition's articles first published within ``period``, newest first: live,
    public (no view restriction above them) and not dated in the future.

    Raises Http404 for an invalid page number or a period without articles, so that
    crawlers find no endless run of empty dates.
    """
    queryset = articles_live(home.locale_id).filter(
        first_published_at__gte=period.start,
        first_published_at__lt=min(period.end, timezone.now()),
    )
    page = paginate(queryset, page_number)
    if not page.paginator.count:
        raise Http404("No articles in this period")
    return page


@dataclass(frozen=True)
class RubricBlock:
    rubric: RubricPage
    articles: list[ArticlePage]


def rubrics_of_edition(home: Page) -> list[RubricPage]:
    return list(
        RubricPage.objects.child_of(home)
        .live()
        .order_by("path")
        .only("id", "title", "url_path", "path", "depth", "locale_id", "slug")
    )


def home_context(home: HomePage) -> dict[str, Any]:
    """Latest, breaking and per-rubric blocks of one edition's home page (5 queries, 6
    when the newest article has a lead image): of the articles shown on the home page
    (``show_on_home``)."""
    shown = articles_live(home.locale_id).filter(show_on_home=True)
    latest = list(shown[:HOME_LATEST])
    breaking = list(shown.filter(breaking=True)[:HOME_BREAKING])
    rubrics = rubrics_of_edition(home)
    # Articles of sub-rubrics count in their top rubric's block.
    top_rubric_path = Substr("path", 1, (home.depth + 1) * ArticlePage.steplen)
    # Ranked among the edition's latest articles only: the window function's cost stays
    # fixed however large the archive grows (a rubric silent that long has no block).
    recent = shown.values("id")[:HOME_RANKING_WINDOW]
    ranked = shown.filter(
        id__in=recent, path__startswith=home.path, depth__gte=home.depth + 2
    ).annotate(
        rubric_path=top_rubric_path,
        rank=Window(
            RowNumber(),
            partition_by=[top_rubric_path],
            order_by=[F("first_published_at").desc(), F("id").desc()],
        ),
    )
    per_rubric: dict[str, list[ArticlePage]] = {}
    for article in ranked.filter(rank__lte=HOME_PER_RUBRIC):
        per_rubric.setdefault(article.rubric_path, []).append(article)
    attach_rubrics([*latest, *breaking, *[a for items in per_rubric.values() for a in items]])
    attach_card_images(latest[:1])  # only the first card of the front page has a picture
    blocks = [
        RubricBlock(rubric, per_rubric[rubric.path])
        for rubric in rubrics
        if rubric.path in per_rubric
    ]
    return {"latest": latest, "breaking": breaking, "rubric_blocks": blocks}


def _resolve_to_locale(model: Any, items: Iterable[Any], locale_id: int) -> list[Any]:
    """Each item replaced by its translation in ``locale_id`` where one exists (one query)."""
    items = list(items)
    keys = {item.translation_key for item in items}
    manager = model.objects.live() if issubclass(model, Page) else model.objects
    localized = {
        obj.translation_key: obj
        for obj in manager.filter(translation_key__in=keys, locale_id=locale_id)
    }
    resolved = [localized.get(item.translation_key) for item in items]
    # No translation in this edition: the original, if readers can reach it; else nothing.
    fallback = [item if not isinstance(item, Page) or item.live else None for item in items]
    return [r or f for r, f in zip(resolved, fallback, strict=True) if (r or f) is not None]


def article_detail_context(article: ArticlePage) -> dict[str, Any]:
    """Authors, entities and tags of an article, in the reader's edition, and its rubric.

    Eight queries, however many authors, entities and tags the article has.
    """
    author_rows = article.author_rows.select_related("author").order_by("sort_order")
    entity_rows = article.entity_rows.select_related("entity").order_by("sort_order")
    tag_rows = article.tag_rows.select_related("tag").order_by("sort_order")
    rubric = RubricPage.objects.filter(path=article.path[: -article.steplen]).first()
    tag_index = TagIndexPage.objects.filter(locale_id=article.locale_id).live().first()
    first, last = article.first_published_at, article.last_published_at
    return {
        "updated": bool(first and last and last - first > UPDATE_SHOWN_AFTER),
        "tag_index_url": tag_index.url if tag_index else "",
        "authors": _resolve_to_locale(
            AuthorPage, [r.author for r in author_rows], article.locale_id
        ),
        "entities": _resolve_to_locale(
            EntityPage, [r.entity for r in entity_rows], article.locale_id
        ),
        "tags": _resolve_to_locale(Tag, [r.tag for r in tag_rows], article.locale_id),
        "rubric": rubric,
    }


def page_translations(page: Page) -> list[Page]:
    """The live versions of ``page`` in every edition (itself included), in the order of
    settings.LANGUAGES; one query, remembered on the page for the rest of the render."""
    cached = getattr(page, "_vestnik_translations", None)
    if cached is None:
        order = [code for code, _name in settings.LANGUAGES]
        found = page.get_translations(inclusive=True).live().select_related("locale")
        cached = sorted(found, key=lambda p: order.index(p.locale.language_code))
        page._vestnik_translations = cached
    return cached


def breadcrumb_trail(page: Page) -> list[Page]:
    """The live ancestors of ``page`` from its edition's home down (the home first); one
    query, remembered on the page: the breadcrumbs, their structured data and the date
    archive link all read it."""
    cached = getattr(page, "_vestnik_trail", None)
    if cached is None:
        cached = list(page.get_ancestors().filter(depth__gte=2).live().order_by("depth"))
        page._vestnik_trail = cached
    return cached


def edition_homes() -> list[HomePage]:
    """Every edition's home page, in the order of settings.LANGUAGES."""
    order = [code for code, _name in settings.LANGUAGES]
    homes = list(HomePage.objects.live().select_related("locale"))
    return sorted(homes, key=lambda home: order.index(home.locale.language_code))


def edition_home(locale: Locale) -> HomePage | None:
    return HomePage.objects.live().filter(locale=locale).first()
