"""``vestnik import-text FILE... [--lang CODE] [--section SLUG] [--key KEY] [--publish]``.

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

    def _read(self, path: str) -> bytes:
        file = Path(path)
        if not file.is_file():
            raise TextImportError(path, "no such file")
        if file.stat().st_size > settings.VESTNIK_IMPORT_MAX_BYTES:
            raise TextImportError(
                path, f"larger than the limit of {settings.VESTNIK_IMPORT_MAX_BYTES} bytes"
            )
        return file.read_bytes()

    def handle(self, *args, files, lang, section, key, publish, **options):
        if key and len(files) > 1:
            raise CommandError("--key names one article: give one FILE with it")
        failures, last_path = 0, None
        with batch() as pending:
            for path in files:
                try:
                    result = text_import(
                        self._read(path),
                        name=path,
                        language_code=lang,
                        section=section,
                        key=key,
                        publish=publish,
                    )
                except (TextImportError, PermissionDenied) as error:
                    failures += 1
                    self.stderr.write(f"{error}")
                    continue
                verb = "created" if result.created else "updated"
                state = "published" if result.published else "draft"
                self.stderr.write(f"{path}: {verb} ({state}) {result.article.title}")
                last_path = result.article.get_url_parts()[2]
        finish(pending)
        if last_path:
            self.stdout.write(last_path)
        if failures:
            sys.exit(1)
