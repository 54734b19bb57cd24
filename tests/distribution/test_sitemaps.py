"""Sitemaps and robots.txt: what search engines are told exists, in every edition."""

from __future__ import annotations

from unittest import mock
from xml.etree import ElementTree

from django.conf import settings
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils.dateparse import parse_datetime
from tests import factories
from tests.distribution import content

from vestnik.distribution.sitemaps import EditionSitemap

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
    "n": "http://www.google.com/schemas/sitemap-news/0.9",
}


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = content.build()

    def xml(self, path: str) -> ElementTree.Element:
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        self.assertIn("public", response["Cache-Control"])
        return ElementTree.fromstring(response.content)

    def urlset(self, path: str) -> dict[str, ElementTree.Element]:
        return {url.findtext("s:loc", namespaces=NS): url for url in self.xml(path)}

    def test_the_news_sitemap_holds_exactly_the_last_48_hours(self):
        urls = self.urlset("/sitemap-news.xml")
        expected = [self.data[key] for key in ("ru_recent", "ky_day_old", "en_translation")]
        # en_old (49 h), the draft, the scheduled and the private article are left out.
        self.assertEqual(set(urls), {content.url(article) for article in expected})
        for article in expected:
            news = urls[content.url(article)].find("n:news", NS)
            self.assertEqual(news.findtext("n:publication/n:name", namespaces=NS), "Vestnik")
            self.assertEqual(
                news.findtext("n:publication/n:language", namespaces=NS),
                article.locale.language_code,
            )
            self.assertEqual(news.findtext("n:title", namespaces=NS), article.title)
            published = parse_datetime(news.findtext("n:publication_date", namespaces=NS))
            self.assertEqual(published, article.first_published_at)

    def test_edition_sitemaps_list_visible_pages_only(self):
        listed: dict[str, str] = {}
        for code, _name in settings.LANGUAGES:
            listed |= dict.fromkeys(self.urlset(f"/sitemap-{code}.xml"), code)
        for key in ("ru_recent", "ky_day_old", "en_old", "en_translation"):
            article = self.data[key]
            self.assertEqual(listed.get(content.url(article)), article.locale.language_code)
        for page in self.data["hidden"]:
            self.assertNotIn(content.url(page), listed)
            self.assertFalse(any(page.slug in address for address in listed))
        self.assertIn(settings.BASE_URL + "/ky/", listed)

    def test_hreflang_alternates_point_at_the_real_translations(self):
        ru, en = self.data["ru_recent"], self.data["en_translation"]
        expected = {
            "ru": content.url(ru),
            "en": content.url(en),
            "x-default": content.url(ru),
        }
        for path, article in (("/sitemap-ru.xml", ru), ("/sitemap-en.xml", en)):
            url = self.urlset(path)[content.url(article)]
            alternates = {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
            }
            self.assertEqual(alternates, expected)
        for href in expected.values():
            response = self.client.get(href.removeprefix(settings.BASE_URL))
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, f'<link rel="canonical" href="{href}">')
        # An article with no translation has no alternates.
        lone = self.urlset("/sitemap-ky.xml")[content.url(self.data["ky_day_old"])]
        self.assertEqual(lone.findall("x:link", NS), [])

    def test_the_index_lists_every_sitemap_and_robots_txt_the_index(self):
        index = self.xml("/sitemap.xml")
        locations = [node.findtext("s:loc", namespaces=NS) for node in index]
        self.assertEqual(
            locations,
            [
                f"{settings.BASE_URL}/sitemap-{section}.xml"
                for section in ("ru", "ky", "en", "news")
            ],
        )
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertIn(f"Sitemap: {settings.BASE_URL}/sitemap.xml", lines)
        self.assertIn("Disallow: /admin/", lines)
        for code, _name in settings.LANGUAGES:
            self.assertIn(f"Disallow: /{code}/search/", lines)

    def test_large_sitemaps_are_paginated(self):
        with mock.patch.object(EditionSitemap, "limit", 10):
            locations = [node.findtext("s:loc", namespaces=NS) for node in self.xml("/sitemap.xml")]
            first, second = self.urlset("/sitemap-ru.xml"), self.urlset("/sitemap-ru.xml?p=2")
            self.assertEqual(self.client.get("/sitemap-ru.xml?p=9").status_code, 404)
        self.assertIn(f"{settings.BASE_URL}/sitemap-ru.xml?p=2", locations)
        self.assertEqual(len(first), 10)
        self.assertTrue(second)
        self.assertFalse(set(first) & set(second))

    def test_unknown_sections_answer_404(self):
        for path in ("/sitemap-xx.xml", "/sitemap-news.xml?p=x", "/sitemap-en.xml?p=0"):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 404)


class SitemapQueryCountTests(TestCase):
    def queries(self, path: str) -> int:
        self.client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        return len(captured)

    def test_queries_do_not_grow_with_the_pages(self):
        factories.article("en", days_ago=0.5)
        paths = ["/sitemap.xml", "/sitemap-en.xml", "/sitemap-news.xml"]
        before = [self.queries(path) for path in paths]
        for number in range(3):
            factories.article("en", "economy", days_ago=0.1 * number)
        self.assertEqual([self.queries(path) for path in paths], before)
