"""Feeds: every edition, scope and format parses cleanly and carries what readers need."""

from __future__ import annotations

import itertools
import json

import feedparser
from defusedxml import ElementTree
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from tests import factories
from tests.distribution import content

from vestnik.newsroom.models import ArticleAuthor, ArticlePage, ArticleTag

KINDS = ("site", "rubric", "author", "tag")
FORMATS = ("rss", "atom")


def feed_path(edition: content.Edition, kind: str, feed_format: str, full: bool) -> str:
    keys = {"rubric": edition.rubric_slug, "author": edition.author.slug, "tag": edition.tag.slug}
    kwargs = {"feed_format": feed_format}
    if kind != "site":
        kwargs["key"] = keys[kind]
    with translation.override(edition.code):
        return reverse(f"feeds:{kind}_full" if full else f"feeds:{kind}", kwargs=kwargs)


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = content.build()

    def fetch(self, path: str):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("max-age=", response["Cache-Control"])
        parsed = feedparser.parse(response.content)
        self.assertFalse(parsed.bozo, f"{path}: {parsed.get('bozo_exception')}")
        return parsed

    def test_every_feed_parses_and_every_item_carries_its_fields(self):
        image_size = str(self.data["image"].get_rendition("width-1200").file.size)
        for code, kind, feed_format, full in itertools.product(
            self.data["editions"], KINDS, FORMATS, (False, True)
        ):
            edition = self.data["editions"][code]
            path = feed_path(edition, kind, feed_format, full)
            with self.subTest(path=path):
                parsed = self.fetch(path)
                expected = edition.listed[kind]
                self.assertEqual([e.title for e in parsed.entries], [a.title for a in expected])
                if feed_format == "rss":
                    self.assertEqual(parsed.version, "rss20")
                    self.assertEqual(parsed.feed.language, code)
                else:
                    self.assertEqual(parsed.version, "atom10")
                    self.assertEqual(parsed.feed.id, content.settings.BASE_URL + path)
                for entry, article in zip(parsed.entries, expected, strict=True):
                    self.check_entry(entry, article, code, feed_format, full, image_size)

    def check_entry(self, entry, article, code, feed_format, full, image_size):
        self.assertEqual(entry.link, content.url(article))
        self.assertEqual(entry.id, content.url(article))  # guid / id: the permalink
        self.assertEqual(entry.published_parsed[:6], article.first_published_at.utctimetuple()[:6])
        self.assertEqual(entry.updated_parsed[:6], article.last_published_at.utctimetuple()[:6])
        self.assertTrue(entry.author)
        if feed_format == "atom":
            self.assertEqual(entry.title_detail.language, code)  # xml:lang on the entry
        self.assertEqual(entry.summary, article.lead)
        if article.lead_image_id:
            [enclosure] = entry.enclosures
            self.assertTrue(enclosure.href.startswith("http://"))
            self.assertEqual((enclosure.length, enclosure.type), (image_size, "image/png"))
        if not full:
            self.assertNotIn("content", entry)
            return
        body = entry.content[0].value
        self.assertIn(strip_tags(article.body.raw_data[0]["value"])[:11], body)
        for unsafe in ("<script", "onclick", "alert(1)"):
            self.assertNotIn(unsafe, body)

    def test_full_text_is_sanitised_and_its_links_absolute(self):
        """Read from the raw XML: feedparser would strip scripts and handlers itself."""
        self.fetch("/ru/feeds/rss/full/")
        root = ElementTree.fromstring(self.client.get("/ru/feeds/rss/full/").content)
        encoded = "{http://purl.org/rss/1.0/modules/content/}encoded"
        body = root.find("channel/item").find(encoded).text
        self.assertIn("<b>rise</b>", body)
        self.assertIn('href="http://', body)
        for unsafe in ("<script", "onclick", "alert(1)", 'href="/'):
            self.assertNotIn(unsafe, body)

    def test_the_byline_names_the_authors_in_the_feeds_edition(self):
        parsed = self.fetch("/ky/feeds/atom/")
        self.assertEqual(parsed.entries[0].author, self.data["editions"]["ky"].author.title)
        author = self.data["translated_author"]
        self.assertEqual(author.translation_key, self.data["editions"]["ru"].author.translation_key)
        for path in ("/en/feeds/rss/", f"/en/feeds/author/{author.slug}/atom/"):
            entry = self.fetch(path).entries[0]
            self.assertEqual(entry.title, self.data["en_translation"].title)
            self.assertEqual(entry.author, author.title)

    def test_hidden_articles_are_in_no_feed(self):
        edition = self.data["editions"]["ru"]
        hidden = [page.title for page in self.data["hidden"]]
        self.assertFalse(any(page.live for page in self.data["hidden"][:2]))
        for kind, feed_format in itertools.product(KINDS, FORMATS):
            text = self.client.get(feed_path(edition, kind, feed_format, True)).content.decode()
            for title in hidden:
                self.assertNotIn(title, text)

    def test_unknown_scopes_and_editions_answer_404(self):
        ru, ky = self.data["editions"]["ru"], self.data["editions"]["ky"]
        for path in (
            "/xx/feeds/rss/",
            "/en/feeds/json/",
            "/en/feeds/rubric/no-such-rubric/rss/",
            "/en/feeds/rubric/politics/no-such/atom/",
            "/en/feeds/rubric/poli%00tics/rss/",
            "/en/feeds/rubric/politics//rss/",
            f"/en/feeds/author/{ky.author.slug}/rss/",  # a Kyrgyz author in the English edition
            f"/en/feeds/tag/{ru.tag.slug}/atom/",
            "/en/feeds/tag/%D0%B2%D0%BE%D0%B4%D0%B0/rss/",
            "/en/feeds/author//rss/",
        ):
            with self.subTest(path=path):
                # An unknown language prefix is first redirected to the default edition.
                response = self.client.get(path, follow=True)
                self.assertEqual(response.status_code, 404)
                self.assertLessEqual(len(response.redirect_chain), 1)

    def test_reader_pages_link_their_feeds_in_the_head(self):
        ru = self.data["editions"]["ru"]
        article = self.data["ru_recent"]
        pages = {
            "site": "/ru/",
            "rubric": "/ru/politics/",
            "author": ru.author.url,
            "tag": f"/ru/tags/{ru.tag.slug}/",
        }
        for kind, path in pages.items():
            html = self.client.get(path).content.decode()
            for feed_format, mime in (("rss", "rss+xml"), ("atom", "atom+xml")):
                href = content.settings.BASE_URL + feed_path(ru, kind, feed_format, False)
                with self.subTest(page=path, feed=href):
                    self.assertIn(f'type="application/{mime}"', html)
                    self.assertIn(f'href="{href}"', html)
        self.assertNotIn("application/rss+xml", self.client.get(article.url).content.decode())


