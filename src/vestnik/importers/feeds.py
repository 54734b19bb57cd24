"""Feeds: an RSS 2.0 or Atom document becomes article records, one per distinct entry.

feedparser reads both formats (and their many dialects) into one shape, but it is not a
guard: it expands a feed's internal entities and, given bytes that look like a file
name, opens that file. So the bytes are first read by defusedxml's expat, which refuses
any entity declaration or external reference (billion laughs, quadratic blow-up, XXE)
and any document that is not well-formed XML in its declared encoding (truncated or
mis-encoded), with the line and column; only then does feedparser see them, as a stream.

Entries are keyed by their GUID or Atom id, else their link. An id that is not an
absolute URL (``wire-70412``) is only unique within its feed, so it is prefixed with the
feed's address; an entry with neither id nor link is keyed by a hash of its title and
date. The first entry with a key wins (feeds list the newest first).

Intended use (``vestnik import feed URL_OR_FILE`` and the periodic tick)::

    fetched = default_fetcher().fetch(url, accept=FEED_TYPES)
    feed = parse_feed(fetched.body, fetched.url, language="ru")
    # or parse_feed(path.read_bytes(), path.as_uri()) for a saved file
    for record in feed.records: ...  # MediaRecords before the ArticleRecord naming them

Records are drafts with no rubric; the pipeline applies the rubric and status chosen for
the import.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import xml.sax
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.sax import parseString as defused_parse

from vestnik.core.sanitise import text_to_paragraph_html
from vestnik.importers.clean import plain_text
from vestnik.importers.records import ArticleRecord, MediaRecord, Record

MAX_BYTES = 10_000_000


class FeedError(ValueError):
    """A feed that cannot be imported; the message names it and why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")


@dataclass
class ParsedFeed:
    title: str
    records: list[Record] = field(default_factory=list)
    duplicates: int = 0  # entries dropped because an earlier one had the same key
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (key, why) for the report


def parse_feed(
    content: bytes, source: str, *, language: str = "", max_bytes: int = MAX_BYTES
) -> ParsedFeed:
    """The records of the feed read from ``source`` (its URL, or a file's ``file:`` URI).

    ``language`` is the edition to import into, else the feed's own language. Raises
    ``FeedError`` for hostile, broken or oversized XML, for a document that is not a feed
    and for a feed that says no language when none is given.
    """
    if len(content) > max_bytes:
        raise FeedError(source, f"the feed is larger than {max_bytes} bytes")
    _check_xml(content, source)
    parsed = feedparser.parse(
        io.BytesIO(content),  # a stream: feedparser opens a str or bytes "path" as a file
        response_headers={"content-location": source, "content-type": "application/xml"},
        resolve_relative_uris=True,
    )
    if not parsed.version:
        raise FeedError(source, "the document is not an RSS or Atom feed")
    language = language or _primary(parsed.feed.get("language", ""))
    if not language:
        raise FeedError(source, "the feed does not say its language: choose the edition")
    result = ParsedFeed(title=_plain(parsed.feed.get("title", "")))
    seen: set[str] = set()
    for entry in parsed.entries:
        key = _entry_key(entry, source)
        if key in seen:
            result.duplicates += 1
            continue
        seen.add(key)
        records = _entry_records(entry, key, language)
        article = records[-1]
        if isinstance(article, ArticleRecord) and not article.body_html:
            # A title alone is not an article (the title falls back to the text).
            result.skipped.append((key, "the entry has no text"))
            continue
        result.records.extend(records)
    return result


def _check_xml(content: bytes, source: str) -> None:
    try:
        defused_parse(
            content,
            xml.sax.handler.ContentHandler(),
            forbid_dtd=False,  # old RSS 0.91 feeds carry a harmless DOCTYPE
            forbid_entities=True,
            forbid_external=True,
        )
    except DefusedXmlException as error:
        reason = f"the feed declares XML entities or external references, refused ({error})"
        raise FeedError(source, reason) from error
    except xml.sax.SAXParseException as error:
        where = f"line {error.getLineNumber()}, column {error.getColumnNumber()}"
        raise FeedError(
            source,
            f"not well-formed XML at {where}: {error.getMessage()} (truncated or wrongly encoded?)",
        ) from error
    except (xml.sax.SAXException, LookupError, ValueError) as error:
        raise FeedError(source, f"the feed could not be read as XML ({error})") from error


