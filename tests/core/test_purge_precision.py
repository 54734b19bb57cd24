"""A publish purges exactly the pages that show the article, from the front cache and from
Vestnik's own page cache, before its task completes; nothing else is purged."""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client, TestCase
from django.utils import timezone
from tests import factories
from tests.localhttp import QuietHandler, serving

from vestnik.core import pagecache
from vestnik.newsroom.models import TagIndexPage
from vestnik.related.models import RelatedLink

pytestmark = pytest.mark.page_cache
ENCODINGS = ("br", "gzip", "identity")


class PurgeRecorder(QuietHandler):
    """nginx's purge location as ngx_cache_purge answers it: 200 when something was
    stored, 404 when not. Every request is recorded."""

    seen: list[tuple[str, str, str, str]] = []
    lock = threading.Lock()

    def do_PURGE(self):
        with self.lock:
            self.seen.append(
                (
                    self.command,
                    self.path,
                    self.headers.get("Host", ""),
                    self.headers.get("Accept-Encoding", ""),
                )
            )
        self.answer(404, b"not cached")


@pytest.fixture
def front_cache(settings):
    PurgeRecorder.seen = []
    with serving(PurgeRecorder) as url:
        settings.WAGTAILFRONTENDCACHE = {
            "nginx": {"BACKEND": "vestnik.core.purge.PurgeBackend", "LOCATION": url}
        }
        yield PurgeRecorder.seen


@pytest.fixture
def story(editions):
    """An article with an author, an entity and a tag, and a neighbour whose "Read also"
    shows it; and an article in another edition that shows nothing of it."""
    shared = {
        "authors": [factories.author("en", "Aida", "Bekova")],
        "entities": [factories.entity("en", "Talas")],
        "tags": [factories.tag("en", "harvest")],
    }
    neighbour = factories.article("en", headline="Talas farmers count the harvest", **shared)
    article = factories.article("en", headline="Harvest in Talas beats forecasts", **shared)
    # Another edition: English "Read also" may fill up with any recent English article.
    stranger = factories.article("ru", "economy", headline="Ставки банка остались прежними")
    assert RelatedLink.objects.filter(article=neighbour, related=article).exists()
    return article, neighbour, stranger, shared


def _expected(article, neighbour, shared) -> set[str]:
    author, entity, tag = shared["authors"][0], shared["entities"][0], shared["tags"][0]
    day = timezone.localtime(article.first_published_at)
    tags_url = TagIndexPage.objects.get(locale__language_code="en").url
    pages = {
        article.url,
        article.url + "print/",
        "/en/politics/",
        "/en/",
        f"/en/{day:%Y}/",
        f"/en/{day:%Y}/{day:%m}/",
        f"/en/{day:%Y}/{day:%m}/{day:%d}/",
        f"{tags_url}{tag.slug}/",
        author.url,
        entity.url,
        neighbour.url,  # its "Read also" shows the headline
    }
    feeds = {
        f"/en/feeds/{scope}{fmt}/{full}"
        for scope in ("", "rubric/politics/", f"author/{author.slug}/", f"tag/{tag.slug}/")
        for fmt in ("rss", "atom")
        for full in ("", "full/")
    }
    sitemaps = {"/sitemap.xml", "/sitemap-en.xml", "/sitemap-news.xml"}
    api = {"/api/v1/articles", f"/api/v1/articles/{article.id}"}
    return pages | feeds | sitemaps | api


@pytest.mark.django_db
def test_a_publish_purges_exactly_the_pages_that_show_the_article(story, front_cache):
    article, neighbour, _stranger, shared = story
    front_cache.clear()
    article.title = "Harvest in Talas beats every forecast"
    factories.publish(article)  # returns once the publish's tasks have run

    expected = _expected(article, neighbour, shared)
    host = urlsplit(settings.BASE_URL).netloc
    assert {method for method, *_ in front_cache} == {"PURGE"}
    assert {h for _m, _p, h, _e in front_cache} == {host}
    purged = {path for _m, path, _h, _e in front_cache}
    assert purged == expected, (sorted(purged - expected), sorted(expected - purged))
    # Each path once per encoding nginx keeps apart, and nothing twice.
    assert sorted(front_cache) == sorted(
        ("PURGE", path, host, encoding) for path in expected for encoding in ENCODINGS
    )


