"""The fixture DLE site read from MariaDB yields exactly the expected records, in order."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pymysql
import pytest

from vestnik.importers.dle import DleSource, connection_options
from vestnik.importers.records import (
    ArticleRecord,
    AuthorRecord,
    CommentRecord,
    MediaRecord,
    RubricRecord,
    Status,
)

BISHKEK = ZoneInfo("Asia/Bishkek")
NOW = datetime(2025, 1, 1, 12, 0, tzinfo=BISHKEK)


@pytest.fixture(scope="module")
def records(dle_url):
    with DleSource(dle_url, language="ru", base_url="https://old.example.kg/", now=NOW) as site:
        return list(site.records())


def of(records, kind):
    return [record for record in records if isinstance(record, kind)]


def by_id(records, kind):
    return {record.external_id: record for record in of(records, kind)}


def test_categories_become_rubrics_parents_first(records):
    assert of(records, RubricRecord) == [
        RubricRecord("4", "Культура & быт", "culture", None),
        RubricRecord("1", "Новости", "news", None),
        RubricRecord("2", "Регионы", "regions", "1"),
        RubricRecord("3", "Ош", "osh", "2"),
    ]


def test_authors_are_the_users_who_wrote_posts(records):
    assert of(records, AuthorRecord) == [
        AuthorRecord("7", "Айдай Токтосунова", "aidai"),
        AuthorRecord("9", "redactor", "redactor"),  # no full name: the login is shown
    ]


def test_an_approved_post_with_its_lead_image_quote_and_bbcode(records):
    article = by_id(records, ArticleRecord)["101"]
    assert article == ArticleRecord(
        external_id="101",
        language="ru",
        title="Арыки Оша готовы к поливу",
        body_html=(
            "<p>Работы заняли <strong>две недели</strong>, сообщили в мэрии.</p>"
            "<blockquote>Вода дойдёт до окраин</blockquote>"
            '<p>Подробности <a href="https://example.kg/water">на сайте водоканала</a>.</p>'
            # The thumbnail gives way to its full image, at the old site's address.
            '<img src="https://old.example.kg/uploads/posts/2024-03/big.jpg"'
            ' alt="Арык после чистки">'
        ),
        lead="В Оше почистили арыки перед поливом.",
        status=Status.PUBLISHED,
        published_at=datetime(2024, 3, 5, 9, 30, tzinfo=BISHKEK),
        modified_at=datetime(2024, 3, 6, 15, 0, tzinfo=BISHKEK),  # editdate 1709715600
        slug="aryki-osha-gotovy",
        rubric_ids=("3",),
        author_ids=("7",),
        tags=("Ош", "вода", "полив"),
        lead_image_id="post-101-image",
        old_paths=(
            "/news/regions/osh/101-aryki-osha-gotovy.html",
            "/101-aryki-osha-gotovy.html",
            "/2024/03/05/aryki-osha-gotovy.html",  # the date-style address mode
            "/index.php?newsid=101",
        ),
        source_url="https://old.example.kg/news/regions/osh/101-aryki-osha-gotovy.html",
        pinned=False,
        show_on_home=True,
    )
    assert by_id(records, MediaRecord)["post-101-image"] == MediaRecord(
        "post-101-image", url="https://old.example.kg/uploads/posts/2024-03/1709620000_arik.jpg"
    )


def test_a_short_story_only_post_keeps_its_text_and_loses_its_styling(records):
    article = by_id(records, ArticleRecord)["102"]
    assert article.body_html == "Выставка войлока открылась в Бишкеке."
    assert article.lead == "Ширдаки и кийизы мастериц"  # descr
    assert article.rubric_ids == ("4", "1")
    assert article.author_ids == ("9",)
    assert article.modified_at is None and article.lead_image_id is None
    assert article.old_paths[0] == "/culture/102-vystavka-voiloka.html"  # the first category
    assert (article.pinned, article.show_on_home) == (True, False)  # fixed, not allow_main


def test_unapproved_posts_are_drafts_and_future_ones_scheduled(records):
    articles = by_id(records, ArticleRecord)
    assert articles["103"].status == Status.DRAFT
    assert articles["103"].body_html == "<p>Текст ещё <em>не вычитан</em></p>"
    assert articles["103"].lead == "Черновик о ремонте дорог."
    assert articles["104"].status == Status.SCHEDULED
    assert articles["104"].published_at == datetime(2099, 1, 1, 8, 0, tzinfo=BISHKEK)
    # Its writer has no user row and it has no category or alt name.
    assert (articles["104"].author_ids, articles["104"].author_names) == ((), ("gost",))
    assert (articles["104"].rubric_ids, articles["104"].old_paths) == (
        (),
        ("/index.php?newsid=104",),
    )


def test_comments_keep_threads_and_approval_as_plain_text(records):
    assert of(records, CommentRecord) == [
        CommentRecord(
            "501", "101", "Наконец-то!\nВода пошла & огороды ожили.", "chitatel",
            datetime(2024, 3, 5, 10, 0, tzinfo=BISHKEK), True, None, "reader@example.kg",
        ),
        CommentRecord(
            "502", "101", "Наконец-то!\n\nА у нас ещё сухо.", "Гость",
            datetime(2024, 3, 5, 10, 20, tzinfo=BISHKEK), True, "501", "guest@example.kg",
        ),
        CommentRecord(
            "503", "101", "Купите это", "спамер",
            datetime(2024, 3, 5, 11, 0, tzinfo=BISHKEK), False, None, "",
        ),
        # Its parent is gone from the site: the reply stands on its own.
        CommentRecord(
            "504", "102", "Красиво", "Гость",
            datetime(2024, 3, 6, 19, 0, tzinfo=BISHKEK), True, None, "",
        ),
        # A zero date: the comment takes its article's.
        CommentRecord(
            "505", "105", "Привет", "Гость",
            datetime(2024, 3, 8, 10, 0, tzinfo=BISHKEK), True, None, "",
        ),
    ]  # fmt: skip


def test_records_come_in_the_order_the_pipeline_needs(records):
    kinds = [(type(record).__name__, record.external_id) for record in records]
    assert kinds[4:] == [
        ("AuthorRecord", "7"), ("AuthorRecord", "9"),
        ("MediaRecord", "post-101-image"), ("ArticleRecord", "101"),
        ("CommentRecord", "501"), ("CommentRecord", "502"), ("CommentRecord", "503"),
        ("ArticleRecord", "102"), ("CommentRecord", "504"),
        ("ArticleRecord", "103"), ("ArticleRecord", "104"),
        ("ArticleRecord", "105"), ("CommentRecord", "505"),
    ]  # fmt: skip


def test_a_hostile_and_huge_post_is_read_whole_with_nothing_executable(records):
    article = by_id(records, ArticleRecord)["105"]
    assert article.title == "Опасный <b>текст</b>"  # plain text, the pipeline escapes it
    assert (article.status, article.rubric_ids, article.lead_image_id) == (
        Status.PUBLISHED,
        ("3",),  # category 99 does not exist
        None,  # the image xfield is a javascript: address
    )
    body = article.body_html
    # Parsed as a browser would: the table leaves the paragraph, every tag is closed.
    assert body.startswith(
        "<p>Текст <a>ссылка</a>  <a>ещё</a> <strong><em>незакрыто </em></strong></p>"
        "<table><tbody><tr><td>ячейка <strong>слово</strong> "
    )
    assert body.count("<strong>слово</strong>") == 200_000
    assert body.endswith("<strong>слово</strong> </td></tr></tbody></table>")
    lowered = body.lower()
    for danger in ("script", "javascript", "onclick", "steal", "alert"):
        assert danger not in lowered


def test_reading_resumes_after_a_post_in_small_pages(dle_url):
    articles = []
    with DleSource(dle_url, language="ky", timezone="UTC", path_prefix="ky/", now=NOW) as site:
        site.page_size = 1  # one post a query: the huge post 105 is never fetched
        for record in site.records(after_id=102):
            if isinstance(record, ArticleRecord):
                articles.append(record)
                if record.external_id == "104":
                    break
    assert [(a.external_id, a.language) for a in articles] == [("103", "ky"), ("104", "ky")]
    assert articles[0].published_at == datetime(2024, 3, 7, 11, 15, tzinfo=ZoneInfo("UTC"))
    assert articles[0].old_paths == (
        "/ky/news/regions/103-remont-dorog.html",
        "/ky/103-remont-dorog.html",
        "/ky/2024/03/07/remont-dorog.html",
        "/ky/index.php?newsid=103",
    )


def test_an_older_site_without_threads_or_extras_is_read_flat(dle_url):
    """Tables under another prefix, as older DLE made them: no ``parent``, no extras."""
    options = connection_options(dle_url)
    with pymysql.connect(**options, autocommit=True) as server, server.cursor() as cursor:
        for table in ("category", "users"):
            cursor.execute(f"CREATE TABLE old_{table} AS SELECT * FROM dle_{table}")
        cursor.execute("CREATE TABLE old_post AS SELECT * FROM dle_post WHERE id = 101")
        cursor.execute(
            "CREATE TABLE old_comments AS SELECT id, post_id, user_id, date, autor, email,"
            " text, ip, is_register, approve FROM dle_comments WHERE post_id = 101"
        )
    with DleSource(dle_url, language="ru", prefix="old_", now=NOW) as site:
        read = list(site.records())
    article = by_id(read, ArticleRecord)["101"]
    assert (article.modified_at, article.source_url) == (None, "")
    assert [(c.external_id, c.parent_id) for c in of(read, CommentRecord)] == [
        ("501", None), ("502", None), ("503", None),
    ]  # fmt: skip
