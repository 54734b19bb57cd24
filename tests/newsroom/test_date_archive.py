"""The date archive: /<lang>/YYYY/, YYYY/MM/ and YYYY/MM/DD/ list exactly the edition's
live, public articles first published in that period of the site's time zone."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from html import unescape

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests import factories
from wagtail.models import PageViewRestriction

from vestnik.newsroom.models import ArticlePage


def local(*parts: int) -> datetime:
    """A moment in the site's time zone (Asia/Bishkek, UTC+6, in the tests)."""
    return datetime(*parts, tzinfo=timezone.get_default_timezone())


def dated(code: str, headline: str, when: datetime | None, **fields) -> ArticlePage:
    article = factories.article(code, headline=headline, **fields)
    if when is not None:
        ArticlePage.objects.filter(id=article.id).update(first_published_at=when)
    return ArticlePage.objects.get(id=article.id)


def titles(html: str) -> list[str]:
    return [
        unescape(t) for t in re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', html)
    ]


class DateArchiveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.morning = dated("en", "Morning on the fifth", local(2025, 3, 5, 10, 0))
        cls.late = dated("en", "Late on the fifth", local(2025, 3, 5, 23, 30))
        # The same UTC day as the two above, but the sixth in Bishkek.
        cls.sixth = dated("en", "Just after midnight", local(2025, 3, 6, 0, 30))
        dated("en", "Later in March", local(2025, 3, 20, 12, 0))
        dated("en", "Summer story", local(2025, 7, 1, 9, 0))
        dated("en", "Last year's story", local(2024, 12, 31, 23, 59))
        dated("ru", "Русская новость пятого", local(2025, 3, 5, 12, 0))
        dated("en", "Unpublished draft", local(2025, 3, 5, 11, 0), publish=False)
        scheduled = dated("en", "Scheduled for tomorrow", local(2025, 3, 5, 12, 0), publish=False)
        scheduled.go_live_at = timezone.now() + timedelta(days=1)
        factories.publish(scheduled)
        private = dated("en", "Members only", local(2025, 3, 5, 15, 0))
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        cls.now = dated("en", "Published just now", timezone.now() - timedelta(minutes=1))
        dated("en", "Dated in the future", timezone.now() + timedelta(minutes=1))

    def listed(self, path: str) -> list[str]:
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        return titles(response.content.decode())

    def test_day_lists_that_local_day_of_its_edition_newest_first(self):
        self.assertEqual(
            self.listed("/en/2025/03/05/"), ["Late on the fifth", "Morning on the fifth"]
        )
        self.assertEqual(self.listed("/en/2025/03/06/"), ["Just after midnight"])
        self.assertEqual(self.listed("/ru/2025/03/05/"), ["Русская новость пятого"])
        self.assertEqual(self.client.get("/ky/2025/03/05/").status_code, 404)

    def test_month_and_year_list_their_whole_period(self):
        self.assertEqual(
            self.listed("/en/2025/03/"),
            ["Later in March", "Just after midnight", "Late on the fifth", "Morning on the fifth"],
        )
        self.assertEqual(
            self.listed("/en/2025/"),
            ["Summer story", "Later in March", "Just after midnight", "Late on the fifth",
             "Morning on the fifth"],
        )  # fmt: skip
        self.assertEqual(self.listed("/en/2024/12/"), ["Last year's story"])

    def test_drafts_scheduled_private_and_future_dated_articles_are_not_listed(self):
        hidden = {"Unpublished draft", "Scheduled for tomorrow", "Members only"}
        self.assertFalse(hidden & set(self.listed("/en/2025/")))
        this_year = f"/en/{timezone.localtime():%Y}/"
        self.assertIn("Published just now", self.listed(this_year))
        self.assertNotIn("Dated in the future", self.listed(this_year))

    def test_impossible_dates_and_pages_are_404_never_500(self):
        for path in (
            "/en/2025/02/30/", "/en/2025/13/01/", "/en/2025/00/10/", "/en/2025/03/32/",
            "/en/0000/", "/en/0001/", "/en/0001/01/", "/en/0001/01/01/", "/en/9999/", "/en/99999/", "/en/99999999999999999999/",
            "/en/2025/3/05/", "/en/2025/03/5/", "/en/1999/", "/en/2025/03/05/?page=2",
            "/en/2025/03/05/?page=x", "/en/2025/03/05/?page=0",
        ):  # fmt: skip
            self.assertEqual(self.client.get(path).status_code, 404, path)

    @override_settings(VESTNIK_PAGE_SIZE=1)
    def test_archive_is_paginated(self):
        self.assertEqual(self.listed("/en/2025/03/05/"), ["Late on the fifth"])
        self.assertEqual(self.listed("/en/2025/03/05/?page=2"), ["Morning on the fifth"])

    def test_archive_pages_are_their_own_canonical_and_link_up_to_month_and_year(self):
        html = self.client.get("/en/2025/03/05/").content.decode()
        self.assertIn('<link rel="canonical" href="http://127.0.0.1:8000/en/2025/03/05/">', html)
        self.assertIn('href="/en/2025/03/"', html)
        self.assertIn('href="/en/2025/"', html)
        self.assertIn("<h1>Archive: March 5, 2025</h1>", html)
        # Another edition's archive of that day is another listing, not a translation.
        self.assertNotIn('<link rel="alternate" hreflang=', html)

    def test_article_date_links_to_its_day(self):
        html = self.client.get(self.late.get_url_parts()[2]).content.decode()
        self.assertIn('<a class="archive-day" href="/en/2025/03/05/"', html)
        html = self.client.get(self.sixth.get_url_parts()[2]).content.decode()
        self.assertIn('<a class="archive-day" href="/en/2025/03/06/"', html)

    def test_archive_queries_do_not_grow_with_its_articles(self):
        def count(path: str) -> int:
            self.client.get(path)
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(path).status_code, 200)
            return len(captured)

        self.assertEqual(count("/en/2025/03/06/"), count("/en/2025/"))
        self.assertLessEqual(count("/en/2025/"), 20)
