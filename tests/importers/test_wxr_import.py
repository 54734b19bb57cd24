"""`vestnik import wxr`: a WordPress export becomes exactly the expected pages, comments
and redirects, announces nothing, and a second run changes nothing."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.test import TestCase, override_settings
from tests.importers.wxrsite import WXR, edited_copy, imported_pages, make_uploads, run_import
from tests.newsroom.test_query_counts import MAX_QUERIES, queries_for
from tests.telegram.botapi import bot_listening
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from vestnik.comments.models import ReaderComment
from vestnik.newsroom.models import ArticlePage, HomePage, RubricPage
from vestnik.telegram.models import ChannelPost

SOURCE = "wxr:gazeta.example.kg"  # keys are per exporting site: two sites never clash
TITLES = {
    "101": "Депутаты приняли бюджет на будущий год",
    "102": "Цены на хлеб в Бишкеке не изменились за месяц",
    "103": "Черновик о реформе школ",
    "104": "В Оше откроют новую школу",
    "105": "Заметки редакции для своих",
}


def snapshot() -> dict[str, int]:
    """What an import leaves behind, counted: a re-run must leave the same."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "comments": ReaderComment.objects.count(),
        "redirects": Redirect.objects.count(),
        "images": get_image_model().objects.count(),
    }


class WxrImportTests(TestCase):
    """One import of the fixture (with a local Bot API listening) for every test here."""

    @classmethod
    def setUpClass(cls):
        cls.folder = Path(tempfile.mkdtemp(prefix="vestnik-wxr-"))
        cls.addClassCleanup(shutil.rmtree, cls.folder, ignore_errors=True)
        cls.uploads = make_uploads(cls.folder / "uploads")
        cls.enterClassContext(override_settings(MEDIA_ROOT=str(cls.folder / "media")))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        with (
            bot_listening({"ru": "@vestnik_ru"}) as bot,
            cls.captureOnCommitCallbacks(execute=True),
        ):
            cls.code, cls.output = cls.run_fixture()
        cls.bot_calls = list(bot.calls)
        cls.pages = imported_pages(SOURCE)

    @classmethod
    def run_fixture(cls, path: Path = WXR) -> tuple[int, str]:
        return run_import(
            "wxr", str(path), "--edition", "ru", "--uploads", str(cls.uploads), "--publish-as-is"
        )

    def test_posts_become_articles_in_their_states_with_their_dates(self):
        self.assertEqual(self.code, 0, self.output)
        self.assertEqual({k: p.title for k, p in self.pages.items()}, TITLES)
        self.assertEqual({k for k, p in self.pages.items() if p.live}, {"101", "102"})
        budget = self.pages["101"]
        self.assertEqual(budget.first_published_at, datetime(2024, 5, 14, 6, 30, tzinfo=UTC))
        self.assertEqual(budget.last_published_at, datetime(2024, 5, 15, 9, 0, tzinfo=UTC))
        # Drafts and private posts are drafts; the future post waits for the tick.
        for draft in ("103", "105"):
            self.assertIsNone(self.pages[draft].go_live_at)
            self.assertIsNone(self.pages[draft].first_published_at)
        school = self.pages["104"]
        self.assertEqual(school.go_live_at, datetime(2031, 9, 1, 3, 0, tzinfo=UTC))
        self.assertEqual(
            school.latest_revision.approved_go_live_at, datetime(2031, 9, 1, 3, 0, tzinfo=UTC)
        )
        self.assertTrue(all(p.locale.language_code == "ru" for p in self.pages.values()))

    def test_nested_categories_become_nested_rubrics(self):
        home = HomePage.objects.get(locale__language_code="ru", depth=2)
        society = RubricPage.objects.get(locale=home.locale, slug="obshchestvo")
        politics = RubricPage.objects.get(locale=home.locale, slug="politika")
        economy = RubricPage.objects.get(locale=home.locale, slug="ekonomika")
        self.assertEqual((society.title, politics.title), ("Общество", "Политика"))
        self.assertEqual(society.get_parent().id, home.id)
        self.assertEqual(politics.get_parent().id, society.id)
        self.assertEqual(economy.get_parent().id, home.id)
        self.assertEqual(self.pages["101"].get_parent().id, politics.id)
        self.assertEqual(self.pages["102"].get_parent().id, economy.id)

    def test_authors_with_display_names_and_tags(self):
        def names(page, rows, field):
            return [
                getattr(getattr(row, rows), field) for row in getattr(page, f"{rows}_rows").all()
            ]

        self.assertEqual(names(self.pages["101"], "author", "title"), ["Айгуль Осмонова"])
        self.assertEqual(names(self.pages["102"], "author", "title"), ["Бакыт Джумабаев"])
        self.assertEqual(names(self.pages["101"], "tag", "name"), ["бюджет", "парламент"])
        self.assertEqual(names(self.pages["102"], "tag", "name"), ["цены"])

    def test_content_becomes_clean_blocks_with_the_pictures(self):
        budget = self.pages["101"]
        self.assertEqual(
            budget.lead,
            "Жогорку Кенеш во втором чтении одобрил проект бюджета: "
            "за него проголосовали 71 депутат.",
        )
        kinds = [block.block_type for block in budget.body]
        self.assertEqual(kinds, ["image", "subheading", "paragraph", "list", "quote", "paragraph"])
        raw = json.dumps(list(budget.body.raw_data), ensure_ascii=False)
        self.assertIn("десятую часть,<br>а на дороги", raw)
        for executable in ("script", "alert", "onclick", "steal", "javascript"):
            self.assertNotIn(executable, raw)
        self.assertEqual(budget.lead_image.title, "Здание парламента")
        self.assertEqual(budget.body[0].value["image"].title, "Зал заседаний")
        # The excerpt is the lead; the body keeps both paragraphs.
        bread = self.pages["102"]
        self.assertEqual(bread.lead, "Хлеб в столице стоит столько же, сколько в мае.")
        self.assertEqual([b.block_type for b in bread.body], ["paragraph", "paragraph"])

    def test_comments_keep_threads_and_states_without_spam_or_pingbacks(self):
        comments = {c.body: c for c in ReaderComment.objects.filter(article=self.pages["101"])}
        self.assertEqual(len(comments), 4)
        first = comments["Наконец-то школам добавили денег."]
        reply = comments["Добавили, но меньше, чем просили учителя."]
        pending = comments["А что с пенсиями?"]
        orphan = comments["Не ведитесь на рекламу выше."]
        self.assertEqual((first.state, first.parent_id, first.source), ("approved", None, SOURCE))
        self.assertEqual((reply.state, reply.parent_id, reply.depth), ("approved", first.id, 1))
        self.assertEqual(
            (pending.state, pending.parent_id, pending.root_id), ("pending", reply.id, first.id)
        )
        # Its parent was spam: it hangs from the article itself.
        self.assertEqual((orphan.state, orphan.parent_id), ("approved", None))
        self.assertEqual(first.created_at, datetime(2024, 5, 14, 7, 5, tzinfo=UTC))
        self.assertEqual(first.author_website, "https://nurlan.example")

    def test_old_permalinks_answer_301_to_the_new_pages(self):
        for external_id, old in (
            ("101", "/2024/05/14/deputaty-prinyali-byudzhet/"),
            ("102", "/2024/06/02/tseny-na-khleb/"),
            ("102", "/?p=102"),  # the guid: WordPress's own short address
        ):
            response = self.client.get(old)
            self.assertEqual(response.status_code, 301)
            self.assertEqual(response["Location"], self.pages[external_id].url)
            self.assertEqual(self.client.get(response["Location"]).status_code, 200)

    def test_a_drafts_old_address_is_a_temporary_redirect_until_it_is_live(self):
        """A 301 is kept by browsers and search engines; the draft answers 404 until an
        editor publishes it, so its old address answers 302 meanwhile."""
        response = self.client.get("/2024/06/05/zametki/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], self.pages["105"].url)

    def test_an_imported_article_renders_within_the_article_query_budget(self):
        # Threaded comments, tags, two pictures: no more queries than any article page.
        budget = self.pages["101"]
        self.assertLessEqual(queries_for(self.client, budget.url), MAX_QUERIES["article"])
        html = self.client.get(budget.url).content.decode()
        self.assertIn("Наконец-то школам добавили денег.", html)
        self.assertNotIn("А что с пенсиями?", html)  # pending: not shown to readers

    def test_no_bot_api_call_and_the_published_imports_are_marked(self):
        self.assertEqual(self.bot_calls, [])
        # The scheduled one too: when the tick publishes it, it is not announced either.
        self.assertEqual(
            set(ChannelPost.objects.filter(imported=True).values_list("article_id", flat=True)),
            {self.pages[key].id for key in ("101", "102", "104")},
        )

    def test_the_closing_report_counts_what_was_done(self):
        self.assertIn(
            "created: 16 (5 article, 2 author, 4 comment, 2 media, 3 rubric)", self.output
        )
        self.assertIn("failed: 0", self.output)

    def test_a_second_run_changes_nothing(self):
        before = snapshot()
        code, output = self.run_fixture()
        self.assertEqual(code, 0, output)
        self.assertEqual(snapshot(), before)
        self.assertIn("created: 0\n", output)
        self.assertIn("updated: 0\n", output)
        self.assertIn("unchanged: 16 (5 article, 2 author, 4 comment, 2 media, 3 rubric)", output)

    def test_an_edited_post_updates_its_page_with_one_new_revision(self):
        before = snapshot()
        edited = edited_copy(
            self.folder, "Пекари говорят, что запасов муки хватит до осени.",
            "Пекари говорят, что муки хватит до зимы.",
        )  # fmt: skip
        code, output = self.run_fixture(edited)
        self.assertEqual(code, 0, output)
        self.assertIn("updated: 1 (1 article)", output)
        self.assertEqual(snapshot(), {**before, "revisions": before["revisions"] + 1})
        bread = ArticlePage.objects.get(id=self.pages["102"].id)
        self.assertIn(
            "муки хватит до зимы", json.dumps(list(bread.body.raw_data), ensure_ascii=False)
        )
        self.assertTrue(bread.live)
        self.assertEqual(bread.first_published_at, datetime(2024, 6, 2, 4, 0, tzinfo=UTC))

    def test_a_post_taken_off_the_old_site_is_taken_off_here(self):
        edited = edited_copy(
            self.folder,
            "<wp:post_name><![CDATA[tseny-na-khleb]]></wp:post_name>\n"
            "\t\t<wp:status><![CDATA[publish]]></wp:status>",
            "<wp:status><![CDATA[private]]></wp:status>",
        )
        code, output = self.run_fixture(edited)
        self.assertEqual(code, 0, output)
        self.assertIn("updated: 1 (1 article)", output)
        bread = ArticlePage.objects.get(id=self.pages["102"].id)
        self.assertFalse(bread.live)
        self.assertEqual(bread.revisions.count(), 1)  # its text did not change
        self.assertTrue(ArticlePage.objects.get(id=self.pages["101"].id).live)

    def test_a_scheduled_post_withdrawn_on_the_old_site_is_no_longer_scheduled(self):
        """A draft revision saved over a scheduled one keeps the old revision's go-live
        time: the tick would publish what the old site took back."""
        edited = edited_copy(
            self.folder, "<wp:status><![CDATA[future]]></wp:status>",
            "<wp:status><![CDATA[draft]]></wp:status>",
        )  # fmt: skip
        code, output = self.run_fixture(edited)
        self.assertEqual(code, 0, output)
        school = ArticlePage.objects.get(id=self.pages["104"].id)
        self.assertIsNone(school.go_live_at)
        self.assertFalse(school.revisions.filter(approved_go_live_at__isnull=False).exists())
        with mock.patch(
            "django.utils.timezone.now", return_value=datetime(2031, 9, 1, 4, tzinfo=UTC)
        ):
            call_command("publish_scheduled", verbosity=0)
        self.assertFalse(ArticlePage.objects.get(id=school.id).live)

    def test_a_scheduled_post_published_early_on_the_old_site_is_published(self):
        edited = edited_copy(
            self.folder, "<wp:status><![CDATA[future]]></wp:status>",
            "<wp:status><![CDATA[publish]]></wp:status>",
        )  # fmt: skip
        code, output = self.run_fixture(edited)
        self.assertEqual(code, 0, output)
        school = ArticlePage.objects.get(id=self.pages["104"].id)
        self.assertTrue(school.live)
        self.assertIsNone(school.go_live_at)

    def test_without_publish_as_is_a_re_run_leaves_what_editors_published(self):
        code, output = run_import(
            "wxr", str(WXR), "--edition", "ru", "--uploads", str(self.uploads)
        )
        self.assertEqual(code, 0, output)
        self.assertIn("unchanged: 16 (5 article, 2 author, 4 comment, 2 media, 3 rubric)", output)
        live = ArticlePage.objects.filter(id__in=[p.id for p in self.pages.values()], live=True)
        self.assertEqual(set(live.values_list("title", flat=True)), {TITLES["101"], TITLES["102"]})

    def test_the_tick_publishes_the_scheduled_post_at_its_time(self):
        school = self.pages["104"]
        call_command("publish_scheduled", verbosity=0)
        self.assertFalse(ArticlePage.objects.get(id=school.id).live)
        with mock.patch(
            "django.utils.timezone.now", return_value=datetime(2031, 9, 1, 4, tzinfo=UTC)
        ):
            call_command("publish_scheduled", verbosity=0)
        school = ArticlePage.objects.get(id=school.id)
        self.assertTrue(school.live)
        self.assertEqual(school.first_published_at, datetime(2031, 9, 1, 4, tzinfo=UTC))
