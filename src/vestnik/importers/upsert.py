"""Import writes keyed by ``(source, external_id)``: rubrics, articles, comments, redirects.

Each function creates what a record describes on first sight and, on a later run,
updates it only when the record changed (compared by a fingerprint), so re-running an
import saves no new revision and never duplicates a page or a comment.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from vestnik.comments.models import CommentState, ReaderComment
from vestnik.comments.services import CommentRecord as TrustedComment
from vestnik.comments.services import CommentRefused, comment_record
from vestnik.core.translit import slugify_any
from vestnik.importers.models import ImportedComment, ImportedItem
from vestnik.importers.records import ArticleRecord, CommentRecord, RubricRecord, Status
from vestnik.newsroom.models import ArticlePage, AuthorPage, RubricPage, Tag
from vestnik.newsroom.services import ArticleInput, article_save, unique_child_slug

_MAX_OLD_PATH = Redirect._meta.get_field("old_path").max_length or 255


class ImportFailed(Exception):
    """One record cannot be imported; the message says why (for the closing report)."""


def fingerprint(*parts: object) -> str:
    """A digest of what a record makes, to tell "unchanged" from "updated" on a re-run."""
    text = json.dumps(parts, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def rubric_upsert(
    source: str, locale: Locale, home: Page, record: RubricRecord, *, parent_id: int | None
) -> tuple[RubricPage, str]:
    """The rubric for ``record``: the one imported before, else the edition's rubric of
    the same slug, else a new one under its parent rubric (or the edition's home)."""
    key = f"rubric:{record.external_id}"
    item = ImportedItem.objects.filter(source=source, external_id=key).first()
    rubric = RubricPage.objects.filter(id=item.page_id).first() if item else None
    _same_edition(rubric, locale)
    outcome = "unchanged"
    slug = slugify_any(record.slug or record.name, max_length=200)
    if rubric is None:
        rubric = RubricPage.objects.filter(locale=locale, slug=slug).first() if slug else None
    if rubric is None:
        name = record.name.strip()
        if not name or not slug:
            raise ImportFailed("the rubric has no name")
        parent = Page.objects.get(id=parent_id) if parent_id else home
        rubric = RubricPage(title=name[:255], slug=unique_child_slug(parent, slug), locale=locale)
        parent.add_child(instance=rubric)
        rubric.save_revision().publish()
        outcome = "created"
    ImportedItem.objects.update_or_create(source=source, external_id=key, defaults={"page": rubric})
    return rubric, outcome


def _same_edition(page: Page | None, locale: Locale) -> None:
    """A record imported into one edition is not moved into another by a later run."""
    if page is not None and page.locale_id != locale.id:
        raise ImportFailed(f"already imported into the {page.locale.language_code} edition")


@dataclass(frozen=True)
class ArticleParts:
    """An article record after cleaning and resolving: everything the page is made of."""

    rubric_id: int
    title: str
    lead: str
    blocks: list[tuple[str, Any]]
    status: Status
    # --publish-as-is: the page follows the source's state (published, scheduled, taken
    # off); otherwise new pages are drafts and existing ones stay as editors left them.
    keep_states: bool
    authors: list[AuthorPage]
    tags: list[Tag]
    lead_image_id: int | None
    old_paths: list[str]
    pinned: bool | None = None  # None: the source does not say, the page keeps its own
    show_on_home: bool | None = None


def article_upsert(source: str, record: ArticleRecord, parts: ArticleParts) -> tuple[int, str]:
    """Create or update the article of ``record``; "created", "updated" or "unchanged".
    Raises ValidationError for content an editor could not save either."""
    item = ImportedItem.objects.filter(source=source, external_id=record.external_id).first()
    existing = ArticlePage.objects.filter(id=item.page_id).first() if item else None
    _same_edition(existing, RubricPage.objects.get(id=parts.rubric_id).locale)
    digest = fingerprint(
        parts.rubric_id, parts.title, parts.lead, parts.blocks,
        [a.id for a in parts.authors], [t.id for t in parts.tags], parts.lead_image_id,
        record.published_at, record.modified_at, *_placement(parts),
    )  # fmt: skip
    scheduled = parts.status == Status.SCHEDULED and record.published_at is not None
    if existing is not None and parts.keep_states and not scheduled:
        _unschedule(existing)  # the source withdrew it or published it early
    if existing is not None and item is not None and item.fingerprint == digest:
        _redirects(existing, parts.old_paths)
        if _state_matches(existing, parts):
            return existing.id, "unchanged"
        if parts.status == Status.DRAFT:
            if existing.live:
                existing.unpublish()
            return existing.id, "updated"
    published = parts.status == Status.PUBLISHED
    article = article_save(
        ArticleInput(
            rubric=RubricPage.objects.get(id=parts.rubric_id),
            headline=parts.title[:255],
            lead=parts.lead,
            body=parts.blocks,
            authors=parts.authors,
            tags=parts.tags,
            lead_image=get_image_model().objects.filter(id=parts.lead_image_id).first(),
            first_published_at=record.published_at if published else None,
            last_published_at=(record.modified_at or record.published_at) if published else None,
            go_live_at=record.published_at if scheduled else None,
            pinned=parts.pinned,
            show_on_home=parts.show_on_home,
        ),
        article=existing,
        publish=published or scheduled,
    )
    if parts.keep_states and parts.status == Status.DRAFT and article.live:
        article.unpublish()
    ImportedItem.objects.update_or_create(
        source=source,
        external_id=record.external_id,
        defaults={"page": article, "fingerprint": digest},
    )
    _redirects(article, parts.old_paths)
    return article.id, "created" if existing is None else "updated"


def _placement(parts: ArticleParts) -> list[str]:
    """What the fingerprint adds for a placement other than a new page's: nothing for
    most records, so the digests of pages imported before placement was read still match."""
    found = []
    if parts.pinned:
        found.append("pinned")
    if parts.show_on_home is False:
        found.append("off the home page")
    return found


def _unschedule(page: ArticlePage) -> None:
    """Forget a publication scheduled by an earlier run: ``save_revision`` keeps an older
    revision's approved go-live time, and the tick would publish it."""
    if page.go_live_at is None and not _scheduled(page):
        return
    page.revisions.update(approved_go_live_at=None)
    ArticlePage.objects.filter(id=page.id).update(go_live_at=None)
    page.go_live_at = None


def _scheduled(page: ArticlePage) -> bool:
    return page.revisions.filter(approved_go_live_at__isnull=False).exists()


def _state_matches(page: ArticlePage, parts: ArticleParts) -> bool:
    if not parts.keep_states:
        return True
    if parts.status == Status.PUBLISHED:
        return page.live
    if parts.status == Status.SCHEDULED:
        return page.live or _scheduled(page)
    return not page.live and not _scheduled(page)


def _redirects(article: ArticlePage, old_paths: list[str]) -> None:
    """The source's old addresses answer 301 to the article (any site) once it is live;
    while it is a draft or scheduled, 302: browsers and search engines keep a 301, and
    the page would answer 404 until it is published. The next run makes them 301."""
    for old_path in old_paths:
        normalised = Redirect.normalise_path(old_path)
        if normalised in {"", "/"} or len(normalised) > _MAX_OLD_PATH:
            continue
        Redirect.objects.update_or_create(
            old_path=normalised,
            site=None,
            defaults={
                "redirect_page": article,
                "redirect_link": "",
                "is_permanent": article.live,
            },
        )


def comment_upsert(
    source: str, record: CommentRecord, article_id: int, parent_id: int | None
) -> tuple[int, str]:
    """The comment of ``record``, created once through the comments service with its
    approval state; on a re-run it is left as the moderators keep it ("unchanged")."""
    key = f"comment:{record.external_id}"
    known = ImportedComment.objects.filter(source=source, external_id=key).first()
    if known is not None:
        return known.comment_id, "unchanged"
    try:
        comment = comment_record(
            TrustedComment(
                article_id=article_id,
                name=record.author_name or "—",
                body=record.body_text,
                state=CommentState.APPROVED if record.approved else CommentState.PENDING,
                created_at=record.created_at,
                parent_id=parent_id,
                email=_email(record.author_email),
                website=_website(record.author_url),
                source=source,
            )
        )
    except CommentRefused as error:
        raise ImportFailed(str(error)) from error
    ImportedComment.objects.create(source=source, external_id=key, comment=comment)
    return comment.id, "created"


def _email(value: str) -> str:
    value = value.strip()
    field = ReaderComment._meta.get_field("author_email")
    try:
        field.run_validators(value)
    except ValidationError:  # an address the model would refuse is dropped, not the comment
        return ""
    return value if len(value) <= (field.max_length or 254) else ""


def _website(value: str) -> str:
    value = value.strip()
    return value if value.startswith(("http://", "https://")) and len(value) <= 300 else ""
