"""``vestnik mostread_flush``: move buffered views into the hourly table, prune old hours.

The tick runs it every minute; a failed flush leaves the views buffered for the next.
"""

from django.core.management.base import BaseCommand

from vestnik.mostread.services import views_flush, views_prune


class Command(BaseCommand):
    help = "Flush buffered article views into the hourly table and delete expired hours."

    def handle(self, *args, **options):
        moved = views_flush()
        pruned = views_prune()
        if options["verbosity"] > 1:
            self.stdout.write(f"{moved} views flushed, {pruned} old hourly rows deleted")
