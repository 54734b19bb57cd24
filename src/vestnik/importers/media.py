"""Imported pictures: a source's image records become Wagtail images, once each.

Where the bytes come from is a ``MediaOpener``: ``LocalFolder`` reads a local uploads
folder (a WordPress ``wp-content/uploads`` copy), ``ZipUploads`` a zip of it sent
through the admin, and ``Fetching`` asks the safe fetcher for an image's address, so the
pipeline never fetches by itself.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import Protocol
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from vestnik.importers.fetch import IMAGE_TYPES, Fetcher, FetchError
from vestnik.importers.models import ImportedImage
from vestnik.importers.upsert import ImportFailed

_SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")  # WordPress's resized copies: a-300x200.jpg


class MediaOpener(Protocol):
    def __call__(self, record) -> tuple[str, bytes]:
        """The file name and bytes of a MediaRecord; raises ImportFailed saying why not."""
        ...


class LocalFolder:
    """Opens an image record's ``path`` (or its address's path) inside one folder only."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()

    def __call__(self, record) -> tuple[str, bytes]:
        relative = record.path or address_key(record.url)
        if not relative:
            raise ImportFailed("the picture has no file")
        try:  # a NUL in the name, a name too long for the file system, a read error
            file = (self.folder / relative.lstrip("/")).resolve()
            if not file.is_relative_to(self.folder):
                raise ImportFailed(f"{relative!r} lies outside the uploads folder")
            if not file.is_file():
                raise ImportFailed(f"no file {relative!r} in the uploads folder")
            if file.stat().st_size > settings.VESTNIK_IMPORT_MAX_MEDIA_BYTES:
                raise ImportFailed(f"{relative!r} is larger than the limit for pictures")
            return file.name, file.read_bytes()
        except (OSError, ValueError) as error:
            reason = error.__class__.__name__
            raise ImportFailed(f"{relative[:200]!r} cannot be read ({reason})") from error


class Fetching:
    """Fetches an image record's ``url`` with the safe fetcher (feeds, web pages)."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher

    def __call__(self, record) -> tuple[str, bytes]:
        if not record.url:
            raise ImportFailed("the picture has no address")
        try:
            fetched = self.fetcher.fetch(record.url, accept=IMAGE_TYPES)
        except FetchError as error:
            raise ImportFailed(str(error)) from error
        if len(fetched.body) > settings.VESTNIK_IMPORT_MAX_MEDIA_BYTES:
            raise ImportFailed(f"{record.url} is larger than the limit for pictures")
        name = unquote(urlsplit(fetched.url).path).rsplit("/", 1)[-1] or "picture"
        return name[:100], fetched.body


def address_key(address: str) -> str:
    """An image's address as a key shared by the attachment and the ``<img>`` tags that
    show it: the part after ``uploads/``, without WordPress's ``-WxH`` size suffix."""
    path = unquote(urlsplit(address.strip()).path)
    if "/uploads/" in path:
        path = path.split("/uploads/", 1)[1]
    return _SIZE_SUFFIX.sub("", path.strip("/")).casefold()


def image_read(record, opener: MediaOpener) -> tuple[str, bytes]:
    """The picture's file name and bytes; raises ImportFailed unless Pillow reads it."""
    name, data = opener(record)
    try:
        with PillowImage.open(BytesIO(data)) as picture:
            picture.verify()
    except Exception as error:  # Pillow raises many kinds for a broken file
        raise ImportFailed(f"{name!r} is not a picture") from error
    return name, data


def image_upsert(source: str, record, opener: MediaOpener) -> tuple[int, str]:
    """The image made of ``record`` (created on first sight) and "created"/"unchanged".
    Raises ImportFailed when the file is missing, too large or not a picture."""
    key = f"media:{record.external_id}"
    known = ImportedImage.objects.filter(source=source, external_id=key).first()
    if known is not None:
        return known.image_id, "unchanged"
    name, data = image_read(record, opener)
    title = (record.title or record.alt or name)[:255]
    image = get_image_model()(title=title, file=ContentFile(data, name=name))
    image.save()
    ImportedImage.objects.create(source=source, external_id=key, image=image)
    return image.id, "created"


class ZipUploads:
    """Opens an image record's file inside a zip of the uploads folder (as an admin
    uploads it), without extracting anything: the entry is found by its path after
    ``uploads/`` (any folders above it are ignored) and read with the picture size cap,
    whatever size the archive claims, so a zip bomb stops at the cap."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.entries = {
            _entry_key(info.filename): info for info in archive.infolist() if not info.is_dir()
        }

    def __call__(self, record) -> tuple[str, bytes]:
        relative = _entry_key(record.path) if record.path else address_key(record.url)
        if not relative:
            raise ImportFailed("the picture has no file")
        info = self.entries.get(relative)
        if info is None:
            raise ImportFailed(f"no file {relative!r} in the uploads archive")
        limit = settings.VESTNIK_IMPORT_MAX_MEDIA_BYTES
        try:
            with self.archive.open(info) as entry:
                data = entry.read(limit + 1)
        except (zipfile.BadZipFile, OSError, NotImplementedError) as error:
            raise ImportFailed(f"{relative!r} cannot be read from the archive") from error
        if info.file_size > limit or len(data) > limit:
            raise ImportFailed(f"{relative!r} is larger than the limit for pictures")
        return PurePosixPath(info.filename).name, data


def _entry_key(name: str) -> str:
    path = "/" + name.replace("\\", "/").lstrip("/")
    if "/uploads/" in path:
        path = path.split("/uploads/", 1)[1]
    return path.strip("/").casefold()
