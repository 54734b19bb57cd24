"""Thin views: the feeds, the sitemaps and robots.txt, all public and cacheable."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from vestnik.core.pagecache import mark_public
from vestnik.distribution.feeds import FEED_TYPES, ArticleFeed
from vestnik.distribution.sitemaps import all_sitemaps, index_entries


def _public(request, response: HttpResponse) -> HttpResponse:
    # Purged on publish like the pages (distribution/purging.py); the lifetime is a net.
    return mark_public(request, response, shared_seconds=settings.VESTNIK_FEED_MAX_AGE)


def feed(request, feed_format: str, kind: str = "site", key: str = "", full: bool = False):
    """``/<lang>/feeds/[<rubric|author|tag>/<key>/]<rss|atom>/[full/]``; 404 when the
    edition, rubric, author or tag is not there."""
    feed_type = FEED_TYPES.get(feed_format)
    if feed_type is None:
        raise Http404("No such feed format")
    return _public(request, ArticleFeed(feed_type, full)(request, kind=kind, key=key))


def sitemap_index(request):
    response = TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": index_entries()}, content_type="application/xml"
    )
    return _public(request, response)


def sitemap(request, section: str):
    sitemaps = all_sitemaps()
    if section not in sitemaps:
        raise Http404("No such sitemap")
    template = "distribution/news_sitemap.xml" if section == "news" else "sitemap.xml"
    response = sitemap_views.sitemap(
        request, {section: sitemaps[section]}, section=section, template_name=template
    )
    return _public(request, response)


def robots_txt(request):
    index = settings.BASE_URL + reverse("distribution:sitemap_index")
    lines = ["User-agent: *", "Disallow: /admin/"]
    lines += [f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES]
    lines += ["", f"Sitemap: {index}", ""]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    return _public(request, response)
