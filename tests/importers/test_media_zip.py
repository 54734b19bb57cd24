"""Pictures read from a zip of the uploads folder: found whatever folders sit above
``uploads/``, never larger than the cap whatever size the archive claims."""

from __future__ import annotations

import io
import zipfile

import pytest

from vestnik.importers.media import ZipUploads
from vestnik.importers.records import MediaRecord
from vestnik.importers.upsert import ImportFailed


def archive(entries: dict[str, bytes]) -> ZipUploads:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for name, data in entries.items():
            out.writestr(name, data)
    return ZipUploads(zipfile.ZipFile(buffer))


def record(path: str = "", url: str = "") -> MediaRecord:
    return MediaRecord(external_id="7", url=url, path=path, title="")


@pytest.mark.parametrize(
    "name",
    ["2024/05/zal.png", "uploads/2024/05/zal.png", "site/wp-content/uploads/2024/05/zal.png"],
)
def test_a_picture_is_found_by_its_path_under_uploads(name):
    opener = archive({name: b"picture", "2024/05/other.png": b"other"})
    assert opener(record(path="2024/05/zal.png")) == ("zal.png", b"picture")
    by_address = record(url="https://old.example.kg/wp-content/uploads/2024/05/zal-300x200.png")
    assert opener(by_address)[1] == b"picture"  # the address of a resized copy finds it too


def test_a_missing_picture_fails_with_its_path():
    with pytest.raises(ImportFailed, match=r"no file '2024/05/zal\.png' in the uploads archive"):
        archive({"2024/05/other.png": b"x"})(record(path="2024/05/zal.png"))


def test_a_picture_over_the_cap_is_refused(settings):
    settings.VESTNIK_IMPORT_MAX_MEDIA_BYTES = 1000
    opener = archive({"2024/05/zal.png": b"\0" * 5_000_000})  # deflates to a few kilobytes
    with pytest.raises(ImportFailed, match="larger than the limit"):
        opener(record(path="2024/05/zal.png"))


@pytest.mark.parametrize("name", ["a" * 300 + ".jpg", "bad\x00name.jpg", "../../etc/passwd"])
def test_a_local_picture_name_that_cannot_be_opened_fails_only_its_record(tmp_path, name):
    from vestnik.importers.media import LocalFolder

    with pytest.raises(ImportFailed):
        LocalFolder(tmp_path)(MediaRecord(external_id="1", path=name))
