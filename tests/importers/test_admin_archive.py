"""The admin's archive upload: Editors import a WordPress export (pictures from a zip)
through the command's pipeline and see its report; Authors cannot; a hostile, foreign or
oversized upload is answered 400 with the reason and imports nothing."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.importers.test_wxr_hostile import HOSTILE
from tests.importers.wxrsite import WXR, make_uploads
from wagtail.images import get_image_model
from wagtail.models import Page

from vestnik.importers.models import ImportedItem
from vestnik.newsroom.models import ArticlePage

URL = "/admin/import/archive/"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path


def uploads_zip(folder, leave_out: str = "") -> bytes:
    """The export's pictures zipped as a hosting panel does: under wp-content/uploads/."""
    make_uploads(folder / "uploads")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in (folder / "uploads").rglob("*.*"):
            if file.name == leave_out:
                continue
            relative = file.relative_to(folder / "uploads").as_posix()
            archive.write(file, f"wp-content/uploads/{relative}")
    return buffer.getvalue()


def post(client, export: bytes, name: str = "export.xml", pictures: bytes | None = None, **form):
    data = {"edition": "ru", "export": SimpleUploadedFile(name, export), **form}
    if pictures is not None:
        data["uploads"] = SimpleUploadedFile("uploads.zip", pictures)
    return client.post(URL, data)


def test_the_archive_page_is_reachable_for_editors_in_few_queries(
    client, editions, editor_user, django_assert_max_num_queries
):
    assert reverse("importers_archive") == URL
    client.force_login(editor_user)
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert response.status_code == 200
    assert 'name="dry_run"' in response.content.decode()
    assert URL in client.get("/admin/").content.decode()  # in the menu


@pytest.mark.parametrize("role", ["Author", "Translator"])  # they add pages, never publish
def test_authors_and_anonymous_readers_cannot_import_archives(
    client, editions, django_user_model, role
):
    assert client.get(URL)["Location"].startswith("/admin/login/")
    user = django_user_model.objects.create_user(role.lower(), password="x")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    denied = post(client, WXR.read_bytes())
    assert (denied.status_code, denied["Location"]) == (302, "/admin/")
    assert not ArticlePage.objects.exists()
    assert URL not in client.get("/admin/").content.decode()  # nor in the menu


def test_an_editors_upload_creates_the_pages_and_pictures_and_shows_the_report(
    client, editions, editor_user, media, settings
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # streamed to temporary files, as large ones are
    client.force_login(editor_user)
    response = post(client, WXR.read_bytes(), pictures=uploads_zip(media))
    html = response.content.decode()
    assert response.status_code == 200, html
    articles = ArticlePage.objects.filter(locale__language_code="ru")
    assert articles.count() == 5 and not any(a.live for a in articles)  # drafts to review
    assert get_image_model().objects.count() == 2
    assert ImportedItem.objects.filter(source="wxr:gazeta.example.kg").count() >= 5
    assert "Импорт завершён" in html  # the admin speaks Russian
    assert "статьи: 5" in html and "картинки: 2" in html


def test_a_dry_run_reports_what_it_would_do_and_writes_nothing(
    client, editions, editor_user, media
):
    client.force_login(editor_user)
    pages = Page.objects.count()
    pictures = uploads_zip(media, leave_out="zal.png")
    response = post(client, WXR.read_bytes(), pictures=pictures, dry_run="on")
    html = response.content.decode()
    assert response.status_code == 200, html
    assert "ничего не записано" in html and "статьи: 5" in html and "картинки: 1" in html
    assert "no file &#x27;2024/05/zal.png&#x27; in the uploads archive" in html  # the reason
    assert Page.objects.count() == pages and not ImportedItem.objects.exists()
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("kind", ["billion laughs", "external entity"])
def test_a_hostile_export_is_refused_with_its_line_and_nothing_imported(
    client, editions, editor_user, kind
):
    client.force_login(editor_user)
    pages = Page.objects.count()
    response = post(client, HOSTILE[kind].encode(), name="evil.xml")
    html = response.content.decode()
    assert response.status_code == 400
    assert "evil.xml:" in html and "DOCTYPE" in html
    assert "/tmp" not in html and "passwd" not in html
    assert Page.objects.count() == pages


def test_a_file_that_is_not_xml_is_refused(client, editions, editor_user):
    client.force_login(editor_user)
    response = post(client, b"\x89PNG\r\n\x1a\n\x00\x00", name="photo.png")
    assert response.status_code == 400
    assert "photo.png" in response.content.decode()
    assert not ArticlePage.objects.exists()


def test_a_pictures_upload_that_is_not_a_zip_is_refused(client, editions, editor_user):
    client.force_login(editor_user)
    response = post(client, WXR.read_bytes(), pictures=b"not a zip at all")
    assert response.status_code == 400
    assert "uploads.zip" in response.content.decode()
    assert not ArticlePage.objects.exists()


def test_an_oversized_export_is_refused_before_it_is_read(client, editions, editor_user, settings):
    settings.VESTNIK_IMPORT_MAX_ARCHIVE_BYTES = 1000
    client.force_login(editor_user)
    response = post(client, WXR.read_bytes())
    assert response.status_code == 400
    assert "export.xml" in response.content.decode()
    assert not ArticlePage.objects.exists()
