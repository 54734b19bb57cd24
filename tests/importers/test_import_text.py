"""`vestnik import-text`: page dumps become articles, whole or not at all."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from tests import seed_expectations as seed
from tests.conftest import SEED_FILE, skip_or_fail
from wagtail.models import Page

from vestnik.importers.models import ImportedItem
from vestnik.newsroom.models import ArticlePage, AuthorPage

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"
FOOTER_AND_SHARE = ("VK X OK", "WhatsApp", "Telegram", "Read also", "Write a comment")


def run_import(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_text", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def blocks_of(article: ArticlePage, kind: str) -> list:
    return [block.value for block in article.body if block.block_type == kind]


def article_text(article: ArticlePage) -> str:
    return " ".join([article.title, article.lead, json.dumps(list(article.body.raw_data))])


@pytest.fixture
def seed_article(editions, client) -> ArticlePage:
    if not SEED_FILE.is_file():
        skip_or_fail(f"the seed page is not at {SEED_FILE}")
    code, out, _err = run_import(str(SEED_FILE), "--lang", "en", "--publish")
    assert code == 0
    path = out.strip().splitlines()[-1]
    assert client.get(path).status_code == 200
    return ArticlePage.objects.get(url_path__endswith=path.removeprefix("/en").lstrip("/"))


def test_seed_import_gives_headline_author_and_rubric(seed_article):
    assert seed_article.title == SEED_FILE.read_text(encoding="utf-8").splitlines()[0]
    authors = [row.author for row in seed_article.author_rows.all()]
    # The English edition romanises the Cyrillic byline, given name first.
    assert [a.title for a in authors] == [seed.AUTHOR_LATIN]
    assert (authors[0].given_name, authors[0].family_name) == ("Tatyana", "Arestova")
    assert seed_article.get_parent().title == seed.RUBRIC
    assert seed_article.locale.language_code == "en"
    assert seed_article.live


def test_seed_import_recovers_subheadings_quote_and_lists(seed_article):
    assert blocks_of(seed_article, "subheading") == seed.SUBHEADINGS
    quotes = blocks_of(seed_article, "quote")
    assert [q["attribution"] for q in quotes] == [seed.SPEAKER]
    lists = [list(value["items"]) for value in blocks_of(seed_article, "list")]
    assert lists == seed.LISTS


def test_seed_import_keeps_no_share_bar_or_footer_text(seed_article):
    text = article_text(seed_article)
    for fragment in FOOTER_AND_SHARE:
        assert fragment not in text
    assert seed_article.lead not in json.dumps(list(seed_article.body.raw_data))


def test_own_fixture_imports_with_two_authors_and_multiword_rubric(editions):
    code, _out, _err = run_import(str(FIXTURES / "osh-water-en.txt"), "--lang", "en")
    assert code == 0
    article = ArticlePage.objects.get()
    assert not article.live  # without --publish: a draft
    assert article.get_parent().specific.title in ("Society", "In the world")
    assert len(article.author_rows.all()) == 2
    assert blocks_of(article, "quote")[0]["attribution"] == "Bakyt Sultanov"
    assert len(blocks_of(article, "list")) == 3
    assert "WhatsApp" not in article_text(article)


def test_russian_fixture_takes_the_speaker_after_the_quote(editions):
    code, _out, _err = run_import(str(FIXTURES / "glaciers-ru.txt"), "--lang", "ru", "--publish")
    assert code == 0
    article = ArticlePage.objects.get(locale__language_code="ru")
    assert article.get_parent().title == "В мире"
    speakers = [q["attribution"] for q in blocks_of(article, "quote")]
    assert speakers == ["Айбек Осмонов", "Гульнара Асанова"]
    assert "Читать также" not in article_text(article)


def test_reimport_updates_the_same_article(editions, tmp_path):
    source = (FIXTURES / "osh-water-en.txt").read_text(encoding="utf-8")
    first = tmp_path / "a.txt"
    first.write_text(source, encoding="utf-8")
    run_import(str(first), "--lang", "en", "--publish")
    first.write_text(
        source.replace("three pumping stations", "four pumping stations"), encoding="utf-8"
    )
    code, _out, err = run_import(str(first), "--lang", "en", "--publish")
    assert code == 0 and "updated" in err
    article = ArticlePage.objects.get()
    assert "four pumping stations" in json.dumps(list(article.body.raw_data))
    assert ImportedItem.objects.filter(source="text").count() == 1


def test_reimport_keeps_the_ids_of_the_blocks_it_keeps(editions, tmp_path):
    """Translations are keyed by block id: a re-import must not give every block a new one."""
    source = (FIXTURES / "glaciers-ru.txt").read_text(encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text(source, encoding="utf-8")
    run_import(str(path), "--lang", "ru", "--publish")
    before = list(ArticlePage.objects.get().body.raw_data)
    path.write_text(source.replace("почти треть", "почти половину"), encoding="utf-8")
    run_import(str(path), "--lang", "ru", "--publish")
    after = list(ArticlePage.objects.get().body.raw_data)
    assert [block["id"] for block in after] == [block["id"] for block in before]
    changed = [i for i, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    assert len(changed) == 1 and "почти половину" in after[changed[0]]["value"]
    lists = [block for block in after if block["type"] == "list"]
    assert lists and lists == [block for block in before if block["type"] == "list"]


def test_explicit_key_keeps_one_article_when_the_headline_changes(editions, tmp_path):
    source = (FIXTURES / "osh-water-en.txt").read_text(encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text(source, encoding="utf-8")
    run_import(str(path), "--lang", "en", "--key", "osh-water")
    path.write_text("A corrected headline\n" + source.split("\n", 1)[1], encoding="utf-8")
    run_import(str(path), "--lang", "en", "--key", "osh-water")
    draft = ArticlePage.objects.get().get_latest_revision_as_object()
    assert draft.title == "A corrected headline"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Заголовок\n\nТекст статьи.".encode("cp1251"), "UTF-8"),
        (b"Headline\n\n" + b"x" * 5_000_000, "larger"),
    ],
)
def test_bad_file_gets_a_message_naming_it_and_creates_nothing(
    editions, tmp_path, content, message
):
    path = tmp_path / "bad-input.txt"
    path.write_bytes(content)
    pages_before = Page.objects.count()
    code, _out, err = run_import(str(path), "--lang", "en", "--section", "politics")
    assert code == 1
    assert "bad-input.txt" in err and message.lower() in err.lower()
    assert Page.objects.count() == pages_before
    assert not ImportedItem.objects.exists()


def test_one_bad_file_does_not_stop_the_others(editions, tmp_path):
    missing = tmp_path / "missing.txt"
    code, out, err = run_import(
        str(missing), str(FIXTURES / "osh-water-en.txt"), "--lang", "en", "--publish"
    )
    assert code == 1
    assert "missing.txt: no such file" in err
    assert ArticlePage.objects.count() == 1
    assert out.strip().splitlines()[-1] == ArticlePage.objects.get().get_url_parts()[2]


def test_unknown_rubric_is_refused_and_unknown_authors_are_created(editions, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Headline of a test\n\nJane Doe Politics\n\nA paragraph of text.\nAnother one.\n"
    )
    assert run_import(str(path), "--lang", "en", "--section", "gardening")[0] == 1
    assert not ArticlePage.objects.exists()
    assert run_import(str(path), "--lang", "en")[0] == 0
    assert AuthorPage.objects.filter(locale__language_code="en", title="Jane Doe").exists()


def test_field_too_long_for_the_database_is_a_message_not_a_crash(editions, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("A" * 300 + "\n\nJane Doe Politics\n\nA paragraph of text.\nAnother one.\n")
    code, _out, err = run_import(str(path), "--lang", "en")
    assert code == 1
    assert "long.txt" in err and "at most 255 characters" in err
    assert not ArticlePage.objects.exists()


def test_a_batch_import_updates_the_read_also_of_older_articles(editions, tmp_path):
    from django.test import TestCase
    from tests import factories

    from vestnik.related.selectors import related_for

    water = [
        factories.article("en", "society", headline=f"Osh water mains and pumps, part {n}")
        for n in range(4)
    ]
    with TestCase.captureOnCommitCallbacks(execute=True):
        code, _out, _err = run_import(
            str(FIXTURES / "osh-water-en.txt"), "--lang", "en", "--publish"
        )
    assert code == 0
    imported = ArticlePage.objects.get(title__startswith="Osh Replaces")
    assert any(imported in related_for(page) for page in water)


def test_translation_of_a_missing_article_is_refused_and_nothing_is_kept(editions):
    fixture = str(FIXTURES / "osh-water-en.txt")
    code, _out, err = run_import(fixture, "--lang", "en", "--translation-of", "/ru/politics/nope/")
    assert code == 1
    assert "osh-water-en.txt" in err and "no article at '/ru/politics/nope/'" in err
    assert not ArticlePage.objects.filter(locale__language_code="en").exists()
