"""The import pipeline's promises, shown through `vestnik import wxr`: a dry run writes
nothing, a bad record fails alone with its reason, and an interrupted run run again ends
as one uninterrupted run."""

from __future__ import annotations

import pytest
from tests.importers.test_wxr_import import TITLES, snapshot
from tests.importers.wxrsite import WXR, Terminal, make_uploads, run_import
from wagtail.contrib.redirects.models import Redirect

from vestnik.comments.models import ReaderComment
from vestnik.importers import pipeline
from vestnik.importers.models import ImportedItem
from vestnik.importers.pipeline import import_records
from vestnik.importers.records import ArticleRecord, RubricRecord
from vestnik.newsroom.models import ArticlePage

BROKEN_POSTS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:category><wp:category_nicename>sport</wp:category_nicename><wp:cat_name>Спорт</wp:cat_name></wp:category>
<item><title>Сборная вышла в финал</title><content:encoded>Матч закончился со счётом 2:1.</content:encoded>
 <wp:post_id>1</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
 <wp:post_date_gmt>2024-03-01 10:00:00</wp:post_date_gmt>
 <category domain="category" nicename="sport">Спорт</category>
 <category domain="post_tag" nicename="long">LONG_TAG</category>
 <link>https://old.example.kg/LONG_PATH/</link></item>
<item><title>Пост без рубрики</title><content:encoded>Текст.</content:encoded>
 <wp:post_id>2</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
 <category domain="category" nicename="nowhere">Нигде</category>
 <wp:comment><wp:comment_id>9</wp:comment_id><wp:comment_author>Читатель</wp:comment_author>
 <wp:comment_content>Где рубрика?</wp:comment_content><wp:comment_approved>1</wp:comment_approved>
 <wp:comment_parent>0</wp:comment_parent></wp:comment></item>
<item><title>Пустой пост</title><content:encoded><![CDATA[<script>alert(1)</script>]]></content:encoded>
 <wp:post_id>3</wp:post_id><wp:status>draft</wp:status><wp:post_type>post</wp:post_type>
 <category domain="category" nicename="sport">Спорт</category></item>
</channel></rss>
"""


def wxr_pages() -> dict[str, tuple[str, int]]:
    """Each imported article's title and number of revisions, by its WordPress id."""
    ids = dict(
        ImportedItem.objects.filter(source__startswith="wxr")
        .exclude(external_id__contains=":")
        .values_list("page_id", "external_id")
    )
    rows = ArticlePage.objects.filter(id__in=ids)
    return {ids[row.id]: (row.title, row.revisions.count()) for row in rows}


def test_a_dry_run_checks_everything_and_writes_nothing(editions, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    uploads = make_uploads(tmp_path / "uploads")
    before, terminal = snapshot(), Terminal()
    code, output = run_import(
        "wxr", str(WXR), "--edition", "ru", "--uploads", str(uploads), "--dry-run", "--publish-as-is",
        stderr=terminal,
    )  # fmt: skip
    # On a terminal, a progress bar (every tenth record and the last of the fixture's 16:
    # the export was counted when it was checked).
    assert terminal.getvalue() == (
        f"\r[{'#' * 19}{' ' * 11}]  62% 10 records read (5 posts)"
        f"\r[{'#' * 30}] 100% 16 records read (5 posts)\n"
    )
    assert code == 0, output
    assert output.startswith("Dry run, nothing written:")
    assert "created: 16 (5 article, 2 author, 4 comment, 2 media, 3 rubric)" in output
    assert snapshot() == before
    assert not ImportedItem.objects.exists()
    assert not (tmp_path / "media").exists()  # the pictures were read, not stored


def test_a_bad_record_fails_alone_with_its_reason_and_the_exit_status_says_so(tmp_path, editions):
    path = tmp_path / "broken-posts.xml"
    # A tag and an old address longer than the database holds: cut, and left out.
    posts = BROKEN_POSTS.replace("LONG_TAG", "т" * 150).replace("LONG_PATH", "д" * 300)
    path.write_text(posts, encoding="utf-8")
    code, output = run_import("wxr", str(path), "--edition", "ru", "--publish-as-is")
    assert code == 1
    assert "failed: 3 (2 article, 1 comment)" in output
    assert "failed article 2: none of its rubrics was imported" in output
    assert "failed article 3: it has no text" in output
    assert "failed comment 9: its article 2 was not imported" in output
    assert {title for title, _saved in wxr_pages().values()} == {"Сборная вышла в финал"}
    final = ArticlePage.objects.get(title="Сборная вышла в финал")
    assert [row.tag.name for row in final.tag_rows.all()] == ["т" * 100]
    assert not Redirect.objects.filter(redirect_page=final).exists()
    assert not ReaderComment.objects.exists()


def test_an_export_imported_into_one_edition_is_not_moved_into_another(tmp_path, editions):
    path = tmp_path / "broken-posts.xml"
    path.write_text(
        BROKEN_POSTS.replace("LONG_TAG", "футбол").replace("LONG_PATH", "final"), "utf-8"
    )
    run_import("wxr", str(path), "--edition", "ru", "--publish-as-is")
    before = wxr_pages()
    code, output = run_import("wxr", str(path), "--edition", "en", "--publish-as-is")
    assert code == 1
    assert "failed rubric sport: already imported into the ru edition" in output
    assert wxr_pages() == before
    assert ArticlePage.objects.get(title="Сборная вышла в финал").locale.language_code == "ru"


def test_an_interrupted_import_run_again_ends_as_one_run(editions, monkeypatch):
    upsert, calls = pipeline.article_upsert, []

    def crash_on_the_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the operator's Ctrl-C, or the machine going down
        return upsert(*args, **kwargs)

    monkeypatch.setattr(pipeline, "article_upsert", crash_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        run_import("wxr", str(WXR), "--edition", "ru", "--publish-as-is")
    assert len(wxr_pages()) == 2
    monkeypatch.setattr(pipeline, "article_upsert", upsert)
    code, output = run_import("wxr", str(WXR), "--edition", "ru", "--publish-as-is")
    assert code == 0, output
    # The first two posts and the first one's comments came in before the interruption.
    assert "created: 3 (3 article)" in output
    assert "unchanged: 11 (2 article, 2 author, 4 comment, 3 rubric)" in output
    # Every post once, each with the one revision a single run saves; every comment once.
    assert wxr_pages() == {key: (title, 1) for key, title in TITLES.items()}
    assert ReaderComment.objects.count() == 4
    assert set(ArticlePage.objects.live().filter(id__in=ImportedItem.objects.values("page_id"))
               .values_list("title", flat=True)) == {TITLES["101"], TITLES["102"]}  # fmt: skip


def test_records_from_any_parser_bylines_without_author_records_become_authors(editions):
    """Feeds and web pages name authors without records: the pipeline finds or makes them."""
    records = [
        RubricRecord(external_id="r", name="Лента", slug="lenta"),
        ArticleRecord(
            external_id="https://wire.example/1",
            language="ru",
            title="Новость агентства",
            body_html="<p>Текст новости.</p><p>Ещё абзац.</p>",
            rubric_ids=("r",),
            author_names=("Иван Петров", "<b></b>"),
        ),
    ]
    report = import_records(records, source="feed:wire.example", language_code="ru")
    assert (report.counts["created"], report.failed) == (2, False)
    article = ArticlePage.objects.get(title="Новость агентства")
    assert [row.author.title for row in article.author_rows.all()] == ["Иван Петров"]
    assert not article.live and article.lead == "Текст новости."
