"""Helpers to show that an import stopped half-way and run again ends as one whole run:
a record source that fails at its Nth record, and what an import leaves behind, described
without database ids so two runs can be compared."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from unittest import mock

from django.db import transaction
from wagtail.contrib.redirects.models import Redirect

from vestnik.comments.models import CommentThread, ReaderComment
from vestnik.importers import pipeline
from vestnik.importers.models import ImportedComment, ImportedImage, ImportedItem
from vestnik.newsroom.models import ArticlePage


@contextmanager
def failing_at(number: int, error: BaseException) -> Iterator[list[int]]:
    """Every import in the block reads its records from a source that raises ``error``
    instead of giving its ``number``-th record (Ctrl-C, a lost connection...); the list
    yielded holds how many records each import had been given."""
    given: list[int] = []
    real = pipeline.import_records

    def source(records) -> Iterator[Any]:
        given.append(0)
        for count, record in enumerate(records, start=1):
            if count == number:
                raise error
            given[-1] = count
            yield record

    def import_records(records, **options):
        return real(source(records), **options)

    with mock.patch.object(pipeline, "import_records", import_records):
        yield given


def outcome(source: str, *, imported_since: datetime | None = None) -> dict[str, Any]:
    """The pages, comments, redirects and pictures an import of ``source`` left, by the
    source's keys and by content (never by our ids), with each page's revision count.

    A page the source gave no date is dated when it was imported: with ``imported_since``,
    any date after it reads "at the import", so two runs' outcomes can be equal."""

    def when(moment: datetime | None) -> datetime | str | None:
        if imported_since is not None and moment is not None and moment >= imported_since:
            return "at the import"
        return moment

    items = dict(ImportedItem.objects.filter(source=source).values_list("page_id", "external_id"))
    pages = ArticlePage.objects.filter(id__in=items).select_related("lead_image")
    comment_ids = ImportedComment.objects.filter(source=source).values("comment_id")
    comments = ReaderComment.objects.filter(id__in=comment_ids).select_related("article", "parent")
    return {
        "pages": {
            items[page.id]: (
                page.title,
                page.live,
                page.get_parent().slug,
                page.revisions.count(),
                when(page.first_published_at),
                page.go_live_at,
                page.pinned,
                page.show_on_home,
                page.lead_image.title if page.lead_image else None,
            )
            for page in pages
        },
        "rubrics": sorted(
            external_id for external_id in items.values() if external_id.startswith("rubric:")
        ),
        "comments": sorted(
            (c.article.title, c.body, c.state, c.parent.body if c.parent else "", c.created_at)
            for c in comments
        ),
        "thread counts": sorted(
            CommentThread.objects.filter(article_id__in=items).values_list(
                "article__title", "approved_count", "pending_count"
            )
        ),
        "redirects": sorted(
            (r.old_path, r.redirect_page.title, r.is_permanent)
            for r in Redirect.objects.filter(redirect_page_id__in=items).select_related(
                "redirect_page"
            )
        ),
        "images": ImportedImage.objects.filter(source=source).count(),
    }


def uninterrupted(run: Callable[[], object], source: str, **described: Any) -> dict[str, Any]:
    """What one whole run of ``run`` leaves (``outcome``), then rolled back as if it never
    ran."""
    with transaction.atomic():
        run()
        left = outcome(source, **described)
        transaction.set_rollback(True)
    assert outcome(source)["pages"] == {}
    return left
