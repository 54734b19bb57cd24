"""Where an article shows: pinned first in its own rubric, and kept off the home page when
an editor (or an imported DataLife Engine post's ``allow_main``) says so."""

from __future__ import annotations

import pytest
from tests import factories

from vestnik.newsroom.models import ArticlePage, RubricPage
from vestnik.newsroom.services import ArticleInput, article_save


def titles_in(html: str, *titles: str) -> list[str]:
    """``titles`` in the order the page shows them (each must be on it)."""
    assert all(title in html for title in titles), [t for t in titles if t not in html]
    return sorted(titles, key=html.index)


@pytest.fixture
def sub_rubric(editions) -> RubricPage:
    politics = factories.rubric("en", "politics")
    child = politics.add_child(instance=RubricPage(title="Parliament", slug="parliament"))
    child.save_revision().publish()
    return child


def test_a_pinned_article_leads_its_rubric_above_newer_ones(client, editions, sub_rubric):
    factories.article(headline="Older pinned story", days_ago=5, pinned=True)
    factories.article(headline="Newest plain story", days_ago=1)
    factories.article("en", "parliament", headline="Pinned in the chamber", days_ago=0.5,
                      pinned=True)  # fmt: skip
    politics = client.get("/en/politics/").content.decode()
    # A sub-rubric's pin leads the sub-rubric, not the rubric above it.
    assert titles_in(politics, "Older pinned story", "Newest plain story", "Pinned in the chamber") == [
        "Older pinned story",
        "Pinned in the chamber",
        "Newest plain story",
    ]  # fmt: skip
    chamber = client.get("/en/politics/parliament/").content.decode()
    assert "Pinned in the chamber" in chamber and "Older pinned story" not in chamber
    home = client.get("/en/").content.decode()  # the home page keeps its newest-first order
    assert titles_in(home, "Newest plain story", "Older pinned story")[0] == "Newest plain story"


def test_an_article_kept_off_the_home_page_is_still_in_its_rubric_and_archive(client, editions):
    hidden = factories.article(headline="Not for the front page", breaking=True, days_ago=0.1,
                               show_on_home=False)  # fmt: skip
    factories.article(headline="Front page story", days_ago=0.2)
    home = client.get("/en/").content.decode()
    assert "Front page story" in home and "Not for the front page" not in home  # nor breaking
    assert "Not for the front page" in client.get("/en/politics/").content.decode()
    day = hidden.first_published_at
    assert "Not for the front page" in client.get(f"/en/{day:%Y/%m/%d}/").content.decode()


def test_a_save_that_does_not_say_keeps_the_editors_placement(editions):
    article = factories.article(headline="Placed by an editor")
    ArticlePage.objects.filter(id=article.id).update(pinned=True, show_on_home=False)
    article.refresh_from_db()
    article_save(
        ArticleInput(rubric=factories.rubric(), headline="Placed by an editor", lead="New lead.",
                     body=[]),
        article=article,
        publish=True,
    )  # fmt: skip
    article.refresh_from_db()
    assert (article.lead, article.pinned, article.show_on_home) == ("New lead.", True, False)
    article_save(
        ArticleInput(rubric=factories.rubric(), headline="Placed by an editor", lead="New lead.",
                     body=[], pinned=False, show_on_home=True),
        article=article,
        publish=True,
    )  # fmt: skip
    article.refresh_from_db()
    assert (article.pinned, article.show_on_home) == (False, True)
