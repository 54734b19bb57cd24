"""RSS 2.0 and Atom feeds of an edition, a rubric, an author or a tag (Django's
syndication framework: a ``Feed`` subclass and two small generator subclasses).

Every item carries its title, permalink (also its guid/id), publication and update
dates, authors, the lead as summary and the lead image as an enclosure; a ``full``
feed adds the body, passed through the one sanitiser so that nothing executable ends
up in a reader's feed reader.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import feedgenerator, translation
from django.utils.translation import gettext as _

from vestnik.core.public import absolute, page_url
from vestnik.core.sanitise import sanitise_feed_html
from vestnik.distribution import selectors
from vestnik.newsroom.models import ArticlePage

DCTERMS = "http://purl.org/dc/terms/"
_RELATIVE_URL = re.compile(r'\b(href|src)="/(?!/)')


class RssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the full text as ``content:encoded`` and the update date as
    ``dcterms:modified`` (RSS itself has no per-item update date)."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:dcterms": DCTERMS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("updateddate"):
            handler.addQuickElement(
                "dcterms:modified", item["updateddate"].isoformat(timespec="seconds")
            )
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class AtomFeed(feedgenerator.Atom1Feed):
    """Atom 1.0 with ``xml:lang`` on every entry and the full text as ``<content>``."""

    def item_attributes(self, item):
        return {**super().item_attributes(item), "xml:lang": self.feed["language"]}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


FEED_TYPES = {"rss": RssFeed, "atom": AtomFeed}


@dataclass
class FeedRequest:
    scope: selectors.FeedScope
    link: str
    feed_url: str


class ArticleFeed(Feed):
    """One feed class for every scope. The view makes one instance a request, with the
    format and whether the body is included, so no request state is shared."""

    def __init__(self, feed_type: type[feedgenerator.SyndicationFeed], full: bool) -> None:
        super().__init__()
        self.feed_type = feed_type
        self.full = full

    def get_object(self, request, kind="site", key=""):
        language = translation.get_language()
        scope = selectors.feed_scope(language, kind, key)
        link = page_url(scope.page, request)
        if scope.tag is not None:
            link += scope.page.specific.reverse_subpage("tag_listing", args=[scope.tag.slug])
        return FeedRequest(scope, link, settings.BASE_URL + request.path)

    def title(self, obj: FeedRequest) -> str:
        scope = obj.scope
        if scope.tag is not None:
            return f"#{scope.tag.name} — {settings.WAGTAIL_SITE_NAME}"
        if scope.kind == "site":
            return scope.page.title
        return f"{scope.page.title} — {settings.WAGTAIL_SITE_NAME}"

    def link(self, obj: FeedRequest) -> str:
        return obj.link

    def feed_url(self, obj: FeedRequest) -> str:
        return obj.feed_url

    def feed_guid(self, obj: FeedRequest) -> str:
        # Atom's feed id: each variant (format, full or not) is a feed of its own.
        return obj.feed_url

    def description(self, obj: FeedRequest) -> str:
        return _("Latest articles: %(title)s") % {"title": self.title(obj)}

    def items(self, obj: FeedRequest) -> list[ArticlePage]:
        return selectors.feed_articles(obj.scope, full=self.full)

    def get_feed(self, obj, request):
        with translation.override(obj.scope.locale.language_code):
            return super().get_feed(obj, request)

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.lead

    def item_link(self, item: ArticlePage) -> str:
        return page_url(item)

    def item_guid_is_permalink(self, item: ArticlePage) -> bool:
        return True

    def item_author_name(self, item: ArticlePage) -> str:
        return ", ".join(item.feed_authors) or settings.WAGTAIL_SITE_NAME

    def item_pubdate(self, item: ArticlePage):
        return item.first_published_at

    def item_updateddate(self, item: ArticlePage):
        return item.last_published_at or item.first_published_at

    def item_enclosures(self, item: ArticlePage) -> list[feedgenerator.Enclosure]:
        rendition = item.feed_enclosure
        if rendition is None:
            return []
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        try:
            length = rendition.file.size
        except OSError:  # a rendition whose file went missing: no enclosure, not a 500
            return []
        return [feedgenerator.Enclosure(absolute(rendition.url), str(length), mime_type)]

    def item_extra_kwargs(self, item: ArticlePage) -> dict[str, str]:
        if not self.full:
            return {}
        body = sanitise_feed_html(str(item.body))
        # Feed readers show the body on their own pages: site-relative addresses made absolute.
        return {"content": _RELATIVE_URL.sub(rf'\1="{settings.BASE_URL}/', body)}
