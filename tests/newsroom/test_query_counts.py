"""Query counts are part of a page's contract: they do not grow with the content."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PILImage
from tests import factories
from wagtail.images.models import Image

from vestnik.newsroom.models import ArticleAuthor, ArticleEntity, ArticlePage, ArticleTag

# Upper bounds, so that a change that adds queries to every page is noticed.
MAX_QUERIES = {"article": 30, "home": 20, "rubric": 20}


def queries_for(client, url: str) -> int:
    """The queries of rendering ``url`` (a page cache miss: the cache is off here)."""
    with override_settings(VESTNIK_PAGE_CACHE=False):
        client.get(url)  # warm Wagtail's site-root cache, as a running server has it
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_articles(count: int, code: str = "en") -> None:
    """Many live articles, cheaply: tree rows only (the listings read nothing else)."""
    rubrics = [factories.rubric(code, slug) for slug in ("politics", "economy", "sports")]
    now = timezone.now()
    start = ArticlePage.objects.count()
    for number in range(start, start + count):
        rubric = rubrics[number % len(rubrics)]
        rubric.add_child(
            instance=ArticlePage(
                title=f"Filler article {number}",
                slug=f"filler-{number}",
                lead="Filler lead.",
                live=True,
                first_published_at=now - timedelta(hours=number + 1),
                locale_id=rubric.locale_id,
            )
        )
        rubric.refresh_from_db()


def load_article_with(article: ArticlePage, extra: int) -> None:
    for number in range(extra):
        ArticleAuthor.objects.create(
            page=article,
            author=factories.author("en", "Given", f"Family{number}"),
            sort_order=number + 1,
        )
        ArticleEntity.objects.create(
            page=article, entity=factories.entity("en", f"Place {number}"), sort_order=number + 1
        )
        ArticleTag.objects.create(
            page=article, tag=factories.tag("en", f"tag {number}"), sort_order=number + 1
        )


@pytest.fixture
def article(editions):
    return factories.article(
        "en",
        authors=[factories.author()],
        entities=[factories.entity()],
        tags=[factories.tag()],
    )


def test_article_page_queries_do_not_grow_with_authors_entities_and_tags(client, article):
    url = article.get_url_parts()[2]
    with_one = queries_for(client, url)
    load_article_with(article, 49)
    assert len(article.tag_rows.all()) == 50
    assert queries_for(client, url) == with_one <= MAX_QUERIES["article"]


def test_page_queries_do_not_grow_with_the_number_of_articles(client, article):
    urls = {
        "article": article.get_url_parts()[2],
        "home": "/en/",
        "rubric": "/en/politics/",
    }
    add_articles(10 - ArticlePage.objects.filter(locale__language_code="en").count())
    small = {name: queries_for(client, url) for name, url in urls.items()}
    add_articles(990)
    assert ArticlePage.objects.filter(locale__language_code="en", live=True).count() >= 1000
    large = {name: queries_for(client, url) for name, url in urls.items()}
    assert large == small
    for name, count in large.items():
        assert count <= MAX_QUERIES[name], name


def test_article_page_queries_do_not_grow_with_quotes_of_linked_people(client, editions):
    person = factories.entity("en", "Aida Sultanova", kind="person")

    def article_with_quotes(count: int):
        quote = {"text": "Water first.", "attribution": "Aida Sultanova", "person": person.id}
        return factories.article("en", body=[("quote", quote)] * count)

    one, five = article_with_quotes(1), article_with_quotes(5)
    assert queries_for(client, one.get_url_parts()[2]) == queries_for(
        client, five.get_url_parts()[2]
    )


def small_image(number: int) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (900, 600), "olive").save(buffer, "JPEG")
    return Image.objects.create(title=f"Photo {number}", file=ImageFile(buffer, name="p.jpg"))


def test_pictures_cost_no_query_per_picture(client, editions):
    """Lead, body and card pictures: their renditions (AVIF, WebP, JPEG at a few widths)
    come from Wagtail's rendition cache, so a page's queries do not grow with them."""

    def article_with_pictures(count: int, rubric: str):
        body = [("image", {"image": small_image(n).id}) for n in range(count)]
        return factories.article("en", rubric, lead_image=small_image(99), body=body)

    one, five = article_with_pictures(1, "economy"), article_with_pictures(5, "sports")
    assert queries_for(client, one.get_url_parts()[2]) == queries_for(
        client, five.get_url_parts()[2]
    )
    economy, sports = "/en/economy/", "/en/sports/"
    for _ in range(4):
        article_with_pictures(0, "sports")
    assert queries_for(client, economy) == queries_for(client, sports)  # 1 and 5 cards