class FeedQueryCountTests(TestCase):
    """A feed's queries do not grow with its items, their authors or lead images."""

    @classmethod
    def setUpTestData(cls):
        cls.author = factories.author("en", "Dana", "Ellis")
        cls.tag = factories.tag("en", "dams")
        body_image = content.make_image("body.png")
        person = factories.entity("en", "Aida Sultanova", kind="person")
        first = factories.article(
            "en",
            authors=[cls.author],
            tags=[cls.tag],
            body=[
                ("image", {"image": body_image.id, "caption": "", "credit": ""}),
                ("quote", {"text": "Q", "attribution": "", "person": person.id}),
            ],
        )
        first.lead_image = content.make_image()
        first.save(update_fields=["lead_image"])

    def queries(self, path: str) -> int:
        self.client.get(path)  # warm: site roots cached, renditions generated once
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        return len(captured)

    def add_articles(self, count: int) -> None:
        """Live articles with a lead image, an image and a quote naming an entity in the
        body, two authors and the tag: tree rows only."""
        rubric = factories.rubric("en", "economy")
        second = factories.author("en", "Omar", "Tilek")
        person = factories.entity("en", "Aida Sultanova", kind="person")
        for number in range(count):
            picture = content.make_image(f"body-{number}.png")
            body = [
                {"type": "image", "value": {"image": picture.id, "caption": "", "credit": ""}},
                {"type": "quote", "value": {"text": "Q", "attribution": "", "person": person.id}},
            ]
            article = rubric.add_child(
                instance=ArticlePage(
                    title=f"Filler {number}",
                    slug=f"filler-{number}",
                    lead="Filler lead.",
                    live=True,
                    first_published_at=timezone.now(),
                    last_published_at=timezone.now(),
                    locale_id=rubric.locale_id,
                    lead_image=content.make_image(f"filler-{number}.png"),
                    body=json.dumps(body),
                )
            )
            ArticleAuthor.objects.create(page=article, author=self.author, sort_order=0)
            ArticleAuthor.objects.create(page=article, author=second, sort_order=1)
            ArticleTag.objects.create(page=article, tag=self.tag, sort_order=0)
            rubric.refresh_from_db()

    def test_queries_do_not_grow_with_the_items(self):
        paths = ["/en/feeds/rss/full/", f"/en/feeds/tag/{self.tag.slug}/atom/full/"]
        before = [self.queries(path) for path in paths]
        self.add_articles(4)
        after = [self.queries(path) for path in paths]
        self.assertEqual(after, before)
        self.assertLessEqual(max(after), 13)
        for path in paths:
            self.assertEqual(len(feedparser.parse(self.client.get(path).content).entries), 5)
        feed = feedparser.parse(self.client.get(paths[0]).content)
        self.assertEqual(feed.entries[0].author, "Dana Ellis, Omar Tilek")
        body = feed.entries[0].content[0].value
        self.assertIn(f'src="{content.settings.BASE_URL}/media/images/body-3', body)
        self.assertIn(f'href="{content.settings.BASE_URL}/en/topics/aida-sultanova/"', body)
