"""Pictures of a WordPress export without a copy of its uploads folder: fetched from their
addresses by the safe fetcher when the operator asks (--fetch-images), never otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import override_settings
from tests.importers.wxrsite import WXR, make_uploads, run_import
from tests.localhttp import QuietHandler, serving
from wagtail.images import get_image_model

OLD_SITE = "https://gazeta.example.kg/wp-content/uploads"


class OldSite(QuietHandler):
    """The old site's uploads folder on 127.0.0.1."""

    folder: Path
    requests: list[str] = []

    def do_GET(self):
        type(self).requests.append(self.path)
        file = self.folder / self.path.removeprefix("/wp-content/uploads/")
        if file.is_file():
            kind = "image/png" if file.suffix == ".png" else "image/jpeg"
            self.answer(200, file.read_bytes(), kind)
        else:
            self.answer(404, b"missing", "text/plain")


@pytest.fixture
def export_on_local_site(tmp_path, settings, editions):
    """The fixture export with its picture addresses on a local old site."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    OldSite.folder = make_uploads(tmp_path / "uploads")
    OldSite.requests = []
    with serving(OldSite) as base:
        export = tmp_path / "export.wxr"
        text = WXR.read_text(encoding="utf-8").replace(OLD_SITE, f"{base}/wp-content/uploads")
        export.write_text(text, encoding="utf-8")
        yield export


def test_asked_to_the_pictures_are_fetched_from_the_old_site(export_on_local_site):
    with override_settings(VESTNIK_FETCH_ALLOW=["127.0.0.0/8"]):
        code, output = run_import("wxr", str(export_on_local_site), "--fetch-images")
    assert code == 0, output
    assert "created: 16 (5 article, 2 author, 4 comment, 2 media, 3 rubric)" in output, output
    assert get_image_model().objects.count() == 2
    assert sorted(OldSite.requests) == [
        "/wp-content/uploads/2024/05/parlament.jpg",
        "/wp-content/uploads/2024/05/zal.png",
    ]


def test_without_asking_no_picture_is_fetched(export_on_local_site):
    with override_settings(VESTNIK_FETCH_ALLOW=["127.0.0.0/8"]):
        code, output = run_import("wxr", str(export_on_local_site))
    assert code == 0, output
    assert get_image_model().objects.count() == 0
    assert OldSite.requests == []


def test_the_default_fetcher_refuses_a_picture_on_a_private_address(export_on_local_site):
    code, output = run_import("wxr", str(export_on_local_site), "--fetch-images")
    assert get_image_model().objects.count() == 0
    assert OldSite.requests == []  # refused before connecting
    assert code == 1  # the pictures failed, each with its reason; the articles came in
    assert "created: 14 (5 article, 2 author, 4 comment, 3 rubric)" in output, output
    assert "failed: 2 (2 media)" in output
    assert "parlament.jpg: 127.0.0.1 is a private or reserved address" in output
