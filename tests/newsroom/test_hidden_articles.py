"""A draft, an article scheduled for later and a private article reach no reader surface.

One public article and three hidden ones share a tag, an entity, a rubric and the words of
their text, so every surface that lists articles would pick the hidden ones up if it let
them through: the edition's listings, search, "Read also", feeds, sitemaps, most-read and the
content API.
"""

from __future__ import annotations

from datetime import timedelta

import feedparser
import pytest
from django.core.cache import cache
from django.test import Client, TestCase
from django.utils import timezone
from tests import factories
from wagtail.models import PageViewRestriction

from vestnik.core.sanitise import text_to_paragraph_html
from vestnik.mostread.selectors import forget_countable, most_read
from vestnik.mostread.services import views_flush
from vestnik.newsroom import selectors
from vestnik.related.selectors import related_for
from vestnik.search.models import SearchEntry
from vestnik.search.selectors import SearchFilters, search_articles

WORDS = "Glaciers of the Ala-Archa valley shrink faster than the survey expected."


@pytest.fixture
def articles(editions):
    tag, entity = factories.tag("en", "glaciers"), factories.entity("en", "Ala-Archa")

    def make(headline: str, **fields):
        return factories.article(
            "en", "economy", headline=headline, tags=[tag], entities=[entity],
            body=[("paragraph", text_to_paragraph_html(WORDS))], **fields,
        )  # fmt: skip

    draft = make("Glacier draft", publish=False)
    scheduled = make("Glacier scheduled", publish=False)
    scheduled.go_live_at = timezone.now() + timedelta(days=2)
    with TestCase.captureOnCommitCallbacks(execute=True):
        scheduled.save_revision().publish()
    private = make("Glacier private")
    with TestCase.captureOnCommitCallbacks(execute=True):
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    public = make("Glacier public")
    return {"public": public, "draft": draft, "scheduled": scheduled, "private": private}


HIDDEN = ("Glacier draft", "Glacier scheduled", "Glacier private")


def test_the_scheduled_article_is_not_live_yet(articles):
    articles["scheduled"].refresh_from_db()
    assert not articles["scheduled"].live
    assert articles["scheduled"].get_latest_revision().approved_go_live_at is not None


def test_listings_show_only_the_public_article(articles):
    rubric = factories.rubric("en", "economy")
    titles = [a.title for a in selectors.article_page_for_rubric(rubric, None).object_list]
    assert "Glacier public" in titles
    assert not set(HIDDEN) & set(titles)
    tag_titles = [
        a.title for a in selectors.article_page_for_tag(factories.tag("en", "glaciers"), None)
    ]
    assert tag_titles == ["Glacier public"]
    home = selectors.edition_home(factories.locale("en"))
    latest = [a.title for a in selectors.home_context(home)["latest"]]
    assert "Glacier public" in latest and not set(HIDDEN) & set(latest)


def test_search_finds_only_the_public_article(articles):
    results = search_articles(factories.locale("en"), "glacier survey", SearchFilters())
    assert [r["title"] for r in results.results] == ["Glacier public"]
    assert set(SearchEntry.objects.values_list("title", flat=True)) == {"Glacier public"}


def test_read_also_never_links_a_hidden_article(articles):
    assert not {a.title for a in related_for(articles["public"])} & set(HIDDEN)


FEEDS = (
    "/en/feeds/rss/",
    "/en/feeds/atom/full/",
    "/en/feeds/rubric/economy/rss/",
    "/en/feeds/tag/glaciers/atom/",
)


def test_feeds_carry_only_the_public_article(articles, client):
    for url in FEEDS:
        response = client.get(url)
        assert response.status_code == 200, url
        feed = feedparser.parse(response.content)
        assert not feed.bozo, url
        titles = {entry.title for entry in feed.entries}
        assert "Glacier public" in titles and not titles & set(HIDDEN), url


def test_sitemaps_list_only_the_public_article(articles, client):
    for url in ("/sitemap-en.xml", "/sitemap-news.xml"):
        text = client.get(url).content.decode()
        assert f"/{articles['public'].slug}/" in text, url
        for name in ("draft", "scheduled", "private"):
            assert f"/{articles[name].slug}/" not in text, (url, name)


def test_most_read_neither_counts_nor_lists_a_hidden_article(articles, client):
    forget_countable()
    cache.clear()
    agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"
    answers = {
        name: client.post(
            "/beacon/", {"article": str(page.id)}, HTTP_USER_AGENT=agent, REMOTE_ADDR="192.0.2.7"
        ).status_code
        for name, page in articles.items()
    }
    assert answers == {"public": 204, "draft": 400, "scheduled": 400, "private": 400}
    views_flush()
    lists = most_read(articles["public"].locale_id)
    assert [a.title for a in lists["day"]] == [a.title for a in lists["week"]] == ["Glacier public"]


def test_the_content_api_neither_lists_nor_shows_a_hidden_article(articles, client):
    for query in ("", "&tag=glaciers", "&rubric=economy"):
        items = client.get(f"/api/v1/articles?edition=en{query}").json()["items"]
        assert [item["id"] for item in items] == [articles["public"].id], query
    for name in ("draft", "scheduled", "private"):
        assert client.get(f"/api/v1/articles/{articles[name].id}").status_code == 404, name
    assert client.get(f"/api/v1/articles/{articles['public'].id}").status_code == 200


def test_lifting_the_restriction_brings_the_article_back(articles):
    with TestCase.captureOnCommitCallbacks(execute=True):
        PageViewRestriction.objects.filter(page=articles["private"]).delete()
    results = search_articles(factories.locale("en"), "glacier", SearchFilters())
    assert {r["title"] for r in results.results} == {"Glacier public", "Glacier private"}
    assert "Glacier private" in {a.title for a in related_for(articles["public"])}


def test_a_restriction_on_the_rubric_hides_its_articles(articles):
    rubric = factories.rubric("en", "economy")
    with TestCase.captureOnCommitCallbacks(execute=True):
        PageViewRestriction.objects.create(page=rubric, restriction_type="login")
    assert search_articles(factories.locale("en"), "glacier", SearchFilters()).results == []
    assert "Glacier public" not in Client().get("/en/").content.decode()
