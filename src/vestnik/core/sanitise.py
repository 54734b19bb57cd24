"""The one sanitiser: every piece of untrusted HTML passes through here (nh3)."""

from __future__ import annotations

import html
import re

import nh3
from django.utils.html import urlize

# Tags a body paragraph may keep; structure (headings, lists, quotes) is expressed as blocks.
INLINE_TAGS = {"a", "b", "strong", "i", "em", "br", "sub", "sup"}
LINK_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _clean(value: str, tags: set[str], attributes: dict[str, set[str]]) -> str:
    """``value`` with only ``tags`` and their ``attributes`` left, every address http(s)
    or mailto, every link ``rel="noopener"``: the rules all our HTML shares."""
    return nh3.clean(
        value, tags=tags, attributes=attributes, url_schemes=URL_SCHEMES, link_rel="noopener"
    )


def sanitise_inline_html(value: str) -> str:
    """Return ``value`` with everything but inline formatting and safe links removed."""
    return _clean(value, INLINE_TAGS, LINK_ATTRIBUTES)


def sanitise_paragraph_html(value: str) -> str:
    """Paragraphs (``<p>``) of inline formatting and safe links, nothing else: the body
    text as the API hands it to other sites' pages."""
    return _clean(value, INLINE_TAGS | {"p"}, LINK_ATTRIBUTES)


def text_to_paragraph_html(text: str) -> str:
    """Plain text (an imported paragraph) as one escaped HTML paragraph."""
    return f"<p>{html.escape(text.strip(), quote=False)}</p>"


# Reader-written text: links are clickable but earn no ranking and get no opener.
UGC_LINK_REL = "nofollow ugc noopener"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_plain_text(text: str) -> str:
    """Plain text as a reader typed it, without control and direction-override characters,
    with Windows and old Mac line ends made ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def reader_text_to_html(text: str) -> str:
    """A reader's plain text as paragraphs, its http(s) addresses as links marked
    ``rel="nofollow ugc noopener"``; nothing the reader typed becomes markup."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", clean_plain_text(text)) if p.strip()]
    rendered = "".join(
        "<p>" + urlize(p, trim_url_limit=60, autoescape=True).replace("\n", "<br>") + "</p>"
        for p in paragraphs
    )
    return nh3.clean(
        rendered,
        tags={"p", "br", "a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel=UGC_LINK_REL,
    )


def count_links(text: str) -> int:
    """How many web addresses a reader's text holds (the spam defence counts them)."""
    return len(
        re.findall(
            r"(?i)\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|ru|kg|net|org|info|xyz|top)\b", text
        )
    )


# What a full-text feed's body may hold: the article's structure and images, no scripts,
# frames, forms, buttons or inline styles (feed readers render it in their own pages).
FEED_TAGS = INLINE_TAGS | {
    "p", "h2", "h3", "blockquote", "cite", "ul", "ol", "li", "figure", "figcaption", "img",
}  # fmt: skip
FEED_ATTRIBUTES = {**LINK_ATTRIBUTES, "img": {"src", "alt", "width", "height"}}


def sanitise_feed_html(value: str) -> str:
    """Rendered body HTML reduced to what a feed may carry, links and images http(s) only."""
    return _clean(value, FEED_TAGS, FEED_ATTRIBUTES)
