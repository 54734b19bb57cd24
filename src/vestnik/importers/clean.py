"""The one cleaner: a source's HTML becomes Vestnik body blocks.

Every parser hands over HTML (BBCode already turned into it); here it is split into the
blocks an editor could have made (paragraphs, subheadings, quotes, lists, images), and
each piece of text goes through ``core.sanitise``, so nothing executable survives and an
import stores only what the admin's editor could save again.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree

from vestnik.core.sanitise import clean_plain_text, sanitise_inline_html

# Whole elements that never reach a page, with everything inside them.
_DROPPED = {
    "script", "style", "iframe", "object", "embed", "form", "noscript", "template",
    "svg", "math", "button", "select", "textarea", "input", "head", "title", "meta", "link",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = _HEADINGS | {"p", "div", "blockquote", "ul", "ol", "figure", "table", "pre", "hr"}
_BLOCK_START = re.compile(r"^\s*<(?:" + "|".join(sorted(_BLOCKS)) + r")\b", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n\s*\n")
_MAX_SUBHEADING = 300
_MAX_ITEM = 2000

# An image's address -> the id of the image it became, or None (the picture is dropped).
ImageFinder = Callable[[str], int | None]


@dataclass(frozen=True)
class CleanBody:
    lead: str
    blocks: list[tuple[str, Any]]


def autop(text: str) -> str:
    """WordPress stores posts without ``<p>`` (its ``wpautop`` adds them when showing):
    blank lines separate paragraphs and a single newline is a line break."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = [chunk.strip() for chunk in _BLANK_LINE.split(text) if chunk.strip()]
    return "".join(
        chunk if _BLOCK_START.match(chunk) else "<p>" + chunk.replace("\n", "<br>") + "</p>"
        for chunk in chunks
    )


# Characters XML cannot hold (lxml refuses them): C0 controls but tab, newline and return
# (Word's vertical tab for a soft line break, form feeds in old stories), and U+FFFE/FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters lxml refuses; a soft line break becomes a space."""
    return _NOT_XML.sub(" ", text)


def plain_text(fragment: str) -> str:
    """HTML (or text with entities) as plain text: tags dropped, entities decoded."""
    if not fragment.strip():
        return ""
    root = lxml.html.fragment_fromstring(xml_safe(fragment), create_parent="div")
    _drop_hidden(root)
    return clean_plain_text(" ".join(root.text_content().split()))


def clean_body(source_html: str, *, find_image: ImageFinder, lead: str = "") -> CleanBody:
    """Blocks of ``source_html``; the lead is ``lead`` (an excerpt, plain text after
    cleaning) or else the first paragraph, which then leaves the body (the lead is shown
    above it, never repeated in it)."""
    blocks: list[tuple[str, Any]] = []
    if source_html.strip():
        root = lxml.html.fragment_fromstring(autop(xml_safe(source_html)), create_parent="div")
        _drop_hidden(root)
        _walk(root, blocks, find_image)
    lead_text = plain_text(lead)
    if not lead_text:
        for index, (kind, value) in enumerate(blocks):
            if kind == "paragraph":
                lead_text = plain_text(value)
                del blocks[index]
                break
    return CleanBody(lead=lead_text, blocks=blocks)


def _drop_hidden(root: etree._Element) -> None:
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments, processing instructions
            element.drop_tree() if element.getparent() is not None else None
        elif element.tag.lower() in _DROPPED and element.getparent() is not None:
            element.drop_tree()


def _walk(container: etree._Element, blocks: list[tuple[str, Any]], find_image) -> None:
    """Top-level children become blocks; loose inline runs become paragraphs (their line
    ends are line breaks, as WordPress shows them)."""
    run: list[str] = [_loose(container.text)]
    for child in container:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag in _BLOCKS or tag == "img" or child.find(".//img") is not None:
            _paragraph("".join(run), blocks)
            run = []
            _block(child, tag, blocks, find_image)
            run.append(_loose(child.tail))
        else:
            run.append(lxml.html.tostring(child, encoding="unicode"))
    _paragraph("".join(run), blocks)


def _loose(text: str | None) -> str:
    return html.escape((text or "").strip("\n"), quote=False).replace("\n", "<br>")


def _block(element, tag: str, blocks: list[tuple[str, Any]], find_image) -> None:
    if tag in _HEADINGS:
        text = plain_text(_inner(element))[:_MAX_SUBHEADING]
        if text:
            blocks.append(("subheading", text))
    elif tag == "blockquote":
        cite = element.find(".//cite")
        attribution = plain_text(_inner(cite))[:200] if cite is not None else ""
        if cite is not None:
            cite.drop_tree()
        text = "\n".join(filter(None, (plain_text(_inner(p)) for p in _pieces(element))))
        if text:
            blocks.append(("quote", {"text": text, "attribution": attribution, "person": None}))
    elif tag in {"ul", "ol"}:
        items = [plain_text(_inner(li))[:_MAX_ITEM] for li in element.iter("li")]
        if any(items):
            style = "numbered" if tag == "ol" else "bulleted"
            blocks.append(("list", {"style": style, "items": [i for i in items if i]}))
    elif tag in {"img", "figure"} or element.find(".//img") is not None:
        _images(element, blocks, find_image)
    elif tag in {"div", "p", "figure", "table", "pre"} and len(element):
        _walk(element, blocks, find_image)
    elif tag != "hr":
        _paragraph(_inner(element), blocks)


def _images(element, blocks: list[tuple[str, Any]], find_image) -> None:
    """Each picture the import knows becomes an image block; text around it stays."""
    caption_element = element.find(".//figcaption")
    caption = plain_text(_inner(caption_element))[:500] if caption_element is not None else ""
    if caption_element is not None:
        caption_element.drop_tree()
    images = [element] if element.tag == "img" else list(element.iter("img"))
    for img in images:
        image_id = find_image(img.get("src", ""))
        if image_id is not None:
            blocks.append(("image", {"image": image_id, "caption": caption, "credit": ""}))
        if img is not element:
            img.drop_tree()
    if element.tag != "img":
        _paragraph(_inner(element), blocks)


def _pieces(element) -> list:
    children = [c for c in element if isinstance(c.tag, str) and c.tag.lower() == "p"]
    return children or [element]


def _inner(element) -> str:
    text = html.escape(element.text or "", quote=False)
    return text + "".join(lxml.html.tostring(child, encoding="unicode") for child in element)


def _paragraph(fragment: str, blocks: list[tuple[str, Any]]) -> None:
    cleaned = sanitise_inline_html(fragment).strip()
    while cleaned.startswith("<br>"):
        cleaned = cleaned.removeprefix("<br>").strip()
    while cleaned.endswith("<br>"):
        cleaned = cleaned.removesuffix("<br>").strip()
    if plain_text(cleaned):
        blocks.append(("paragraph", f"<p>{cleaned}</p>"))
