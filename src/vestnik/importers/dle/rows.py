"""One DataLife Engine row at a time as neutral records: pure functions, no database.

DLE keeps dates as naive local times of the site (``date`` columns) or Unix times
(``editdate``), categories as a comma-separated list of ids in ``dle_post.category``,
tags as a comma-separated string, and extra fields (``xfields``) as
``name|value||name|value`` with ``|`` and ``||`` inside values escaped as ``&#124;``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from vestnik.importers.clean import plain_text
from vestnik.importers.dle.markup import comment_to_text, safe_url, story_to_html
from vestnik.importers.records import (
    ArticleRecord,
    AuthorRecord,
    CommentRecord,
    MediaRecord,
    RubricRecord,
    Status,
)

Row = Mapping[str, Any]
_IDS = re.compile(r"\d{1,10}")


def ordered_rubrics(rows: Iterable[Row]) -> list[RubricRecord]:
    """Categories as rubrics, every parent before its children (a parent id that names no
    category, or a loop, makes the category a top-level rubric)."""
    by_id = {str(row["id"]): row for row in rows}
    done: dict[str, RubricRecord] = {}

    def visit(key: str, seen: frozenset[str]) -> None:
        if key in done:
            return
        row = by_id[key]
        parent = str(row["parentid"] or "")
        if parent in by_id and parent not in seen:
            visit(parent, seen | {key})
        else:
            parent = ""
        done[key] = RubricRecord(
            external_id=key,
            name=html.unescape(str(row["name"])).strip(),
            slug=str(row["alt_name"] or ""),
            parent_id=parent or None,
        )

    for key in sorted(by_id, key=lambda k: (by_id[k]["posi"], int(k))):
        visit(key, frozenset({key}))
    return list(done.values())


def category_paths(rubrics: Iterable[RubricRecord]) -> dict[str, str]:
    """Each category's address path as DLE builds it: its ancestors' alt names and its own."""
    by_id = {rubric.external_id: rubric for rubric in rubrics}
    paths: dict[str, str] = {}
    for rubric in by_id.values():  # parents come first, so their path is known
        parent = paths.get(rubric.parent_id or "", "")
        paths[rubric.external_id] = f"{parent}/{rubric.slug}" if parent else rubric.slug
    return paths


def author_record(row: Row) -> AuthorRecord:
    name = str(row["name"])
    return AuthorRecord(
        external_id=str(row["user_id"]),
        display_name=html.unescape(str(row["fullname"] or "")).strip() or name,
        login=name,
    )


def parse_xfields(value: str | None) -> dict[str, str]:
    """``name|value||name|value`` as a dict; DLE escapes ``|`` in values as ``&#124;``."""
    fields: dict[str, str] = {}
    for pair in (value or "").split("||"):
        name, _, field_value = pair.partition("|")
        if name.strip():
            fields[name.strip()] = field_value.replace("&#124;", "|").strip()
    return fields


def local_time(value: object, zone: ZoneInfo) -> datetime | None:
    """A naive DLE date as the aware moment it meant in the site's time zone; None for
    ``0000-00-00 00:00:00`` (PyMySQL hands that over as a string) and other non-dates."""
    if not isinstance(value, datetime) or value.year < 1971:
        return None
    return value.replace(tzinfo=zone)


def unix_time(value: int | None, zone: ZoneInfo) -> datetime | None:
    return datetime.fromtimestamp(value, UTC).astimezone(zone) if value else None


def image_url(value: str, base_url: str) -> str:
    """An image xfield's address: DLE stores a path under ``uploads/posts/`` or, for
    images from elsewhere, the whole address; a ``|``-separated tail holds sizes."""
    value = value.split("|", 1)[0].strip()
    if not value:
        return ""
    if urlsplit(value).scheme:  # a whole address, of any scheme: safe_url judges it
        url = value
    elif value.startswith("/"):
        url = f"{base_url}{value}"
    else:
        url = f"{base_url}/uploads/posts/{value}"
    return safe_url(url)


@dataclass(frozen=True)
class PostContext:
    """What every post of one import is read against."""

    language: str
    zone: ZoneInfo
    now: datetime
    paths: Mapping[str, str]  # category id -> its address path
    authors: Mapping[str, str]  # login -> AuthorRecord external id
    base_url: str = ""
    path_prefix: str = ""


