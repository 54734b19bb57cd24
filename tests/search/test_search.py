"""Reader search: word forms, one edition, live articles only, safe with any query."""

from __future__ import annotations

import pytest
from django.test import Client
from tests import factories

from vestnik.core.sanitise import text_to_paragraph_html
from vestnik.search.models import SearchEntry
from vestnik.search.selectors import SearchFilters, search_articles
from vestnik.search.services import search_reindex_all


def body(text: str) -> list:
    return [("paragraph", text_to_paragraph_html(text))]


def found(code: str, query: str, **filters) -> list[str]:
    results = search_articles(factories.locale(code), query, SearchFilters(**filters))
    return [result["title"] for result in results.results]


@pytest.fixture
def corpus(editions):
    return {
        "ru": factories.article(
            "ru", headline="Встреча в столице", lead="Делегация прибыла утром.",
            body=body("Переговоры прошли в Бишкеке, визитом довольны обе стороны."),
        ),
        "en": factories.article(
            "en", "economy", headline="New crossings on the Chui", lead="Work starts in spring.",
            body=body("Three bridges will be built over the river."),
        ),
        "ky": factories.article(
            "ky", headline="Бишкекте жаңы көпүрө", body=body("Көпүрөлөр курулат."),
        ),
    }  # fmt: skip


def test_russian_word_forms_are_found(corpus):
    assert found("ru", "Бишкек") == ["Встреча в столице"]
    assert found("ru", "визит") == ["Встреча в столице"]


def test_english_word_forms_are_found(corpus):
    assert found("en", "bridge") == ["New crossings on the Chui"]
    assert found("en", "BRIDGES river") == ["New crossings on the Chui"]


def test_an_edition_finds_only_its_own_articles(corpus):
    assert found("en", "Бишкеке") == []
    assert found("ru", "bridges") == []


def test_unpublished_articles_leave_the_index_and_come_back(corpus):
    article = corpus["ru"]
    factories.unpublish(article)
    assert not SearchEntry.objects.filter(page_id=article.id).exists()
    assert found("ru", "Бишкек") == []
    factories.publish(article)
    assert found("ru", "Бишкек") == ["Встреча в столице"]


def test_a_draft_is_not_found(editions):
    factories.article("en", headline="Secret glacier report", publish=False)
    assert found("en", "glacier") == []


def test_an_edited_article_is_found_by_its_new_words(corpus):
    article = corpus["en"]
    article.title = "Tunnels under the pass"
    factories.publish(article)
    assert found("en", "tunnel") == ["Tunnels under the pass"]
    assert found("en", "crossings") == []


def test_more_relevant_then_more_recent_first(editions):
    once = body("Surveyors walked the valley for weeks, counting lakes, herds and a glacier.")
    factories.article("en", headline="Markets today", body=once, days_ago=1)
    factories.article(
        "en", headline="Glacier melt speeds up",
        body=body("The glacier lost ice; glacier lakes grow; glacier tours stop."), days_ago=2,
    )  # fmt: skip
    factories.article("en", headline="Old valley survey", body=once, days_ago=900)
    factories.article("en", headline="New valley survey", body=once, days_ago=3)
    titles = found("en", "glacier")
    assert titles[0] == "Glacier melt speeds up"
    assert titles.index("New valley survey") < titles.index("Old valley survey")


def test_filters_by_rubric_and_date(corpus):
    factories.article("en", "politics", headline="Bridges debate", days_ago=40)
    economy = factories.rubric("en", "economy")
    assert found("en", "bridges", rubric=economy) == ["New crossings on the Chui"]
    recent = corpus["en"].first_published_at.date()
    assert found("en", "bridges", date_from=recent) == ["New crossings on the Chui"]
    assert found("en", "bridges", date_to=recent.replace(year=recent.year - 1)) == []


def test_snippet_marks_the_words_and_escapes_the_text(editions):
    factories.article(
        "en", headline="Tags", body=body("Editors wrote <script>alert(1)</script> about bridges.")
    )
    results = search_articles(factories.locale("en"), "bridge", SearchFilters())
    snippet = str(results.results[0]["snippet"])
    assert "<mark>bridges</mark>" in snippet
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet


def test_search_page_is_noindex_and_paginated(editions, client: Client):
    for n in range(12):
        factories.article("en", headline=f"Flood warning {n}", body=body("Flood."), days_ago=n)
    response = client.get("/en/search/", {"q": "flood"})
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert b'<meta name="robots" content="noindex">' in response.content
    assert response.content.count(b'class="search-result"') == 10
    assert b'rel="next"' in response.content
    second = client.get("/en/search/", {"q": "flood", "page": "2"})
    assert second.content.count(b'class="search-result"') == 2
    for page in ("x", "0", "-1", "999", "9" * 5000, "1.5", "\x00"):
        assert client.get("/en/search/", {"q": "flood", "page": page}).status_code == 200


def test_the_form_has_labels(editions, client: Client):
    response = client.get("/ru/search/")
    assert response.status_code == 200
    assert b'<label for="search-q">' in response.content


def test_a_search_page_takes_a_fixed_number_of_queries(
    editions, client: Client, django_assert_num_queries
):
    for n in range(3):
        factories.article("en", headline=f"Drought report {n}", body=body("Drought."))
    client.get("/en/search/", {"q": "drought"})  # warm the site-root cache
    with django_assert_num_queries(10) as few:
        client.get("/en/search/", {"q": "drought"})
    for n in range(8):
        factories.article("en", headline=f"Drought more {n}", body=body("Drought."))
    for given in ("Aida", "Temir", "Nurlan"):
        factories.author("en", given, "Usenov")  # the author filter's choices
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/en/search/", {"q": "drought"})


def test_reindex_rebuilds_the_index(corpus):
    SearchEntry.objects.all().delete()
    assert search_reindex_all() >= 3
    assert found("ru", "Бишкек") == ["Встреча в столице"]


HOSTILE = [
    "", " ", '"', '""', "'", "Бишкек\"", "\x00", "Бишкек\x00", "\x00\x00\"'",
    "<script>alert(1)</script>", "<", ">", "&amp;", "a" * 10_240, "Бишкек " * 1500,
    "OR", "bridge OR river", "NEAR(bridge river)", "bridge NEAR river", "*", "bridge*",
    "-bridge", "- -", "')--", "'; DROP TABLE search_searchentry; --", "1=1", "\\",
    "%", "_", "%_%", "bridge:", "stems:bridge", "^bridge", "(", ")", "{}", "[", "NOT",
    "AND AND", "!!!", "😀", "\u202e\u200b", "\t\n\r", "\x1b[31m", "&", "|", ":*",
    "bridge & river | !x", "ёлка", "Бишкек' OR '1'='1",
]  # fmt: skip


@pytest.mark.parametrize("query", HOSTILE)
def test_no_query_gives_an_error(corpus, client: Client, query):
    for code in ("ru", "en", "ky"):
        response = client.get(f"/{code}/search/", {"q": query, "rubric": query, "date_from": query})
        assert response.status_code == 200
        assert b"<script>alert" not in response.content
