"""From an operator's arguments to the pipeline's input: one ``Plan`` per source format.

``vestnik import`` (and the periodic feed poll) name a source as a file, a URL or a
database; this module opens it, checks it before anything is written, and says under
which ``source`` key its records are remembered. Keys keep sources apart: a WordPress
site by its host, a DLE site by its database's name (the same whatever ``--base-url``
says, so a re-run that adds pictures updates the pages it made), a feed by the host it
was fetched from (a feed may claim another site's URL as an entry's GUID, so the GUID
alone is no key, ADR 0009), a web page by its canonical URL, which ``web.parse_page``
keeps on the page's own host.

An import from a saved file never touches the network: its pictures are skipped. Every
refusal is a ``SourceError`` whose message names the file, URL or database and
the reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from vestnik.importers import feeds, web
from vestnik.importers.dle import DleError, DleSource
from vestnik.importers.fetch import FEED_TYPES, HTML_TYPES, Fetcher, FetchError, default_fetcher
from vestnik.importers.media import Fetching, LocalFolder, MediaOpener
from vestnik.importers.records import ArticleRecord, Record, Status
from vestnik.importers.wxr import WxrError, WxrFile
from vestnik.newsroom.models import RubricPage


class SourceError(Exception):
    """A source that cannot be imported; the message names it and says why."""


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


@contextmanager
def opened(format: str, edition: str, options: dict[str, Any]) -> Iterator[Plan]:
    """The plan for ``format`` (wxr, dle, feed, url); errors of the source while its
    records are read (a lost database connection) become SourceError too."""
    try:
        if format == "wxr":
            yield _wxr(edition, options)
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
    except (WxrError, DleError, LookupError) as error:
        raise SourceError(str(error)) from error


def _wxr(edition: str, options: dict[str, Any]) -> Plan:
    path, uploads = Path(options["file"]), options["uploads"]
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    if uploads and not Path(uploads).is_dir():
        raise SourceError(f"{uploads}: no such folder")
    wxr = WxrFile(path, language=edition, max_element=settings.VESTNIK_IMPORT_MAX_ELEMENT)
    wxr.check()  # a hostile or broken file is refused before anything is written
    return Plan(
        source=wxr.source,
        records=wxr.records(),
        publish_as_is=options["publish_as_is"],
        media_opener=_wxr_pictures(uploads, options.get("fetch_images", False)),
        describe=lambda number: f"{number} records read ({wxr.posts} posts)",
        total=wxr.total,
    )


def _wxr_pictures(uploads: str | None, fetch: bool) -> MediaOpener | None:
    """A copy of the uploads folder first; else, when asked, each picture's address through
    the safe fetcher; else no pictures (an import never reaches the network unasked)."""
    if uploads:
        return LocalFolder(Path(uploads))
    return Fetching(default_fetcher()) if fetch else None


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


def rubric_of(edition: str, slug: str) -> RubricPage:
    rubric = RubricPage.objects.filter(locale__language_code=edition, slug=slug).first()
    if rubric is None:
        raise SourceError(f"there is no rubric {slug!r} in the {edition!r} edition")
    return rubric


def _is_url(location: str) -> bool:
    return urlsplit(location).scheme in ("http", "https")


def _read(location: str, fetcher: Fetcher, accept: tuple[str, ...]) -> tuple[bytes, str, str]:
    """The bytes, address and announced charset of a URL (fetched safely) or a file."""
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
    location: str, edition: str, rubric: str, fetcher: Fetcher, *, publish: bool = False
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
    return Plan(
        source=f"feed:{where}"[:40],
        records=_state(feed.records, publish),
        publish_as_is=publish,
        media_opener=Fetching(fetcher) if _is_url(location) else None,
        rubric_id=rubric_id,
        skipped=feed.skipped,
    )


def page_plan(
    location: str, edition: str, rubric: str, fetcher: Fetcher, *, publish: bool = False
) -> Plan:
    """One article page, keyed by its canonical URL."""
    rubric_id = rubric_of(edition, rubric).id
    content, address, charset = _read(location, fetcher, HTML_TYPES)
    try:
        records = web.parse_page(content, address, charset=charset, language=edition)
    except web.WebPageError as error:
        raise SourceError(str(error)) from error
    return Plan(
        source="web",
        records=_state(records, publish),
        publish_as_is=publish,
        media_opener=Fetching(fetcher) if _is_url(location) else None,
        rubric_id=rubric_id,
    )
