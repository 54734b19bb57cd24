"""The rendition that feeds enclose is made after the publish, not by the first reader."""

from __future__ import annotations

from tests import factories
from tests.distribution import content
from wagtail.images.models import Rendition

from vestnik.core.batching import batch, finish
from vestnik.distribution.selectors import ENCLOSURE_FILTER


def feed_renditions(image) -> int:
    return Rendition.objects.filter(image=image, filter_spec=ENCLOSURE_FILTER).count()


def test_publishing_an_article_makes_its_feed_rendition_once(editions):
    image = content.make_image()
    article = factories.article("en", publish=False)
    article.lead_image = image
    article.save()
    assert feed_renditions(image) == 0
    factories.publish(article)
    assert feed_renditions(image) == 1
    factories.publish(article)  # a republish (or a task run twice) reuses it
    assert feed_renditions(image) == 1


def test_a_batch_makes_the_renditions_once_at_its_end(editions, django_capture_on_commit_callbacks):
    image = content.make_image()
    article = factories.article("en", publish=False)
    article.lead_image = image
    article.save()
    with batch() as pending:
        factories.publish(article)
        assert feed_renditions(image) == 0
    with django_capture_on_commit_callbacks(execute=True):
        finish(pending)
    assert feed_renditions(image) == 1
