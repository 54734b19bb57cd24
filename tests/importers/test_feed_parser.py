"""Feeds: fixture RSS 2.0 and Atom files become de-duplicated article records; hostile,
broken and non-feed documents are refused with the reason."""

from __future__ import annotations

import ipaddress
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.localhttp import QuietHandler, serving

from vestnik.importers.feeds import FeedError, ParsedFeed, parse_feed
from vestnik.importers.fetch import FEED_TYPES, Fetcher
from vestnik.importers.records import ArticleRecord, MediaRecord

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
WIRE = "https://wire.example/ru/feed.rss"
LAKESIDE = "https://lakeside.example/feed.atom"


def articles(feed: ParsedFeed) -> dict[str, ArticleRecord]:
    return {r.external_id: r for r in feed.records if isinstance(r, ArticleRecord)}


@pytest.fixture(scope="module")
def wire() -> ParsedFeed:
    return parse_feed((FIXTURES / "wire-ru.rss").read_bytes(), WIRE)


@pytest.fixture(scope="module")
def lakeside() -> ParsedFeed:
    return parse_feed((FIXTURES / "partner-en.atom").read_bytes(), LAKESIDE)


def test_rss_items_become_one_record_each_keyed_by_guid_or_link(wire):
    assert wire.title == "Горное агентство новостей"
    assert list(articles(wire)) == [
        WIRE + "#wire-70412",  # a bare GUID is scoped to its feed
        "https://wire.example/ru/news/2026/11/26/kurs",  # a permalink GUID is itself
        "https://wire.example/ru/news/2026/11/25/pereval",  # no GUID: the (resolved) link
    ]
    assert wire.duplicates == 1  # the repeated GUID: the first (newest) entry wins
    assert wire.skipped == []


def test_an_rss_item_gives_its_fields(wire):
    item = articles(wire)[WIRE + "#wire-70412"]
    assert item.title == "В Таласе открыли новую библиотеку"
    assert item.language == "ru"
    assert item.source_url == "https://wire.example/ru/news/2026/11/27/biblioteka"
    assert item.old_paths == ()
    assert item.published_at == datetime(2026, 11, 27, 2, 15, tzinfo=UTC)
    assert item.modified_at is None  # RSS has no modification date
    assert item.author_names == ("Нурлан Асанов",)
    assert item.tags == ("Культура", "Талас")
    assert item.lead == "В здании бывшего кинотеатра теперь читальный зал на сто мест."
    assert "<h2>Что внутри</h2>" in item.body_html  # content:encoded, not the description
    assert "<li>фонд — 30 тысяч книг;</li>" in item.body_html
    assert "alert" not in item.body_html


def test_image_enclosures_and_media_content_become_media_records_before_their_item(wire):
    media = [r for r in wire.records if isinstance(r, MediaRecord)]
    assert [m.url for m in media] == [
        "https://wire.example/media/talas-library.jpg",
        "https://wire.example/media/som.png",  # Media RSS; the mp3 enclosure is no image
    ]
    kurs = articles(wire)["https://wire.example/ru/news/2026/11/26/kurs"]
    assert kurs.lead_image_id == "https://wire.example/media/som.png"
    assert wire.records.index(media[1]) < wire.records.index(kurs)


def test_a_description_alone_becomes_the_body(wire):
    pereval = articles(wire)["https://wire.example/ru/news/2026/11/25/pereval"]
    assert pereval.body_html == "<p>Движение по трассе Бишкек — Ош перекрыто до расчистки.</p>"
    assert (pereval.lead, pereval.published_at, pereval.lead_image_id) == ("", None, None)


def test_atom_entries_give_their_fields(lakeside):
    ferry, quotas = articles(lakeside).values()
    assert ferry.external_id == "tag:lakeside.example,2026:entry-311"
    assert ferry.title == "Ferry service on the lake resumes early"  # an HTML title, as text
    assert ferry.language == "en"
    assert ferry.author_names == ("Asel Temirova", "John Hale")
    assert ferry.published_at == datetime(2026, 11, 27, 0, 30, tzinfo=UTC)
    assert ferry.modified_at == datetime(2026, 11, 27, 3, 10, tzinfo=UTC)
    assert ferry.lead_image_id == "https://lakeside.example/img/ferry.webp"
    assert "<blockquote>The engine repairs went faster" in ferry.body_html
    assert ferry.lead == "The ferry returns two weeks ahead of schedule after repairs."
    assert (
        quotas.body_html == "<p>The environment agency kept the annual catch limits unchanged.</p>"
    )
    assert quotas.lead == ""  # the content repeated as summary is no lead
    assert quotas.published_at == datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # from <updated>


def rss(items: str, language: str = "<language>ky</language>", head: str = "") -> bytes:
    return (
        f"<?xml version='1.0' encoding='utf-8'?>{head}<rss version='2.0'><channel>"
        f"<title>Тоо</title><link>https://too.example/</link>{language}{items}</channel></rss>"
    ).encode()


