"""Home, rubric, author, entity and tag listings: one edition each, paginated, never a 500."""

from __future__ import annotations

import pytest
from django.test import override_settings
from tests import factories


@pytest.fixture
def newsroom(editions):
    writer = factories.author("en", "Nurlan", "Asanov")
    place = factories.entity("en", "Naryn")
    water = factories.tag("en", "water")
    english = [
        factories.article("en", headline=f"English story {n}", authors=[writer], entities=[place],
                          tags=[water], days_ago=n)
        for n in range(3)
    ]  # fmt: skip
    breaking = factories.article("en", "incidents", headline="Breaking story", breaking=True)
    russian = factories.article("ru", headline="Русская новость", days_ago=0.5)
    draft = factories.article("en", headline="Unpublished draft story", publish=False)
    return {"english": english, "breaking": breaking, "russian": russian, "draft": draft}


def test_home_shows_latest_breaking_and_rubric_blocks_of_its_edition(client, newsroom):
    html = client.get("/en/").content.decode()
    assert html.index("Breaking news") < html.index("Breaking story") < html.index("Latest news")
    assert html.index("English story 0") < html.index("English story 1")  # newest first
    assert 'id="rubric-politics"' in html and 'id="rubric-incidents"' in html
    assert "Русская новость" not in html
    assert "Unpublished draft story" not in html


def test_listing_shows_published_articles_of_its_edition_only(client, newsroom):
    for url in (
        "/en/politics/",
        "/en/authors/nurlan-asanov/",
        "/en/topics/naryn/",
        "/en/tags/water/",
    ):
        html = client.get(url).content.decode()
        for number in range(3):
            assert f"English story {number}" in html, url
        assert "Русская новость" not in html
        assert "Unpublished draft story" not in html


def test_invalid_page_number_is_404_never_500(client, newsroom):
    for page in ("0", "-1", "abc", "", "9999", "1.5", "9" * 30, "%00", "１", "01", "+1"):
        for url in (
            "/en/politics/",
            "/en/authors/nurlan-asanov/",
            "/en/topics/naryn/",
            "/en/tags/water/",
        ):
            assert client.get(f"{url}?page={page}").status_code == 404, (url, page)


@override_settings(VESTNIK_PAGE_SIZE=2)
def test_listing_paginates_with_links_to_older_and_newer(client, newsroom):
    first = client.get("/en/politics/").content.decode()
    assert 'rel="next" href="?page=2"' in first
    second = client.get("/en/politics/?page=2")
    assert second.status_code == 200
    assert 'rel="prev" href="?page=1"' in second.content.decode()


def test_unknown_tag_is_404(client, newsroom):
    assert client.get("/en/tags/no-such-tag/").status_code == 404
    assert client.get("/ru/tags/water/").status_code == 404  # the tag is of the English edition


def test_tag_page_is_its_own_canonical_address(client, newsroom):
    html = client.get("/en/tags/water/").content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8000/en/tags/water/">' in html
    assert '<meta property="og:title" content="#water">' in html
