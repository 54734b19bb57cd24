"""``vestnik ratelimit_prune``: delete database rate counters whose window has passed."""

from django.core.management.base import BaseCommand

from vestnik.core import ratelimit


class Command(BaseCommand):
    help = "Delete expired rate-limit counters (the periodic tick runs it)."

    def handle(self, *args, **options):
        ratelimit.prune()
