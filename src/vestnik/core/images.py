"""Responsive pictures for reader pages: AVIF and WebP sources, a JPEG fallback (PNG for
a PNG original, which may be transparent), two or three widths, width and height set.

Each place a picture appears is a *role* with its widths, its ``sizes`` and whether it
is above the fold. The renditions come from Wagtail's ``Image.get_renditions`` (its
rendition cache first: no query once they exist) and are written as Wagtail's own
``<picture>`` (``wagtail.images.models.Picture``, what ``{% picture %}`` renders).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.images.models import Picture

logger = logging.getLogger(__name__)

# The reading column: 100% of a phone less main's padding, 44rem (46rem less padding)
# up to a 60rem screen, 58rem on larger ones (see site.css).
COLUMN_SIZES = "(min-width: 60rem) 58rem, (min-width: 46rem) 44rem, calc(100vw - 2rem)"
# Sources first, best first: the browser takes the first type it can show.
SOURCE_FORMATS = ("avif", "webp")
# Quality per lossy format: AVIF and WebP look as good as JPEG at fewer bytes (PNG is
# lossless).
QUALITY = {"avif": "avifquality-60", "webp": "webpquality-75", "jpeg": "jpegquality-80"}


@dataclass(frozen=True)
class Role:
    """Where a picture appears: ``widths`` in CSS pixels (the first is the fallback
    ``src``, what feeds and old browsers get), ``aspect`` (width / height) to crop to, or
    None to keep the original's, and whether it sits above the fold."""

    widths: tuple[int, ...]
    sizes: str
    aspect: float | None = None
    above_fold: bool = False


ROLES = {
    "lead": Role((800, 480, 1200), COLUMN_SIZES, above_fold=True),
    "body": Role((800, 480, 1200), COLUMN_SIZES),
    "card": Role((240, 120), "7.5rem", aspect=3 / 2),
    "portrait": Role((240, 120), "7.5rem", aspect=1.0),
}


def fallback_format(image: Any) -> str:
    """JPEG, except for a PNG original (it may hold transparency or line art)."""
    return "png" if image.file.name.lower().endswith(".png") else "jpeg"


def widths_for(image: Any, role: Role) -> list[int]:
    """The role's widths, none wider than the original (its crop, for a cropped role):
    Wagtail never enlarges, and two candidates of one width would make a bad srcset."""
    largest = image.width
    if role.aspect:
        largest = min(largest, int(image.height * role.aspect))
    widths: list[int] = []
    for width in role.widths:
        width = max(1, min(width, largest))
        if width not in widths:
            widths.append(width)
    return widths


def specs_for(image: Any, role: Role, widths: list[int]) -> list[str]:
    """Wagtail filter specs: each source format, then the fallback, at every width."""
    resizes = [
        f"fill-{width}x{max(1, round(width / role.aspect))}" if role.aspect else f"width-{width}"
        for width in widths
    ]
    formats = [*SOURCE_FORMATS, fallback_format(image)]
    return [
        f"{resize}|format-{fmt}|{QUALITY[fmt]}" if fmt in QUALITY else f"{resize}|format-{fmt}"
        for fmt in formats
        for resize in resizes
    ]


def picture_html(
    image: Any, role_name: str, *, alt: str | None = None, eager: bool | None = None
) -> SafeString:
    """``image`` as a ``<picture>`` for ``role_name`` (a key of ROLES); empty without an
    image or when its source file is lost (the reader loses a picture, never the page).

    Above the fold (the role's, or ``eager``): loaded at once and fetched first
    (``fetchpriority="high"``); below: lazily, decoded off the main thread. ``alt``
    overrides the image's own text ("" for a decorative copy).
    """
    if image is None:
        return mark_safe("")
    role = ROLES[role_name]
    widths = widths_for(image, role)
    try:
        renditions = image.get_renditions(*specs_for(image, role, widths))
    except OSError:  # Wagtail's SourceImageIOError is an OSError
        logger.warning("Image %s has no readable source file for %s", image.pk, role_name)
        return mark_safe("")
    # One width (a small original) is one candidate without a width: no sizes then.
    attrs: dict[str, Any] = {"sizes": role.sizes} if len(widths) > 1 else {}
    if role.above_fold if eager is None else eager:
        attrs.update(loading="eager", fetchpriority="high")
    else:
        attrs.update(loading="lazy", decoding="async")
    if alt is not None:
        attrs["alt"] = alt
    return format_html("{}", Picture(renditions, attrs))
