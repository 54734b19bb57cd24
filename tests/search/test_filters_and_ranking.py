"""Reader search: the author filter, headline weighting and PostgreSQL's stored index.

The articles are built once for the class (each one runs the publish tasks).
"""

from __future__ import annotations

from django.test import TestCase
from tests import factories

from vestnik.core.sanitise import text_to_paragraph_html
from vestnik.newsroom.editions import edition_ensure_all
from vestnik.search.selectors import SearchFilters, search_articles


def body(text: str) -> list:
    return [("paragraph", text_to_paragraph_html(text))]


class AuthorFilterAndTitleWeight(TestCase):
    @classmethod
    def setUpTestData(cls):
        edition_ensure_all()  # after a flushing test elsewhere in the run
        cls.aida = factories.author("en", "Aida", "Bekova")
        cls.temir = factories.author("en", "Temir", "Usenov")
        cls.aida_ru = factories.author("ru", "Аида", "Бекова")
        # Same age, so that the recency boost cannot decide: the headline match must win
        # although the other article says "avalanche" twice in its text.
        factories.article(
            "en",
            "politics",
            headline="Avalanche risk on the Too-Ashuu pass",
            body=body("Rescuers closed the road for the night."),
            authors=[cls.aida],
            days_ago=1,
        )
        factories.article(
            "en",
            "economy",
            headline="Road budget for the winter",
            body=body("An avalanche hit the road in March; the avalanche cost a week of work."),
            authors=[cls.aida],
            days_ago=1,
        )
        factories.article(
            "en",
            "politics",
            headline="Snow report",
            body=body("Avalanche warning for the northern valleys."),
            authors=[cls.temir],
            days_ago=40,
        )
        factories.article(
            "ru", headline="Лавина на перевале", body=body("Дорогу закрыли на ночь."),
            authors=[cls.aida_ru],
        )  # fmt: skip
        cls.en = factories.locale("en")

    def found(self, query: str, **filters) -> list[str]:
        results = search_articles(self.en, query, SearchFilters(**filters))
        return [result["title"] for result in results.results]

    def test_a_headline_match_ranks_above_a_match_only_in_the_text(self):
        titles = self.found("avalanche")
        assert titles[:2] == ["Avalanche risk on the Too-Ashuu pass", "Road budget for the winter"]

    def test_the_author_filter_keeps_that_authors_articles(self):
        assert self.found("avalanche", author=self.aida) == [
            "Avalanche risk on the Too-Ashuu pass",
            "Road budget for the winter",
        ]
        assert self.found("avalanche", author=self.temir) == ["Snow report"]

    def test_the_author_filter_combines_with_rubric_and_dates(self):
        economy = factories.rubric("en", "economy")
        assert self.found("avalanche", author=self.aida, rubric=economy) == [
            "Road budget for the winter"
        ]
        snow = search_articles(self.en, "snow", SearchFilters()).results[0]["published_at"]
        assert self.found("avalanche", author=self.aida, date_to=snow.date()) == []
        assert self.found("avalanche", author=self.temir, date_to=snow.date()) == ["Snow report"]

    def test_the_search_page_filters_by_author(self):
        response = self.client.get("/en/search/", {"q": "avalanche", "author": self.temir.id})
        assert response.status_code == 200
        assert response.content.count(b'class="search-result"') == 1
        assert f'<option value="{self.temir.id}" selected>'.encode() in response.content
        # Every author of the edition is a choice; none of another edition.
        assert b">Aida Bekova</option>" in response.content
        assert "Аида Бекова".encode() not in response.content

    def test_an_unknown_author_is_a_clear_404_never_a_500(self):
        for value in (str(self.aida_ru.id), "999999", "abc", "9" * 5000, "\x00", "1.5", "-1"):
            response = self.client.get("/en/search/", {"q": "avalanche", "author": value})
            assert response.status_code == 404, value
            assert b"This edition has no such author." in response.content
            assert b'class="search-result"' not in response.content
        assert self.client.get("/en/search/", {"q": "avalanche", "author": ""}).status_code == 200
