"""WordPress eXtended RSS (WXR 1.1/1.2, WordPress's own export) as neutral records.

Streamed with ``lxml.etree.iterparse`` (each ``<item>`` cleared once read), so a 1 GB
export needs no 1 GB of memory. Read twice: a first pass checks the whole file and
collects the small records (authors, categories, attachments) that posts refer to,
so hostile or broken XML is refused before anything is imported; the second yields the
posts and their comments. No DTD is accepted (no entities, so no billion laughs,
quadratic blow-up or external entities), nothing is fetched, and no element may hold
more than ``max_element`` characters.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from vestnik.importers.clean import plain_text
from vestnik.importers.records import (
    ArticleRecord,
    AuthorRecord,
    CommentRecord,
    MediaRecord,
    Record,
    RubricRecord,
    Status,
)

_STATUSES = {
    "publish": Status.PUBLISHED,
    "future": Status.SCHEDULED,
    "draft": Status.DRAFT,
    "pending": Status.DRAFT,
    "private": Status.DRAFT,  # not for readers: an editor decides
}
_SKIPPED_COMMENTS = {"spam", "trash", "post-trashed"}
_YIELDED = {"item", "author", "category", "base_site_url", "base_blog_url"}  # children of <channel>


class WxrError(Exception):
    """The file is not a WXR export Vestnik will read; the message names file and line."""

    def __init__(self, name: str, line: int | None, message: str) -> None:
        self.name, self.line = name, line
        super().__init__(f"{name}:{line or '?'}: {message}")


@dataclass
class _Collected:
    authors: list[AuthorRecord] = field(default_factory=list)
    rubrics: list[RubricRecord] = field(default_factory=list)
    media: list[MediaRecord] = field(default_factory=list)
    posts: int = 0
    comments: int = 0  # the posts' comments that will be imported
    site: str = ""  # the exporting site's address (wp:base_site_url)
    blog: str = ""  # the blog's own (wp:base_blog_url): a multisite's blogs share the site


class WxrFile:
    """One export file; ``records()`` yields rubrics, authors and media, then each post
    followed by its comments."""

    def __init__(self, path: Path, *, language: str, max_element: int) -> None:
        self.path, self.language, self.max_element = path, language, max_element
        self._checked: _Collected | None = None

    @property
    def source(self) -> str:
        """The import's source name: the exporting blog's address (host and path), so two
        WordPress sites, two blogs of one multisite or two installs in folders of one host
        never update each other's pages. Too long for the key column: its hash."""
        collected = self.check()
        address = urlsplit((collected.blog or collected.site).strip())
        blog = f"{address.hostname or ''}{address.path.rstrip('/')}"
        if not blog:
            return "wxr"
        source = f"wxr:{blog}"
        if len(source) > 40:
            source = f"wxr:{hashlib.sha256(blog.encode()).hexdigest()[:32]}"
        return source

    @property
    def posts(self) -> int:
        return self.check().posts

    @property
    def total(self) -> int:
        """How many records ``records()`` yields: the progress bar's 100%."""
        c = self.check()
        return len(c.rubrics) + len(c.authors) + len(c.media) + c.posts + c.comments

    def check(self) -> _Collected:
        """Read the whole file once (the result is kept); raises WxrError for anything
        hostile or broken."""
        if self._checked is None:
            self._checked = self._collect()
        return self._checked

    def _collect(self) -> _Collected:
        collected = _Collected()
        for element in self._items():
            kind = _local(element)
            if kind == "base_site_url":
                collected.site = element.text or ""
            elif kind == "base_blog_url":
                collected.blog = element.text or ""
            elif kind == "author":
                collected.authors.append(_author(element))
            elif kind == "category":
                collected.rubrics.append(_category(element))
            elif kind == "item":
                fields = _fields(element)
                if fields.get("post_type") == "attachment":
                    collected.media.append(_attachment(element, fields))
                elif _is_post(fields):
                    collected.posts += 1
                    collected.comments += sum(1 for _ in _kept_comments(element))
        return collected

    def records(self) -> Iterator[Record]:
        collected = self.check()
        yield from _parents_first(collected.rubrics)
        yield from collected.authors
        yield from collected.media
        for element in self._items():
            if _local(element) == "item":
                fields = _fields(element)
                if _is_post(fields):
                    post = _post(element, fields, self.language)
                    yield post
                    yield from _comments(element, post)

    def _items(self) -> Iterator[etree._Element]:
        """Each finished child of ``<channel>`` that we read, cleared after use."""
        name = str(self.path)
        try:
            context = etree.iterparse(
                str(self.path),
                events=("start", "end"),
                resolve_entities=False,
                no_network=True,
                huge_tree=False,
                load_dtd=False,
                remove_comments=True,
                remove_pis=True,
            )
            depth = 0
            for event, element in context:
                if event == "start":
                    if depth == 0:
                        _refuse_dtd(element, name)
                    depth += 1
                    continue
                depth -= 1
                if element.text is not None and len(element.text) > self.max_element:
                    raise WxrError(name, element.sourceline, "an element is too large")
                if depth == 2 and _local(element) in _YIELDED:
                    yield element
                    element.clear()
                    while element.getprevious() is not None:
                        del element.getparent()[0]
        except etree.XMLSyntaxError as error:
            raise WxrError(name, error.lineno, error.msg or "not well-formed XML") from error
        except OSError as error:
            raise WxrError(name, None, f"cannot read the file ({error.strerror})") from error


