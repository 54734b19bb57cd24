"""Neutral records: what every source parser yields and the one import pipeline consumes.

A parser (WordPress WXR, DataLife Engine, a feed, a web page) turns its source into these
records and knows nothing of pages; the pipeline cleans their HTML through the shared
sanitiser and upserts them keyed by ``(source, external_id)``, so each parser stays a
pure function of its input and re-running an import updates instead of duplicating.

Parsers yield rubrics, authors and media before the articles that name them, and comments
after their article; ids are the source's own, as strings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    SCHEDULED = "scheduled"  # published by the periodic tick at ``published_at``


@dataclass(frozen=True)
class RubricRecord:
    external_id: str
    name: str
    slug: str = ""
    parent_id: str | None = None  # another RubricRecord's external_id


@dataclass(frozen=True)
class AuthorRecord:
    external_id: str
    display_name: str
    login: str = ""


@dataclass(frozen=True)
class MediaRecord:
    """An image: a file in a local folder (``path``) or an address to fetch safely."""

    external_id: str
    url: str = ""
    path: str = ""
    title: str = ""
    alt: str = ""


@dataclass(frozen=True)
class ArticleRecord:
    external_id: str
    language: str  # the edition's language code
    title: str  # plain text, entities decoded: a "<" in it is a character, not markup
    body_html: str  # the source's HTML (BBCode already turned into HTML); cleaned later
    lead: str = ""
    status: Status = Status.DRAFT
    published_at: datetime | None = None
    modified_at: datetime | None = None
    slug: str = ""
    rubric_ids: tuple[str, ...] = ()
    author_ids: tuple[str, ...] = ()
    author_names: tuple[str, ...] = ()  # bylines without an author record (feeds, web)
    tags: tuple[str, ...] = ()
    lead_image_id: str | None = None  # a MediaRecord's external_id
    old_paths: tuple[str, ...] = ()  # the source's addresses, to answer 301 to the page
    source_url: str = ""
    # Placement, when the source says (DLE's "fixed" and "allow_main"); None: it does not.
    pinned: bool | None = None
    show_on_home: bool | None = None


@dataclass(frozen=True)
class CommentRecord:
    external_id: str
    article_id: str  # the ArticleRecord's external_id
    body_text: str
    author_name: str
    created_at: datetime
    approved: bool
    parent_id: str | None = None  # another CommentRecord's external_id
    author_email: str = ""
    author_url: str = ""


Record = RubricRecord | AuthorRecord | MediaRecord | ArticleRecord | CommentRecord


@dataclass
class ImportReport:
    """What an import did, record by record: the closing report of commands and admin."""

    counts: Counter[str] = field(default_factory=Counter)  # created, updated, skipped, failed
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (outcome, id, why)

    def add(self, outcome: str, external_id: str = "", reason: str = "") -> None:
        self.counts[outcome] += 1
        if reason:
            self.problems.append((outcome, external_id, reason))

    @property
    def failed(self) -> bool:
        return self.counts["failed"] > 0
