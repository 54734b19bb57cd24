"""Sitemaps (django.contrib.sitemaps): one per edition with hreflang alternates, and a
Google News sitemap of the last 48 hours' articles.

Alternates come from Wagtail's translation key: an article's versions in the other
editions, wherever their slugs differ, plus ``x-default`` (the default language's
version), the same set the pages' own ``<link rel="alternate">`` tags list.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem  # type: ignore[attr-defined]
from django.db.models import Max
from django.urls import reverse
from wagtail.models import Locale, Page

from vestnik.core.public import page_url
from vestnik.distribution import selectors


class PublicSitemap(Sitemap):
    """Addresses on the public site (settings.BASE_URL), not on the host that asked."""

    limit = 50_000  # the sitemap protocol's maximum; larger sets are paginated

    def get_protocol(self, protocol=None):
        return urlsplit(settings.BASE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.BASE_URL).netloc

    def location(self, item: Page) -> str:
        return page_url(item).removeprefix(settings.BASE_URL)


class EditionSitemap(PublicSitemap):
    """Every visible page of one edition, with the other editions' versions."""

    def __init__(self, language: str) -> None:
        self.language = language

    def items(self):
        locale = Locale.objects.filter(language_code=self.language).first()
        return selectors.edition_pages(locale) if locale else Page.objects.none()

    def lastmod(self, item: Page):
        return item.last_published_at

    def get_latest_lastmod(self):
        # Django's default loads every item to find the newest; one aggregate instead.
        return self.items().aggregate(newest=Max("last_published_at"))["newest"]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        versions = selectors.translations_of([url["item"] for url in urls])
        for url in urls:
            alternates = {
                version.locale.language_code: page_url(version)
                for version in versions.get(url["item"].translation_key, [])
            }
            if len(alternates) < 2:
                continue
            ordered = [
                {"lang_code": code, "location": alternates[code]}
                for code, _name in settings.LANGUAGES
                if code in alternates
            ]
            default = alternates.get(settings.LANGUAGE_CODE, url["location"])
            url["alternates"] = [*ordered, {"lang_code": "x-default", "location": default}]
        return urls


class NewsSitemap(PublicSitemap):
    """Articles first published in the last 48 hours, every edition (Google News)."""

    limit = 1000  # Google News reads at most 1,000 addresses a sitemap

    def items(self):
        return selectors.news_articles()

    def lastmod(self, item: Page):
        return item.first_published_at

    def get_latest_lastmod(self):
        return self.items().aggregate(newest=Max("first_published_at"))["newest"]


def all_sitemaps() -> dict[str, Sitemap]:
    sitemaps: dict[str, Sitemap] = {
        code: EditionSitemap(code) for code, _name in settings.LANGUAGES
    }
    sitemaps["news"] = NewsSitemap()
    return sitemaps


def index_entries() -> list[SitemapIndexItem]:
    """The sitemap index: each section's address on the public site (settings.BASE_URL,
    where Django's own index view would use the host that asked), one entry a page."""
    entries = []
    for section, sitemap in all_sitemaps().items():
        location = settings.BASE_URL + reverse("distribution:sitemap", args=[section])
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        entries += [
            SitemapIndexItem(f"{location}?p={number}", lastmod)
            for number in range(2, sitemap.paginator.num_pages + 1)
        ]
    return entries
