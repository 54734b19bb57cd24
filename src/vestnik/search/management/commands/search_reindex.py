from django.core.management.base import BaseCommand

from vestnik.search.services import search_reindex_all


class Command(BaseCommand):
    help = "Rebuild the reader search index from every live article."

    def handle(self, *args, **options) -> None:
        count = search_reindex_all()
        self.stdout.write(f"Indexed {count} articles.")
