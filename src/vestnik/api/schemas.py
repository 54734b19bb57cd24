"""The shapes of the API's answers: what the OpenAPI document promises, field by field.

The body's blocks are a union told apart by ``type``, one schema per block of
``newsroom.blocks.ArticleBodyBlock``, so a client can switch on it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field


class ParameterError(Schema):
    location: str
    message: str


class Message(Schema):
    """Every error: a sentence for people, and for bad parameters which ones and why."""

    message: str
    errors: list[ParameterError] = []


class RubricRef(Schema):
    id: int
    slug: str
    title: str


class PersonRef(Schema):
    id: int
    slug: str
    name: str


class TagRef(Schema):
    id: int
    slug: str
    name: str


class Image(Schema):
    """A rendition (at most the configured size) of an image; the original is never sent."""

    url: str
    width: int
    height: int
    alt: str


class ArticleSummary(Schema):
    id: int
    edition: str
    title: str
    slug: str
    url: str
    lead: str
    breaking: bool
    first_published_at: datetime
    last_published_at: datetime | None
    rubric: RubricRef | None
    authors: list[PersonRef]
    lead_image: Image | None


class ArticleList(Schema):
    """One page of articles, newest first; ``next`` is the cursor of the following page."""

    items: list[ArticleSummary]
    next: str | None


class ParagraphBlock(Schema):
    type: Literal["paragraph"]
    id: str
    html: str = Field(description="Paragraphs of inline formatting and links, sanitised.")


class SubheadingBlock(Schema):
    type: Literal["subheading"]
    id: str
    text: str


class QuoteBlock(Schema):
    type: Literal["quote"]
    id: str
    text: str
    attribution: str
    person: PersonRef | None


class ListBlock(Schema):
    type: Literal["list"]
    id: str
    style: Literal["bulleted", "numbered"]
    items: list[str]


class ImageBlock(Schema):
    type: Literal["image"]
    id: str
    image: Image | None = Field(description="Null when the image was deleted.")
    caption: str
    credit: str


class EmbedBlock(Schema):
    type: Literal["embed"]
    id: str
    url: str
    provider: str | None = Field(description="YouTube, VK Video or Rutube; null if unknown.")
    player_url: str | None
    caption: str


class FactBoxBlock(Schema):
    type: Literal["factbox"]
    id: str
    title: str
    items: list[str]


Block = Annotated[
    ParagraphBlock
    | SubheadingBlock
    | QuoteBlock
    | ListBlock
    | ImageBlock
    | EmbedBlock
    | FactBoxBlock,
    Field(discriminator="type"),
]


class Translation(Schema):
    """The same article in another edition."""

    edition: str
    id: int
    title: str
    url: str


class ArticleDetail(ArticleSummary):
    correction_note: str
    translations: list[Translation]
    entities: list[PersonRef]
    tags: list[TagRef]
    body: list[Block]


class Rubric(Schema):
    id: int
    slug: str
    title: str
    url: str
    parent_id: int | None = Field(description="The parent rubric; null for a top rubric.")


class RubricList(Schema):
    items: list[Rubric]


class Author(Schema):
    id: int
    slug: str
    name: str
    given_name: str
    family_name: str
    bio: str
    url: str


class AuthorList(Schema):
    items: list[Author]
    count: int


class Entity(Schema):
    id: int
    slug: str
    name: str
    kind: Literal["person", "organisation", "place"]
    summary: str
    url: str


class EntityList(Schema):
    items: list[Entity]
    count: int
