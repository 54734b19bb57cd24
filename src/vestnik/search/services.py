"""Keep the search index in step with what is live; every function is idempotent."""

from __future__ import annotations

import html
from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction

from vestnik.core.text import stems, stream_text
from vestnik.newsroom.models import ArticlePage
from vestnik.search.models import SearchEntry
from vestnik.search.text import TS_CONFIGS

REINDEX_CHUNK = 200


def _fts_enabled() -> bool:
    return connection.vendor == "sqlite"


def _fts_replace(entries: list[SearchEntry], forget: Iterable[int], languages: dict) -> None:
    """SQLite: the title's stems in a column of their own, so that bm25 can weigh them."""
    rows = [
        (entry.page_id, " ".join(stems(entry.title, languages[entry.locale_id])), entry.stems)
        for entry in entries
    ]
    gone = [(page_id,) for page_id in forget] + [(entry.page_id,) for entry in entries]
    with connection.cursor() as cursor:
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", gone)
        cursor.executemany("INSERT INTO search_fts (rowid, title, stems) VALUES (%s, %s, %s)", rows)


def _documents_fill(entries: list[SearchEntry], languages: dict) -> None:
    """PostgreSQL: store each entry's weighted tsvector, one UPDATE per edition, so that
    queries read the GIN-indexed column instead of computing vectors."""
    for locale_id, code in languages.items():
        config = TS_CONFIGS.get(code, "simple")
        ids = [entry.page_id for entry in entries if entry.locale_id == locale_id]
        SearchEntry.objects.filter(page_id__in=ids).update(
            document=SearchVector("title", weight="A", config=config)
            + SearchVector("body_text", weight="B", config=config)
        )


def _entry(article: ArticlePage) -> SearchEntry:
    language = article.locale.language_code
    # stream_text strips tags but leaves entities; the snippet escapes on its own.
    body_text = html.unescape(" ".join([article.lead, *stream_text(article.body)]))
    return SearchEntry(
        page_id=article.id,
        locale_id=article.locale_id,
        rubric_id=article.get_parent().id,
        published_at=article.first_published_at or article.last_published_at,
        title=article.title,
        body_text=body_text,
        stems=" ".join(stems(f"{article.title} {body_text}", language)),
    )


@transaction.atomic
def search_index_many(article_ids: Iterable[int]) -> int:
    """Index the live articles among ``article_ids`` and drop the others from the index.

    Returns how many were indexed. Safe to run twice; ids of deleted pages are dropped.
    """
    ids = sorted(set(article_ids))
    live = list(ArticlePage.objects.for_readers().filter(id__in=ids).select_related("locale"))
    entries = [_entry(article) for article in live]
    SearchEntry.objects.filter(page_id__in=ids).delete()
    SearchEntry.objects.bulk_create(entries)
    languages = {article.locale_id: article.locale.language_code for article in live}
    if connection.vendor == "postgresql":
        _documents_fill(entries, languages)
    elif _fts_enabled():
        live_ids = {entry.page_id for entry in entries}
        _fts_replace(entries, [i for i in ids if i not in live_ids], languages)
    return len(entries)


def search_index_article(article_id: int) -> None:
    """Index one article if it is live, else remove it from the index."""
    search_index_many([article_id])


def search_reindex_all() -> int:
    """Rebuild the whole index from the live articles (the ``search_reindex`` command)."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        if _fts_enabled():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fts")
    ids = list(ArticlePage.objects.for_readers().order_by("id").values_list("id", flat=True))
    return sum(
        search_index_many(ids[start : start + REINDEX_CHUNK])
        for start in range(0, len(ids), REINDEX_CHUNK)
    )
