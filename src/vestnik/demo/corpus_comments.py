"""Reader comments for the synthetic corpus (``vestnik generate --comments M``), in bulk.

Writes the rows ``comments.services.comment_record`` writes (cleaned text, its rendered
HTML and fingerprint, the thread counts), approved, about one in four a reply to an
earlier comment on the same article; comment n depends only on (seed, n).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta

from vestnik.comments.models import CommentState, CommentThread, ReaderComment
from vestnik.comments.services import body_fingerprint
from vestnik.core.sanitise import reader_text_to_html

BATCH = 5000
_NAMES = {
    "ru": ["Айбек", "Наталья", "Тимур", "Гульнара", "Сергей", "Асель", "Гость"],
    "ky": ["Бакыт", "Айпери", "Нурлан", "Жыпар", "Эрмек", "Конок"],
    "en": ["Dana", "Ruslan", "Malika", "Peter", "Aziz", "Guest"],
}
_OPENINGS = {
    "ru": ["Интересно, что", "Не согласен, что", "Хорошо, что", "Жаль, что", "Кто знает, почему"],
    "ky": ["Кызык, бул", "Макул эмесмин,", "Жакшы болду,", "Өкүнүчтүү,", "Ким билет,"],
    "en": ["Interesting that", "I doubt that", "Good to see that", "A pity that", "Why is it that"],
}
_TOPICS = {
    "ru": [
        "бюджет снова вырос",
        "дорогу откроют к осени",
        "школы получат учителей",
        "тарифы не меняются",
    ],
    "ky": ["бюджет дагы өстү", "жол күзгө ачылат", "мектептер мугалим алат", "тарифтер өзгөрбөйт"],
    "en": [
        "the budget grew again",
        "the road opens by autumn",
        "schools get teachers",
        "fares stay the same",
    ],
}


def generate_comments(
    articles: Sequence[tuple[int, str, datetime]], count: int, seed: int, now: datetime
) -> int:
    """Add ``count`` approved comments over ``articles`` ((id, language, published)).
    Answers how many rows were written."""
    if not articles or count < 1:
        return 0
    roots: list[ReaderComment] = []
    replies: list[tuple[ReaderComment, int]] = []  # (reply, index of its root in roots)
    roots_of: dict[int, list[int]] = {}
    for n in range(count):
        rng = random.Random(f"{seed}:comment:{n}")
        article_id, code, published = articles[rng.randrange(len(articles))]
        comment = _comment(rng, n, article_id, code, published, now)
        earlier = roots_of.get(article_id)
        if earlier and rng.random() < 0.25:
            replies.append((comment, earlier[rng.randrange(len(earlier))]))
        else:
            roots_of.setdefault(article_id, []).append(len(roots))
            roots.append(comment)
    ReaderComment.objects.bulk_create(roots, batch_size=BATCH)
    for reply, root in replies:
        reply.parent_id = reply.root_id = roots[root].id
        reply.depth = 1
    ReaderComment.objects.bulk_create([reply for reply, _root in replies], batch_size=BATCH)
    _count_threads(Counter(c.article_id for c in roots) + Counter(r.article_id for r, _ in replies))
    return count


def _comment(rng, n, article_id, code, published, now) -> ReaderComment:
    names, openings, topics = _NAMES[code], _OPENINGS[code], _TOPICS[code]
    body = f"{rng.choice(openings)} {rng.choice(topics)} ({n})."
    span = max(60.0, (now - published).total_seconds())
    return ReaderComment(
        article_id=article_id,
        author_name=rng.choice(names),
        body=body,
        body_html=reader_text_to_html(body),
        body_hash=body_fingerprint(body),
        state=CommentState.APPROVED,
        created_at=published + timedelta(seconds=rng.uniform(30, span)),
        source="generate",
    )


def _count_threads(per_article: Counter) -> None:
    existing = set(
        CommentThread.objects.filter(article_id__in=per_article).values_list(
            "article_id", flat=True
        )
    )
    CommentThread.objects.bulk_create(
        [
            CommentThread(article_id=a, approved_count=n)
            for a, n in per_article.items()
            if a not in existing
        ],
        batch_size=BATCH,
    )
    from django.db.models import F

    for article_id in existing:
        CommentThread.objects.filter(article_id=article_id).update(
            approved_count=F("approved_count") + per_article[article_id]
        )
