"""Reader pages show every picture as AVIF/WebP/JPEG at a few widths: the lead image
fetched first, the others when scrolled to; cards and author photos small."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from tests import factories
from wagtail.images.models import Image


def make_image(title: str, size=(1600, 1000)) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, "JPEG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="photo.jpg"))


@pytest.fixture
def demo_article(editions):
    body = [
        ("paragraph", "<p>Losses in the grid are a winter problem.</p>"),
        ("image", {"image": make_image("Substation").id, "caption": "A substation"}),
        ("paragraph", "<p>Smart meters help.</p>"),
    ]
    return factories.article("en", "economy", body=body, lead_image=make_image("Power lines"))


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def img_tags(html: str) -> list[dict[str, str]]:
    return [
        dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        for tag in re.findall(r"<picture>.*?(<img [^>]*>)</picture>", html, re.S)
    ]


def test_the_lead_picture_comes_first_and_the_body_ones_when_scrolled_to(client, demo_article):
    html = html_of(client, demo_article.get_url_parts()[2])
    lead, body = img_tags(html)
    assert lead["alt"] == "Power lines" and body["alt"] == "Substation"
    assert (lead["loading"], lead["fetchpriority"]) == ("eager", "high")
    assert (body["loading"], body["decoding"]) == ("lazy", "async")
    for img in (lead, body):
        assert img["width"] and img["height"] and img["sizes"] and " 480w" in img["srcset"]
    assert html.count('type="image/avif"') == html.count('type="image/webp"') == 2


def test_listing_cards_and_author_pages_show_small_pictures(client, demo_article):
    author = factories.author("en", "Denis", "Vorontsov")
    author.photo = make_image("Denis Vorontsov", size=(800, 800))
    author.save_revision().publish()
    rubric = demo_article.get_parent().get_url_parts()[2]
    card, *_ = img_tags(html_of(client, rubric))
    assert card["alt"] == "" and card["sizes"] == "7.5rem"  # the headline says it all
    assert (card["width"], card["height"]) == ("240", "160")
    assert card["loading"] == "eager"  # the first card is on the first screen
    photo, *_ = img_tags(html_of(client, author.get_url_parts()[2]))
    assert (photo["alt"], photo["width"], photo["height"]) == ("Denis Vorontsov", "240", "240")
    front, *others = img_tags(html_of(client, "/en/"))
    assert front["src"] == card["src"] and not others  # only the newest card on the front


def test_a_publish_makes_the_pictures_so_no_reader_waits_for_an_encoder(client, demo_article):
    """The publish's task made every rendition the article and its card show: rendering
    the pages writes none (an AVIF of a large photo takes about a second to encode)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.images.models import Rendition

    made = Rendition.objects.count()
    assert Rendition.objects.filter(image=demo_article.lead_image).exists()
    assert Rendition.objects.filter(file__endswith=".avif").exists()
    with CaptureQueriesContext(connection) as queries:
        html_of(client, demo_article.url)
        html_of(client, "/en/economy/")
    new = Rendition.objects.order_by("-id").values_list("filter_spec", flat=True)
    assert Rendition.objects.count() == made, list(new[: Rendition.objects.count() - made])
    assert not [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
