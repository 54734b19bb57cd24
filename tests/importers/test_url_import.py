"""`vestnik import url`: an article page fetched safely (or a saved file) becomes one
article with its lead picture; the default fetcher refuses our own network."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from tests.importers.test_wxr_import import snapshot
from tests.importers.wiresite import FIXTURES, PAGE_PATH, PartnerSite
from tests.importers.wxrsite import run_import
from tests.localhttp import serving

from vestnik.importers.fetch import Fetcher
from vestnik.importers.media import Fetching
from vestnik.importers.models import ImportedItem
from vestnik.importers.records import MediaRecord
from vestnik.importers.upsert import ImportFailed
from vestnik.newsroom.models import ArticlePage


class UrlImportTests(TestCase):
    @classmethod
    def setUpClass(cls):
        media = Path(tempfile.mkdtemp(prefix="vestnik-url-"))
        cls.addClassCleanup(shutil.rmtree, media, ignore_errors=True)
        cls.enterClassContext(override_settings(MEDIA_ROOT=str(media)))
        cls.base = cls.enterClassContext(serving(PartnerSite))
        cls.url = cls.base + PAGE_PATH
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        with (
            override_settings(VESTNIK_FETCH_ALLOW=["127.0.0.0/8"]),
            cls.captureOnCommitCallbacks(execute=True),
        ):
            cls.code, cls.output = run_import("url", cls.url, "--rubric", "incidents")
        item = ImportedItem.objects.get(source="web")
        cls.external_id, cls.article = item.external_id, ArticlePage.objects.get(id=item.page_id)

    def test_the_page_becomes_a_draft_with_its_lead_picture_and_byline(self):
        self.assertEqual(self.code, 0, self.output)
        self.assertIn("created: 2 (1 article, 1 media)", self.output)
        self.assertEqual(self.external_id, self.url)  # the canonical URL, on the same site
        article = self.article
        self.assertEqual(article.title, "Сель сошёл на окраину Оша")
        self.assertFalse(article.live)
        self.assertEqual(article.get_parent().slug, "incidents")
        self.assertEqual(article.lead_image.file.name.rsplit("/", 1)[-1][:7], "sel-osh")
        authors = [row.author.title for row in article.author_rows.all()]
        self.assertEqual(authors, ["Айгуль Осмонова"])

    @override_settings(VESTNIK_FETCH_ALLOW=["127.0.0.0/8"])
    def test_a_second_run_changes_nothing(self):
        before = snapshot()
        code, output = run_import("url", self.url, "--rubric", "incidents")
        self.assertEqual(code, 0, output)
        self.assertIn("created: 0\n", output)
        self.assertIn("unchanged: 2 (1 article, 1 media)", output)
        self.assertEqual(snapshot(), before)

    def test_a_saved_file_in_another_edition_and_a_dry_run(self):
        page = str(FIXTURES / "web" / "budget-en.html")
        before = snapshot()
        code, output = run_import(
            "url", page, "--edition", "en", "--rubric", "politics", "--dry-run"
        )
        self.assertEqual(code, 0, output)
        self.assertIn("Dry run, nothing written:\n  created: 1 (1 article)", output)
        self.assertEqual(snapshot(), before)
        code, output = run_import(
            "url", page, "--edition", "en", "--rubric", "politics", "--publish"
        )
        self.assertEqual(code, 0, output)
        budget = ArticlePage.objects.get(title="Parliament passes a leaner budget for 2027")
        self.assertTrue(budget.live)
        self.assertEqual(budget.locale.language_code, "en")

    def test_the_default_fetcher_refuses_our_own_network_naming_the_url(self):
        # No allow-list: 127.0.0.1 is refused before any request is sent.
        with self.assertRaises(CommandError) as caught:
            run_import("url", self.url, "--rubric", "incidents")
        self.assertTrue(str(caught.exception).startswith(f"{self.url}: "), caught.exception)
        self.assertIn("127.0.0.1 is a private or reserved address", str(caught.exception))

    def test_bad_input_is_refused_naming_it(self):
        with self.assertRaisesMessage(CommandError, "/no/page.html: no such file"):
            run_import("url", "/no/page.html", "--rubric", "incidents")
        empty = Path(tempfile.mkdtemp()) / "empty.html"
        self.addCleanup(shutil.rmtree, empty.parent)
        empty.write_text("<html><body></body></html>")
        with self.assertRaisesMessage(CommandError, "empty.html: no article text was found"):
            run_import("url", str(empty), "--rubric", "incidents")


def test_a_picture_on_our_own_network_fails_its_record_naming_the_address():
    """The fetching opener refuses what the fetcher refuses: the record fails alone."""
    record = MediaRecord("lead", url="http://169.254.169.254/latest/meta-data/x.jpg")
    with pytest.raises(ImportFailed, match=r"^http://169\.254\.169\.254/latest/meta-data/x\.jpg: "):
        Fetching(Fetcher())(record)
