"""Compute "Read also" when an article is published, from an index, never on the page.

Score of a candidate = shared entities x 4 + shared tags x 3 + same rubric x 1.5
+ shared terms (weighted) + a recency bonus. Candidates come from a few index queries
(bounded by CANDIDATES), so the cost does not grow with the size of the archive.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from vestnik.core.purge import purge_paths
from vestnik.core.text import stems, stream_text
from vestnik.newsroom.models import ArticleEntity, ArticlePage, ArticleTag
from vestnik.related.models import RelatedLink, RelatedTerm
from vestnik.related.purging import article_paths

TERMS_PER_ARTICLE = 24
CANDIDATES = 200
RECENT_FALLBACK = 30
NEIGHBOURS = 6  # how many neighbours a publish recomputes, besides the article itself
W_ENTITY, W_TAG, W_RUBRIC, W_TERM, W_RECENCY = 4.0, 3.0, 1.5, 0.5, 2.0


def article_terms(article: ArticlePage) -> dict[str, float]:
    """The article's top stems, headline words weighing most."""
    language = article.locale.language_code
    counts: Counter[str] = Counter()
    for weight, text in ((3, article.title), (2, article.lead)):
        for stem in stems(text, language):
            counts[stem] += weight
    for text in stream_text(article.body):
        counts.update(stems(text, language))
    top = [(stem, n) for stem, n in counts.most_common() if len(stem) >= 4][:TERMS_PER_ARTICLE]
    return {stem: 1.0 + math.log(n) for stem, n in top}


@transaction.atomic
def related_index_article(article: ArticlePage) -> dict[str, float]:
    """Replace the article's rows in the term index; returns its terms."""
    terms = article_terms(article)
    RelatedTerm.objects.filter(article=article).delete()
    RelatedTerm.objects.bulk_create(
        RelatedTerm(article=article, locale_id=article.locale_id, term=term, weight=weight)
        for term, weight in terms.items()
    )
    return terms


def _shared_rows(rows: QuerySet, live: QuerySet) -> list[dict]:
    """Articles of ``live`` among ``rows`` (tag or entity rows), with how many each shares."""
    return list(
        rows.filter(page__in=live)
        .values("page_id")
        .annotate(n=Count("id"))
        .order_by("-n")[:CANDIDATES]
    )


def _candidate_scores(article: ArticlePage, terms: dict[str, float]) -> dict[int, float]:
    scores: dict[int, float] = defaultdict(float)
    live = (
        ArticlePage.objects.for_readers().filter(locale_id=article.locale_id).exclude(id=article.id)
    )
    entity_keys = ArticleEntity.objects.filter(page=article).values("entity__translation_key")
    tag_ids = ArticleTag.objects.filter(page=article).values("tag_id")
    shared = (
        (W_ENTITY, ArticleEntity.objects.filter(entity__translation_key__in=entity_keys)),
        (W_TAG, ArticleTag.objects.filter(tag_id__in=tag_ids)),
    )
    for weight, rows in shared:
        for row in _shared_rows(rows, live):
            scores[row["page_id"]] += weight * row["n"]
    for row in (
        RelatedTerm.objects.filter(
            locale_id=article.locale_id, term__in=list(terms), article__in=live
        )
        .values("article_id")
        .annotate(s=Sum("weight"))
        .order_by("-s")[:CANDIDATES]
    ):
        scores[row["article_id"]] += W_TERM * row["s"]
    rubric_path = article.path[: -article.steplen]
    for page_id in (
        live.filter(path__startswith=rubric_path, depth=article.depth)
        .order_by("-first_published_at")
        .values_list("id", flat=True)[:RECENT_FALLBACK]
    ):
        scores[page_id] += W_RUBRIC
    for page_id in live.order_by("-first_published_at").values_list("id", flat=True)[
        :RECENT_FALLBACK
    ]:
        scores.setdefault(page_id, 0.0)  # recent articles of the edition: the floor of 3 picks
    return scores


