"""``vestnik feeds_poll``: import the new and changed entries of every subscribed feed
(run by ``vestnik tick``); prints one line per feed, the reason when it failed."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from vestnik.importers.polling import feeds_poll_all


class Command(BaseCommand):
    help = "Poll the subscribed feeds and import their new and changed entries."

    def handle(self, *args, **options):
        for subscription, ok in feeds_poll_all():
            if ok:
                self.stdout.write(f"{subscription.url}: polled")
            else:
                self.stderr.write(f"{subscription.url}: {subscription.last_error}")
