"""What search engines and social networks read from an article: schema.org JSON-LD
(``NewsArticle`` and ``BreadcrumbList``) and the OpenGraph / Twitter card values.

Every address is absolute and built from ``settings.BASE_URL``, never from the request's
Host header, so a forged header cannot put another site's address into a cached page.
Nothing here queries the database beyond the lead image's rendition: the authors, the
rubric, the breadcrumb trail and the translations come from the page's context.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.images import get_image_dimensions
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from vestnik.core.public import absolute, rendition_or_none
from vestnik.newsroom.models import ArticlePage

# Large enough for Google Discover and the social networks' large cards (1.91:1).
LEAD_IMAGE_SPEC = "fill-1200x630"
# OpenGraph wants a territory; the editions' languages map to the newsroom's.
OG_LOCALES = {"ru": "ru_RU", "ky": "ky_KG", "en": "en_GB"}
# Django's json_script escapes: no "</script>" or "<!--" can end the script element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Picture:
    url: str
    width: int
    height: int

    def as_schema(self) -> dict[str, Any]:
        return {"@type": "ImageObject", "url": self.url, "width": self.width, "height": self.height}


def iso_time(value) -> str | None:
    """ISO 8601 in the site's time zone, to the second, with its offset."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def og_locale(language_code: str) -> str:
    return OG_LOCALES.get(language_code, language_code.replace("-", "_"))


@lru_cache(maxsize=4)
def publisher_logo(name: str) -> Picture:
    """The publisher's logo (a static file): its real size, read once per process."""
    width, height = get_image_dimensions(finders.find(name))
    return Picture(absolute(static(name)), width or 0, height or 0)


def lead_picture(article: ArticlePage) -> Picture | None:
    """The lead image's social rendition, or None (two queries with an image)."""
    if not article.lead_image_id or article.lead_image is None:
        return None
    rendition = rendition_or_none(article.lead_image, LEAD_IMAGE_SPEC)
    if rendition is None:
        return None
    return Picture(absolute(rendition.url), rendition.width, rendition.height)


def news_article(
    article: ArticlePage,
    *,
    url: str,
    authors: list[tuple[str, str]],
    section: str | None,
    picture: Picture | None,
) -> dict[str, Any]:
    """schema.org ``NewsArticle``; ``authors`` are (name, absolute author-page URL)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.search_description or article.lead,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": article.locale.language_code,
        "datePublished": iso_time(article.first_published_at),
        "dateModified": iso_time(article.last_published_at or article.first_published_at),
        "publisher": {
            "@type": "Organization",
            "name": settings.WAGTAIL_SITE_NAME,
            "url": absolute("/"),
            "logo": publisher_logo(settings.VESTNIK_PUBLISHER_LOGO).as_schema(),
        },
    }
    if authors:  # an agency item may have none: no author rather than an empty one
        data["author"] = [{"@type": "Person", "name": n, "url": link} for n, link in authors]
    if section:
        data["articleSection"] = section
    if picture:
        data["image"] = [picture.as_schema()]
    return data


def breadcrumb_list(items: list[tuple[str, str]]) -> dict[str, Any]:
    """schema.org ``BreadcrumbList`` of (name, absolute URL), the page itself last."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": link}
            for number, (name, link) in enumerate(items, start=1)
        ],
    }


def json_ld(data: Any) -> SafeString:
    """``data`` as the body of a ``<script type="application/ld+json">``: whatever the
    strings hold (a headline with ``</script>``), it cannot leave the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308 (escaped above)
