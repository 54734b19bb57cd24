"""Addresses on the public site and renditions that never fail a reader's request.

Every absolute address a reader, a feed reader, a partner's app or a Telegram channel sees
is built from ``settings.BASE_URL``: never from the request's Host header (a forged header
must not reach a cached answer) and never from Wagtail's ``Site`` row (``localhost:80``
until an operator edits it).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from wagtail.models import Page

logger = logging.getLogger(__name__)


def absolute(url: str) -> str:
    """``url`` on the public site: a path gets ``settings.BASE_URL`` in front."""
    return settings.BASE_URL + url if url.startswith("/") else url


def page_url(page: Page, request=None) -> str:
    """The page's absolute address on the public site."""
    parts = page.get_url_parts(request)
    return absolute(parts[2] if parts else "/")


def rendition_or_none(image: Any, spec: str) -> Any:
    """``image``'s rendition for ``spec``, or None when its source file is missing or
    unreadable: a lost file costs the reader a picture, never the page (a 500)."""
    if image is None:
        return None
    try:
        return image.get_rendition(spec)
    except OSError:  # Wagtail's SourceImageIOError is an OSError
        logger.warning("Image %s has no readable source file for %s", image.pk, spec)
        return None
