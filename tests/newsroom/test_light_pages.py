"""Light reader pages: no request blocks the first paint, pictures in modern formats, a
favicon, and a long article under 30 KB on the wire."""

from __future__ import annotations

import gzip
import io
import re
from html.parser import HTMLParser

import brotli
import pytest
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from tests import factories
from wagtail.images.models import Image

from vestnik.comments.services import CommentRecord, comment_record
from vestnik.core.assets import csp_hash, inline_style_hashes
from vestnik.core.sanitise import text_to_paragraph_html
from vestnik.demo import content

COMPRESSED_LIMIT = 30 * 1024


def make_image(title: str, size=(1600, 1000)) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, "JPEG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="photo.jpg"))


def demo_body(item: dict) -> list:
    """A demo article's blocks in the shape the services take (no linked people)."""
    body = []
    for kind, value in item["body"]:
        if kind == "paragraph":
            value = text_to_paragraph_html(value)
        elif kind == "quote":
            value = {"text": value["text"], "attribution": value["attribution"]}
        elif kind == "embed":
            value = {"url": value, "caption": ""}
        body.append((kind, value))
    return body


def body_size(item: dict) -> int:
    return sum(len(str(value)) for _kind, value in item["body"])


@pytest.fixture
def long_article(editions):
    """The two longest Russian demo articles as one (Cyrillic: two bytes a letter), three
    pictures and a lead image, "Read also", and a full first page of 50 comments, each
    a different paragraph of the other demo articles: no text repeats, as in life."""
    russian = sorted(
        (a for a in content.ARTICLES if a["lang"] == "ru"), key=body_size, reverse=True
    )
    first, second = russian[0], russian[1]
    for number in range(6):  # neighbours for "Read also", about the same things
        factories.article("ru", first["rubric"], headline=f"{first['headline']} ({number})")
    pictures = [
        ("image", {"image": make_image(f"Photo {n}").id, "caption": f"Caption {n}"})
        for n in range(3)
    ]
    one, two = demo_body(first), demo_body(second)
    article = factories.article(
        "ru", first["rubric"], headline=first["headline"], lead=first["lead"],
        body=[*one[:4], pictures[0], *one[4:], pictures[1], *two, pictures[2]],
        lead_image=make_image("Lead"),
        authors=[factories.author("ru", "Айгерим", "Токтосунова")],
        tags=[factories.tag("ru", "энергетика"), factories.tag("ru", "вода")],
    )  # fmt: skip
    paragraphs = [
        value for item in russian[2:] for kind, value in item["body"] if kind == "paragraph"
    ]
    for number, text in enumerate(paragraphs[:50]):
        comment_record(
            CommentRecord(
                article_id=article.id, name=f"Читатель {number}", body=text[:400],
                state="approved", created_at=timezone.now(),
            )
        )  # fmt: skip
    return article


@pytest.fixture
def demo_article(editions):
    """The longest English demo article, with a lead image and a picture in its body."""
    item = max((a for a in content.ARTICLES if a["lang"] == "en"), key=body_size)
    body = demo_body(item)
    picture = ("image", {"image": make_image("Substation").id, "caption": "A substation"})
    return factories.article(
        "en", item["rubric"], headline=item["headline"], lead=item["lead"],
        body=[*body[:3], picture, *body[3:]], lead_image=make_image("Power lines"),
    )  # fmt: skip


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_long_article_is_under_30_kb_compressed(client, long_article):
    html = html_of(client, long_article.get_url_parts()[2])
    assert len(re.findall(r'<li id="comment-\d+" class="comment', html)) == 50
    assert len(re.findall(r'<section class="read-also".*?</section>', html, re.S)) == 1
    assert html.count("<picture>") == 4
    raw = html.encode()
    gzipped, brotlied = len(gzip.compress(raw, 9)), len(brotli.compress(raw))
    print(f"long article: {len(raw)} bytes, gzip {gzipped}, brotli {brotlied}")
    assert gzipped < COMPRESSED_LIMIT


class Head(HTMLParser):
    """The head's stylesheet links, external scripts, inline styles and icons."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head = self.in_style = False
        self.stylesheets: list[dict] = []
        self.scripts: list[dict] = []
        self.styles: list[str] = []
        self.icons: dict[str, dict] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif not self.in_head:
            return
        rel = (attributes.get("rel") or "").split()
        if tag == "link" and "stylesheet" in rel:
            self.stylesheets.append(attributes)
        elif tag == "link" and ("icon" in rel or "apple-touch-icon" in rel):
            self.icons[attributes.get("type") or rel[-1]] = attributes
        elif tag == "script" and "src" in attributes:
            self.scripts.append(attributes)
        elif tag == "style":
            self.in_style = True
            self.styles.append("")

    def handle_data(self, data):
        if self.in_style:
            self.styles[-1] += data

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        elif tag == "head":
            self.in_head = False


def head_of(html: str) -> Head:
    head = Head()
    head.feed(html)
    return head


def test_nothing_in_the_head_blocks_the_first_paint(client, demo_article):
    head = head_of(html_of(client, demo_article.get_url_parts()[2]))
    blocking = [link for link in head.stylesheets if link.get("media") != "print"]
    assert not blocking, f"render-blocking stylesheets: {blocking}"
    assert [link["href"] for link in head.stylesheets] == ["/static/vestnik/site-print.css"]
    waiting = [s for s in head.scripts if "defer" not in s and "async" not in s]
    assert not waiting, f"render-blocking scripts: {waiting}"
    assert head.scripts and len(head.styles) == 1
    assert ".article-meta" in head.styles[0]  # the site's stylesheet, inline


def test_every_inline_style_of_reader_pages_is_in_the_csp_hashes(client, demo_article):
    url = demo_article.get_url_parts()[2]
    styles = [
        style
        for page in (url, url + "print/", "/en/", "/en/search/?q=grid")
        for style in head_of(html_of(client, page)).styles
    ]
    assert len(styles) == 4
    hashes = inline_style_hashes()
    assert {csp_hash(style) for style in styles} <= set(hashes)
    assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", value) for value in hashes)


def test_reader_pages_link_an_svg_icon_a_png_one_and_a_touch_icon(client, editions):
    icons = head_of(html_of(client, "/ru/")).icons
    assert set(icons) == {"image/svg+xml", "image/png", "apple-touch-icon"}
    assert icons["image/png"]["sizes"] == "32x32"
    for icon, size in (("image/png", (32, 32)), ("apple-touch-icon", (180, 180))):
        response = client.get(icons[icon]["href"])
        assert response.status_code == 200
        with PILImage.open(io.BytesIO(b"".join(response.streaming_content))) as picture:
            assert picture.size == size
    assert client.get(icons["image/svg+xml"]["href"]).status_code == 200


def test_favicon_ico_answers_with_an_icon_for_a_day(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert "Accept-Language" not in response.get("Vary", "")
    assert not response.cookies
    with PILImage.open(io.BytesIO(response.content)) as icon:
        assert icon.format == "ICO" and (32, 32) in icon.info["sizes"]
