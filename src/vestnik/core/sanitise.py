"""The one sanitiser: every piece of untrusted HTML passes through here (nh3)."""

from __future__ import annotations

import html

import nh3

# Tags a body paragraph may keep; structure (headings, lists, quotes) is expressed as blocks.
INLINE_TAGS = {"a", "b", "strong", "i", "em", "br", "sub", "sup"}
LINK_ATTRIBUTES = {"a": {"href", "title"}}


def sanitise_inline_html(value: str) -> str:
    """Return ``value`` with everything but inline formatting and safe links removed."""
    return nh3.clean(
        value,
        tags=INLINE_TAGS,
        attributes=LINK_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )


def text_to_paragraph_html(text: str) -> str:
    """Plain text (an imported paragraph) as one escaped HTML paragraph."""
    return f"<p>{html.escape(text.strip(), quote=False)}</p>"
