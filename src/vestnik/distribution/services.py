"""Writes of the distribution app: renditions that feeds offer, made ahead of readers."""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.images.models import Image

from vestnik.core.public import rendition_or_none
from vestnik.distribution.selectors import ENCLOSURE_FILTER
from vestnik.newsroom.models import ArticlePage


def enclosures_prepare(article_ids: Iterable[int]) -> int:
    """Make the lead image rendition that feeds enclose for each live article, so that
    no feed request writes one. Idempotent (an existing rendition is reused); returns
    how many images were seen. Articles gone or without a lead image are skipped."""
    image_ids = set(
        ArticlePage.objects.live()
        .filter(id__in=list(article_ids), lead_image__isnull=False)
        .values_list("lead_image_id", flat=True)
    )
    images = Image.objects.filter(id__in=image_ids).prefetch_renditions(ENCLOSURE_FILTER)
    for image in images:  # a missing source file is skipped, not the rest of the batch
        rendition_or_none(image, ENCLOSURE_FILTER)
    return len(image_ids)
