"""The admin's "Import archive" page for a DataLife Engine database: an Editor gives its
address and the command's options and sees the report; Authors and Moderators cannot; a
bad address, database, prefix or option is a 400 naming it, without the password."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from tests.importers.dle.test_dle_errors import free_port, server_of
from tests.importers.wxrsite import imported_pages
from wagtail.models import Page

from vestnik.importers.models import ImportedItem
from vestnik.newsroom.models import ArticlePage, RubricPage

URL = "/admin/import/archive/dle/"


def rubric(slug: str, edition: str = "ru") -> RubricPage:
    return RubricPage.objects.get(slug=slug, locale__language_code=edition)


def post(client, database: str, **fields):
    data = {
        "database": database,
        "table_prefix": "dle_",
        "timezone": "Asia/Bishkek",
        "edition": "ru",
    }
    data.update(fields)
    return client.post(URL, data)


def test_an_editor_imports_the_site_and_sees_the_report(client, editions, editor_user,
                                                        small_dle_url):  # fmt: skip
    client.force_login(editor_user)
    response = post(client, small_dle_url, rubric=rubric("society").id, publish_as_is="on")
    html = response.content.decode()
    assert response.status_code == 200, html
    assert "Импорт завершён" in html
    # The edition's own rubric "culture" takes DLE's category of that name.
    assert "статьи: 5" in html and "комментарии: 5" in html and "рубрики: 3" in html
    assert re.search(r"Не удалось</th><td>0<", html)
    pages = imported_pages("dle:" + small_dle_url.rsplit("/", 1)[1])
    assert {key for key, page in pages.items() if page.live} == {"101", "102", "105"}
    assert pages["102"].pinned and not pages["102"].show_on_home  # fixed, not allow_main
    assert client.get("/news/regions/osh/101-aryki-osha-gotovy.html").status_code == 301
    # The imported rubrics are offered under the rubrics above them.
    assert "Новости › Регионы › Ош" in client.get(URL).content.decode()


def test_a_dry_run_writes_nothing(client, editions, editor_user, small_dle_url):
    client.force_login(editor_user)
    pages = Page.objects.count()
    response = post(client, small_dle_url, rubric=rubric("society").id, dry_run="on")
    html = response.content.decode()
    assert response.status_code == 200, html
    assert "ничего не записано" in html and "статьи: 5" in html
    assert Page.objects.count() == pages and not ImportedItem.objects.exists()


@pytest.mark.parametrize("role", ["Moderator", "Author"])
def test_moderators_and_authors_cannot_import_a_database(
    client, editions, django_user_model, small_dle_url, role
):
    user = django_user_model.objects.create_user(role.lower(), password="x")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    denied = post(client, small_dle_url, rubric=rubric("society").id)
    assert (denied.status_code, denied["Location"]) == (302, "/admin/")
    assert not ArticlePage.objects.exists() and not ImportedItem.objects.exists()


@pytest.mark.parametrize(
    ("database", "fields", "reason"),
    [
        ("postgres://127.0.0.1/site", {}, "is not a database address like mysql://"),
        ("SERVER/vestnik_no_such", {}, "there is no database &#x27;vestnik_no_such&#x27;"),
        ("SITE", {"table_prefix": "wp_"}, "no table wp_category, wp_comments"),
        ("SITE", {"table_prefix": "dle_`; DROP"}, "may hold only letters, digits and _"),
        ("mysql://root@127.0.0.1:CLOSED/site", {}, "cannot connect to MySQL/MariaDB at 127.0.0.1"),
        ("SITE", {"timezone": "Mars/Olympus"}, "unknown time zone &#x27;Mars/Olympus&#x27;"),
        ("SITE", {"base_url": "file:///etc"}, "Введите адрес http или https."),
        ("SITE", {"rubric": ("politics", "en")}, "рубрика другой редакции"),
        ("", {}, "w-field--database_address_input w-field--error"),  # required
    ],
)
def test_bad_input_is_a_400_naming_it_and_imports_nothing(
    client, editions, editor_user, small_dle_url, database, fields, reason
):
    client.force_login(editor_user)
    database = (
        database.replace("SERVER", server_of(small_dle_url))
        .replace("SITE", small_dle_url)
        .replace("CLOSED", str(free_port()))
    )
    if "rubric" in fields:
        fields["rubric"] = rubric(*fields["rubric"]).id
    response = post(client, database, **fields)
    html = response.content.decode()
    assert response.status_code == 400, html
    assert reason in html
    assert not ArticlePage.objects.exists() and not ImportedItem.objects.exists()


def test_a_refused_login_is_named_and_its_password_never_shown_again(
    client, editions, editor_user, small_dle_url
):
    client.force_login(editor_user)
    address = small_dle_url.replace("root@", "nobody_vestnik:s3cr%40t-pass@")
    response = post(client, address)
    html = response.content.decode()
    assert response.status_code == 400, html
    assert "user &#x27;nobody_vestnik&#x27; was refused" in html
    assert "s3cr" not in html  # neither in the message nor in the form shown again
    assert "mysql://nobody_vestnik@127.0.0.1" in html  # the rest of the address is kept
    assert not ImportedItem.objects.exists()
