"""`vestnik import dle`: the fixture DLE site becomes exactly the expected pages,
comments and redirects, announces nothing, and a second run changes nothing."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pymysql
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from tests.importers.dle.conftest import load_site
from tests.importers.test_wxr_import import snapshot
from tests.importers.wiresite import PartnerSite
from tests.importers.wxrsite import imported_pages, run_import
from tests.localhttp import serving
from tests.telegram.botapi import bot_listening

from vestnik.comments.models import ReaderComment
from vestnik.importers.dle import connection_options
from vestnik.importers.models import ImportedItem
from vestnik.newsroom.models import ArticlePage

BISHKEK = ZoneInfo("Asia/Bishkek")
TITLES = {
    "101": "Арыки Оша готовы к поливу",
    "102": "Выставка войлока",
    "103": "Ремонт дорог: черновик",
    "104": "Будущая заметка",
    "105": "Опасный <b>текст</b>",  # plain text: what DLE escaped is shown as characters
}


class DleImportTests(TestCase):
    """One import of the fixture site (a local Bot API listening) for every test here."""

    @classmethod
    def setUpClass(cls):
        cls.dle_url = cls.enterClassContext(load_site())
        # Post 105 without its 200,000 bold words (test_dle_site reads them whole): the
        # hostile markup stays, indexing 3.6 MB for search would cost CI half a minute.
        options = connection_options(cls.dle_url)
        with pymysql.connect(**options, autocommit=True) as server, server.cursor() as cursor:
            cursor.execute(
                "UPDATE dle_post SET full_story = SUBSTRING_INDEX(full_story, %s, 1)"
                " WHERE id = 105",
                ("[b]слово[/b]",),
            )
        cls.source = "dle:" + cls.dle_url.rsplit("/", 1)[1]
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        with (
            bot_listening({"ru": "@vestnik_ru"}) as bot,
            cls.captureOnCommitCallbacks(execute=True),
        ):
            cls.code, cls.output = cls.run_site()
        cls.bot_calls = list(bot.calls)
        cls.pages = imported_pages(cls.source)

    @classmethod
    def run_site(cls, *extra: str) -> tuple[int, str]:
        # Post 104 has no category: --rubric takes it in.
        return run_import(
            "dle", "--database", cls.dle_url, "--rubric", "society", "--publish-as-is", *extra
        )

    def test_posts_become_articles_in_their_states(self):
        self.assertEqual(self.code, 0, self.output)
        self.assertEqual({k: p.title for k, p in self.pages.items()}, TITLES)
        self.assertEqual({k for k, p in self.pages.items() if p.live}, {"101", "102", "105"})
        water = self.pages["101"]
        self.assertEqual(water.first_published_at, datetime(2024, 3, 5, 9, 30, tzinfo=BISHKEK))
        self.assertEqual(water.lead, "В Оше почистили арыки перед поливом.")
        self.assertEqual([r.title for r in water.get_ancestors()[2:]], ["Новости", "Регионы", "Ош"])
        self.assertEqual(self.pages["104"].go_live_at, datetime(2099, 1, 1, 8, tzinfo=BISHKEK))
        self.assertEqual(self.pages["104"].get_parent().slug, "society")
        self.assertEqual(
            [row.author.title for row in water.author_rows.all()], ["Айдай Токтосунова"]
        )

    def test_fixed_posts_lead_their_rubric_and_allow_main_keeps_them_off_the_home_page(self):
        felt, water = self.pages["102"], self.pages["101"]  # 102: fixed, not on the main page
        self.assertEqual((felt.pinned, felt.show_on_home), (True, False))
        self.assertEqual((water.pinned, water.show_on_home), (False, True))
        home = self.client.get("/ru/").content.decode()
        self.assertIn(water.title, home)
        self.assertNotIn(felt.title, home)
        culture = self.client.get(felt.get_parent().url).content.decode()
        self.assertIn(felt.title, culture)

    def test_hostile_markup_is_gone_from_the_page(self):
        page = self.pages["105"]
        self.assertEqual(page.lead, "Текст ссылка ещё незакрыто")
        raw = json.dumps(list(page.body.raw_data), ensure_ascii=False).lower()
        self.assertIn("ячейка", raw)
        for danger in ("script", "javascript", "onclick", "steal", "alert"):
            self.assertNotIn(danger, raw)
        html = self.client.get(page.url).content.decode().lower()
        self.assertNotIn("steal", html)

    def test_comments_keep_threads_and_approval(self):
        comments = {c.body: c for c in ReaderComment.objects.filter(article=self.pages["101"])}
        self.assertEqual(len(comments), 3)
        first = comments["Наконец-то!\nВода пошла & огороды ожили."]
        reply = comments["Наконец-то!\n\nА у нас ещё сухо."]
        spam = comments["Купите это"]
        self.assertEqual((first.state, first.parent_id), ("approved", None))
        self.assertEqual((reply.state, reply.parent_id), ("approved", first.id))
        self.assertEqual((spam.state, spam.parent_id), ("pending", None))
        self.assertEqual(ReaderComment.objects.filter(source=self.source).count(), 5)

    def test_old_addresses_answer_301_to_the_new_pages(self):
        water = self.pages["101"]
        for old in (
            "/news/regions/osh/101-aryki-osha-gotovy.html",
            "/101-aryki-osha-gotovy.html",
            "/2024/03/05/aryki-osha-gotovy.html",
            "/index.php?newsid=101",
        ):
            response = self.client.get(old)
            self.assertEqual(response.status_code, 301, old)
            self.assertEqual(response["Location"], water.url)
        self.assertEqual(self.client.get(water.url).status_code, 200)
        felt = self.client.get("/culture/102-vystavka-voiloka.html")
        self.assertEqual(felt["Location"], self.pages["102"].url)

    def test_no_bot_api_call_and_the_report(self):
        self.assertEqual(self.bot_calls, [])
        self.assertIn("created: 15 (5 article, 2 author, 5 comment, 3 rubric)", self.output)
        self.assertIn("skipped: 1 (1 media)", self.output)  # no --base-url: no pictures
        self.assertIn("failed: 0", self.output)

    def test_a_second_run_changes_nothing(self):
        before = snapshot()
        code, output = self.run_site()
        self.assertEqual(code, 0, output)
        self.assertEqual(snapshot(), before)
        self.assertIn("created: 0\n", output)
        self.assertIn("updated: 0\n", output)

    def test_a_re_run_with_the_old_sites_address_adds_the_lead_pictures(self):
        media = Path(tempfile.mkdtemp(prefix="vestnik-dle-"))
        self.addCleanup(shutil.rmtree, media, ignore_errors=True)
        PartnerSite.requests = []
        with (
            serving(PartnerSite) as old_site,
            override_settings(MEDIA_ROOT=str(media), VESTNIK_FETCH_ALLOW=["127.0.0.0/8"]),
        ):
            code, output = self.run_site("--base-url", old_site)
        self.assertEqual(code, 0, output)
        self.assertIn("created: 1 (1 media)", output)
        self.assertIn("updated: 1 (1 article)", output)
        self.assertEqual(PartnerSite.requests, ["/uploads/posts/2024-03/1709620000_arik.jpg"])
        water = ArticlePage.objects.get(id=self.pages["101"].id)
        self.assertTrue(water.lead_image.file.name.endswith(".jpg"))

    def test_a_dry_run_writes_nothing(self):
        # As if post 101 had never been imported: the dry run creates it, then rolls back.
        ImportedItem.objects.filter(source=self.source, external_id="101").delete()
        before = snapshot()
        code, output = self.run_site("--dry-run")
        self.assertEqual(code, 0, output)
        self.assertIn("Dry run, nothing written", output)
        self.assertIn("created: 1 (1 article)", output)
        self.assertEqual(snapshot(), before)

    def test_a_post_without_a_category_fails_alone_without_rubric(self):
        code, output = run_import("dle", "--database", self.dle_url)
        self.assertEqual(code, 1)
        self.assertIn("failed article 104: none of its rubrics was imported", output)

    def test_bad_databases_and_rubrics_are_refused_by_name(self):
        base = self.dle_url.rsplit("/", 1)[0]
        with self.assertRaisesMessage(CommandError, "there is no database 'vestnik_no_such'"):
            run_import("dle", "--database", f"{base}/vestnik_no_such")
        with self.assertRaisesMessage(CommandError, "no table wp_category, wp_comments"):
            run_import("dle", "--database", self.dle_url, "--prefix", "wp_")
        with self.assertRaisesMessage(CommandError, "there is no rubric 'sport' in the 'ru'"):
            run_import("dle", "--database", self.dle_url, "--rubric", "sport")
