"""``{% feed_links page %}``: the feeds of a home, rubric, author or tag page, for the
head of the base template. No query: the address comes from the page's own fields."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse

from vestnik.newsroom.models import AuthorPage, HomePage, RubricPage, TagIndexPage

register = template.Library()

FORMATS = (("rss", "application/rss+xml", "RSS"), ("atom", "application/atom+xml", "Atom"))


def _scope(context, page) -> tuple[str, dict[str, str]] | None:
    if isinstance(page, HomePage):
        return "site", {}
    if isinstance(page, RubricPage):
        # url_path is "/<home slug>/<rubric>/[<sub-rubric>/]": the key is the rubric part.
        return "rubric", {"key": page.url_path.split("/", 2)[2].rstrip("/")}
    if isinstance(page, AuthorPage):
        return "author", {"key": page.slug}
    if isinstance(page, TagIndexPage) and context.get("tag") is not None:
        return "tag", {"key": context["tag"].slug}
    return None


@register.inclusion_tag("distribution/feed_links.html", takes_context=True)
def feed_links(context, page):
    scope = _scope(context, page)
    if scope is None:
        return {"feeds": []}
    kind, kwargs = scope
    title = context["tag"].name if kind == "tag" else page.title
    feeds = [
        {
            "type": mime_type,
            "title": f"{title} ({label})",
            "href": settings.BASE_URL
            + reverse(f"feeds:{kind}", kwargs={**kwargs, "feed_format": fmt}),
        }
        for fmt, mime_type, label in FORMATS
    ]
    return {"feeds": feeds}
