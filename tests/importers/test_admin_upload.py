"""The admin upload imports like the command, and an Author's upload is never published."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.importers.test_import_text import FIXTURES

from vestnik.newsroom.models import ArticlePage


def upload(client, *files, **fields):
    data = {"language": "en", "section": "", "key": "", **fields}
    data["uploads"] = [SimpleUploadedFile(name, content) for name, content in files]
    return client.post(reverse("importers_text"), data, follow=True)


def fixture(name: str) -> tuple[str, bytes]:
    return name, (FIXTURES / name).read_bytes()


def test_editor_uploads_and_publishes(client, editions, editor_user):
    client.force_login(editor_user)
    response = upload(client, fixture("osh-water-en.txt"), publish="on")
    assert response.status_code == 200
    article = ArticlePage.objects.get()
    assert article.live and article.owner == editor_user


def test_author_upload_with_publish_stays_a_draft(client, editions, author_user):
    client.force_login(author_user)
    response = upload(client, fixture("osh-water-en.txt"), publish="on")
    assert "сохранено как черновик" in response.content.decode()  # the admin speaks Russian
    article = ArticlePage.objects.get()
    assert not article.live and article.owner == author_user


def test_bad_upload_shows_the_file_name_and_creates_nothing(client, editions, editor_user):
    client.force_login(editor_user)
    response = upload(client, ("broken.txt", b"\x00\x01\x02binary"), fixture("osh-water-en.txt"))
    html = response.content.decode()
    assert "broken.txt" in html
    assert ArticlePage.objects.count() == 1  # the good file still went in


def test_readers_and_moderators_cannot_import(client, editions, django_user_model):
    assert client.get(reverse("importers_text")).status_code == 302  # to the login page
    assert (
        upload(client, fixture("osh-water-en.txt")).redirect_chain[0][0].startswith("/admin/login/")
    )
    moderator = django_user_model.objects.create_user("mod", password="x")
    moderator.groups.add(Group.objects.get(name="Moderator"))
    client.force_login(moderator)
    # Wagtail answers a denied admin view with a redirect to the dashboard and a message.
    denied = client.get(reverse("importers_text"))
    assert (denied.status_code, denied["Location"]) == (302, "/admin/")
    assert upload(client, fixture("osh-water-en.txt")).redirect_chain[0] == ("/admin/", 302)
    assert not ArticlePage.objects.exists()


def test_an_author_cannot_import_over_someone_elses_article(
    client, editions, author_user, editor_user
):
    client.force_login(editor_user)
    upload(client, fixture("osh-water-en.txt"), publish="on")
    article = ArticlePage.objects.get()
    revisions = article.revisions.count()
    client.force_login(author_user)
    changed = fixture("osh-water-en.txt")[1].replace(b"three pumping stations", b"no stations")
    html = upload(client, ("osh-water-en.txt", changed)).content.decode()
    assert "may not edit this article" in html
    assert article.revisions.count() == revisions