@pytest.mark.django_db
def test_a_removed_tag_is_purged_too(story, front_cache):
    """The tag page listed the article until this edit removed the tag: it goes too."""
    article, _neighbour, _stranger, shared = story
    tag = shared["tags"][0]
    tags_url = TagIndexPage.objects.get(locale__language_code="en").url
    front_cache.clear()
    article.tag_rows.all().delete()
    article.tag_rows = []
    factories.publish(article)
    purged = {path for _m, path, _h, _e in front_cache}
    assert f"{tags_url}{tag.slug}/" in purged
    assert f"/en/feeds/tag/{tag.slug}/rss/" in purged


@pytest.mark.django_db
def test_the_own_cache_keeps_what_was_not_purged(story):
    """Vestnik's page cache: a publish drops the article and its listings, while an
    article that does not show it stays a hit."""
    article, _neighbour, stranger, _shared = story
    reader = Client()
    for url in (article.url, stranger.url, "/en/"):
        assert reader.get(url).headers[pagecache.HIT_HEADER] == "miss"
        assert reader.get(url).headers[pagecache.HIT_HEADER] == "hit"

    article.title = "Harvest in Talas beats every forecast"
    factories.publish(article)

    fresh = reader.get(article.url, HTTP_ACCEPT_ENCODING="identity")
    assert fresh.headers[pagecache.HIT_HEADER] == "miss"
    assert "beats every forecast" in fresh.content.decode()
    assert reader.get("/en/").headers[pagecache.HIT_HEADER] == "miss"
    assert reader.get(stranger.url).headers[pagecache.HIT_HEADER] == "hit"


@pytest.mark.django_db
def test_unpublishing_purges_the_article_and_its_listings(story, front_cache):
    article, neighbour, _stranger, shared = story
    front_cache.clear()
    factories.unpublish(article)
    purged = {path for _m, path, _h, _e in front_cache}
    assert {article.url, "/en/politics/", "/en/", neighbour.url} <= purged
    assert purged <= _expected(article, neighbour, shared)


@pytest.mark.django_db
def test_a_slow_front_cache_does_not_hold_the_publish(story, settings):
    """Wagtail's HTTP purge has no timeout; Vestnik's gives up after TIMEOUT seconds per
    request and the publish completes."""
    from tests.localhttp import silent_server

    article, *_ = story
    with silent_server() as url:
        settings.WAGTAILFRONTENDCACHE = {
            "nginx": {
                "BACKEND": "vestnik.core.purge.PurgeBackend",
                "LOCATION": url,
                "TIMEOUT": 0.05,
                "ENCODINGS": ["br"],
            }
        }
        from vestnik.core.purge import _front_backends

        backend = _front_backends()["nginx"]
        assert backend.timeout == 0.05
        article.title = "Harvest in Talas, a record"
        factories.publish(article)
    article.refresh_from_db()
    assert article.live and article.title == "Harvest in Talas, a record"


@pytest.mark.django_db
def test_a_comment_shown_as_it_is_posted_purges_its_article(editions, front_cache):
    """In a post-moderated rubric a reader's comment is approved as it is saved: the
    article's cached copies go (coalesced: a burst makes one purge), so it shows."""
    from tests.comments.helpers import post_comment

    from vestnik.newsroom.models import CommentMode, RubricPage

    RubricPage.objects.filter(locale__language_code="en", slug="economy").update(
        comment_mode=CommentMode.POST_MODERATED
    )
    article = factories.article("en", "economy", headline="Tariffs on the Naryn road")
    reader = Client()
    assert reader.get(article.url).headers[pagecache.HIT_HEADER] == "miss"
    front_cache.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = post_comment(reader, article.id, body="The road toll is fair enough.")
    assert answer.status_code == 201, answer.content
    assert {path for _m, path, _h, _e in front_cache} == {article.url}
    page = reader.get(article.url)
    assert page.headers[pagecache.HIT_HEADER] == "miss"
    assert "The road toll is fair enough." in page.content.decode()