def plain(value: str | None) -> str:
    """HTML as plain text, whitespace collapsed (leads and descriptions)."""
    return plain_text(story_to_html(value or ""))


def split_tags(value: str | None) -> tuple[str, ...]:
    tags = (html.unescape(tag).strip() for tag in (value or "").split(","))
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def old_paths(
    post_id: str,
    alt_name: str,
    category_path: str,
    prefix: str = "",
    published: datetime | None = None,
) -> tuple[str, ...]:
    """Every address DLE answered for the post, in each of its URL modes (by category, bare,
    by date, by id), under the folder (``prefix``, e.g. ``/en``) the site was served from;
    ``published`` is in the site's time zone, as DLE dated its addresses."""
    paths = []
    if alt_name:
        if category_path:
            paths.append(f"{prefix}/{category_path}/{post_id}-{alt_name}.html")
        paths.append(f"{prefix}/{post_id}-{alt_name}.html")
        if published is not None:
            paths.append(f"{prefix}/{published:%Y/%m/%d}/{alt_name}.html")
    paths.append(f"{prefix}/index.php?newsid={post_id}")
    return tuple(paths)


def comment_record(row: Row, zone: ZoneInfo, known: set[str], fallback: datetime) -> CommentRecord:
    """A comment; its parent only when that comment is one of the same post's (``known``);
    dated ``fallback`` (its article's date) when its own date is not one."""
    parent = str(row.get("parent") or "")
    return CommentRecord(
        external_id=str(row["id"]),
        article_id=str(row["post_id"]),
        body_text=comment_to_text(str(row["text"] or "")),
        author_name=html.unescape(str(row["autor"] or "")).strip(),
        created_at=local_time(row["date"], zone) or fallback,
        approved=bool(row["approve"]),
        parent_id=parent if parent in known else None,
        author_email=str(row["email"] or ""),
    )


def post_category_ids(value: str | None, known: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in _IDS.findall(value or "") if i in known))


def lead_media(
    post_id: str, xfields: Mapping[str, str], names: Iterable[str], base: str
) -> MediaRecord | None:
    """The lead image named by the first of ``names`` that the post's xfields fill."""
    for name in names:
        url = image_url(xfields.get(name, ""), base)
        if url:
            return MediaRecord(external_id=f"post-{post_id}-{name}", url=url)
    return None


def status_of(approve: int, published_at: datetime | None, now: datetime) -> Status:
    """Approved posts dated in the future were waiting for their time on the old site."""
    if not approve:
        return Status.DRAFT
    if published_at is not None and published_at > now:
        return Status.SCHEDULED
    return Status.PUBLISHED


def article_record(row: Row, context: PostContext, media: MediaRecord | None) -> ArticleRecord:
    """A post as an article: the full story is the body and the short one the lead, or the
    short story is the body when there is no full one; ``descr`` is the lead if set."""
    post_id = str(row["id"])
    categories = post_category_ids(row["category"], context.paths)
    published_at = local_time(row["date"], context.zone)
    full, short = str(row["full_story"] or ""), str(row["short_story"] or "")
    login = str(row["autor"] or "")
    author_id = context.authors.get(login)
    paths = old_paths(
        post_id,
        str(row["alt_name"] or ""),
        context.paths.get(categories[0], "") if categories else "",
        context.path_prefix,
        published_at,
    )
    return ArticleRecord(
        external_id=post_id,
        language=context.language,
        title=html.unescape(str(row["title"])).strip(),
        body_html=story_to_html(full if full.strip() else short, context.base_url),
        lead=plain(row["descr"]) or (plain(short) if full.strip() else ""),
        status=status_of(row["approve"], published_at, context.now),
        published_at=published_at,
        modified_at=unix_time(row.get("editdate"), context.zone),
        slug=str(row["alt_name"] or ""),
        rubric_ids=categories,
        author_ids=(author_id,) if author_id else (),
        author_names=(login,) if login and not author_id else (),
        tags=split_tags(row["tags"]),
        lead_image_id=media.external_id if media else None,
        old_paths=paths,
        source_url=f"{context.base_url}{paths[0]}" if context.base_url else "",
        pinned=bool(row["fixed"]),  # "fix the news": first in its category
        show_on_home=bool(row["allow_main"]),  # "publish on the main page"
    )
