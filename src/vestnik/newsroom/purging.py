"""Which newsroom pages show a page: what a publish, unpublish, move or restriction must
purge from the caches (``core.purge`` asks ``paths_showing``; other apps add theirs).

An article shows on its own address (and its print version), in every edition it is
translated to, on its rubrics and its edition's home, on the date archive of its first
publication, and on the pages of its tags, authors and entities. An edit that removed a
tag or an author must purge that page too: the relations are read from the live page and
from the revision published before it (``article_relations``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision

from vestnik.newsroom.models import (
    ArticleAuthor,
    ArticleEntity,
    ArticlePage,
    AuthorPage,
    EntityPage,
    HomePage,
    RubricPage,
    Tag,
    TagIndexPage,
)


@dataclass
class Relations:
    """What an article is shown beside, now and as last published before now."""

    rubrics: list[Page] = field(default_factory=list)  # parent rubric first, then above
    homes: list[Page] = field(default_factory=list)
    authors: list[AuthorPage] = field(default_factory=list)
    entities: list[EntityPage] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)


def previous_publication(article: ArticlePage) -> ArticlePage | None:
    """The article as its publication before the current one left it, or None."""
    entries = (
        PageLogEntry.objects.filter(page=article, action="wagtail.publish", revision__isnull=False)
        .exclude(revision_id=article.live_revision_id)
        .order_by("-timestamp", "-id")
        .values_list("revision_id", flat=True)[:1]
    )
    revision = Revision.objects.filter(id__in=list(entries)).first()
    if revision is None:
        return None
    try:
        return revision.as_object()
    except Exception:  # a revision of an older model version that no longer loads
        return None


def article_relations(article: ArticlePage) -> Relations:
    """The rubrics, homes, authors, entities and tags of the article, now and before
    (kept on the instance: every provider of one purge asks)."""
    cached = getattr(article, "_vestnik_relations", None)
    if cached is not None:
        return cached
    before = previous_publication(article)
    relations = Relations()
    author_ids = set(ArticleAuthor.objects.filter(page=article).values_list("author_id", flat=True))
    entity_ids = set(ArticleEntity.objects.filter(page=article).values_list("entity_id", flat=True))
    tag_ids = set(article.tag_rows.values_list("tag_id", flat=True))
    if before is not None:
        author_ids.update(row.author_id for row in before.author_rows.all())
        entity_ids.update(row.entity_id for row in before.entity_rows.all())
        tag_ids.update(row.tag_id for row in before.tag_rows.all())
    ancestors = article.get_ancestors().specific()
    relations.rubrics = [p for p in reversed(ancestors) if isinstance(p, RubricPage)]
    relations.homes = [p for p in ancestors if isinstance(p, HomePage)]
    relations.authors = list(AuthorPage.objects.filter(id__in=author_ids))
    relations.entities = list(EntityPage.objects.filter(id__in=entity_ids))
    relations.tags = list(Tag.objects.filter(id__in=tag_ids).select_related("locale"))
    article._vestnik_relations = relations  # type: ignore[attr-defined]
    return relations


def _url(page: Page) -> str | None:
    parts = page.get_url_parts()
    return parts[2] if parts else None


def _archive_paths(home_url: str, article: ArticlePage) -> list[str]:
    if article.first_published_at is None:
        return []
    day = timezone.localtime(article.first_published_at)
    year, month, date = f"{day.year:04d}/", f"{day.month:02d}/", f"{day.day:02d}/"
    return [home_url + year, home_url + year + month, home_url + year + month + date]


def _article_paths(article: ArticlePage) -> Iterable[str | None]:
    own = _url(article)
    yield own
    if own:
        yield own + "print/"
    siblings = Page.objects.filter(translation_key=article.translation_key).exclude(id=article.id)
    for translation in siblings.type(ArticlePage):
        yield _url(translation)
    relations = article_relations(article)
    for page in [*relations.rubrics, *relations.homes, *relations.authors, *relations.entities]:
        yield _url(page)
    for home in relations.homes:
        home_url = _url(home)
        if home_url:
            yield from _archive_paths(home_url, article)
    indexes = {
        index.locale_id: _url(index)
        for index in TagIndexPage.objects.filter(locale__in={t.locale_id for t in relations.tags})
    }
    for tag in relations.tags:
        index_url = indexes.get(tag.locale_id)
        if index_url:
            yield f"{index_url}{tag.slug}/"


def _articles_shown_with(page: Page) -> Iterable[ArticlePage]:
    """The articles whose pages show ``page``'s title: a rubric's (breadcrumbs), an
    author's (bylines), an entity's (the article's people and organisations)."""
    if isinstance(page, RubricPage):
        return ArticlePage.objects.live().descendant_of(page)
    if isinstance(page, AuthorPage):
        ids = ArticleAuthor.objects.filter(author=page).values_list("page_id", flat=True)
        return ArticlePage.objects.live().filter(id__in=ids)
    if isinstance(page, EntityPage):
        ids = ArticleEntity.objects.filter(entity=page).values_list("page_id", flat=True)
        return ArticlePage.objects.live().filter(id__in=ids)
    return ArticlePage.objects.none()


def newsroom_paths(pages: Sequence[Page]) -> set[str]:
    """The registered provider of the newsroom (see the module's docstring)."""
    found: set[str | None] = set()
    for page in pages:
        if isinstance(page, ArticlePage):
            found.update(_article_paths(page))
            continue
        found.add(_url(page))
        parent = page.get_parent()
        if parent is not None and parent.depth >= 2:  # the listing it is a card of
            found.add(_url(parent))
        for article in _articles_shown_with(page).order_by("id").iterator(chunk_size=500):
            found.add(_url(article))
            found.add((_url(article) or "") + "print/")
    return {path for path in found if path and path != "print/"}
