"""Web pages: fixture news pages (Russian, English) become one article record each,
with the page's furniture (menus, scripts, ads, share bars, sign-up boxes) left out."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from tests.localhttp import QuietHandler, serving

from vestnik.importers.fetch import Fetcher
from vestnik.importers.records import ArticleRecord, MediaRecord
from vestnik.importers.web import WebPageError, parse_page

FIXTURES = Path(__file__).parent / "fixtures" / "web"
RU_URL = "https://courier.example/ru/society/2026/11/sel-na-okraine-osha/?utm_source=tg"
EN_URL = "https://valleypost.example/politics/2026/11/25/leaner-budget-2027?ref=home"


def parsed(name: str, url: str, **options) -> tuple[list[MediaRecord], ArticleRecord]:
    *media, article = parse_page((FIXTURES / name).read_bytes(), url, **options)
    assert isinstance(article, ArticleRecord)
    return media, article  # type: ignore[return-value]


@pytest.fixture(scope="module")
def russian():
    return parsed("mudflow-ru.html", RU_URL)


@pytest.fixture(scope="module")
def english():
    return parsed("budget-en.html", EN_URL)


def test_the_russian_page_gives_its_metadata(russian):
    media, article = russian
    assert article.title == "Сель сошёл на окраину Оша"
    assert article.language == "ru"
    assert article.author_names == ("Айгуль Осмонова",)
    assert article.published_at == datetime(
        2026, 11, 20, 9, 30, tzinfo=timezone(timedelta(hours=6))
    )
    assert article.lead == "Поток грязи перекрыл две улицы, пострадавших нет."
    assert article.external_id == "https://courier.example/ru/society/2026/11/sel-na-okraine-osha/"
    assert article.source_url == RU_URL
    image = "https://courier.example/media/2026/11/sel-osh.jpg"  # made absolute
    assert media == [MediaRecord(external_id=image, url=image)]
    assert article.lead_image_id == image


def test_the_russian_body_keeps_its_structure(russian):
    body = russian[1].body_html
    assert body.startswith("<p>Утром в пятницу поток грязи")  # the <h1> title is not repeated
    assert "<h2>Что говорят в мэрии</h2>" in body
    assert "<strong>Акбуура</strong>" in body
    assert "<blockquote><p>Мы готовились к сильным дождям" in body
    assert "<ul><li>пункт обогрева работает в школе № 14;</li>" in body
    assert body.count("<li>") == 3
    assert body.endswith("до весеннего паводка.</p>")


@pytest.mark.parametrize(
    "furniture",
    [
        "<script",
        "renderAd",
        "dataLayer",
        "Кредит за пять минут",  # banner
        "Политика",  # menu
        "WhatsApp",  # share bar
        "Подпишитесь на нашу рассылку",  # sign-up box
        "Читайте также",  # related links
        "Все права защищены",  # footer
        "track.example",
    ],
)
def test_the_russian_page_furniture_does_not_come_through(russian, furniture):
    assert furniture not in russian[1].body_html


def test_the_english_page_takes_dates_and_bylines_from_its_json_ld(english):
    media, article = english
    assert article.title == "Parliament passes a leaner budget for 2027"
    assert article.language == "en"
    assert article.author_names == ("Daniel Brooks", "Meerim Sadykova")
    assert article.published_at == datetime(
        2026, 11, 25, 14, 5, tzinfo=timezone(timedelta(hours=6))
    )
    assert article.external_id == (
        "https://valleypost.example/politics/2026/11/25/leaner-budget-2027"
    )
    assert [m.url for m in media] == ["https://cdn.valleypost.example/img/parliament-vote.jpg"]


def test_the_english_body_keeps_numbered_lists_and_quotes(english):
    body = english[1].body_html
    assert "<h3>Where the money goes</h3>" in body
    assert "<ol><li>road maintenance, up by a quarter;</li>" in body
    assert "<blockquote>This is not a generous budget" in body
    for furniture in (
        "cookies",
        "Win a trip",
        "Share on",
        "morning briefing",
        "Privacy",
        "<script",
    ):
        assert furniture not in body


def test_the_chosen_edition_wins_over_the_page_language():
    _, article = parsed("budget-en.html", EN_URL, language="ky")
    assert article.language == "ky"


def test_a_canonical_url_on_another_site_is_not_trusted():
    # The English page names valleypost.example as canonical; served from elsewhere, the
    # record is keyed by the address it came from.
    _, article = parsed("budget-en.html", "https://mirror.example/budget#top")
    assert article.external_id == "https://mirror.example/budget"


def page(body: str, head: str = "<title>Жер титирөө</title>", lang: str = "ky") -> str:
    return f"<html lang='{lang}'><head>{head}</head><body>{body}</body></html>"


ARTICLE_TEXT = "<article>" + "<p>Түндө Нарын облусунда жер титиреди, кыйроо болгон жок.</p>" * 4


@pytest.mark.parametrize(
    "json_ld", ['"just a string"', "42", '[1, "x", null]', '{"@type": {"name": "NewsArticle"}}']
)
def test_odd_json_ld_is_ignored_not_a_crash(json_ld):
    head = f'<title>Жер титирөө</title><script type="application/ld+json">{json_ld}</script>'
    (article,) = parse_page(page(ARTICLE_TEXT + "</article>", head=head), "https://k.example/a")
    assert article.title == "Жер титирөө"


def test_a_page_without_a_date_or_author_still_imports():
    (article,) = parse_page(page(ARTICLE_TEXT + "</article>"), "https://k.example/a")
    assert isinstance(article, ArticleRecord)
    assert (article.title, article.language) == ("Жер титирөө", "ky")
    assert (article.published_at, article.author_names) == (None, ())


RUSSIAN = page(
    "<article>" + "<p>Ночью в Нарынской области произошло землетрясение без разрушений.</p>" * 4,
    head="<title>Землетрясение в Нарыне</title>{meta}",
    lang="ru",
)


@pytest.mark.parametrize(
    ("meta", "announced"),
    [
        ("", "windows-1251"),
        ("<meta charset='windows-1251'>", ""),
        ("<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>", ""),
        ("", ""),  # declared nowhere: guessed
    ],
)
def test_a_cp1251_page_is_decoded_by_the_announced_declared_or_guessed_charset(meta, announced):
    content = RUSSIAN.replace("{meta}", meta).encode("cp1251")
    (article,) = parse_page(content, "https://k.example/a", charset=announced)
    assert isinstance(article, ArticleRecord)
    assert article.title == "Землетрясение в Нарыне"
    assert "<p>Ночью в Нарынской области" in article.body_html


def test_an_xhtml_page_with_an_xml_declaration_is_read():
    content = b"<?xml version='1.0' encoding='utf-8'?>\n" + RUSSIAN.replace("{meta}", "").encode()
    (article,) = parse_page(content, "https://k.example/a")
    assert isinstance(article, ArticleRecord)
    assert article.title == "Землетрясение в Нарыне"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the page is not HTML"),
        (page("<nav><a href='/'>Башкы</a></nav>").encode(), "no article text"),
        (page(ARTICLE_TEXT + "</article>", head=""), "has no title"),
        (page(ARTICLE_TEXT + "</article>", lang=""), "does not say its language"),
    ],
)
def test_a_page_that_is_not_an_article_is_a_clear_error(content, reason):
    with pytest.raises(WebPageError, match=reason) as caught:
        parse_page(content, "https://k.example/broken")
    assert str(caught.value).startswith("https://k.example/broken: ")


def test_a_fetched_page_is_parsed_from_the_final_address():
    html = (FIXTURES / "mudflow-ru.html").read_bytes()

    class Courier(QuietHandler):
        def do_GET(self):
            self.answer(200, html, "text/html; charset=utf-8")

    with serving(Courier) as url:
        fetched = Fetcher(allow=(ipaddress.ip_network("127.0.0.1/32"),)).fetch(url + "/sel")
    *_, article = parse_page(fetched.body, fetched.url, charset=fetched.charset)
    assert isinstance(article, ArticleRecord)
    assert article.source_url == url + "/sel"
    assert article.external_id == url + "/sel"  # the page's canonical names another host
    assert article.published_at is not None and article.published_at < datetime.now(UTC)
