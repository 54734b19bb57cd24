"""``vestnik import FORMAT ...``: one sub-command per source, one pipeline behind them.

- ``wxr FILE [--uploads DIR]``: a WordPress export;
- ``dle --database mysql://user@host/NAME [--prefix dle_] [--timezone] [--base-url]
  [--path-prefix] [--rubric SLUG]``: a DataLife Engine site read from its database;
- ``feed URL_OR_FILE --rubric SLUG [--publish]``: an RSS or Atom feed, once;
- ``url URL_OR_FILE --rubric SLUG [--publish]``: one article page (a saved file too).

Each takes ``--edition`` and ``--dry-run``. The command only parses arguments, hands them
to ``importers.sources.import_source`` (the source's records through the pipeline inside
a batch, as the admin's "Import archive" pages do) and prints the closing report; bad
input ends it with a message naming the file, URL or database and the reason, and the
exit status is non-zero when any record failed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from vestnik.importers import sources
from vestnik.importers.records import ImportReport


def _plain(text: str) -> str:
    return text  # progress is not an error: no red on a terminal


BAR = 30  # characters of the progress bar


class Command(BaseCommand):
    help = "Import an archive, a feed or a web page into one edition."

    def add_arguments(self, parser):
        formats = parser.add_subparsers(dest="format", required=True, metavar="FORMAT")
        wxr = self._source(formats, "wxr", "a WordPress export file (WXR)")
        wxr.add_argument("file", metavar="FILE")
        wxr.add_argument("--uploads", metavar="DIR", help="a copy of wp-content/uploads")
        wxr.add_argument(
            "--fetch-images",
            action="store_true",
            help="without --uploads: fetch the pictures from their addresses (safe fetcher)",
        )
        dle = self._source(formats, "dle", "a DataLife Engine site's MySQL/MariaDB database")
        dle.add_argument("--database", required=True, metavar="URL", help="mysql://user@host/db")
        dle.add_argument("--prefix", default="dle_", help="the tables' prefix (dle_)")
        dle.add_argument("--timezone", default="Asia/Bishkek", help="the site's time zone")
        dle.add_argument("--base-url", default="", help="the old site's address, for pictures")
        dle.add_argument("--path-prefix", default="", help="the folder the site was served from")
        dle.add_argument("--rubric", metavar="SLUG", help="the rubric of posts without a category")
        for name, what in (("feed", "an RSS or Atom feed"), ("url", "one article page")):
            one = self._source(formats, name, f"{what} (a URL or a saved file)", states=False)
            one.add_argument("location", metavar="URL_OR_FILE")
            one.add_argument("--rubric", required=True, metavar="SLUG", help="the rubric")
            one.add_argument("--publish", action="store_true", help="publish (default: drafts)")

    @staticmethod
    def _source(formats, name: str, help_text: str, *, states: bool = True):
        parser = formats.add_parser(name, help=help_text)
        parser.add_argument("--edition", default=settings.LANGUAGE_CODE, help="ru, ky or en")
        if states:
            parser.add_argument(
                "--publish-as-is",
                action="store_true",
                help="keep published and scheduled posts so (default: every post a draft)",
            )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and check everything, write nothing"
        )
        return parser

    def handle(self, *args, format, edition, dry_run, **options):
        try:
            report = sources.import_source(
                format,
                edition,
                options,
                dry_run=dry_run,
                progress=lambda plan: self._progress(plan.describe, plan.total),
            )
        except sources.SourceError as error:
            raise CommandError(str(error)) from error
        if self.stderr.isatty():
            self.stderr.write("", style_func=_plain)  # end the counter's line
        self._report(report, dry_run)
        if report.failed:
            sys.exit(1)

    def _progress(self, describe: Callable[[int], str], total: int | None = None):
        """A progress bar on a terminal (a counter when the source cannot tell its size),
        nothing when the output is a file or a pipe."""
        if not self.stderr.isatty():
            return None

        def show(number: int) -> None:
            if number % 10 and number != total:
                return
            line = describe(number)
            if total:
                done = min(number, total) / total
                line = f"[{'#' * round(done * BAR):<{BAR}}] {done:4.0%} {line}"
            self.stderr.write(f"\r{line}", style_func=_plain, ending="")

        return show

    def _report(self, report: ImportReport, dry_run: bool) -> None:
        heading = "Dry run, nothing written" if dry_run else "Imported"
        self.stdout.write(f"{heading}:")
        for outcome in ("created", "updated", "unchanged", "skipped", "failed"):
            kinds = sorted(k for k in report.counts if k.endswith(f" {outcome}"))
            detail = ", ".join(f"{report.counts[k]} {k.split()[0]}" for k in kinds)
            self.stdout.write(
                f"  {outcome}: {report.counts[outcome]}" + (f" ({detail})" if detail else "")
            )
        for outcome, external_id, reason in report.problems:
            self.stdout.write(f"  {outcome} {external_id}: {reason}")