def _entry_key(entry: Any, source: str) -> str:
    ident = (entry.get("id") or "").strip()
    if ident:
        absolute = urlsplit(ident).scheme in ("http", "https", "tag", "urn")
        return ident if absolute else f"{source}#{ident}"
    link = (entry.get("link") or "").strip()
    if link:
        return link
    fingerprint = (
        f"{entry.get('title', '')}\n{entry.get('published') or dict.get(entry, 'updated', '')}"
    )
    return f"{source}#sha1:{hashlib.sha1(fingerprint.encode()).hexdigest()}"  # noqa: S324


def _entry_records(entry: Any, key: str, language: str) -> list[Record]:
    images = _images(entry)
    body = _body(entry)
    summary = _html(entry, "summary")
    # feedparser copies the content into a missing summary: that is no lead.
    lead = _plain(summary) if body else ""
    title = _text(entry, "title") or _plain(summary)[:120]
    # Read past feedparser's deprecated fallback from "updated" to "published".
    updated = dict.get(entry, "updated_parsed")
    records: list[Record] = [MediaRecord(external_id=url, url=url) for url in images]
    records.append(
        ArticleRecord(
            external_id=key,
            language=language,
            title=title,
            body_html=body or summary,
            lead="" if lead == _plain(body) else lead,
            published_at=_moment(entry.get("published_parsed") or updated),
            modified_at=_moment(updated),
            author_names=_authors(entry),
            tags=tuple(t["term"] for t in entry.get("tags") or () if t.get("term")),
            lead_image_id=images[0] if images else None,
            source_url=entry.get("link", ""),
        )
    )
    return records


def _body(entry: Any) -> str:
    """The entry's full content, HTML preferred (content:encoded, Atom content)."""
    contents = entry.get("content") or []
    for wanted in ("text/html", "application/xhtml+xml", None):
        for content in contents:
            if wanted is None or content.get("type") == wanted:
                value = str(content.get("value", "")).strip()
                if value and "html" not in content.get("type", ""):
                    return text_to_paragraph_html(value)  # plain text: "<" is a character
                return value
    return ""


def _images(entry: Any) -> list[str]:
    """Image addresses from enclosures and Media RSS, in order, without repeats."""
    found: list[str] = []
    candidates = [(e.get("href"), e.get("type", "")) for e in entry.get("enclosures") or ()]
    for media in entry.get("media_content") or ():
        kind = media.get("type") or ("image/" if media.get("medium") == "image" else "")
        candidates.append((media.get("url"), kind))
    for media in entry.get("media_thumbnail") or ():
        candidates.append((media.get("url"), "image/"))
    for url, kind in candidates:
        if url and str(kind).startswith("image/"):
            absolute = urljoin(entry.get("link", ""), url)
            if absolute not in found:
                found.append(absolute)
    return found


def _text(entry: Any, name: str) -> str:
    """A text construct (title) as plain text, whichever type the feed gave it."""
    value = entry.get(name, "")
    if "html" in entry.get(f"{name}_detail", {}).get("type", ""):
        return _plain(value)
    return " ".join(value.split())


def _html(entry: Any, name: str) -> str:
    """A text construct (summary) as HTML: plain text is escaped and made a paragraph."""
    value = entry.get(name, "").strip()
    if not value:
        return ""
    if "html" not in entry.get(f"{name}_detail", {}).get("type", "text/html"):
        return text_to_paragraph_html(value)
    return value if "<" in value else f"<p>{value}</p>"


def _authors(entry: Any) -> tuple[str, ...]:
    names = [a.get("name", "") for a in entry.get("authors") or ()]
    if not any(names) and entry.get("author"):
        names = [entry["author"]]
    return tuple(n.strip() for n in names if n and n.strip())


def _moment(value: Any) -> datetime | None:
    # feedparser gives UTC as a struct_time.
    return datetime.fromtimestamp(calendar.timegm(value), UTC) if value else None


def _primary(code: str) -> str:
    return code.replace("_", "-").split("-")[0].strip().lower()


def _plain(html: str) -> str:
    """Text without markup (titles may be HTML in Atom), whitespace collapsed; markup
    goes through the importers' one ``plain_text``."""
    if "<" not in html:
        return " ".join(html.split())
    return plain_text(html)
