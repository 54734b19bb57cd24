"""``{% picture_for image "role" %}``: an image as a responsive ``<picture>`` (core.images)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from vestnik.core import images

register = template.Library()


@register.simple_tag
def picture_for(
    image: Any, role: str, alt: str | None = None, eager: bool | None = None
) -> SafeString:
    return images.picture_html(image, role, alt=alt, eager=eager)
