"""``{% inline_style "vestnik/site.css" %}``: a static stylesheet inlined (core.assets)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from vestnik.core import assets

register = template.Library()


@register.simple_tag
def inline_style(name: str) -> SafeString:
    return assets.inline_style(name)
