""" "Read also": 3-6 related articles of the same edition, computed on publish."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests import factories

from vestnik.related.models import RelatedLink
from vestnik.related.selectors import related_for
from vestnik.related.services import related_recompute


def related_titles(article) -> list[str]:
    return [page.title for page in related_for(article)]


@pytest.fixture
def cluster(editions):
    """Articles about hydropower sharing a tag and an entity, plus unrelated ones."""
    energy = factories.tag("en", "energy")
    dam = factories.entity("en", "Kambarata dam", kind="place")
    related = [
        factories.article("en", "economy", headline=f"Hydropower tariffs rise in stage {n}",
                          tags=[energy], entities=[dam], days_ago=n + 1)
        for n in range(4)
    ]  # fmt: skip
    unrelated = [
        factories.article(
            "en", "sports", headline=f"Football cup round {n} results", days_ago=n + 1
        )
        for n in range(4)
    ]
    other_edition = factories.article("ru", "economy", headline="Тарифы на гидроэнергию", tags=[])
    source = factories.article(
        "en", "economy", headline="Hydropower plant tariffs under review",
        tags=[energy], entities=[dam], days_ago=0,
    )  # fmt: skip
    return {"source": source, "related": related, "unrelated": unrelated, "ru": other_edition}


def test_read_also_has_three_to_six_articles_of_the_same_edition(cluster):
    picks = related_for(cluster["source"])
    assert 3 <= len(picks) <= 6
    assert all(page.locale_id == cluster["source"].locale_id for page in picks)
    assert cluster["source"].id not in [page.id for page in picks]
    assert cluster["ru"].id not in [page.id for page in picks]


def test_shared_tags_and_entities_rank_before_unrelated_articles(cluster):
    titles = related_titles(cluster["source"])
    assert titles[:4] == [page.title for page in cluster["related"]]


def test_order_is_stable_when_recomputed(cluster):
    first = related_titles(cluster["source"])
    related_recompute(cluster["source"].id)
    assert related_titles(cluster["source"]) == first


def test_unpublished_articles_leave_every_read_also(cluster):
    gone = cluster["related"][0]
    factories.unpublish(gone)
    assert gone.title not in related_titles(cluster["source"])
    assert not RelatedLink.objects.filter(related=gone).exists()
    assert not RelatedLink.objects.filter(article=gone).exists()


def test_editor_pins_come_first(cluster):
    source = cluster["source"]
    pinned = cluster["unrelated"][2]
    source.pinned_related_rows.create(related=pinned, sort_order=0)
    factories.publish(source)
    assert related_titles(source)[0] == pinned.title
    assert RelatedLink.objects.get(article=source, related=pinned).pinned


def test_publishing_updates_neighbours(cluster):
    newcomer = factories.article(
        "en", "economy", headline="Hydropower tariffs: the newest stage",
        tags=[factories.tag("en", "energy")], entities=[factories.entity("en", "Kambarata dam")],
    )  # fmt: skip
    neighbours = related_for(newcomer)
    assert {page.id for page in cluster["related"]} <= {page.id for page in neighbours}
    for page in cluster["related"]:
        assert newcomer.title in related_titles(page), page.title


def count_recompute_queries(article) -> int:
    with CaptureQueriesContext(connection) as captured:
        related_recompute(article.id, neighbours=False)
    return len(captured)


def test_recompute_queries_do_not_grow_with_the_number_of_candidates(cluster):
    few = count_recompute_queries(cluster["source"])
    energy = factories.tag("en", "energy")
    for number in range(30):
        factories.article("en", "economy", headline=f"Hydropower note {number}", tags=[energy])
    assert count_recompute_queries(cluster["source"]) == few
