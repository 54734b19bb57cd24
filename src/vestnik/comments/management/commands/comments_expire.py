"""``vestnik comments_expire``: delete rejected and spam comments past their retention."""

from django.core.management.base import BaseCommand

from vestnik.comments.moderation import comments_expire


class Command(BaseCommand):
    help = "Delete rejected and spam comments older than VESTNIK_COMMENTS_RETENTION_DAYS."

    def handle(self, *args, **options):
        deleted = comments_expire()
        if options["verbosity"]:
            self.stdout.write(f"{deleted} expired comments deleted")
