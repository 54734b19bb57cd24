"""The newsroom that the feed and sitemap tests read, built once per test class.

Each edition has one article that every one of its feeds lists; the Russian edition
also has a draft, a scheduled article and a private one with the same rubric, author
and tag, which must appear nowhere. Publication times straddle the 48 hours of the
Google News sitemap.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from tests import factories
from wagtail.images.models import Image
from wagtail.models import PageViewRestriction

from vestnik.newsroom.models import ArticlePage, AuthorPage, Tag

# Markup that must never reach a feed reader, and a site-relative link that must be made absolute.
UNSAFE_BODY = (
    '<p>Water rates <b onclick="steal()">rise</b><script>alert(1)</script> '
    '<a href="/ru/politics/">see the rubric</a>.</p>'
)


def make_image(name: str = "dam.png") -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    return Image.objects.create(title=name, file=ImageFile(buffer, name=name))


def url(page) -> str:
    return settings.BASE_URL + page.url


@dataclass
class Edition:
    """One edition's author and tag, and the articles its feeds list, newest first."""

    code: str
    author: AuthorPage
    tag: Tag
    rubric_slug: str
    listed: dict[str, list[ArticlePage]]  # by feed kind: site, rubric, author, tag


def _with_lead_image(article: ArticlePage, image: Image) -> ArticlePage:
    article.lead_image = image
    article.save(update_fields=["lead_image"])
    return article


def _every_kind(articles: list[ArticlePage]) -> dict[str, list[ArticlePage]]:
    return dict.fromkeys(("site", "rubric", "author", "tag"), articles)


def build() -> dict:
    image = make_image()
    people = {
        "ru": factories.author("ru", "Айгуль", "Бекова"),
        "ky": factories.author("ky", "Бакыт", "Осмонов"),
        "en": factories.author("en", "Dana", "Ellis"),
    }
    tags = {
        "ru": factories.tag("ru", "вода"),
        "ky": factories.tag("ky", "суу"),
        "en": factories.tag("en", "dams"),
    }

    def article(code, rubric_slug, days_ago, **fields):
        return factories.article(
            code,
            rubric_slug,
            days_ago=days_ago,
            authors=[people[code]],
            tags=[tags[code]],
            **fields,
        )

    ru_recent = _with_lead_image(
        article(
            "ru",
            "politics",
            47 / 24,
            headline="Тарифы на воду растут",
            body=[("paragraph", UNSAFE_BODY)],
        ),
        image,
    )
    ky_day_old = _with_lead_image(article("ky", "economy", 1, headline="Суу тарифтери"), image)
    en_old = _with_lead_image(article("en", "politics", 49 / 24, headline="Old dam news"), image)
    # The Russian article's English version: same translation key, its own slug and URL.
    en_translation = ArticlePage.objects.get(id=ru_recent.id).copy_for_translation(
        factories.locale("en")
    )
    en_translation.title = en_translation.draft_title = "Water rates rise"
    en_translation.slug = "water-rates-rise"
    en_translation.save()
    factories.publish(en_translation)
    en_translation = ArticlePage.objects.get(id=en_translation.id)
    # The Russian author's English page (a translation, romanised): the translated
    # article's byline in English.
    translated_author = factories.author("en", "Айгуль", "Бекова")

    draft = article("ru", "politics", None, headline="Черновик о воде", publish=False)
    scheduled = article("ru", "politics", None, headline="Запланировано о воде", publish=False)
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    factories.publish(scheduled)
    private = article("ru", "politics", 1, headline="Закрыто о воде")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    both_en = [en_translation, en_old]  # the translation keeps the Russian byline and tag
    editions = {
        "ru": Edition("ru", people["ru"], tags["ru"], "politics", _every_kind([ru_recent])),
        "ky": Edition("ky", people["ky"], tags["ky"], "economy", _every_kind([ky_day_old])),
        "en": Edition(
            "en",
            people["en"],
            tags["en"],
            "politics",
            {"site": both_en, "rubric": both_en, "author": [en_old], "tag": [en_old]},
        ),
    }
    return {
        "editions": editions,
        "ru_recent": ru_recent,
        "ky_day_old": ky_day_old,
        "en_old": en_old,
        "en_translation": en_translation,
        "hidden": [draft, ArticlePage.objects.get(id=scheduled.id), private],
        "image": image,
        "translated_author": translated_author,
    }
