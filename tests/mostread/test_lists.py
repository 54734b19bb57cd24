"""Most-read lists: ranked by the views of 24 hours and 7 days, of live public articles of
one edition only, in a fixed number of queries and then from the cache."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.mostread.conftest import live_article
from wagtail.models import PageViewRestriction

from vestnik.core.management.commands.tick import PERIODIC_COMMANDS
from vestnik.mostread.models import ArticleViewHour
from vestnik.mostread.selectors import most_read


def views(article, hours_ago: float, count: int) -> None:
    hour = (timezone.now() - timedelta(hours=hours_ago)).replace(minute=0, second=0, microsecond=0)
    ArticleViewHour.objects.create(
        article=article, locale_id=article.locale_id, hour=hour, count=count
    )


def titles(articles) -> list[str]:
    return [article.title for article in articles]


def scheduled_article():
    """Published for later through Wagtail's own scheduling: not live until then."""
    article = live_article(live=False, title="Scheduled")
    article.go_live_at = timezone.now() + timedelta(days=1)
    article.save_revision().publish()
    article.refresh_from_db()
    assert not article.live
    return article


def test_lists_rank_by_the_views_of_their_period_and_show_only_live_public_articles(editions):
    steady, burst, older = (live_article(title=t) for t in ("Steady", "Burst", "Older"))
    views(steady, 1, 10)
    views(burst, 0, 6)
    views(burst, 50, 100)  # two days ago: the week only
    views(older, 100, 20)
    views(older, 24 * 8, 1000)  # before the week
    draft = live_article(live=False, title="Draft")
    private = live_article(title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="p")
    other_edition = live_article("ru", title="Russian")
    for hidden in (draft, scheduled_article(), private, other_edition):
        views(hidden, 1, 500)

    lists = most_read(steady.locale_id)
    assert titles(lists["day"]) == ["Steady", "Burst"]
    assert titles(lists["week"]) == ["Burst", "Older", "Steady"]
    assert [article.views for article in lists["week"]] == [106, 20, 10]
    assert titles(most_read(other_edition.locale_id)["day"]) == ["Russian"]


def test_lists_take_two_queries_whatever_the_views_then_none(editions, settings):
    settings.VESTNIK_MOSTREAD_SIZE = 3
    articles = [live_article() for _ in range(5)]
    for number, article in enumerate(articles):
        for hours_ago in range(0, 48, 12):
            views(article, hours_ago, number + 1)
    with CaptureQueriesContext(connection) as uncached:
        lists = most_read(articles[0].locale_id)
    assert len(uncached) == 2
    assert len(lists["day"]) == len(lists["week"]) == 3
    with CaptureQueriesContext(connection) as cached:
        assert most_read(articles[0].locale_id) == lists
    assert len(cached) == 0


def test_the_tick_flushes_views_and_prunes_expired_hours(editions, settings, client):
    settings.VESTNIK_MOSTREAD_RETENTION_DAYS = 10
    article = live_article()
    views(article, 24 * 11, 5)  # past the retention
    views(article, 24 * 9, 7)
    response = client.post(
        "/beacon/", {"article": str(article.id)}, HTTP_USER_AGENT="Mozilla/5.0 (X11) Firefox/133"
    )
    assert response.status_code == 204
    # The tick's job (the tick itself closes the test's connection on PostgreSQL).
    assert ("mostread_flush", {}) in PERIODIC_COMMANDS
    call_command("mostread_flush")
    counts = sorted(ArticleViewHour.objects.filter(article=article).values_list("count", flat=True))
    assert counts == [1, 7]


def test_home_and_article_show_the_lists_and_the_article_carries_the_beacon(editions, client):
    read, unread = live_article(title="Much read"), live_article(title="Unread")
    views(read, 2, 3)
    cache.clear()
    home = client.get("/en/").content.decode()
    assert "most-read" in home and "Much read" in home
    page = client.get(unread.url).content.decode()
    assert 'data-view-beacon="/beacon/"' in page
    assert f'data-article="{unread.id}"' in page
    most_read_block = page[page.index('class="most-read"') :]
    assert "Much read" in most_read_block
    assert "Unread" not in most_read_block


def test_a_page_view_reads_the_lists_from_the_cache_without_a_query(editions, client):
    article = live_article(title="Cached favourite")
    views(article, 1, 4)
    client.get("/en/")  # fills the cache, as the first reader after a change does
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/en/").content.decode()
    assert "Cached favourite" in html[html.index('class="most-read"') :]
    assert not [q for q in captured if ArticleViewHour._meta.db_table in q["sql"]]
