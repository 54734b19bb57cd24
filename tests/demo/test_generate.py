"""The synthetic corpus generator writes what the services would: a valid Wagtail tree,
revisions, author/entity/tag rows, terms, links and the search index, on a real database."""

from __future__ import annotations

import html
import io
import json
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from vestnik.demo import generator
from vestnik.newsroom import selectors
from vestnik.newsroom.models import ArticleAuthor, ArticleEntity, ArticlePage, ArticleTag
from vestnik.related.models import RelatedLink, RelatedTerm
from vestnik.related.services import article_terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(editions):
    """90 articles over the three editions, on top of nothing."""
    pools = generator.PoolSizes(authors=2, entities=4, tags=8)
    summary = generator.generate(90, seed=7, search_index=True, pools=pools)
    articles = list(ArticlePage.objects.order_by("id"))
    return summary, articles


def _draft_state(page: ArticlePage) -> dict:
    """What ``serializable_data`` gave when ``article_save`` called ``save_revision``."""
    page.live, page.has_unpublished_changes = False, False
    page.first_published_at = page.last_published_at = page.latest_revision_created_at = None
    page.latest_revision = page.live_revision = None
    data = json.loads(json.dumps(page.serializable_data(), default=str))
    for relation in ("author_rows", "entity_rows", "tag_rows"):
        for row in data[relation]:
            row["pk"] = None  # the rows were saved on publication, after the revision
    return data


def test_counts_per_table(corpus):
    summary, articles = corpus
    ids = [a.id for a in articles]
    assert len(articles) == 90
    assert Counter(a.locale.language_code for a in articles) == {"ru": 30, "ky": 30, "en": 30}
    rows = summary.rows
    assert rows["wagtailcore_page"] == rows["newsroom_articlepage"] == 90
    assert Revision.objects.filter(object_id__in=[str(i) for i in ids]).count() == 90
    assert (
        PageLogEntry.objects.filter(page_id__in=ids).count()
        == rows["wagtailcore_pagelogentry"]
        == 3 * 90  # create, edit, publish
    )
    for model in (ArticleAuthor, ArticleEntity, ArticleTag, RelatedTerm, RelatedLink):
        assert model.objects.count() == rows[model._meta.db_table] > 0
    refs = ReferenceIndex.objects.filter(object_id__in=[str(i) for i in ids]).count()
    assert refs == rows["wagtailcore_referenceindex"] >= ArticleAuthor.objects.count()
    assert summary.rows["search index"] == 90
    assert 90 <= RelatedTerm.objects.count() <= 90 * 24


def test_every_article_is_live_routable_and_listed(corpus, client):
    _summary, articles = corpus
    assert all(a.live and not a.has_unpublished_changes for a in articles)
    assert all(a.latest_revision_id == a.live_revision_id is not None for a in articles)
    assert all(a.first_published_at == a.last_published_at is not None for a in articles)
    for article in articles[::15]:
        response = client.get(article.url)
        assert response.status_code == 200, article.url
        assert html.escape(article.title) in response.content.decode()
        rubric = article.get_parent().specific
        listing = selectors.article_page_for_rubric(rubric, "1").paginator.object_list
        assert listing.filter(id=article.id).exists()
    newest = max(articles, key=lambda a: a.first_published_at)
    page = client.get(newest.get_parent().url)
    assert page.status_code == 200 and html.escape(newest.title) in page.content.decode()


def test_tree_is_valid(corpus):
    assert Page.find_problems() == ([], [], [], [], [])
    for rubric_id, slugs in _slugs_by_parent().items():
        assert len(slugs) == len(set(slugs)), rubric_id
    for article in corpus[1][::20]:
        parent = article.get_parent()
        assert article.url_path == f"{parent.url_path}{article.slug}/"
        assert article.depth == parent.depth + 1 and article.locale_id == parent.locale_id


def test_revisions_are_what_wagtail_serialises(corpus):
    for article in corpus[1][::10]:
        revision = article.latest_revision
        assert revision.object_id == str(article.id) and revision.object_str == article.title
        draft = revision.as_object()
        assert draft.title == article.title and list(draft.body) and draft.lead == article.lead
        assert list(article.get_latest_revision_as_object().body.raw_data) == list(
            article.body.raw_data
        )
        expected = _draft_state(ArticlePage.objects.get(id=article.id))
        content = dict(revision.content)
        assert json.loads(content.pop("body")) == json.loads(expected.pop("body"))
        assert content == expected
        # Key order is not kept by PostgreSQL's jsonb: compare the keys as sets.
        assert sorted(revision.content) == sorted(generator._revision_template())


