"""Feeds live under each edition's prefix (``/<lang>/feeds/...``, namespace ``feeds``);
the sitemaps and robots.txt at the site's root (``root_urlpatterns``, namespace
``distribution``)."""

from django.urls import path, register_converter

from vestnik.distribution import views


class FeedFormatConverter:
    regex = "rss|atom"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FeedFormatConverter, "feedformat")

_SCOPES = [
    ("site", ""),
    ("rubric", "rubric/<path:key>/"),
    ("author", "author/<slug:key>/"),
    ("tag", "tag/<slug:key>/"),
]

# Names: site, site_full, rubric, rubric_full, author, author_full, tag, tag_full.
urlpatterns = [
    path(
        f"{prefix}<feedformat:feed_format>/{'full/' if full else ''}",
        views.feed,
        {"kind": kind, "full": full},
        name=f"{kind}_full" if full else kind,
    )
    for kind, prefix in _SCOPES
    for full in (False, True)
]

root_urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", views.sitemap, name="sitemap"),
]
