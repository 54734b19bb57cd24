"""Dates and numbers as each edition's language writes them: the article's byline, the
cards of a listing and their comment counts (Russian has three plural forms)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from tests import factories

from vestnik.comments.models import CommentThread
from vestnik.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db

BISHKEK = ZoneInfo("Asia/Bishkek")
MOMENT = datetime(2026, 11, 5, 9, 30, tzinfo=BISHKEK)


def dated(code: str) -> ArticlePage:
    article = factories.article(code, headline=f"Dated article in {code}")
    ArticlePage.objects.filter(id=article.id).update(
        first_published_at=MOMENT, last_published_at=MOMENT
    )
    return article


@pytest.mark.parametrize(
    ("code", "written"),
    [
        ("ru", "5 ноября 2026 г. 9:30"),  # the genitive month, "г." for the year
        ("ky", "5 Ноябрь 2026 ж. 9:30"),  # "ж." for the year
        ("en", "Nov. 5, 2026, 9:30 a.m."),
    ],
)
def test_the_byline_date_is_written_as_the_edition_writes_it(client, editions, code, written):
    article = dated(code)
    page = client.get(article.url).content.decode()
    assert f">{written}</time>" in page
    assert 'datetime="2026-11-05T09:30:00+06:00"' in page


@pytest.mark.parametrize(
    ("count", "written"),
    [(1, "1 комментарий"), (3, "3 комментария"), (5, "5 комментариев"), (21, "21 комментарий")],
)
def test_comment_counts_take_the_russian_plural_forms(client, editions, count, written):
    article = dated("ru")
    CommentThread.objects.create(article=article, approved_count=count, pending_count=0)
    listing = client.get(article.get_parent().url).content.decode()
    assert written in listing
