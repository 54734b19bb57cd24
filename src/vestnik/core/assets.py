"""Static files that reader pages carry inline, so that no stylesheet blocks the first paint.

The site's stylesheet is a few kilobytes: fetching it would cost a round trip before
anything is drawn, while inlined it travels in the page's own (compressed) bytes. Each
file is read once per process. ``inline_style_hashes`` gives the CSP sources that allow
exactly these inline elements, for a ``Content-Security-Policy`` without
``'unsafe-inline'``. (The article's ``application/ld+json`` script is data that is never
run: CSP does not apply to it.)
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# Every static file a reader page inlines: the site's stylesheet, the print version's.
INLINE_STYLES = ("vestnik/site.css", "vestnik/print.css")


@cache
def static_bytes(name: str) -> bytes:
    """A static file's bytes, read once per process: from the app's own static folder
    (finders), else from the collected files (the storage)."""
    path = finders.find(name)
    if path:
        with open(path, "rb") as file:
            return file.read()
    with staticfiles_storage.open(name) as file:
        return file.read()


def static_text(name: str) -> str:
    return static_bytes(name).decode("utf-8")


def inline_style(name: str) -> SafeString:
    """``<style>`` holding the static stylesheet ``name`` (one of INLINE_STYLES, so that
    its hash is among ``inline_style_hashes``)."""
    if name not in INLINE_STYLES:
        raise ValueError(f"{name} is not in core.assets.INLINE_STYLES")
    # Our own file, and a stylesheet cannot hold markup that would end the element.
    return format_html("<style>{}</style>", mark_safe(static_text(name)))  # noqa: S308


def csp_hash(text: str) -> str:
    """The CSP source that allows an inline element whose content is exactly ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_style_hashes() -> list[str]:
    """The ``style-src`` sources of every inline style of the reader pages."""
    return sorted({csp_hash(static_text(name)) for name in INLINE_STYLES})