def _rank(article: ArticlePage, scores: dict[int, float]) -> list[tuple[int, float]]:
    now = timezone.now()
    dates = dict(
        ArticlePage.objects.filter(id__in=list(scores)).values_list("id", "first_published_at")
    )
    ranked = []
    for page_id, score in scores.items():
        published = dates.get(page_id) or now
        age_days = max((now - published).total_seconds() / 86400, 0)
        ranked.append((page_id, score + W_RECENCY / (1 + age_days / 30), published))
    ranked.sort(key=lambda item: (-item[1], -item[2].timestamp(), -item[0]))
    return [(page_id, score) for page_id, score, _published in ranked]


def related_recompute(
    article_id: int, *, neighbours: bool = True, reindex: bool = True
) -> list[int]:
    """Recompute the article's "Read also" (pins first); return the related ids.

    An unpublished or missing article loses its links. With ``neighbours``, the
    articles it now links to are recomputed too (at most NEIGHBOURS, not recursively,
    and without re-reading their text, which did not change), each in its own
    transaction, so two workers never hold locks on each other's articles.
    """
    related_ids = _recompute_one(article_id, reindex=reindex)
    if neighbours:
        for neighbour_id in related_ids[:NEIGHBOURS]:
            _recompute_one(neighbour_id, reindex=False)
    return related_ids


@transaction.atomic
def _recompute_one(article_id: int, *, reindex: bool) -> list[int]:
    # The row lock serialises two workers recomputing the same article (PostgreSQL).
    article = (
        ArticlePage.objects.select_for_update(of=("self",))
        .filter(id=article_id)
        .select_related("locale")
        .first()
    )
    if article is None or not article.live:
        RelatedLink.objects.filter(article_id=article_id).delete()
        return []
    terms = related_index_article(article) if reindex else _stored_terms(article)
    pins = list(
        article.pinned_related_rows.filter(related__live=True, related__locale_id=article.locale_id)
        .exclude(related_id=article.id)
        .order_by("sort_order")
        .values_list("related_id", flat=True)
    )[: settings.VESTNIK_RELATED_MAX]
    scores = _candidate_scores(article, terms)
    computed = [(pid, s) for pid, s in _rank(article, scores) if pid not in pins]
    chosen = [(pid, 0.0, True) for pid in pins]
    chosen += [(pid, s, False) for pid, s in computed[: settings.VESTNIK_RELATED_MAX - len(pins)]]
    before = list(
        RelatedLink.objects.filter(article=article)
        .order_by("position")
        .values_list("related_id", flat=True)
    )
    if before != [pid for pid, _s, _p in chosen]:
        # The page's "Read also" changes: its cached copies go once this commits.
        transaction.on_commit(partial(_purge_read_also, article.id))
    RelatedLink.objects.filter(article=article).delete()
    RelatedLink.objects.bulk_create(
        RelatedLink(article=article, related_id=pid, position=i, pinned=pinned, score=s)
        for i, (pid, s, pinned) in enumerate(chosen)
    )
    return [pid for pid, _s, _p in chosen]


def _purge_read_also(article_id: int) -> None:
    """The article's "Read also" changed: its cached copies go (in this task, after the
    commit; its neighbours' lists are theirs to purge)."""
    purge_paths(article_paths(ArticlePage.objects.filter(id=article_id)))


def _stored_terms(article: ArticlePage) -> dict[str, float]:
    stored = dict(RelatedTerm.objects.filter(article=article).values_list("term", "weight"))
    return stored or related_index_article(article)


def related_forget(article_id: int) -> None:
    """After an unpublish or delete: drop the article's links and mend those that showed it."""
    RelatedLink.objects.filter(article_id=article_id).delete()
    RelatedTerm.objects.filter(article_id=article_id).delete()
    showing = list(
        RelatedLink.objects.filter(related_id=article_id)
        .order_by("-article_id")
        .values_list("article_id", flat=True)[:50]
    )
    for page_id in showing:
        related_recompute(page_id, neighbours=False, reindex=False)
    RelatedLink.objects.filter(related_id=article_id).delete()


def related_recompute_many(article_ids: Iterable[int]) -> None:
    """Once per batch (imports): each article, then each neighbour once, not per article."""
    ids = sorted(set(article_ids))
    neighbours: set[int] = set()
    for article_id in ids:
        neighbours.update(related_recompute(article_id, neighbours=False)[:NEIGHBOURS])
    for neighbour_id in sorted(neighbours - set(ids)):
        related_recompute(neighbour_id, neighbours=False, reindex=False)
