"""Periodic feed imports: each active ``FeedSubscription`` is fetched and imported.

``vestnik tick`` runs ``feeds_poll``, which calls ``feeds_poll_all``. A feed is fetched
with the safe fetcher and its entries go through the one pipeline keyed by the feed's
host, so an entry seen on an earlier poll is updated when it changed and left alone
when it did not. A feed that cannot be read records why in ``last_error`` and the other
feeds go on; the follow-up work of a poll (search, "Read also") runs once per batch.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from vestnik.importers.fetch import Fetcher, default_fetcher
from vestnik.importers.models import FeedSubscription
from vestnik.importers.pipeline import import_batch
from vestnik.importers.records import ImportReport
from vestnik.importers.sources import SourceError, feed_plan


def feed_poll(subscription: FeedSubscription, fetcher: Fetcher) -> ImportReport | None:
    """Import the feed once; its report, or None when the feed could not be read."""
    edition = subscription.rubric.locale.language_code
    report = None
    try:
        plan = feed_plan(
            subscription.url,
            edition,
            subscription.rubric.slug,
            fetcher,
            publish=subscription.publish,
        )
        report = import_batch(
            plan.records,
            source=plan.source,
            language_code=edition,
            publish_as_is=plan.publish_as_is,
            media_opener=plan.media_opener,
            rubric_id=subscription.rubric_id,
        )
        subscription.last_error = "; ".join(
            f"{key}: {why}" for outcome, key, why in report.problems if outcome == "failed"
        )
    except (SourceError, LookupError) as error:
        subscription.last_error = str(error)
    subscription.last_fetched_at = timezone.now()
    subscription.save(update_fields=["last_error", "last_fetched_at"])
    return report


def feeds_due() -> QuerySet[FeedSubscription]:
    """Active subscriptions not polled within ``VESTNIK_FEED_POLL_INTERVAL`` seconds."""
    since = timezone.now() - timedelta(seconds=settings.VESTNIK_FEED_POLL_INTERVAL)
    return (
        FeedSubscription.objects.filter(active=True)
        .filter(Q(last_fetched_at__isnull=True) | Q(last_fetched_at__lte=since))
        .select_related("rubric__locale")
        .order_by("id")
    )


def feeds_poll_all(fetcher: Fetcher | None = None) -> list[tuple[FeedSubscription, bool]]:
    """Poll every subscription that is due; (subscription, read without error) for each."""
    fetcher = fetcher or default_fetcher()
    done = []
    for subscription in feeds_due():
        feed_poll(subscription, fetcher)
        done.append((subscription, not subscription.last_error))
    return done
