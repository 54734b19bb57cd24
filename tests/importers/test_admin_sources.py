"""The admin's "Import archive" pages for feeds and web pages (a URL fetched by the safe
fetcher, or an uploaded file), the sources' navigation and the progress the page polls:
each goes through the command's ``sources.import_source`` and shows its report; Authors
and Moderators cannot use them; bad input is a 400 with the reason and imports nothing."""

from __future__ import annotations

import re
import socket

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.importers.wiresite import FEED_PATH, FIXTURES, PAGE_PATH, PartnerSite
from tests.importers.wxrsite import WXR
from tests.localhttp import serving
from wagtail.models import Page

from vestnik.importers import archive_views
from vestnik.importers.models import ImportedItem
from vestnik.newsroom.models import ArticlePage, RubricPage

PAGES = {
    "wxr": "/admin/import/archive/",
    "feed": "/admin/import/archive/feed/",
    "url": "/admin/import/archive/page/",
    "dle": "/admin/import/archive/dle/",
}
FEED_FILE = FIXTURES / "feeds" / "wire-ru.rss"
FEED_TITLES = {
    "В Таласе открыли новую библиотеку",
    "Курс сома к доллару не изменился",
    "Снегопад закрыл перевал Тоо-Ашуу",
}


@pytest.fixture
def partner(settings, tmp_path):
    """The partner site on 127.0.0.1, which the fetcher is allowed to reach."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.VESTNIK_FETCH_ALLOW = ["127.0.0.0/8"]
    PartnerSite.requests = []
    with serving(PartnerSite) as base:
        yield base


def rubric(slug: str, edition: str = "ru") -> RubricPage:
    return RubricPage.objects.get(slug=slug, locale__language_code=edition)


def post(client, format: str, **fields):
    data = {"edition": "ru", **fields}
    if isinstance(data.get("rubric"), RubricPage):
        data["rubric"] = data["rubric"].id
    return client.post(PAGES[format], data)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def feed_articles() -> set[str]:
    return set(ArticlePage.objects.values_list("title", flat=True))


def test_each_source_has_its_page_with_the_commands_options(
    client, editions, editor_user, django_assert_max_num_queries
):
    client.force_login(editor_user)
    expected = {
        "wxr": ["export", "uploads", "fetch_images", "publish_as_is"],
        "feed": ["url", "file", "rubric", "publish"],
        "url": ["url", "file", "rubric", "publish"],
        "dle": ["database", "table_prefix", "timezone", "base_url", "path_prefix", "rubric",
                "publish_as_is"],
    }  # fmt: skip
    for format, fields in expected.items():
        with django_assert_max_num_queries(13):
            response = client.get(PAGES[format])
        html = response.content.decode()
        assert response.status_code == 200, format
        for field in [*fields, "edition", "dry_run", "progress"]:
            assert f'name="{field}"' in html, (format, field)
        for url in PAGES.values():  # each page links to every source
            assert f'href="{url}"' in html
        assert f'href="{PAGES[format]}" aria-current="page"' in html
        assert f"vestnik import {format}" in html
    feed = client.get(PAGES["feed"]).content.decode()
    # Rubrics by edition, in the editions' order, each under the rubrics above it.
    assert feed.index('<optgroup label="Русский">') < feed.index('<optgroup label="English">')
    assert "Общество" in feed and "Politics" in feed


@pytest.mark.parametrize("role", ["Moderator", "Author"])
def test_moderators_and_authors_cannot_import_from_any_source(
    client, editions, django_user_model, role, partner
):
    user = django_user_model.objects.create_user(role.lower(), password="x")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    token = "a" * 32
    for format, url in PAGES.items():
        denied = client.get(url)
        assert (denied.status_code, denied["Location"]) == (302, "/admin/"), format
    denied = post(client, "feed", url=partner + FEED_PATH, rubric=rubric("society"), publish="on")
    assert (denied.status_code, denied["Location"]) == (302, "/admin/")
    progress = client.get(reverse("importers_archive_progress", args=[token]))
    assert (progress.status_code, progress["Location"]) == (302, "/admin/")
    assert PartnerSite.requests == [] and not ArticlePage.objects.exists()


def test_a_feed_at_an_address_is_fetched_safely_and_its_entries_published(
    client, editions, editor_user, partner
):
    client.force_login(editor_user)
    response = post(client, "feed", url=partner + FEED_PATH, rubric=rubric("society"),
                    publish="on")  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200, html
    assert "Импорт завершён" in html and "статьи: 3" in html and "картинки: 2" in html
    assert re.search(r"Не удалось</th><td>0<", html)
    articles = ArticlePage.objects.filter(locale__language_code="ru")
    assert {a.title for a in articles} == FEED_TITLES
    assert all(a.live and a.get_parent().slug == "society" for a in articles)
    assert ImportedItem.objects.filter(source="feed:127.0.0.1").count() == 3


def test_an_uploaded_feed_never_touches_the_network_and_a_second_upload_updates_it(
    client, editions, editor_user, partner
):
    client.force_login(editor_user)
    content = FEED_FILE.read_bytes()
    response = post(client, "feed", file=upload("wire-ru.rss", content), rubric=rubric("economy"))
    html = response.content.decode()
    assert response.status_code == 200, html
    assert "статьи: 3" in html
    assert PartnerSite.requests == []  # the pictures of a saved file are skipped
    assert {a.title for a in ArticlePage.objects.all() if not a.live} == FEED_TITLES
    # Keyed by the file's name, not the temporary path it lay at: nothing doubles.
    edited = content.replace(
        "Курс сома к доллару не изменился".encode(), "Курс сома вырос".encode()
    )
    again = post(client, "feed", file=upload("wire-ru.rss", edited), rubric=rubric("economy"))
    assert again.status_code == 200
    assert re.search(r"Обновлено</th><td>1<", again.content.decode())
    assert ArticlePage.objects.count() == 3
    assert ArticlePage.objects.filter(draft_title="Курс сома вырос").exists()  # a draft


def test_a_dry_run_of_a_feed_writes_nothing(client, editions, editor_user, partner):
    client.force_login(editor_user)
    pages = Page.objects.count()
    response = post(client, "feed", url=partner + FEED_PATH, rubric=rubric("society"),
                    dry_run="on")  # fmt: skip
    assert response.status_code == 200
    assert "ничего не записано" in response.content.decode()
    assert Page.objects.count() == pages and not ImportedItem.objects.exists()


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"file": ("budget-en.html", FIXTURES / "web" / "budget-en.html")},
         "budget-en.html: not well-formed XML"),
        ({"url": "PARTNER/ru/none.xml"}, "the server answered HTTP 404"),
        ({"url": "http://127.0.0.1:CLOSED/rss.xml"}, "the connection failed"),
        ({"url": "file:///etc/passwd"}, "Введите адрес http или https."),
        ({"url": "/etc/passwd"}, "Введите адрес http или https."),
        ({}, "Укажите либо адрес, либо сохранённый файл."),
        ({"url": "PARTNER/ru/rss.xml", "file": ("wire-ru.rss", FEED_FILE)},
         "Укажите либо адрес, либо сохранённый файл."),
        ({"url": "PARTNER/ru/rss.xml", "rubric": ("politics", "en")},
         "рубрика другой редакции"),
    ],
)  # fmt: skip
def test_bad_feed_input_is_a_400_with_its_reason_and_imports_nothing(
    client, editions, editor_user, partner, fields, reason
):
    client.force_login(editor_user)
    data = {"rubric": rubric("society")}
    for name, value in fields.items():
        if name == "file":
            data[name] = upload(value[0], value[1].read_bytes())
        elif name == "rubric":
            data[name] = rubric(*value)
        else:
            data[name] = value.replace("PARTNER", partner).replace("CLOSED", str(free_port()))
    pages = Page.objects.count()
    response = post(client, "feed", **data)
    html = response.content.decode()
    assert response.status_code == 400, html
    assert reason in html
    assert Page.objects.count() == pages and not ImportedItem.objects.exists()
    assert "/tmp" not in html and "root:" not in html  # no server path, no file read


def test_the_default_fetcher_refuses_our_own_network_naming_the_address(
    client, editions, editor_user, partner, settings
):
    settings.VESTNIK_FETCH_ALLOW = []
    client.force_login(editor_user)
    for format, path in (("feed", FEED_PATH), ("url", PAGE_PATH)):
        response = post(client, format, url=partner + path, rubric=rubric("society"))
        html = response.content.decode()
        assert response.status_code == 400, html
        assert f"{partner}{path}: 127.0.0.1 is a private or reserved address" in html
    assert PartnerSite.requests == [] and not ArticlePage.objects.exists()


def test_a_web_page_at_an_address_becomes_a_draft_with_its_picture_and_byline(
    client, editions, editor_user, partner
):
    client.force_login(editor_user)
    response = post(client, "url", url=partner + PAGE_PATH, rubric=rubric("incidents"))
    html = response.content.decode()
    assert response.status_code == 200, html
    assert "статьи: 1" in html and "картинки: 1" in html
    article = ArticlePage.objects.get()
    assert (article.title, article.live) == ("Сель сошёл на окраину Оша", False)
    assert article.lead_image is not None
    assert [row.author.title for row in article.author_rows.all()] == ["Айгуль Осмонова"]


def test_a_saved_page_is_imported_into_the_chosen_edition_and_published(
    client, editions, editor_user, partner
):
    client.force_login(editor_user)
    saved = upload("budget-en.html", (FIXTURES / "web" / "budget-en.html").read_bytes())
    response = post(client, "url", edition="en", file=saved, rubric=rubric("politics", "en"),
                    publish="on")  # fmt: skip
    assert response.status_code == 200, response.content.decode()
    budget = ArticlePage.objects.get()
    assert (budget.title, budget.live) == ("Parliament passes a leaner budget for 2027", True)
    assert budget.locale.language_code == "en" and PartnerSite.requests == []


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"file": ("empty.html", b"<html><body></body></html>")},
         "empty.html: no article text was found on the page"),
        ({"url": "PARTNER/ru/gone/"}, "the server answered HTTP 404"),
        ({"file": ("page.html", b"x" * 2000)}, "page.html больше допустимых"),
    ],
)  # fmt: skip
def test_bad_page_input_is_a_400_with_its_reason_and_imports_nothing(
    client, editions, editor_user, partner, settings, fields, reason
):
    settings.VESTNIK_FETCH_MAX_BYTES = 1000
    client.force_login(editor_user)
    data = {"rubric": rubric("incidents")}
    for name, value in fields.items():
        data[name] = upload(*value) if name == "file" else value.replace("PARTNER", partner)
    response = post(client, "url", **data)
    html = response.content.decode()
    assert response.status_code == 400, html
    assert reason in html
    assert not ArticlePage.objects.exists() and not ImportedItem.objects.exists()


def test_the_page_polls_the_imports_progress_which_only_its_user_sees(
    client, editions, editor_user, django_user_model, monkeypatch
):
    client.force_login(editor_user)
    form = client.get(PAGES["wxr"]).content.decode()
    token = re.search(r'name="progress" value="([0-9a-f]{32})"', form).group(1)
    assert 'id="import-progress"' in form and "importers/import-progress.js" in form
    url = reverse("importers_archive_progress", args=[token])
    assert client.get(url).json() == {"done": None, "total": None}  # not started
    # The count is forgotten when the import ends; keep it to look at it afterwards.
    monkeypatch.setattr(archive_views, "progress_forget", lambda *args: None)
    export = upload("export.xml", WXR.read_bytes())
    response = client.post(PAGES["wxr"], {"edition": "ru", "export": export, "progress": token})
    assert response.status_code == 200
    assert client.get(url).json() == {"done": 16, "total": 16}  # every record of the export
    assert "no-cache" in client.get(url)["Cache-Control"]
    other = django_user_model.objects.create_user("other-editor", password="x")
    other.groups.add(Group.objects.get(name="Editor"))
    client.force_login(other)
    assert client.get(url).json() == {"done": None, "total": None}
