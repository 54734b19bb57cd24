"""A WordPress export uploaded through the admin: the command's check and pipeline.

The upload is never held in memory: Django streams a large file to a temporary file,
and whatever it kept in memory (small files) is written out in chunks, because the
WXR parser reads a path twice (check, then import). The uploads folder comes as a zip
read in place (``media.ZipUploads``). Everything that refuses the upload is an
``ArchiveRefused`` whose message names the uploaded file, never the temporary path.
"""

from __future__ import annotations

import zipfile
from contextlib import ExitStack
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from vestnik.importers.media import ZipUploads
from vestnik.importers.pipeline import import_batch
from vestnik.importers.records import ImportReport
from vestnik.importers.wxr import WxrError, WxrFile


class ArchiveRefused(Exception):
    """The upload is not an export (or uploads archive) Vestnik will read; says why."""


def upload_path(upload: UploadedFile, folder: Path, name: str) -> Path:
    """The upload as a file on disk: Django's own temporary file when it made one (it
    lives until the request ends), else ``folder / name`` written chunk by chunk."""
    temporary = getattr(upload, "temporary_file_path", None)
    if temporary is not None:
        return Path(temporary())
    target = folder / name
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return target


def wxr_archive_import(
    export: Path,
    *,
    name: str,
    edition: str,
    uploads: Path | None = None,
    publish_as_is: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Check the whole export, then import it into ``edition`` as ``vestnik import wxr``
    does (one batch; its follow-up work runs once at the end unless a dry run).

    Raises ArchiveRefused (nothing written) for a hostile or broken export, an uploads
    archive that is not a zip, or an unknown edition.
    """
    source = WxrFile(export, language=edition, max_element=settings.VESTNIK_IMPORT_MAX_ELEMENT)
    with ExitStack() as stack:
        opener = ZipUploads(stack.enter_context(_zip(uploads))) if uploads else None
        try:
            source.check()  # a hostile or broken file is refused before anything is written
            report = import_batch(
                source.records(),
                source=source.source,
                language_code=edition,
                publish_as_is=publish_as_is,
                media_opener=opener,
                dry_run=dry_run,
            )
        except WxrError as error:
            raise ArchiveRefused(f"{name}:{error.line or '?'}: {_reason(error)}") from error
        except LookupError as error:
            raise ArchiveRefused(str(error)) from error
    return report


def _zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise ArchiveRefused("the uploads archive is not a zip file") from error


def _reason(error: WxrError) -> str:
    """The parser's message without its ``path:line:`` prefix (the path is ours)."""
    return str(error).removeprefix(f"{error.name}:{error.line or '?'}: ")
