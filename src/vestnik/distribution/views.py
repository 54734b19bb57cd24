"""Thin views: the feeds, public and cacheable."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control

from vestnik.distribution.feeds import FEED_TYPES, ArticleFeed


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=settings.VESTNIK_FEED_MAX_AGE)
    return response


def feed(request, feed_format: str, kind: str = "site", key: str = "", full: bool = False):
    """``/<lang>/feeds/[<rubric|author|tag>/<key>/]<rss|atom>/[full/]``; 404 when the
    edition, rubric, author or tag is not there."""
    feed_type = FEED_TYPES.get(feed_format)
    if feed_type is None:
        raise Http404("No such feed format")
    return _public(ArticleFeed(feed_type, full)(request, kind=kind, key=key))
