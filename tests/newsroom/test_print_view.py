"""Each article's print version: the text and where it came from, nothing else, and
kept out of search engines."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from tests import factories


class PrintViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = factories.article(
            "en",
            headline="Osh & Naryn plan new water mains",
            lead="A lead paragraph for the printout.",
            body=[("paragraph", "<p>The first paragraph of the body.</p>")],
            authors=[factories.author("en", "Nurlan", "Asanov")],
            tags=[factories.tag("en", "water")],
        )
        cls.path = cls.article.get_url_parts()[2]
        cls.draft = factories.article("en", headline="A draft", publish=False)

    def test_print_view_shows_the_text_byline_date_and_source_only(self):
        response = self.client.get(self.path + "print/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("<h1>Osh &amp; Naryn plan new water mains</h1>", html)
        self.assertIn('<span class="byline">Nurlan Asanov</span>', html)
        self.assertIn("A lead paragraph for the printout.", html)
        self.assertIn("The first paragraph of the body.", html)
        self.assertRegex(html, r'<time datetime="\d{4}-\d\d-\d\dT[^"]+\+06:00">')
        source = settings.BASE_URL + self.path
        self.assertIn(f'Source: <a href="{source}">{source}</a>', html)
        self.assertIn(f'<link rel="canonical" href="{source}">', html)
        self.assertIn("<style>/* The article's print version", html)  # print.css, inline
        for absent in ("<nav", "share-bar", 'id="comments"', "site-search", "<script", "#water"):
            self.assertNotIn(absent, html)
        self.assertFalse(response.cookies)

    def test_print_view_is_noindex(self):
        response = self.client.get(self.path + "print/")
        self.assertIn('<meta name="robots" content="noindex">', response.content.decode())
        self.assertEqual(response["X-Robots-Tag"], "noindex")

    def test_article_links_to_its_print_view_and_prints_sanely(self):
        html = self.client.get(self.path).content.decode()
        self.assertIn(f'<a href="{self.path}print/" rel="nofollow">Print version</a>', html)
        # The print rules: a stylesheet for print only, which never delays the screen.
        self.assertIn(
            '<link rel="stylesheet" href="/static/vestnik/site-print.css" media="print">', html
        )
        css = b"".join(self.client.get("/static/vestnik/site-print.css").streaming_content)
        self.assertIn(b".share-bar", css.split(b"{display:none!important}")[0])

    def test_print_view_of_a_draft_or_an_unknown_subpage_is_404(self):
        draft_path = "/en/politics/" + self.draft.slug + "/print/"
        self.assertEqual(self.client.get(draft_path).status_code, 404)
        self.assertEqual(self.client.get(self.path + "print/more/").status_code, 404)
        self.assertEqual(self.client.get(self.path + "prints/").status_code, 404)

    def test_print_view_costs_no_more_queries_than_the_article(self):
        def count(path: str) -> int:
            self.client.get(path)
            with CaptureQueriesContext(connection) as captured:
                self.client.get(path)
            return len(captured)

        self.assertLess(count(self.path + "print/"), count(self.path))
