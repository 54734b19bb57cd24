"""Reader pictures: AVIF and WebP sources, a JPEG (or PNG) fallback, widths, lazy below."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import features
from wagtail.images.models import Image

from vestnik.core.images import COLUMN_SIZES, picture_html


def make_image(size=(1600, 900), kind="JPEG", name="river.jpg") -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, kind)
    return Image.objects.create(title="The river", file=ImageFile(buffer, name=name))


def parts(html: str) -> tuple[dict[str, str], dict[str, str]]:
    """{type: srcset} of the sources, and the fallback img's attributes."""
    sources = dict(
        (kind, srcset)
        for srcset, kind in re.findall(r'<source[^>]* srcset="([^"]+)" type="([^"]+)"', html)
    )
    img = dict(re.findall(r'(\w+)="([^"]*)"', re.search(r"<img [^>]*>", html).group(0)))
    return sources, img


def widths(srcset: str) -> list[int]:
    return [int(width) for width in re.findall(r" (\d+)w", srcset)]


def urls(srcset: str) -> list[str]:
    return [candidate.split()[0] for candidate in srcset.split(", ")]


@pytest.mark.django_db
def test_a_body_picture_offers_avif_and_webp_at_three_widths_and_a_lazy_jpeg():
    html = picture_html(make_image(), "body")
    assert html.startswith("<picture>") and html.endswith("</picture>")
    sources, img = parts(html)
    assert list(sources) == ["image/avif", "image/webp"]
    assert [url[-5:] for url in urls(sources["image/avif"])] == [".avif"] * 3
    assert [url[-5:] for url in urls(sources["image/webp"])] == [".webp"] * 3
    assert sorted(widths(sources["image/avif"])) == [480, 800, 1200]
    assert sorted(widths(img["srcset"])) == [480, 800, 1200]
    assert img["src"].endswith(".jpg") and ".width-800." in img["src"]
    assert (img["width"], img["height"]) == ("800", "450")
    assert img["sizes"] == COLUMN_SIZES
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    assert "fetchpriority" not in img
    assert img["alt"] == "The river"


@pytest.mark.django_db
def test_the_lead_picture_is_eager_and_fetched_first():
    _sources, img = parts(picture_html(make_image(), "lead"))
    assert (img["loading"], img["fetchpriority"]) == ("eager", "high")
    assert "decoding" not in img


@pytest.mark.django_db
def test_a_png_original_falls_back_to_png():
    sources, img = parts(picture_html(make_image(kind="PNG", name="chart.png"), "body"))
    assert list(sources) == ["image/avif", "image/webp"]
    assert [url[-4:] for url in urls(img["srcset"])] == [".png"] * 3


@pytest.mark.django_db
def test_no_width_is_offered_twice_or_wider_than_the_original():
    sources, img = parts(picture_html(make_image(size=(600, 400)), "body"))
    assert sorted(widths(img["srcset"])) == [480, 600]
    assert sorted(widths(sources["image/webp"])) == [480, 600]
    # One candidate: a plain URL, and no sizes (they need width descriptors).
    sources, img = parts(picture_html(make_image(size=(64, 48)), "body"))
    assert "srcset" not in img and "sizes" not in img and " " not in sources["image/avif"]
    assert (img["width"], img["height"]) == ("64", "48")


@pytest.mark.django_db
def test_a_card_picture_is_cropped_small_and_decorative():
    sources, img = parts(picture_html(make_image(), "card", alt=""))
    assert sorted(widths(sources["image/avif"])) == [120, 240]
    assert (img["width"], img["height"]) == ("240", "160")
    assert img["alt"] == "" and img["sizes"] == "7.5rem"


@pytest.mark.django_db
def test_the_avif_and_webp_renditions_are_what_they_say():
    assert features.check("avif"), "Pillow has no AVIF encoder"
    image = make_image(size=(700, 400))
    sources, img = parts(picture_html(image, "body"))
    expected = {"image/avif": "AVIF", "image/webp": "WEBP", "fallback": "JPEG"}
    urls = {
        "image/avif": sources["image/avif"].split()[0],
        "image/webp": sources["image/webp"].split()[0],
        "fallback": img["src"],
    }
    for kind, url in urls.items():
        rendition = image.renditions.get(file=url.removeprefix("/media/"))
        with rendition.file.open() as file, PILImage.open(file) as opened:
            assert opened.format == expected[kind], kind


@pytest.mark.django_db
def test_a_lost_source_file_costs_the_picture_not_the_page():
    image = make_image()
    image.file.storage.delete(image.file.name)
    assert picture_html(image, "body") == ""
    assert picture_html(None, "lead") == ""
