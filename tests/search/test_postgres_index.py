"""PostgreSQL only: the stored search document and its GIN index.

Collected only in the PostgreSQL invocation (see ``conftest.py``): VESTNIK_REQUIRE_ALL=1
fails on skips, so a test that cannot run on SQLite is not collected there.
"""

from __future__ import annotations

from django.db import connection
from django.test import TestCase
from tests import factories
from tests.search.test_filters_and_ranking import body

from vestnik.newsroom.editions import edition_ensure_all
from vestnik.search.selectors import SearchFilters, search_candidates


class StoredDocumentIndex(TestCase):
    # Enough rows that the planner prefers the index to reading the table.
    ROWS = 3000
    FIRST_ID = 50_000_000

    @classmethod
    def setUpTestData(cls):
        edition_ensure_all()
        factories.article("en", headline="Glacier lake grows", body=body("The lake is rising."))
        cls.en = factories.locale("en")

    def test_the_document_is_stored_and_the_search_uses_its_gin_index(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_document_gin'"
            )
            assert "USING gin (document)" in cursor.fetchone()[0]
            # Filler rows with made-up page ids: the foreign key is checked only at
            # commit, and they are deleted before the test's end.
            cursor.execute(
                "INSERT INTO search_searchentry"
                " (page_id, locale_id, rubric_id, published_at, title, body_text, stems, document)"
                " SELECT i, %s, 0, now(), 'Report ' || i, md5(i::text), '',"
                " setweight(to_tsvector('english', 'Report ' || i), 'A')"
                " || setweight(to_tsvector('english', md5(i::text)), 'B')"
                " FROM generate_series(%s, %s) AS i",
                [self.en.id, self.FIRST_ID, self.FIRST_ID + self.ROWS],
            )
            # New GIN entries wait in a pending list that autovacuum merges in production;
            # merge it now, and give the planner the table's statistics.
            cursor.execute("SELECT gin_clean_pending_list('search_document_gin')")
            cursor.execute("ANALYZE search_searchentry")
        try:
            candidates = search_candidates(self.en, "glacier", SearchFilters())
            plan = candidates.explain()
            assert "search_document_gin" in plan, plan
            assert "to_tsvector" not in str(candidates.query)
            assert len(list(candidates)) == 1
        finally:
            with connection.cursor() as cursor:
                cursor.execute(
                    "DELETE FROM search_searchentry WHERE page_id >= %s", [self.FIRST_ID]
                )
