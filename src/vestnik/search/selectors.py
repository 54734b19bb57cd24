"""Reader search: live articles of one edition, by relevance with a recency boost.

Two queries a page of results whatever the archive's size: the candidates (id,
relevance, date; at most CANDIDATES) and the shown entries with their pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from wagtail.models import Locale

from vestnik.newsroom.models import ArticleAuthor, AuthorPage, RubricPage
from vestnik.search import text
from vestnik.search.models import SearchEntry

PER_PAGE = 10
CANDIDATES = 200  # the best matches by relevance that the recency boost re-orders
RECENCY_WEIGHT = 1.0  # a story of today weighs up to twice one of long ago
RECENCY_HALF_LIFE_DAYS = 30.0
# bm25 weight of a match in the headline against one in the text (SQLite); PostgreSQL's
# ts_rank weighs its A (headline) and B (text) labels 1.0 and 0.4 by default.
TITLE_WEIGHT = 5.0


@dataclass
class SearchFilters:
    rubric: RubricPage | None = None
    author: AuthorPage | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass
class SearchResults:
    query: str
    terms: list[str]
    page: PaginatorPage | None = None
    results: list[dict[str, Any]] = field(default_factory=list)


def _filtered(locale: Locale, filters: SearchFilters) -> QuerySet[SearchEntry]:
    entries = SearchEntry.objects.filter(locale=locale)
    if filters.rubric is not None:
        rubrics = RubricPage.objects.descendant_of(filters.rubric, inclusive=True)
        entries = entries.filter(rubric_id__in=rubrics.values("id"))
    if filters.author is not None:
        # By translation key: a translated article may still name the source's author page.
        written = ArticleAuthor.objects.filter(
            author__translation_key=filters.author.translation_key
        )
        entries = entries.filter(page_id__in=written.values("page_id"))
    if filters.date_from is not None:
        entries = entries.filter(published_at__date__gte=filters.date_from)
    if filters.date_to is not None:
        entries = entries.filter(published_at__date__lte=filters.date_to)
    return entries


def search_authors(locale: Locale) -> list[AuthorPage]:
    """The live author pages of ``locale``'s edition, by name: the author filter's choices."""
    return list(
        AuthorPage.objects.live()
        .filter(locale=locale)
        .order_by("title", "id")
        .only("id", "title", "translation_key", "locale_id")
    )


def _ranked_sqlite(entries: QuerySet[SearchEntry], terms: list[str]) -> QuerySet:
    # The FTS5 table has no model; the reader's text is only ever a bound parameter.
    match = text.fts_match(terms)
    matching = RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", (match,))
    relevance = RawSQL(
        "SELECT -bm25(search_fts, %s, 1.0) FROM search_fts WHERE search_fts MATCH %s"
        ' AND search_fts.rowid = "search_searchentry"."page_id"',
        (TITLE_WEIGHT, match),
    )
    return entries.filter(page_id__in=matching).annotate(relevance=relevance)


def _ranked_postgres(entries: QuerySet[SearchEntry], query: str, language: str) -> QuerySet:
    # The stored, GIN-indexed document: no vector is computed at query time.
    from django.contrib.postgres.search import SearchQuery, SearchRank

    config = text.TS_CONFIGS.get(language, "simple")
    ts_query = SearchQuery(text.tsquery_prefixes(query), search_type="raw", config=config)
    return entries.filter(document=ts_query).annotate(relevance=SearchRank(F("document"), ts_query))


def _boosted(rows: list[dict[str, Any]], now: dt.datetime) -> list[int]:
    def score(row: dict[str, Any]) -> float:
        age_days = max(0.0, (now - row["published_at"]).total_seconds() / 86400)
        boost = 1 + RECENCY_WEIGHT * 0.5 ** (age_days / RECENCY_HALF_LIFE_DAYS)
        return float(row["relevance"] or 0) * boost

    return [row["page_id"] for row in sorted(rows, key=lambda r: (-score(r), -r["page_id"]))]


def search_candidates(locale: Locale, query: str, filters: SearchFilters) -> QuerySet:
    """The query of the best CANDIDATES matches: page_id, relevance and date, best first.

    ``query`` must be cleaned (``text.query_clean``) and have at least one stem."""
    language = locale.language_code
    entries = _filtered(locale, filters)
    if connection.vendor == "postgresql":
        ranked = _ranked_postgres(entries, query, language)
    else:
        ranked = _ranked_sqlite(entries, text.query_stems(query, language))
    return ranked.order_by("-relevance", "-page_id").values("page_id", "relevance", "published_at")[
        :CANDIDATES
    ]


def search_articles(
    locale: Locale, raw_query: str, filters: SearchFilters, page_number: Any = 1
) -> SearchResults:
    """Live articles of ``locale``'s edition matching ``raw_query`` (any text: it is cleaned).

    Locale-sensitive: words are stemmed in the edition's language (Snowball on SQLite,
    the edition's text-search configuration on PostgreSQL). Never raises on the query or
    the page number: an empty query gives no results, a bad page number the nearest page.
    """
    query = text.query_clean(raw_query)
    language = locale.language_code
    terms = text.query_stems(query, language)
    results = SearchResults(query=query, terms=terms)
    if not terms:
        return results
    rows = list(search_candidates(locale, query, filters))
    order = _boosted(rows, timezone.now())
    results.page = Paginator(order, PER_PAGE).get_page(page_number)
    shown = list(results.page.object_list)
    by_id = {
        entry.page_id: entry
        for entry in SearchEntry.objects.filter(page_id__in=shown).select_related("page")
    }
    results.results = [
        {
            "page": by_id[page_id].page,
            "title": by_id[page_id].title,
            "published_at": by_id[page_id].published_at,
            "snippet": text.snippet(by_id[page_id].body_text, terms, language),
        }
        for page_id in shown
        if page_id in by_id
    ]
    return results
