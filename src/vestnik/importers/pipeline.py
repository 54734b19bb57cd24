"""The one import pipeline: neutral records in, pages, comments and redirects out.

Every source (WXR, DataLife Engine, feeds, web pages) ends here. Each record is upserted
keyed by ``(source, external_id)``, so a re-run, or a run after an interruption, ends
where one uninterrupted run would. Each article is written in its own savepoint: a bad
record is reported ``failed`` with its reason and the others go on, and no article is
ever half-imported. Pages go through ``newsroom.services`` (the admin's path), comments
through ``comments.services``; the caller wraps the run in ``core.batching.batch()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from wagtail.models import Locale

from vestnik.core.batching import batch, finish
from vestnik.core.sanitise import clean_plain_text
from vestnik.importers import media
from vestnik.importers.clean import clean_body, plain_text
from vestnik.importers.models import ImportedComment, ImportedItem
from vestnik.importers.records import (
    ArticleRecord,
    AuthorRecord,
    CommentRecord,
    ImportReport,
    MediaRecord,
    Record,
    RubricRecord,
    Status,
)
from vestnik.importers.services import validation_message
from vestnik.importers.upsert import (
    ArticleParts,
    ImportFailed,
    article_upsert,
    comment_upsert,
    rubric_upsert,
)
from vestnik.newsroom.models import AuthorPage, HomePage
from vestnik.newsroom.services import author_get_or_create, tag_get_or_create


class _DryRun(Exception):
    """Raised at the end of a dry run to roll everything back."""


@dataclass
class ImportRun:
    """What one run knows about the records it has seen (ids of the source -> ours)."""

    source: str
    locale: Locale
    home: HomePage
    publish_as_is: bool
    media_opener: media.MediaOpener | None
    dry_run: bool
    rubric_id: int | None = None  # for articles none of whose rubrics was imported
    report: ImportReport = field(default_factory=ImportReport)
    rubrics: dict[str, int] = field(default_factory=dict)
    authors: dict[str, AuthorPage] = field(default_factory=dict)
    images: dict[str, int] = field(default_factory=dict)  # media external id -> image id
    image_paths: dict[str, int] = field(default_factory=dict)  # address key -> image id
    articles: dict[str, int] = field(default_factory=dict)  # article external id -> page id
    comments: dict[str, int] = field(default_factory=dict)


def import_records(
    records: Iterable[Record],
    *,
    source: str,
    language_code: str,
    publish_as_is: bool = False,
    media_opener: media.MediaOpener | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    rubric_id: int | None = None,
) -> ImportReport:
    """Import ``records`` into the ``language_code`` edition and return the report.

    ``publish_as_is`` keeps the source's states (published, scheduled); without it every
    article arrives as a draft for an editor to review. ``media_opener`` gives an image
    record's bytes (None: pictures are skipped). A dry run parses, cleans and validates
    everything and writes nothing. ``rubric_id`` takes the articles none of whose
    rubrics was imported (all of a feed's or a web page's, which have none). Raises
    LookupError for an unknown edition; errors of the source itself (the parser's)
    propagate, and in a dry run roll everything back.
    """
    locale = Locale.objects.filter(language_code=language_code).first()
    home = HomePage.objects.filter(locale=locale, depth=2).first() if locale else None
    if locale is None or home is None:
        raise LookupError(f"there is no {language_code!r} edition")
    run = ImportRun(source, locale, home, publish_as_is, media_opener, dry_run, rubric_id)
    if not dry_run:
        _consume(run, records, progress)
        return run.report
    try:
        with transaction.atomic():
            _consume(run, records, progress)
            raise _DryRun
    except _DryRun:
        pass
    return run.report


def import_batch(records: Iterable[Record], **options: Any) -> ImportReport:
    """``import_records`` as one batch: the follow-up work of the pages it touched (Read
    also, search, enclosures, translation sources, Telegram's marks) runs once, at the
    end, even when an unexpected error stopped the import half-way; a dry run leaves
    none. Every import (the command, the admin's upload, the feed poll) goes through it."""
    pending: dict[str, set[int]] = {}
    try:
        with batch() as pending:
            return import_records(records, **options)
    finally:
        if not options.get("dry_run"):
            finish(pending)


def _consume(run: ImportRun, records: Iterable[Record], progress) -> None:
    for number, record in enumerate(records, start=1):
        _one(run, record)
        if progress is not None:
            progress(number)


def _one(run: ImportRun, record: Record) -> None:
    if isinstance(record, RubricRecord):
        _guarded(run, "rubric", record.external_id, lambda: _rubric(run, record))
    elif isinstance(record, AuthorRecord):
        _guarded(run, "author", record.external_id, lambda: _author(run, record))
    elif isinstance(record, MediaRecord):
        _guarded(run, "media", record.external_id, lambda: _media(run, record))
    elif isinstance(record, ArticleRecord):
        _guarded(run, "article", record.external_id, lambda: _article(run, record))
    elif isinstance(record, CommentRecord):
        _guarded(run, "comment", record.external_id, lambda: _comment(run, record))


def _guarded(run: ImportRun, kind: str, external_id: str, work: Callable[[], str]) -> None:
    """Run ``work`` in a savepoint: its outcome, or ``failed`` and nothing written."""
    try:
        with transaction.atomic():
            outcome = work()
    except (ImportFailed, ValidationError, DatabaseError) as error:
        # A database refusal (a value too long for PostgreSQL...) fails the record alone.
        reason = validation_message(error) if isinstance(error, ValidationError) else str(error)
        outcome = "failed"
        run.report.add(outcome, f"{kind} {external_id}", reason)
    else:
        run.report.add(outcome)
    run.report.counts[f"{kind} {outcome}"] += 1


def _rubric(run: ImportRun, record: RubricRecord) -> str:
    parent_id = run.rubrics.get(record.parent_id) if record.parent_id else None
    page, outcome = rubric_upsert(run.source, run.locale, run.home, record, parent_id=parent_id)
    run.rubrics[record.external_id] = page.id
    return outcome


def _author(run: ImportRun, record: AuthorRecord) -> str:
    name = plain_text(record.display_name) or plain_text(record.login)
    if not name:
        raise ImportFailed("the author has no name")
    words = name.split()
    given, family = (words[0], " ".join(words[1:])) if len(words) > 1 else ("", "")
    # Counted, not looked up by name: a Latin-script edition romanises the name first.
    before = AuthorPage.objects.filter(locale=run.locale).count()
    author = author_get_or_create(run.locale, written=name, given=given, family=family)
    run.authors[record.external_id] = author
    return (
        "created" if AuthorPage.objects.filter(locale=run.locale).count() > before else "unchanged"
    )


def _media(run: ImportRun, record: MediaRecord) -> str:
    if run.media_opener is None:
        return "skipped"
    if run.dry_run:  # files are not transactional: checked, never stored
        media.image_read(record, run.media_opener)
        return "created"
    image_id, outcome = media.image_upsert(run.source, record, run.media_opener)
    run.images[record.external_id] = image_id
    for address in (record.url, record.path):
        if address:
            run.image_paths[media.address_key(address)] = image_id
    return outcome


def _find_image(run: ImportRun) -> Callable[[str], int | None]:
    return lambda src: run.image_paths.get(media.address_key(src)) if src else None


def _article(run: ImportRun, record: ArticleRecord) -> str:
    if record.language != run.locale.language_code:
        raise ImportFailed(f"written in {record.language!r}, not for this edition")
    rubric_ids = [run.rubrics[r] for r in record.rubric_ids if r in run.rubrics]
    if not rubric_ids and run.rubric_id is not None:
        rubric_ids = [run.rubric_id]
    if not rubric_ids:
        raise ImportFailed("none of its rubrics was imported")
    body = clean_body(record.body_html, find_image=_find_image(run), lead=record.lead)
    title = " ".join(clean_plain_text(record.title).split())  # plain text from every parser
    if not title:
        raise ImportFailed("it has no title")
    if not body.lead:
        raise ImportFailed("it has no text")
    status = record.status if run.publish_as_is else Status.DRAFT
    authors = [run.authors[a] for a in record.author_ids if a in run.authors]
    for byline in filter(None, map(plain_text, record.author_names)):  # feeds, web pages
        authors.append(author_get_or_create(run.locale, written=byline, given="", family=""))
    names = [plain_text(t)[:100] for t in record.tags]  # a Tag's name holds 100 characters
    tags = [tag_get_or_create(run.locale, name) for name in names if name]
    lead_image = run.images.get(record.lead_image_id) if record.lead_image_id else None
    parts = ArticleParts(
        rubric_id=rubric_ids[0],
        title=title,
        lead=body.lead,
        blocks=body.blocks,
        status=status,
        keep_states=run.publish_as_is,
        authors=list(dict.fromkeys(authors)),
        tags=list(dict.fromkeys(tags)),
        lead_image_id=lead_image,
        old_paths=[_path_of(p) for p in record.old_paths if _path_of(p)],
        pinned=record.pinned,
        show_on_home=record.show_on_home,
    )
    page_id, outcome = article_upsert(run.source, record, parts)
    run.articles[record.external_id] = page_id
    return outcome


def _path_of(address: str) -> str:
    """The path (and query) part of an old address, still percent-encoded: the redirect's
    own ``normalise_path`` decodes what the middleware decodes (``%D0%BC`` → ``м``) and
    keeps reserved characters encoded (``%3F``, ``%2F``), as requests arrive."""
    parts = urlsplit(address.strip())
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def _comment(run: ImportRun, record: CommentRecord) -> str:
    article_id = run.articles.get(record.article_id) or _known_page(run, record.article_id)
    if article_id is None:
        raise ImportFailed(f"its article {record.article_id} was not imported")
    parent_id = None
    if record.parent_id:
        parent_id = run.comments.get(record.parent_id) or _known_comment(run, record.parent_id)
        if parent_id is None:
            raise ImportFailed(f"the comment it answers ({record.parent_id}) was not imported")
    comment_id, outcome = comment_upsert(run.source, record, article_id, parent_id)
    run.comments[record.external_id] = comment_id
    return outcome


def _known_page(run: ImportRun, external_id: str) -> int | None:
    item = ImportedItem.objects.filter(source=run.source, external_id=external_id).first()
    return item.page_id if item else None


def _known_comment(run: ImportRun, external_id: str) -> int | None:
    key = f"comment:{external_id}"
    item = ImportedComment.objects.filter(source=run.source, external_id=key).first()
    return item.comment_id if item else None
