"""`vestnik import feed` and the subscribed feeds the tick polls: entries become articles
of one rubric, once each across runs and polls; an edited entry updates its page."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from django.urls import reverse
from tests.importers.test_wxr_import import snapshot
from tests.importers.wiresite import FEED_PATH, FIXTURES, PartnerSite
from tests.importers.wxrsite import run_import
from tests.localhttp import serving

from vestnik.core.management.commands.tick import PERIODIC_COMMANDS
from vestnik.importers.models import FeedSubscription, ImportedItem
from vestnik.newsroom.models import ArticlePage, RubricPage

TITLES = {
    "В Таласе открыли новую библиотеку",
    "Курс сома к доллару не изменился",
    "Снегопад закрыл перевал Тоо-Ашуу",
}


class FeedImportTests(TestCase):
    @classmethod
    def setUpClass(cls):
        media = Path(tempfile.mkdtemp(prefix="vestnik-feed-"))
        cls.addClassCleanup(shutil.rmtree, media, ignore_errors=True)
        cls.enterClassContext(override_settings(MEDIA_ROOT=str(media)))
        cls.base = cls.enterClassContext(serving(PartnerSite))
        cls.enterClassContext(override_settings(VESTNIK_FETCH_ALLOW=["127.0.0.0/8"]))
        cls.feed_url = cls.base + FEED_PATH
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):
            cls.code, cls.output = run_import(
                "feed", cls.feed_url, "--rubric", "society", "--publish"
            )
        cls.source = "feed:127.0.0.1"
        cls.pages = {
            item.external_id: ArticlePage.objects.get(id=item.page_id)
            for item in ImportedItem.objects.filter(source=cls.source)
        }

    def setUp(self):
        PartnerSite.feed = (FIXTURES / "feeds" / "wire-ru.rss").read_text(encoding="utf-8")
        PartnerSite.requests = []

    def page(self, title: str) -> ArticlePage:
        return next(p for p in self.pages.values() if p.title == title)

    def test_entries_become_published_articles_of_the_rubric(self):
        self.assertEqual(self.code, 0, self.output)
        self.assertEqual({p.title for p in self.pages.values()}, TITLES)
        self.assertTrue(
            all(p.live and p.get_parent().slug == "society" for p in self.pages.values())
        )
        # A GUID that is not a URL is keyed within the feed's address.
        self.assertIn(f"{self.feed_url}#wire-70412", self.pages)
        library = self.page("В Таласе открыли новую библиотеку")
        raw = json.dumps(list(library.body.raw_data), ensure_ascii=False)
        self.assertIn("Читальный зал рассчитан на сто мест", raw)
        self.assertNotIn("alert", raw)
        self.assertEqual(library.lead_image.file.name.rsplit("/", 1)[-1][:13], "talas-library")
        self.assertIn("created: 5 (3 article, 2 media)", self.output)

    def test_a_second_run_changes_nothing(self):
        before = snapshot()
        code, output = run_import("feed", self.feed_url, "--rubric", "society", "--publish")
        self.assertEqual(code, 0, output)
        self.assertEqual(snapshot(), before)
        self.assertIn("created: 0\n", output)

    def test_drafts_by_default_and_a_dry_run_writes_nothing(self):
        ImportedItem.objects.filter(source=self.source).delete()
        before = snapshot()
        code, output = run_import("feed", self.feed_url, "--rubric", "society", "--dry-run")
        self.assertEqual(code, 0, output)
        self.assertIn("Dry run, nothing written", output)
        self.assertIn("(3 article", output)
        self.assertEqual(snapshot(), before)

    def test_a_saved_file_is_imported_without_touching_the_network(self):
        code, output = run_import(
            "feed", str(FIXTURES / "feeds" / "wire-ru.rss"), "--rubric", "economy"
        )
        self.assertEqual(code, 0, output)
        self.assertIn("created: 3 (3 article)", output)
        self.assertIn("skipped: 2 (2 media)", output)
        self.assertEqual(PartnerSite.requests, [])
        drafts = ArticlePage.objects.child_of(
            RubricPage.objects.get(slug="economy", locale__language_code="ru")
        )
        self.assertEqual({p.title for p in drafts if not p.live}, TITLES)

    def test_bad_input_is_refused_naming_it(self):
        with self.assertRaisesMessage(CommandError, "/no/such.rss: no such file"):
            run_import("feed", "/no/such.rss", "--rubric", "society")
        missing = self.base + "/ru/none.xml"
        with self.assertRaisesMessage(CommandError, f"{missing}: the server answered HTTP 404"):
            run_import("feed", missing, "--rubric", "society")
        with self.assertRaisesMessage(
            CommandError, "budget-en.html: not well-formed XML at line 17"
        ):
            run_import("feed", str(FIXTURES / "web" / "budget-en.html"), "--rubric", "society")
        with self.assertRaisesMessage(CommandError, "there is no rubric 'nope' in the 'ru'"):
            run_import("feed", self.feed_url, "--rubric", "nope")

    def subscribe(self, **fields) -> FeedSubscription:
        rubric = RubricPage.objects.get(slug="society", locale__language_code="ru")
        return FeedSubscription.objects.create(url=self.feed_url, rubric=rubric, **fields)

    def test_a_subscription_is_polled_once_per_interval_and_an_edit_updates(self):
        subscription = self.subscribe(publish=True)
        before = snapshot()
        # The tick's job (the tick itself closes the connection, which a test must keep).
        self.assertIn(("feeds_poll", {}), PERIODIC_COMMANDS)
        call_command("feeds_poll")
        subscription.refresh_from_db()
        self.assertIsNotNone(subscription.last_fetched_at)
        self.assertEqual(subscription.last_error, "")
        self.assertEqual(snapshot(), before)  # the one-shot import saw these entries
        self.assertEqual(PartnerSite.requests, [FEED_PATH])
        PartnerSite.feed = PartnerSite.feed.replace(
            "Курс сома к доллару не изменился", "Курс сома к доллару вырос"
        )
        call_command("feeds_poll")  # within the interval: not fetched again
        self.assertEqual(PartnerSite.requests, [FEED_PATH])
        FeedSubscription.objects.update(last_fetched_at=None)
        with self.captureOnCommitCallbacks(execute=True):
            call_command("feeds_poll")
        kurs = ArticlePage.objects.get(id=self.page("Курс сома к доллару не изменился").id)
        self.assertEqual(kurs.title, "Курс сома к доллару вырос")
        self.assertEqual(snapshot()["pages"], before["pages"])

    def test_a_feed_that_cannot_be_read_records_why(self):
        subscription = self.subscribe()
        PartnerSite.feed = "<rss><channel><item>"
        call_command("feeds_poll")
        subscription.refresh_from_db()
        self.assertIn(self.feed_url, subscription.last_error)
        self.assertIn("not well-formed XML", subscription.last_error)

    def test_administrators_subscribe_in_the_admin(self):
        admin = get_user_model().objects.create_superuser("feeds", "feeds@example.kg", "pw")
        self.client.force_login(admin)
        rubric = RubricPage.objects.get(slug="economy", locale__language_code="ru")
        add = reverse("wagtailsnippets_importers_feedsubscription:add")
        response = self.client.post(add, {"url": self.feed_url, "rubric": rubric.id})
        self.assertEqual(response.status_code, 302)
        subscription = FeedSubscription.objects.get(url=self.feed_url)
        self.assertEqual((subscription.rubric_id, subscription.publish), (rubric.id, False))
        listing = self.client.get(reverse("wagtailsnippets_importers_feedsubscription:list"))
        self.assertContains(listing, self.feed_url)
