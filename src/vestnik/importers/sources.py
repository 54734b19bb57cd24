"""From an operator's arguments to the pipeline's input: one ``Plan`` per source format.

``vestnik import`` (and the periodic feed poll) name a source as a file, a URL or a
database; this module opens it, checks it before anything is written, and says under
which ``source`` key its records are remembered. Keys keep sources apart: a WordPress
site by its host, a DLE site by its database's name (the same whatever ``--base-url``
says, so a re-run that adds pictures updates the pages it made), a feed by the host it
was fetched from (a feed may claim another site's URL as an entry's GUID, so the GUID
alone is no key, ADR 0009), a web page by its canonical URL, which ``web.parse_page``
keeps on the page's own host.

An import from a saved file never touches the network: its pictures are skipped. A file
sent through the admin is an ``Upload``: messages name it by the name it was sent under,
never its temporary path, and a feed or page upload is read as if it lay at
``file:///<name>``, so sending the same file again updates what the first upload made.
Every refusal is a ``SourceError`` whose message names the file, URL or database and the
reason. ``import_source`` runs a plan through the pipeline: the command and the admin's
"Import archive" pages both call it.
"""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from django.conf import settings

from vestnik.importers import feeds, web
from vestnik.importers.dle import DleError, DleSource
from vestnik.importers.fetch import FEED_TYPES, HTML_TYPES, Fetcher, FetchError, default_fetcher
from vestnik.importers.media import Fetching, LocalFolder, MediaOpener, ZipUploads
from vestnik.importers.pipeline import import_batch
from vestnik.importers.records import ArticleRecord, ImportReport, Record, Status
from vestnik.importers.wxr import WxrError, WxrFile
from vestnik.newsroom.models import RubricPage


class SourceError(Exception):
    """A source that cannot be imported; the message names it and says why."""


@dataclasses.dataclass(frozen=True)
class Upload:
    """A file sent through the admin: where it lies now, and the name it was sent under."""

    path: Path
    name: str

    @property
    def address(self) -> str:
        """Where a feed or page upload is read as lying (its keys derive from it)."""
        return "file:///" + quote(self.name)


@dataclasses.dataclass
class Plan:
    """What the pipeline needs to import one source."""

    source: str
    records: Iterable[Record]
    publish_as_is: bool = False
    media_opener: MediaOpener | None = None
    rubric_id: int | None = None
    skipped: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    describe: Callable[[int], str] = lambda number: f"{number} records read"
    total: int | None = None  # records expected, when the source can tell: a progress bar


Progress = Callable[[Plan], Callable[[int], None] | None]


def import_source(
    format: str,
    edition: str,
    options: dict[str, Any],
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the source ``options`` name (a command's arguments, or the admin form's
    equivalent) into ``edition`` and return the closing report, what the source itself
    skipped included. ``progress`` is given the plan and may return a function called
    with the number of records done after each one. Raises SourceError, having written
    nothing, when the source is refused; a source that fails half-way (a lost database
    connection) raises it too, after the records before were imported."""
    with opened(format, edition, options) as plan:
        report = import_batch(
            plan.records,
            source=plan.source,
            language_code=edition,
            publish_as_is=plan.publish_as_is,
            media_opener=plan.media_opener,
            dry_run=dry_run,
            progress=progress(plan) if progress else None,
            rubric_id=plan.rubric_id,
        )
        for key, why in plan.skipped:
            report.add("skipped", key, why)
    return report


@contextmanager
def opened(format: str, edition: str, options: dict[str, Any]) -> Iterator[Plan]:
    """The plan for ``format`` (wxr, dle, feed, url); errors of the source while its
    records are read (a lost database connection) become SourceError too."""
    try:
        if format == "wxr":
            with ExitStack() as stack:
                yield _wxr(edition, options, stack)
        elif format == "dle":
            with _dle(edition, options) as site:
                yield Plan(
                    source=f"dle:{site.options['database']}"[:40],
                    records=site.records(),
                    publish_as_is=options["publish_as_is"],
                    media_opener=Fetching(default_fetcher()) if options["base_url"] else None,
                    rubric_id=rubric_of(edition, options["rubric"]).id
                    if options["rubric"]
                    else None,
                )
        else:
            fetcher = default_fetcher()
            read = feed_plan if format == "feed" else page_plan
            yield read(
                options["location"], edition, options["rubric"], fetcher, publish=options["publish"]
            )
    except WxrError as error:
        raise SourceError(_wxr_message(error, options.get("file"))) from error
    except (DleError, LookupError) as error:
        raise SourceError(str(error)) from error


def _wxr(edition: str, options: dict[str, Any], stack: ExitStack) -> Plan:
    file, uploads = options["file"], options.get("uploads")
    path = file.path if isinstance(file, Upload) else Path(file)
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    if uploads and not isinstance(uploads, Upload) and not Path(uploads).is_dir():
        raise SourceError(f"{uploads}: no such folder")
    wxr = WxrFile(path, language=edition, max_element=settings.VESTNIK_IMPORT_MAX_ELEMENT)
    wxr.check()  # a hostile or broken file is refused before anything is written
    return Plan(
        source=wxr.source,
        records=wxr.records(),
        publish_as_is=options["publish_as_is"],
        media_opener=_wxr_pictures(uploads, options.get("fetch_images", False), stack),
        describe=lambda number: f"{number} records read ({wxr.posts} posts)",
        total=wxr.total,
    )


def _wxr_pictures(
    uploads: str | Upload | None, fetch: bool, stack: ExitStack
) -> MediaOpener | None:
    """A copy of the uploads folder (or a zip of it, sent through the admin) first; else,
    when asked, each picture's address through the safe fetcher; else no pictures (an
    import never reaches the network unasked)."""
    if isinstance(uploads, Upload):
        try:
            archive = stack.enter_context(zipfile.ZipFile(uploads.path))
        except (zipfile.BadZipFile, OSError) as error:
            raise SourceError(f"{uploads.name}: not a zip file") from error
        return ZipUploads(archive)
    if uploads:
        return LocalFolder(Path(uploads))
    return Fetching(default_fetcher()) if fetch else None


def _wxr_message(error: WxrError, file: str | Upload | None) -> str:
    """The parser's message, naming an upload by its name instead of its temporary path."""
    if not isinstance(file, Upload):
        return str(error)
    where = f"{error.name}:{error.line or '?'}: "
    return f"{file.name}:{error.line or '?'}: {str(error).removeprefix(where)}"


