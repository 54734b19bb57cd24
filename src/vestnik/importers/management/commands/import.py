"""``vestnik import wxr FILE [--edition ru] [--uploads DIR] [--publish-as-is] [--dry-run]``.

One command, one sub-command per source format (``wxr`` now; ``dle``, ``feed`` and
``url`` join it). The command only parses arguments, runs the pipeline inside a batch
and prints the closing report; the exit status is non-zero when anything failed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from vestnik.core.batching import batch, finish
from vestnik.importers.media import LocalFolder
from vestnik.importers.pipeline import import_records
from vestnik.importers.records import ImportReport
from vestnik.importers.wxr import WxrError, WxrFile


def _plain(text: str) -> str:
    return text  # progress is not an error: no red on a terminal


class Command(BaseCommand):
    help = "Import an archive (a WordPress export) into one edition."

    def add_arguments(self, parser):
        sources = parser.add_subparsers(dest="format", required=True, metavar="FORMAT")
        wxr = sources.add_parser("wxr", help="a WordPress export file (WXR)")
        wxr.add_argument("file", metavar="FILE")
        wxr.add_argument("--edition", default=settings.LANGUAGE_CODE, help="ru, ky or en")
        wxr.add_argument("--uploads", metavar="DIR", help="a copy of wp-content/uploads")
        wxr.add_argument(
            "--publish-as-is",
            action="store_true",
            help="keep published and scheduled posts so (default: every post a draft)",
        )
        wxr.add_argument(
            "--dry-run", action="store_true", help="read and check everything, write nothing"
        )

    def handle(self, *args, format, file, edition, uploads, publish_as_is, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        if uploads and not Path(uploads).is_dir():
            raise CommandError(f"{uploads}: no such folder")
        source = WxrFile(path, language=edition, max_element=settings.VESTNIK_IMPORT_MAX_ELEMENT)
        pending: dict[str, set[int]] = {}
        try:
            source.check()  # a hostile or broken file is refused before anything is written
            with batch() as pending:
                report = import_records(
                    source.records(),
                    source=source.source,
                    language_code=edition,
                    publish_as_is=publish_as_is,
                    media_opener=LocalFolder(Path(uploads)) if uploads else None,
                    dry_run=dry_run,
                    progress=self._progress(source),
                )
        except (WxrError, LookupError) as error:
            raise CommandError(str(error)) from error
        finally:
            # What was imported before an unexpected error still gets its follow-up work.
            if not dry_run:
                finish(pending)
        if self.stderr.isatty():
            self.stderr.write("", style_func=_plain)  # end the counter's line
        self._report(report, dry_run)
        if report.failed:
            sys.exit(1)

    def _progress(self, source: WxrFile):
        """A counter line on a terminal, nothing when the output is a file or a pipe."""
        if not self.stderr.isatty():
            return None

        def show(number: int) -> None:
            if number % 10 == 0:
                line = f"\r{number} records read ({source.posts} posts)"
                self.stderr.write(line, style_func=_plain, ending="")

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