def test_body_terms_and_references_match_the_services(corpus):
    for article in corpus[1][::10]:
        assert all(block["id"] for block in article.body.raw_data)
        kinds = {block.block_type for block in article.body}
        assert {"paragraph", "subheading"} <= kinds <= {"paragraph", "subheading", "quote", "list"}
        stored = dict(RelatedTerm.objects.filter(article=article).values_list("term", "weight"))
        assert stored == pytest.approx(article_terms(article))
        indexed = {
            (r.to_content_type_id, r.to_object_id, r.model_path, r.content_path)
            for r in ReferenceIndex.objects.filter(object_id=str(article.id))
        }
        assert indexed == set(ReferenceIndex._extract_references_from_object(article))


def test_related_links_follow_the_rules(corpus):
    _summary, articles = corpus
    by_id = {a.id: a for a in articles}
    per_article = dict(
        RelatedLink.objects.values("article_id")
        .annotate(n=Count("id"))
        .values_list("article_id", "n")
    )
    assert set(per_article) == set(by_id)
    assert all(3 <= n <= 6 for n in per_article.values())
    for link in RelatedLink.objects.all():
        assert link.article_id != link.related_id
        assert by_id[link.related_id].live
        assert by_id[link.related_id].locale_id == by_id[link.article_id].locale_id
        assert not link.pinned
    positions = RelatedLink.objects.filter(article=articles[0]).values_list("position", flat=True)
    assert list(positions) == list(range(len(positions)))


def test_search_finds_generated_articles(corpus):
    article = corpus[1][-1]
    found = ArticlePage.objects.live().search(article.title)
    assert article.id in [page.id for page in found]


def test_second_run_adds_more_without_breaking_slugs_or_paths(editions):
    generator.generate(60, seed=1, languages=["en"])
    generator.generate(60, seed=1, languages=["en"])
    assert ArticlePage.objects.filter(locale__language_code="en").count() == 120
    assert Page.find_problems() == ([], [], [], [], [])
    paths = list(Page.objects.values_list("path", flat=True))
    assert len(paths) == len(set(paths))
    for rubric_id, slugs in _slugs_by_parent().items():
        assert len(slugs) == len(set(slugs)), rubric_id
    assert RelatedLink.objects.values("article_id").distinct().count() == 120


def test_same_seed_gives_the_same_articles(editions):
    generator.generate(12, seed=5, languages=["ru", "ky"])
    first = ArticlePage.objects.order_by("id").first()
    code = first.locale.language_code
    sizes = generator.PoolSizes.for_articles(12, 2)
    edition = generator._edition(code, sizes, 6)
    again = generator._draft(0, 5, code, edition, first.first_published_at)
    assert (again.headline, again.lead) == (first.title, first.lead)
    assert json.loads(again.body) == list(first.body.raw_data)
    other = generator._draft(0, 6, code, edition, first.first_published_at)
    assert json.loads(other.body) != list(first.body.raw_data)


def test_command_prints_counts_and_writes_comments(editions, client):
    out = io.StringIO()
    call_command(
        "generate",
        "--articles",
        "9",
        "--comments",
        "5",
        "--lang",
        "en,ky",
        stdout=out,
        stderr=io.StringIO(),
    )
    printed = out.getvalue()
    assert "comments_readercomment: 5" in printed
    from vestnik.comments.models import CommentThread, ReaderComment

    assert ReaderComment.objects.filter(state="approved").count() == 5
    threads = CommentThread.objects.all()
    assert sum(t.approved_count for t in threads) == 5
    commented = ArticlePage.objects.get(id=threads[0].article_id)
    html = client.get(commented.url).content.decode()
    assert f'class="comment-count">({threads[0].approved_count})' in html
    assert "9 articles in" in printed and "related_relatedlink:" in printed
    codes = set(ArticlePage.objects.values_list("locale__language_code", flat=True))
    assert codes == {"en", "ky"}


def test_command_refuses_bad_arguments(editions):
    with pytest.raises(CommandError, match="unknown edition"):
        call_command("generate", "--articles", "3", "--lang", "fr", stdout=io.StringIO())
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate", "--articles", "0", stdout=io.StringIO())


def _slugs_by_parent() -> dict[str, list[str]]:
    slugs: dict[str, list[str]] = {}
    for path, slug in Page.objects.values_list("path", "slug"):
        slugs.setdefault(path[: -Page.steplen], []).append(slug)
    return slugs
