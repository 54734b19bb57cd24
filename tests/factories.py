"""Test data built through the same services the admin and the importers use."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.test import TestCase
from django.utils import timezone
from wagtail.models import Locale

from vestnik.core.sanitise import text_to_paragraph_html
from vestnik.newsroom.models import ArticlePage, RubricPage
from vestnik.newsroom.services import (
    ArticleInput,
    article_save,
    author_get_or_create,
    entity_get_or_create,
    tag_get_or_create,
)

_counter = itertools.count(1)


def rubric(code: str = "en", slug: str = "politics") -> RubricPage:
    return RubricPage.objects.get(locale__language_code=code, slug=slug)


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def author(code: str = "en", given: str = "Nurlan", family: str = "Asanov"):
    return author_get_or_create(
        locale(code), written=f"{given} {family}", given=given, family=family
    )


def entity(code: str = "en", name: str = "Naryn", kind: str = "place"):
    return entity_get_or_create(locale(code), name=name, kind=kind)


def tag(code: str = "en", name: str = "water"):
    return tag_get_or_create(locale(code), name)


def article(
    code: str = "en",
    rubric_slug: str = "politics",
    *,
    headline: str | None = None,
    publish: bool = True,
    days_ago: float | None = None,
    body: list | None = None,
    user=None,
    **fields,
) -> ArticlePage:
    number = next(_counter)
    published = timezone.now() - timedelta(days=days_ago) if days_ago is not None else None
    # The publish's follow-up tasks run on commit, as in production.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return article_save(
            ArticleInput(
                rubric=rubric(code, rubric_slug),
                headline=headline or f"Test article number {number} about the river",
                lead=fields.pop("lead", f"Lead of test article {number}."),
                body=body
                if body is not None
                else [("paragraph", text_to_paragraph_html(f"Body of article {number}."))],
                first_published_at=published,
                **fields,
            ),
            user=user,
            publish=publish,
        )


def publish(page) -> None:
    """Publish ``page``'s latest draft and run the follow-up tasks, as a commit would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()


def unpublish(page) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.unpublish()
