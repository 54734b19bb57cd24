"""The article page: everything the seed page shows, as semantic, cacheable HTML."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from tests import factories
from wagtail.images.models import Image

from vestnik.newsroom.models import AuthorPage

SHARE_HOSTS = (
    "vk.com/share.php",
    "x.com/intent/post",
    "connect.ok.ru/offer",
    "wa.me/",
    "t.me/share/url",
)


def make_image() -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    return Image.objects.create(title="Dam", file=ImageFile(buffer, name="dam.png"))


@pytest.fixture
def full_article(editions):
    person = factories.entity("en", "Aida Sultanova", kind="person")
    body = [
        ("paragraph", "<p>The first paragraph of the body.</p>"),
        ("subheading", "What the plan covers"),
        (
            "quote",
            {"text": "Water comes first.", "attribution": "Aida Sultanova", "person": person.id},
        ),
        ("list", {"style": "bulleted", "items": ["pumps", "pipes"]}),
        ("list", {"style": "numbered", "items": ["first", "second"]}),
        (
            "image",
            {"image": make_image().id, "caption": "The dam at dawn", "credit": "Photo: Vestnik"},
        ),
        (
            "embed",
            {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "caption": "The briefing"},
        ),
        ("factbox", {"title": "In numbers", "items": ["12 km of mains"]}),
    ]
    return factories.article(
        "en",
        headline="Osh & Naryn plan new water mains",
        lead="A lead paragraph shown above the body.",
        body=body,
        authors=[factories.author("en", "Nurlan", "Asanov")],
        entities=[person],
        tags=[factories.tag("en", "water")],
        correction_note="An earlier version misstated the length of the mains.",
    )


def get_html(client, page) -> str:
    response = client.get(page.get_url_parts()[2])
    assert response.status_code == 200
    assert not response.cookies, "a public page must not set cookies"
    return response.content.decode()


def test_header_shows_headline_byline_rubric_and_local_time(client, full_article):
    html = get_html(client, full_article)
    assert "<h1>Osh &amp; Naryn plan new water mains</h1>" in html
    assert re.search(r'<a rel="author" href="/en/authors/nurlan-asanov/">Nurlan Asanov</a>', html)
    assert '<a class="rubric" href="/en/politics/">Politics</a>' in html
    published = timezone.localtime(full_article.first_published_at)
    assert f'datetime="{published.isoformat(timespec="seconds")}"' in html
    assert published.isoformat().endswith("+06:00")  # Asia/Bishkek


def test_share_bars_at_top_and_bottom_carry_canonical_url_and_title(client, full_article):
    html = get_html(client, full_article)
    canonical = "http://127.0.0.1:8000" + full_article.get_url_parts()[2]
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    bars = re.findall(r'<nav class="share-bar share-bar--(top|bottom)".*?</nav>', html, re.S)
    assert bars == ["top", "bottom"]
    for host in SHARE_HOSTS:
        links = re.findall(rf'href="https://{re.escape(host)}[^"]*"', html)
        assert len(links) == 2, host
        for link in links:
            assert quote(canonical, safe="") in link
            assert quote(full_article.title, safe="") in link.replace("&amp;", "&")
    assert '<script src="https://' not in html


def test_body_is_semantic_html_and_the_lead_is_not_repeated(client, full_article):
    html = get_html(client, full_article)
    assert '<p class="lead">A lead paragraph shown above the body.</p>' in html
    # Five places: the lead itself, the meta description, og:description,
    # twitter:description and the JSON-LD description.
    assert html.count("A lead paragraph shown above the body.") == 5
    body = html.split('<div class="article-body">', 1)[1].split('<aside class="correction"', 1)[0]
    assert "A lead paragraph" not in body
    assert "<h2>What the plan covers</h2>" in body
    assert "<blockquote>Water comes first.</blockquote>" in body
    assert re.search(r'<cite><a href="/en/topics/aida-sultanova/">Aida Sultanova</a></cite>', body)
    assert "<ul><li>pumps</li><li>pipes</li></ul>" in body
    assert "<ol><li>first</li><li>second</li></ol>" in body
    assert re.search(r"<figure class=\"figure\">\s*<picture>.*?<img [^>]*alt=\"Dam\"", body)
    assert (
        '<figcaption>The dam at dawn <small class="credit">Photo: Vestnik</small></figcaption>'
        in body
    )
    assert '<h2 class="factbox-title">In numbers</h2>' in body


def test_video_embed_is_a_click_to_load_placeholder(client, full_article):
    html = get_html(client, full_article)
    assert "<iframe" not in html
    assert 'data-player="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert not re.search(r'(src|srcset)="https?://(?!127\.0\.0\.1)', html), "no third-party request"


def test_tags_entities_and_correction_note_are_shown(client, full_article):
    html = get_html(client, full_article)
    assert '<a href="/en/tags/water/">#water</a>' in html
    assert '<a href="/en/topics/aida-sultanova/">Aida Sultanova</a>' in html
    assert "An earlier version misstated the length of the mains." in html


def test_updated_time_is_shown_only_after_a_later_republish(client, full_article):
    assert "Updated" not in get_html(client, full_article)
    full_article.first_published_at = timezone.now() - timedelta(hours=3)
    full_article.save_revision().publish()
    html = get_html(client, full_article)
    assert '<span class="updated">Updated' in html


def test_byline_resolves_authors_to_the_readers_edition(client, editions):
    russian = factories.author("ru", "Айгуль", "Маматова")
    english = russian.copy_for_translation(factories.locale("en"))
    english.title, english.slug = "Aigul Mamatova", "aigul-mamatova"
    english.save_revision().publish()
    article = factories.article("en", authors=[russian])
    html = get_html(client, article)
    assert '<a rel="author" href="/en/authors/aigul-mamatova/">Aigul Mamatova</a>' in html
    assert "Маматова" not in html.split('<span class="byline">', 1)[1].split("</span>", 1)[0]
    assert AuthorPage.objects.filter(translation_key=russian.translation_key).count() == 2