def _dle(edition: str, options: dict[str, Any]) -> DleSource:
    try:
        return DleSource(
            options["database"],
            language=edition,
            prefix=options["prefix"],
            timezone=options["timezone"],
            base_url=options["base_url"],
            path_prefix=options["path_prefix"],
        )
    except DleError as error:
        raise SourceError(f"{_safe_address(options['database'])}: {error}") from error


def _safe_address(url: str) -> str:
    """A database address without its password, fit to print."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")).geturl()


def rubric_of(edition: str, rubric: str | RubricPage) -> RubricPage:
    """The rubric named by its slug (the command) or chosen (the admin), of ``edition``."""
    if isinstance(rubric, RubricPage):
        if rubric.locale.language_code != edition:
            raise SourceError(f"the rubric {rubric.title!r} is not of the {edition!r} edition")
        return rubric
    found = RubricPage.objects.filter(locale__language_code=edition, slug=rubric).first()
    if found is None:
        raise SourceError(f"there is no rubric {rubric!r} in the {edition!r} edition")
    return found


def _is_url(location: str | Upload) -> bool:
    return isinstance(location, str) and urlsplit(location).scheme in ("http", "https")


def _read(
    location: str | Upload, fetcher: Fetcher, accept: tuple[str, ...]
) -> tuple[bytes, str, str]:
    """The bytes, address and announced charset of a URL (fetched safely), a file or an
    upload."""
    if isinstance(location, Upload):
        if location.path.stat().st_size > fetcher.max_bytes:
            raise SourceError(f"{location.name}: larger than {fetcher.max_bytes} bytes")
        return location.path.read_bytes(), location.address, ""
    if _is_url(location):
        try:
            fetched = fetcher.fetch(location, accept=accept)
        except FetchError as error:
            raise SourceError(str(error)) from error
        return fetched.body, fetched.url, fetched.charset
    path = Path(location)
    if not path.is_file():
        raise SourceError(f"{location}: no such file (or not an http(s) address)")
    if path.stat().st_size > fetcher.max_bytes:
        raise SourceError(f"{location}: larger than {fetcher.max_bytes} bytes")
    return path.read_bytes(), path.resolve().as_uri(), ""


def _state(records: Iterable[Record], publish: bool) -> list[Record]:
    """Articles published now when asked (``published_at`` kept if the source gave one)."""
    if not publish:
        return list(records)
    return [
        dataclasses.replace(r, status=Status.PUBLISHED) if isinstance(r, ArticleRecord) else r
        for r in records
    ]


def feed_plan(
    location: str | Upload,
    edition: str,
    rubric: str | RubricPage,
    fetcher: Fetcher,
    *,
    publish: bool = False,
) -> Plan:
    """A feed's entries as articles of one rubric, keyed within the feed's host."""
    rubric_id = rubric_of(edition, rubric).id
    content, address, _ = _read(location, fetcher, FEED_TYPES)
    try:
        feed = feeds.parse_feed(
            content, address, language=edition, max_bytes=settings.VESTNIK_FETCH_MAX_BYTES
        )
    except feeds.FeedError as error:
        raise SourceError(str(error)) from error
    parts = urlsplit(address)
    where = parts.hostname if parts.scheme != "file" else Path(parts.path).name
    records = _state(feed.records, publish)
    return Plan(
        source=f"feed:{where}"[:40],
        records=records,
        total=len(records),
        publish_as_is=publish,
        media_opener=Fetching(fetcher) if _is_url(location) else None,
        rubric_id=rubric_id,
        skipped=feed.skipped,
    )


def page_plan(
    location: str | Upload,
    edition: str,
    rubric: str | RubricPage,
    fetcher: Fetcher,
    *,
    publish: bool = False,
) -> Plan:
    """One article page, keyed by its canonical URL."""
    rubric_id = rubric_of(edition, rubric).id
    content, address, charset = _read(location, fetcher, HTML_TYPES)
    try:
        records = web.parse_page(content, address, charset=charset, language=edition)
    except web.WebPageError as error:
        raise SourceError(str(error)) from error
    records = _state(records, publish)
    return Plan(
        source="web",
        records=records,
        total=len(records),
        publish_as_is=publish,
        media_opener=Fetching(fetcher) if _is_url(location) else None,
        rubric_id=rubric_id,
    )