def _refuse_dtd(root: etree._Element, name: str) -> None:
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise WxrError(name, 1, "a DOCTYPE (entity declarations) is not accepted in an export")
    if _local(root) != "rss":
        raise WxrError(name, root.sourceline, "not a WordPress export (no <rss> root)")


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _fields(element: etree._Element) -> dict[str, str]:
    """The element's simple children by local name (the last one wins)."""
    return {_local(child): (child.text or "") for child in element if len(child) == 0}


def _date(value: str) -> datetime | None:
    value = value.strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _author(element: etree._Element) -> AuthorRecord:
    fields = _fields(element)
    login = fields.get("author_login", "").strip()
    name = fields.get("author_display_name", "").strip()
    if not name:
        name = " ".join(
            filter(None, (fields.get("author_first_name"), fields.get("author_last_name")))
        )
    return AuthorRecord(external_id=login, display_name=name or login, login=login)


def _category(element: etree._Element) -> RubricRecord:
    fields = _fields(element)
    nicename = fields.get("category_nicename", "").strip()
    return RubricRecord(
        external_id=nicename,
        name=fields.get("cat_name", "").strip() or unquote(nicename),
        slug=unquote(nicename),
        parent_id=fields.get("category_parent", "").strip() or None,
    )


def _parents_first(rubrics: list[RubricRecord]) -> Iterator[RubricRecord]:
    """Rubrics ordered so each parent comes before its children (exports may not)."""
    pending, done = list(rubrics), set()
    known = {r.external_id for r in rubrics}
    while pending:
        ready = [r for r in pending if not r.parent_id or r.parent_id in done
                 or r.parent_id not in known]  # fmt: skip
        if not ready:  # a cycle: the rest go in as they are
            ready = pending
        for rubric in ready:
            done.add(rubric.external_id)
            yield rubric
        pending = [r for r in pending if r.external_id not in done]


def _postmeta(element: etree._Element) -> dict[str, str]:
    meta: dict[str, str] = {}
    for child in element:
        if _local(child) == "postmeta":
            fields = _fields(child)
            meta[fields.get("meta_key", "")] = fields.get("meta_value", "")
    return meta


def _attachment(element: etree._Element, fields: dict[str, str]) -> MediaRecord:
    return MediaRecord(
        external_id=fields.get("post_id", ""),
        url=fields.get("attachment_url", "").strip(),
        path=_postmeta(element).get("_wp_attached_file", "").strip(),
        title=fields.get("title", "").strip(),
    )


def _is_post(fields: dict[str, str]) -> bool:
    return fields.get("post_type") == "post" and fields.get("status") in _STATUSES


