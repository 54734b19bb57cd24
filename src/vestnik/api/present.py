"""Pages turned into the dicts that ``schemas`` describe: no queries of their own beyond
what the selectors loaded, except Wagtail's site-root lookup for URLs (cached)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page

from vestnik.api import selectors
from vestnik.api.blocks import body_blocks, image_ids, images_out
from vestnik.core.public import absolute, page_url
from vestnik.newsroom.models import ArticlePage, AuthorPage, EntityPage, RubricPage, Tag
from vestnik.newsroom.selectors import article_detail_context


def url(page: Page, request: HttpRequest) -> str:
    """The page on the public site (``BASE_URL``), never on the Host header's: answers
    are cached by shared caches."""
    return page_url(page, request)


def person_ref(page: Page) -> dict[str, Any]:
    return {"id": page.id, "slug": page.slug, "name": page.title}


def rubric_ref(rubric: RubricPage | None) -> dict[str, Any] | None:
    return rubric and {"id": rubric.id, "slug": rubric.slug, "title": rubric.title}


def tag_ref(tag: Tag) -> dict[str, Any]:
    return {"id": tag.id, "slug": tag.slug, "name": tag.name}


def _summary(
    article: ArticlePage,
    request: HttpRequest,
    edition: str,
    rubric: RubricPage | None,
    authors: list[AuthorPage],
    images: dict[int, dict],
) -> dict[str, Any]:
    return {
        "id": article.id,
        "edition": edition,
        "title": article.title,
        "slug": article.slug,
        "url": url(article, request),
        "lead": article.lead,
        "breaking": article.breaking,
        "first_published_at": article.first_published_at,
        "last_published_at": article.last_published_at,
        "rubric": rubric_ref(rubric),
        "authors": [person_ref(author) for author in authors],
        "lead_image": images.get(article.lead_image_id) if article.lead_image_id else None,
    }


def article_summaries(
    articles: list[ArticlePage], request: HttpRequest, edition: str
) -> list[dict[str, Any]]:
    """List items for a page of articles: five queries (three when no article has a lead
    image), whatever the page size."""
    rubrics = selectors.rubrics_by_path(articles)
    authors = selectors.authors_by_article(articles, edition)
    spec = settings.VESTNIK_API_IMAGE_SPEC
    images = images_out([article.lead_image_id for article in articles], spec, absolute)
    steplen = ArticlePage.steplen
    return [
        _summary(
            article,
            request,
            edition,
            rubrics.get(article.path[:-steplen]),
            authors.get(article.id, []),
            images,
        )
        for article in articles
    ]


def article_detail(article: ArticlePage, request: HttpRequest) -> dict[str, Any]:
    """The whole article with its body as typed blocks (a fixed number of queries)."""
    context = article_detail_context(article)
    spec = settings.VESTNIK_API_IMAGE_SPEC
    edition = article.locale.language_code
    raw_body = list(article.body.raw_data)
    images = images_out([article.lead_image_id, *image_ids(raw_body)], spec, absolute)
    # Wagtail points internal links at the linked page's translation in the active
    # language: the article's edition, not the language of whoever asked.
    with translation.override(edition):
        body = body_blocks(raw_body, images)
    return {
        **_summary(article, request, edition, context["rubric"], context["authors"], images),
        "correction_note": article.correction_note,
        "translations": [
            {
                "edition": other.locale.language_code,
                "id": other.id,
                "title": other.title,
                "url": url(other, request),
            }
            for other in selectors.translations_of(article)
        ],
        "entities": [person_ref(entity) for entity in context["entities"]],
        "tags": [tag_ref(tag) for tag in context["tags"]],
        "body": body,
    }


def author(page: AuthorPage, request: HttpRequest) -> dict[str, Any]:
    return {
        **person_ref(page),
        "given_name": page.given_name,
        "family_name": page.family_name,
        "bio": page.bio,
        "url": url(page, request),
    }


def entity(page: EntityPage, request: HttpRequest) -> dict[str, Any]:
    return {
        **person_ref(page),
        "kind": page.kind,
        "summary": page.summary,
        "url": url(page, request),
    }


def rubric(page: RubricPage, parent_id: int | None, request: HttpRequest) -> dict[str, Any]:
    return {**rubric_ref(page), "url": url(page, request), "parent_id": parent_id}  # type: ignore[dict-item]
