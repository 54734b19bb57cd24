"""``vestnik generate --articles N [--comments M] [--seed S] [--lang ru,en,ky]``.

Adds N published articles of synthetic pseudo-news for benchmarks (see
``vestnik.demo.generator``), then prints the time taken and the rows written per table.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from vestnik.demo.generator import generate


class Command(BaseCommand):
    help = "Add N synthetic published articles (with authors, tags and related links)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, metavar="N")
        parser.add_argument("--comments", type=int, default=0, metavar="M")
        parser.add_argument("--seed", type=int, default=0, metavar="S")
        parser.add_argument("--lang", default="", help="editions, comma-separated (default: all)")
        parser.add_argument("--days", type=int, default=365, help="spread dates over these days")
        parser.add_argument(
            "--search-index", action="store_true", help="also index for search (slow)"
        )

    def handle(self, *args, articles, comments, seed, lang, days, search_index, **options):
        languages = [code.strip() for code in lang.split(",") if code.strip()] or None
        try:
            summary = generate(
                articles,
                seed=seed,
                languages=languages,
                comments=comments,
                days=days,
                search_index=search_index,
                progress=self.stderr.write,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{summary.articles} articles in {summary.seconds:.1f}s")
        for table, count in sorted(summary.rows.items()):
            self.stdout.write(f"  {table}: {count}")
