"""One page of every reader page type in every edition, for the HTML and a11y checks."""

from __future__ import annotations

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from tests import factories
from wagtail.images.models import Image

NAMES = {
    "ru": ("Айгуль", "Маматова", "Нарын", "вода", "Новая насосная станция в Нарыне"),
    "ky": ("Айгүл", "Маматова", "Нарын", "суу", "Нарында жаңы насос станциясы ачылды"),
    "en": ("Aigul", "Mamatova", "Naryn", "water", "Naryn opens a new pumping station"),
}


def _image() -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "teal").save(buffer, "PNG")
    return Image.objects.create(title="Pumping station", file=ImageFile(buffer, name="pump.png"))


def _body(person_id: int, image_id: int) -> list:
    return [
        ("paragraph", "<p>Engineers <b>finished</b> the work a week early.</p>"),
        ("subheading", "What changes"),
        (
            "quote",
            {"text": "The water is here to stay.", "attribution": "A. M.", "person": person_id},
        ),
        ("list", {"style": "bulleted", "items": ["new pumps", "new pipes"]}),
        ("list", {"style": "numbered", "items": ["first stage", "second stage"]}),
        ("image", {"image": image_id, "caption": "The station", "credit": "Vestnik"}),
        (
            "embed",
            {"url": "https://rutube.ru/video/0123456789abcdef0123456789abcdef/", "caption": ""},
        ),
        ("factbox", {"title": "Facts", "items": ["12 km of mains"]}),
    ]


def _conversation(article, name: str) -> None:
    """An approved comment with a link, and a reply to it, under the article."""
    from django.utils import timezone

    from vestnik.comments.services import CommentRecord, comment_record

    first = comment_record(
        CommentRecord(
            article_id=article.id,
            name=name,
            body="Good news. Details: https://example.org/naryn-water",
            state="approved",
            created_at=timezone.now(),
            website="https://example.org/",
        )
    )
    comment_record(
        CommentRecord(
            article_id=article.id,
            name="Reader",
            body="Thanks for the link.",
            state="approved",
            created_at=timezone.now(),
            parent_id=first.id,
        )
    )


def build() -> dict[str, dict[str, str]]:
    """Create the sample content; return {edition: {page type: URL path}}."""
    image = _image()
    urls: dict[str, dict[str, str]] = {}
    for code, (given, family, place, word, headline) in NAMES.items():
        author = factories.author(code, given, family)
        person = factories.entity(code, f"{given} {family}", kind="person")
        factories.entity(code, place, kind="place")
        tag = factories.tag(code, word)
        rows = {"authors": [author], "entities": [person], "tags": [tag]}
        article = factories.article(
            code, headline=headline, body=_body(person.id, image.id), **rows
        )
        for number in range(3):
            factories.article(
                code, headline=f"{headline} ({number + 2})", days_ago=number + 1, **rows
            )
        _conversation(article, given)
        path = article.get_url_parts()[2]
        urls[code] = {
            "home": f"/{code}/",
            "rubric": f"/{code}/politics/",
            "article": path,
            "author": author.get_url_parts()[2],
            "entity": person.get_url_parts()[2],
            "tag": f"/{code}/tags/{tag.slug}/",
            "authors": f"/{code}/authors/",
            "topics": f"/{code}/topics/",
            "comment form": f"/{code}/comments/{article.id}/write/",
        }
    return urls
