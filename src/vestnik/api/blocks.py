"""The article body as typed JSON blocks, read from the stored (raw) stream.

Reading the raw stream rather than Wagtail's block values costs one query for all of a
body's images (with their renditions) and one for the people quoted, however many blocks
there are; the paragraphs' internal links are expanded by Wagtail's rewriter (in bulk),
then sanitised like any HTML that leaves the site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from vestnik.core.embeds import recognise_embed
from vestnik.core.public import rendition_or_none
from vestnik.core.sanitise import sanitise_paragraph_html
from vestnik.newsroom.models import EntityPage

Absolute = Callable[[str], str]


@dataclass(frozen=True)
class _Found:
    """What the blocks refer to, loaded once for the whole body."""

    images: dict[int, dict]
    people: dict[int, dict]
    paragraphs: dict[str, str]  # stored rich text -> expanded, sanitised HTML


# Joins the paragraphs of a body for one pass of Wagtail's link rewriter: it looks up the
# linked pages of one call in bulk, so one call per paragraph would be a query each.
_SEPARATOR = "\n<!-- vestnik-api-block -->\n"


def _expand_paragraphs(raw_blocks: list[dict]) -> dict[str, str]:
    sources = list(dict.fromkeys(b["value"] for b in raw_blocks if b["type"] == "paragraph"))
    if not sources:
        return {}
    expanded = expand_db_html(_SEPARATOR.join(sources)).split(_SEPARATOR)
    if len(expanded) != len(sources):  # a paragraph held the separator: one at a time
        expanded = [expand_db_html(source) for source in sources]
    return {s: sanitise_paragraph_html(html) for s, html in zip(sources, expanded, strict=True)}


def images_out(image_ids: Iterable[int | None], spec: str, absolute: Absolute) -> dict[int, dict]:
    """Rendition of each image by id (two queries; a missing rendition is made once).

    Deleted images and images whose file is gone are left out: the caller shows null.
    """
    wanted = {image_id for image_id in image_ids if isinstance(image_id, int)}
    if not wanted:
        return {}
    found: dict[int, dict] = {}
    for image in get_image_model().objects.filter(id__in=wanted).prefetch_renditions(spec):
        rendition = rendition_or_none(image, spec)
        if rendition is None:
            continue
        found[image.id] = {
            "url": absolute(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.default_alt_text,
        }
    return found


def _items(raw: Any) -> list[str]:
    """A ListBlock's raw items: ``{"type": "item", "value": ...}`` rows or bare strings."""
    items = raw if isinstance(raw, list) else []
    return [str(item.get("value", "")) if isinstance(item, dict) else str(item) for item in items]


def _people(raw_blocks: list[dict]) -> dict[int, dict]:
    ids = {b["value"].get("person") for b in raw_blocks if b["type"] == "quote"}
    ids = {person for person in ids if isinstance(person, int)}
    if not ids:
        return {}
    people = EntityPage.objects.live().public().filter(id__in=ids).only("id", "slug", "title")
    return {p.id: {"id": p.id, "slug": p.slug, "name": p.title} for p in people}


def _paragraph(value: Any, found: _Found) -> dict:
    return {"html": found.paragraphs[value]}


def _subheading(value: Any, found: _Found) -> dict:
    return {"text": str(value)}


def _quote(value: dict, found: _Found) -> dict:
    return {
        "text": str(value.get("text", "")),
        "attribution": value.get("attribution") or "",
        "person": found.people.get(value.get("person")),
    }


def _list(value: dict, found: _Found) -> dict:
    style = "numbered" if value.get("style") == "numbered" else "bulleted"
    return {"style": style, "items": _items(value.get("items"))}


def _image(value: dict, found: _Found) -> dict:
    return {
        "image": found.images.get(value.get("image")),
        "caption": value.get("caption") or "",
        "credit": value.get("credit") or "",
    }


def _embed(value: dict, found: _Found) -> dict:
    url = str(value.get("url", ""))
    embed = recognise_embed(url)
    return {
        "url": url,
        "provider": embed.provider if embed else None,
        "player_url": embed.player_url if embed else None,
        "caption": value.get("caption") or "",
    }


def _factbox(value: dict, found: _Found) -> dict:
    return {"title": str(value.get("title", "")), "items": _items(value.get("items"))}


_SHAPES: dict[str, Callable[[Any, _Found], dict]] = {
    "paragraph": _paragraph,
    "subheading": _subheading,
    "quote": _quote,
    "list": _list,
    "image": _image,
    "embed": _embed,
    "factbox": _factbox,
}


def _valid(raw_blocks: list) -> list[dict]:
    """Blocks of a known type whose value has the stored shape (a text or an object)."""
    return [
        b
        for b in raw_blocks
        if isinstance(b, dict)
        and b.get("type") in _SHAPES
        and isinstance(b.get("value"), str if b["type"] in {"paragraph", "subheading"} else dict)
    ]


def image_ids(raw_blocks: list) -> list[int]:
    """The images a raw body shows, to load with ``images_out`` (with the lead image)."""
    return [b["value"].get("image") for b in _valid(raw_blocks) if b["type"] == "image"]


def body_blocks(raw_blocks: list, images: dict[int, dict]) -> list[dict]:
    """Every block of a raw stream as a dict of ``schemas.Block``; unknown types dropped.

    ``images`` is ``images_out`` of ``image_ids``; the people quoted cost one query.
    """
    blocks = _valid(raw_blocks)
    found = _Found(images=images, people=_people(blocks), paragraphs=_expand_paragraphs(blocks))
    return [
        {"type": b["type"], "id": str(b.get("id", "")), **_SHAPES[b["type"]](b["value"], found)}
        for b in blocks
    ]
