from django.core.management.base import BaseCommand

from vestnik.telegram import tasks
from vestnik.telegram.services import channel_posts_to_retry


class Command(BaseCommand):
    help = "Queue the channel posts whose Bot API calls failed recently (`vestnik tick` runs it)."

    def handle(self, *args, verbosity: int = 1, **options) -> None:
        article_ids = channel_posts_to_retry()
        for article_id in article_ids:
            tasks.sync_article.enqueue(article_id)
        if verbosity:  # the tick asks for silence every minute
            self.stdout.write(f"Queued {len(article_ids)} channel posts.")
