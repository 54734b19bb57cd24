"""What search engines and social networks read from reader pages: the article's
schema.org JSON-LD (parsed with extruct), its OpenGraph and Twitter card tags, and the
absolute canonical link of every reader page type."""

from __future__ import annotations

import io
import re
from html import unescape

import extruct
from django.conf import settings
from django.core.files.images import ImageFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PILImage
from tests import factories
from wagtail.images.models import Image

from vestnik.newsroom.models import ArticlePage

BASE = settings.BASE_URL
HOSTILE = "Dam </script><script>alert(1)</script> & <!-- opens"


def make_image(width: int = 1600, height: int = 1000) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "olive").save(buffer, "PNG")
    return Image.objects.create(title="The dam", file=ImageFile(buffer, name="lead.png"))


def meta(html: str) -> dict[str, list[str]]:
    """Every <meta property|name=... content=...> of the page, by key, in order."""
    found: dict[str, list[str]] = {}
    for key, value in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html):
        found.setdefault(key, []).append(unescape(value))
    return found


def canonical(html: str) -> str:
    links = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    assert len(links) == 1, links
    return unescape(links[0])


class ArticleCardsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.writers = [
            factories.author("en", "Nurlan", "Asanov"),
            factories.author("en", "Aida", "Bekova"),
        ]
        cls.article = factories.article(
            "en",
            "economy",
            headline="Naryn's new dam opens",
            lead="The dam gives the valley water all summer.",
            authors=cls.writers,
            days_ago=2,
        )
        ArticlePage.objects.filter(id=cls.article.id).update(lead_image=make_image())
        factories.publish(ArticlePage.objects.get(id=cls.article.id))  # a later update
        russian = cls.article.copy_for_translation(factories.locale("ru"))
        factories.publish(russian)
        cls.hostile = factories.article("en", headline=HOSTILE, lead="Plain lead.")
        cls.article.refresh_from_db()
        cls.url = cls.article.get_url_parts()[2]

    def get(self, path: str, **headers) -> str:
        response = self.client.get(path, **headers)
        self.assertEqual(response.status_code, 200, path)
        return response.content.decode()

    def json_ld(self, html: str) -> dict[str, dict]:
        items = extruct.extract(html, base_url=BASE, syntaxes=["json-ld"], uniform=False)
        return {item["@type"]: item for item in items["json-ld"]}

    def test_news_article_json_ld_carries_every_field_with_real_values(self):
        data = self.json_ld(self.get(self.url))["NewsArticle"]
        article = self.article
        url = BASE + self.url
        self.assertEqual(data["@context"], "https://schema.org")
        self.assertEqual(data["headline"], "Naryn's new dam opens")
        self.assertEqual(data["url"], url)
        self.assertEqual(data["mainEntityOfPage"], {"@type": "WebPage", "@id": url})
        self.assertEqual(data["inLanguage"], "en")
        self.assertEqual(data["articleSection"], "Economy")
        self.assertEqual(
            data["author"],
            [
                {"@type": "Person", "name": "Nurlan Asanov", "url": f"{BASE}/en/authors/nurlan-asanov/"},
                {"@type": "Person", "name": "Aida Bekova", "url": f"{BASE}/en/authors/aida-bekova/"},
            ],
        )  # fmt: skip
        local = timezone.localtime
        self.assertEqual(
            data["datePublished"], local(article.first_published_at).isoformat(timespec="seconds")
        )
        self.assertEqual(
            data["dateModified"], local(article.last_published_at).isoformat(timespec="seconds")
        )
        self.assertRegex(data["datePublished"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
        self.assertGreater(data["dateModified"], data["datePublished"])
        publisher = data["publisher"]
        self.assertEqual((publisher["@type"], publisher["name"]), ("Organization", "Vestnik"))
        logo = publisher["logo"]
        self.assertEqual(logo["url"], f"{BASE}/static/vestnik/logo.png")
        self.assertEqual((logo["width"], logo["height"]), (600, 60))
        image = data["image"][0]
        self.assertEqual(image["@type"], "ImageObject")
        self.assertRegex(
            image["url"], rf"^{re.escape(BASE)}/media/images/lead[^/]*\.fill-1200x630\.png$"
        )
        self.assertEqual((image["width"], image["height"]), (1200, 630))  # fmt: skip

    def test_logo_is_a_real_static_file_of_the_declared_size(self):
        from django.contrib.staticfiles import finders

        with PILImage.open(finders.find("vestnik/logo.png")) as logo:
            self.assertEqual(logo.size, (600, 60))
        self.assertEqual(self.client.get("/static/vestnik/logo.png").status_code, 200)

    def test_breadcrumb_list_runs_from_the_home_through_the_rubric_to_the_article(self):
        crumbs = self.json_ld(self.get(self.url))["BreadcrumbList"]["itemListElement"]
        self.assertEqual(
            [(c["position"], c["name"], c["item"]) for c in crumbs],
            [(1, "Vestnik", f"{BASE}/en/"), (2, "Economy", f"{BASE}/en/economy/"),
             (3, "Naryn's new dam opens", BASE + self.url)],
        )  # fmt: skip

    def test_hostile_headline_stays_inside_the_json_ld_string(self):
        html = self.get(self.hostile.get_url_parts()[2])
        script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        self.assertNotIn("<", script.group(1))
        self.assertNotIn("<script>alert(1)", html)
        self.assertEqual(self.json_ld(html)["NewsArticle"]["headline"], HOSTILE)

    def test_opengraph_and_twitter_card_describe_the_article(self):
        tags = meta(self.get(self.url))
        url = BASE + self.url
        image = self.json_ld(self.get(self.url))["NewsArticle"]["image"][0]
        expected = {
            "og:type": ["article"], "og:title": ["Naryn's new dam opens"], "og:url": [url],
            "og:description": ["The dam gives the valley water all summer."],
            "og:image": [image["url"]], "og:image:width": ["1200"], "og:image:height": ["630"],
            "og:locale": ["en_GB"], "og:locale:alternate": ["ru_RU"],
            "article:section": ["Economy"], "twitter:card": ["summary_large_image"],
            "twitter:title": ["Naryn's new dam opens"], "twitter:image": [image["url"]],
        }  # fmt: skip
        for key, value in expected.items():
            self.assertEqual(tags.get(key), value, key)
        published = self.json_ld(self.get(self.url))["NewsArticle"]["datePublished"]
        self.assertEqual(tags["article:published_time"], [published])
        self.assertGreater(tags["article:modified_time"][0], published)
        hostile = meta(self.get(self.hostile.get_url_parts()[2]))
        self.assertEqual(hostile["twitter:card"], ["summary"])  # no lead image
        self.assertNotIn("og:image", hostile)
        self.assertNotIn("og:locale:alternate", hostile)
        self.assertNotIn(
            "author", self.json_ld(self.get(self.hostile.get_url_parts()[2]))["NewsArticle"]
        )

    def test_addresses_come_from_the_configured_site_never_the_host_header(self):
        html = self.get(self.url, HTTP_HOST="localhost")
        self.assertNotIn("http://localhost", html)
        self.assertEqual(canonical(html), BASE + self.url)
        self.assertEqual(self.json_ld(html)["NewsArticle"]["url"], BASE + self.url)

    def test_canonical_is_absolute_on_every_reader_page_type(self):
        author = self.writers[0]
        tag = factories.tag("en", "water")
        pages = {
            "/en/": "/en/",
            "/en/economy/": "/en/economy/",
            self.url: self.url,
            author.get_url_parts()[2]: "/en/authors/nurlan-asanov/",
            f"/en/tags/{tag.slug}/": "/en/tags/water/",
            "/en/economy/?page=1": "/en/economy/",
        }
        for path, expected in pages.items():
            self.assertEqual(canonical(self.get(path)), BASE + expected, path)

    def test_article_page_query_count_is_fixed_with_a_lead_image(self):
        self.get(self.url)  # the rendition exists and the site-root cache is warm
        with CaptureQueriesContext(connection) as with_image:
            self.get(self.url)
        ArticlePage.objects.filter(id=self.article.id).update(lead_image=None)
        with CaptureQueriesContext(connection) as without_image:
            self.get(self.url)
        # The image row: one query (Wagtail keeps renditions in its cache); the cards and
        # the JSON-LD add no other.
        self.assertEqual(len(with_image), len(without_image) + 1)

    def test_a_lead_image_whose_file_is_lost_costs_the_picture_not_the_page(self):
        """A source file gone from storage (a failed disk, a half-copied media folder):
        the article, its feeds and its API answer still answer 200, without that image."""
        lost = make_image()
        lost.file.storage.delete(lost.file.name)
        ArticlePage.objects.filter(id=self.article.id).update(lead_image=lost)
        html = self.get(self.url)
        self.assertNotIn('property="og:image"', html)
        self.assertNotIn("image", self.json_ld(html)["NewsArticle"])
        for path in (
            "/en/feeds/rss/",
            "/en/feeds/atom/full/",
            f"/api/v1/articles/{self.article.id}",
        ):
            self.get(path)