def test_an_entry_without_id_or_link_gets_a_stable_key_and_one_without_text_is_skipped():
    content = rss(
        "<item><title>Жаңы мектеп</title><description>Бүгүн ачылды.</description></item>"
        "<item><title>Аты гана</title><guid isPermaLink='false'>only-a-title</guid></item>"
    )
    first, second = parse_feed(content, "https://too.example/rss"), parse_feed(content, "x")
    (key,) = articles(first)
    assert key.startswith("https://too.example/rss#sha1:")
    assert key.split("#")[1] == next(iter(articles(second))).split("#")[1]
    assert first.skipped == [("https://too.example/rss#only-a-title", "the entry has no text")]


def test_plain_text_content_is_escaped_not_read_as_html():
    content = (
        b"<feed xmlns='http://www.w3.org/2005/Atom' xml:lang='en'><title>Sums</title>"
        b"<entry><id>tag:sums.example,2026:1</id><title>Less than</title>"
        b"<content type='text'>Prices rose 3 &lt; 5 &amp; fell &lt;b&gt;later</content>"
        b"</entry></feed>"
    )
    (article,) = articles(parse_feed(content, "https://sums.example/atom")).values()
    assert article.body_html == "<p>Prices rose 3 &lt; 5 &amp; fell &lt;b&gt;later</p>"


def test_the_chosen_edition_wins_and_a_feed_without_language_needs_one():
    content = rss("<item><title>Ала-Тоо</title><description>Кар.</description></item>", "")
    with pytest.raises(FeedError, match="does not say its language: choose the edition"):
        parse_feed(content, "https://too.example/rss")
    (article,) = articles(parse_feed(content, "https://too.example/rss", language="ky")).values()
    assert article.language == "ky"


def test_a_feed_declared_in_windows_1251_is_read():
    content = (
        "<?xml version='1.0' encoding='windows-1251'?><rss version='2.0'><channel>"
        "<title>Лента</title><language>ru</language>"
        "<item><title>Морозы в Нарыне</title><link>https://n.example/1</link>"
        "<description>Ночью до минус тридцати.</description></item></channel></rss>"
    ).encode("cp1251")
    (article,) = articles(parse_feed(content, "https://n.example/rss")).values()
    assert (article.title, article.body_html) == (
        "Морозы в Нарыне",
        "<p>Ночью до минус тридцати.</p>",
    )


BILLION_LAUGHS = (
    "<!DOCTYPE rss [<!ENTITY a 'ha'>"
    + "".join(f"<!ENTITY {chr(98 + i)} '{('&' + chr(97 + i) + ';') * 10}'>" for i in range(9))
    + "]>"
)
QUADRATIC = "<!DOCTYPE rss [<!ENTITY big '" + "x" * 50_000 + "'>]>"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (rss("<item><title>&j;</title></item>", head=BILLION_LAUGHS), "declares XML entities"),
        (rss("<item><title>" + "&big;" * 5000 + "</title></item>", head=QUADRATIC), "entities"),
        (
            rss(
                "<item><title>&xxe;</title></item>",
                head="<!DOCTYPE rss [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>",
            ),
            "declares XML entities or external references",
        ),
        (
            rss(
                "", head="<!DOCTYPE rss [<!ENTITY % dtd SYSTEM 'http://127.0.0.1:9/x.dtd'> %dtd;]>"
            ),
            "declares XML entities or external references",
        ),
        (
            rss("<item><title>Обрыв")[:-40],
            "not well-formed XML at line 1.*truncated or wrongly encoded",
        ),
        (
            rss("<item><title>Кыргыз</title></item>").decode().encode("cp1251", errors="replace"),
            "wrongly encoded",
        ),
        (b"/etc/passwd", "not well-formed XML"),  # never opened as a file
        (b"", "not well-formed XML"),
        (b"<html><body><p>not a feed</p></body></html>", "not an RSS or Atom feed"),
    ],
)
def test_hostile_broken_or_foreign_documents_are_refused_with_the_reason(
    content, reason, monkeypatch
):
    def refuse(*args):
        raise AssertionError("the parser tried to connect")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    with pytest.raises(FeedError, match=reason) as caught:
        parse_feed(content, "https://evil.example/rss")
    assert str(caught.value).startswith("https://evil.example/rss: ")


def test_a_feed_larger_than_the_cap_is_refused_before_parsing():
    huge = rss("<item><title>" + "ы" * 60_000 + "</title></item>")  # one long element
    with pytest.raises(FeedError, match="larger than 100000 bytes"):
        parse_feed(huge, "https://too.example/rss", max_bytes=100_000)


def test_a_fetched_feed_is_parsed_from_its_final_address():
    content = (FIXTURES / "partner-en.atom").read_bytes()

    class Partner(QuietHandler):
        def do_GET(self):
            self.answer(200, content, "application/atom+xml; charset=utf-8")

    with serving(Partner) as url:
        fetcher = Fetcher(allow=(ipaddress.ip_network("127.0.0.1/32"),))
        fetched = fetcher.fetch(url + "/feed.atom", accept=FEED_TYPES)
    feed = parse_feed(fetched.body, fetched.url)
    assert list(articles(feed)) == [
        "tag:lakeside.example,2026:entry-311",
        "tag:lakeside.example,2026:entry-309",
    ]