def _post(element: etree._Element, fields: dict[str, str], language: str) -> ArticleRecord:
    categories = [c for c in element if _local(c) == "category"]
    rubrics = tuple(c.get("nicename", "") for c in categories if c.get("domain") == "category")
    tags = tuple((c.text or "").strip() for c in categories if c.get("domain") == "post_tag")
    creator = fields.get("creator", "").strip()
    return ArticleRecord(
        external_id=fields.get("post_id", ""),
        language=language,
        # WordPress keeps titles as HTML (entities, now and then a tag): plain text here.
        title=plain_text(fields.get("title", "")),
        body_html=_body(element),
        lead=_excerpt(element),
        status=_STATUSES[fields["status"]],
        # Old exports have zero GMT dates: the site's local time then (its zone is not in
        # the export), never the moment of the import.
        published_at=_date(fields.get("post_date_gmt", "")) or _date(fields.get("post_date", "")),
        modified_at=_date(fields.get("post_modified_gmt", "")),
        slug=unquote(fields.get("post_name", "")),
        rubric_ids=rubrics,
        author_ids=(creator,) if creator else (),
        tags=tuple(t for t in tags if t),
        lead_image_id=_postmeta(element).get("_thumbnail_id") or None,
        old_paths=tuple(p for p in (fields.get("link", ""), fields.get("guid", "")) if p.strip()),
        source_url=fields.get("link", "").strip(),
    )


def _excerpt(element: etree._Element) -> str:
    for child in element:
        if _local(child) == "encoded" and "excerpt" in (etree.QName(child).namespace or ""):
            return child.text or ""
    return ""


def _body(element: etree._Element) -> str:
    for child in element:
        if _local(child) == "encoded" and "/content/" in (etree.QName(child).namespace or ""):
            return child.text or ""
    return ""


def _kept_comments(element: etree._Element) -> Iterator[dict[str, str]]:
    """The post's comments that are imported: no pingbacks, spam or trash."""
    for child in element:
        if _local(child) == "comment":
            row = _fields(child)
            if row.get("comment_type", "") in {"", "comment"} and (
                row.get("comment_approved") not in _SKIPPED_COMMENTS
            ):
                yield row


def _id_order(value: str) -> tuple[int, int, str]:
    """WordPress ids are numbers; anything else sorts after them, never raises."""
    return (0, int(value), "") if value.isdigit() else (1, 0, value)


def _comments(element: etree._Element, post: ArticleRecord) -> Iterator[CommentRecord]:
    """The post's comments, parents before replies; spam and trash left out (a reply to
    one hangs from the nearest comment that is kept). Hostile ids (not numbers, parents
    in a loop, a parent after its reply) never hang or fail the import: such a reply
    stands alone."""
    rows = [_fields(child) for child in element if _local(child) == "comment"]
    rows = [r for r in rows if r.get("comment_type", "") in {"", "comment"}]
    rows.sort(key=lambda r: _id_order(r.get("comment_id", "")))
    order = {r.get("comment_id", ""): n for n, r in enumerate(rows)}
    parents = {r.get("comment_id", ""): r.get("comment_parent", "0") for r in rows}
    kept = {
        r.get("comment_id", "") for r in rows if r.get("comment_approved") not in _SKIPPED_COMMENTS
    }
    for row in rows:
        comment_id = row.get("comment_id", "")
        if comment_id not in kept:
            continue
        parent, seen = parents.get(comment_id, "0"), {comment_id}
        while parent not in kept and parent in parents and parent not in seen:
            seen.add(parent)
            parent = parents[parent]
        if parent not in kept or order[parent] >= order[comment_id]:
            parent = ""  # no parent that is imported before it: the reply stands alone
        written = _date(row.get("comment_date_gmt", "")) or _date(row.get("comment_date", ""))
        yield CommentRecord(
            external_id=comment_id,
            article_id=post.external_id,
            body_text=row.get("comment_content", ""),
            author_name=row.get("comment_author", "").strip(),
            created_at=written or post.published_at or post.modified_at or datetime.now(UTC),
            approved=row.get("comment_approved") == "1",
            parent_id=parent or None,
            author_email=row.get("comment_author_email", ""),
            author_url=row.get("comment_author_url", ""),
        )
