"""``vestnik import-text FILE... [--lang CODE] [--section SLUG] [--key KEY] [--publish]
[--translation-of PATH]``.

Each file is imported whole or not at all; a bad file is reported (naming it) and the
others go on; the exit status is non-zero if any file failed. The last line printed is
the public URL path of the last article imported.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from vestnik.core.batching import batch, finish
from vestnik.importers.services import text_import
from vestnik.importers.textparse import TextImportError


class Command(BaseCommand):
    help = "Import plain-text article page dumps as articles of one edition."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--lang", default=settings.LANGUAGE_CODE, help="edition: ru, ky, en")
        parser.add_argument("--section", help="rubric slug or name (else taken from the byline)")
        parser.add_argument("--key", help="import key (default: edition + headline)")
        parser.add_argument("--publish", action="store_true", help="publish, not only a draft")
        parser.add_argument(
            "--translation-of",
            metavar="PATH",
            help="the original in another edition (its URL path): the import is its translation",
        )

    def _read(self, path: str) -> bytes:
        file = Path(path)
        if not file.is_file():
            raise TextImportError(path, "no such file")
        if file.stat().st_size > settings.VESTNIK_IMPORT_MAX_BYTES:
            raise TextImportError(
                path, f"larger than the limit of {settings.VESTNIK_IMPORT_MAX_BYTES} bytes"
            )
        return file.read_bytes()

    def _import(self, path: str, options: dict) -> str | None:
        """Import one file; return its article's URL path, or None after reporting why not."""
        try:
            result = text_import(self._read(path), name=path, **options)
        except (TextImportError, PermissionDenied) as error:
            self.stderr.write(f"{error}")
            return None
        verb = "created" if result.created else "updated"
        state = "published" if result.published else "draft"
        self.stderr.write(f"{path}: {verb} ({state}) {result.article.title}")
        return result.article.get_url_parts()[2]

    def handle(self, *args, files, lang, section, key, publish, translation_of, **options):
        if (key or translation_of) and len(files) > 1:
            raise CommandError("--key and --translation-of name one article: give one FILE")
        import_options = {
            "language_code": lang,
            "section": section,
            "key": key,
            "publish": publish,
            "translation_of": translation_of,
        }
        paths: list[str | None] = []
        pending: dict[str, set[int]] = {}
        try:
            with batch() as pending:
                paths = [self._import(path, import_options) for path in files]
        finally:
            # What was imported before an unexpected error still gets its follow-up work.
            finish(pending)
        imported = [path for path in paths if path]
        if imported:
            self.stdout.write(imported[-1])
        if len(imported) < len(files):
            sys.exit(1)
