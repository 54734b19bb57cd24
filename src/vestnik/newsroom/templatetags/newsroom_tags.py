"""Template helpers for reader pages: canonical links, share links, edition navigation."""

from __future__ import annotations

from urllib.parse import quote

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from vestnik.core.public import absolute, page_url
from vestnik.newsroom import metadata, selectors

register = template.Library()

# Share targets: plain links, no third-party script, no cookie until the reader clicks.
SHARE_TARGETS = (
    ("VK", "https://vk.com/share.php?url={url}&title={title}"),
    ("X", "https://x.com/intent/post?url={url}&text={title}"),
    ("OK", "https://connect.ok.ru/offer?url={url}&title={title}"),
    ("WhatsApp", "https://wa.me/?text={title}%20{url}"),
    ("Telegram", "https://t.me/share/url?url={url}&text={title}"),
)


@register.simple_tag(takes_context=True)
def canonical_url(context, page) -> str:
    """The page's absolute address on the public site (settings.BASE_URL).

    A routable page's sub-page (a tag's listing) sets ``canonical_path`` in the context.
    """
    if context.get("canonical_path"):
        return absolute(context["canonical_path"])
    return page_url(page, context.get("request"))


@register.inclusion_tag("newsroom/includes/share_bar.html", takes_context=True)
def share_bar(context, page, position: str = "top"):
    url = canonical_url(context, page)
    encoded_url, encoded_title = quote(url, safe=""), quote(page.title, safe="")
    links = [
        (name, pattern.format(url=encoded_url, title=encoded_title))
        for name, pattern in SHARE_TARGETS
    ]
    return {"links": links, "position": position}


@register.inclusion_tag("newsroom/includes/edition_nav.html", takes_context=True)
def edition_nav(context, page):
    """The rubric menu of the page's edition and links to the other editions."""
    homes = selectors.edition_homes()
    current = next((h for h in homes if h.locale_id == page.locale_id), None)
    translations = {p.locale_id: p for p in selectors.page_translations(page)}
    editions = [
        {
            "code": home.locale.language_code,
            "name": home.locale.get_display_name(),
            "page": translations.get(home.locale_id, home),
            "current": home.locale_id == page.locale_id,
        }
        for home in homes
    ]
    rubrics = selectors.rubrics_of_edition(current) if current else []
    return {
        "request": context.get("request"),
        "home": current,
        "rubrics": rubrics,
        "editions": editions,
        "current_page": page,
    }


@register.inclusion_tag("newsroom/includes/hreflang.html", takes_context=True)
def hreflang_links(context, page):
    """Reciprocal alternates: the page in every edition that has it, and ``x-default``
    (the default language's version, else this page). Sub-pages of routable pages (a
    tag's listing) have none: their translations are other objects."""
    if context.get("canonical_path"):
        return {"alternates": []}
    request = context.get("request")
    alternates = []
    for translation in selectors.page_translations(page):
        if translation.get_url_parts(request):
            alternates.append((translation.locale.language_code, page_url(translation, request)))
    if len(alternates) < 2:
        return {"alternates": []}
    codes = dict(alternates)
    default = codes.get(settings.LANGUAGE_CODE) or codes.get(page.locale.language_code)
    return {"alternates": [*alternates, ("x-default", default)]}


@register.inclusion_tag("newsroom/includes/og_locales.html", takes_context=True)
def og_locales(context, page):
    """``og:locale`` and an ``og:locale:alternate`` per other edition that has the page
    (none for a routable page's sub-page, as for hreflang)."""
    alternates = []
    if not context.get("canonical_path"):
        alternates = [
            metadata.og_locale(translation.locale.language_code)
            for translation in selectors.page_translations(page)
            if translation.locale_id != page.locale_id
        ]
    return {"locale": metadata.og_locale(page.locale.language_code), "alternates": alternates}


@register.inclusion_tag("newsroom/includes/article_meta.html", takes_context=True)
def article_meta(context, page):
    """The article's OpenGraph, Twitter card and JSON-LD, from what the page's context
    already holds (authors, rubric, breadcrumb trail): only the lead image costs queries."""
    request = context.get("request")
    url = canonical_url(context, page)
    rubric = context.get("rubric")
    picture = metadata.lead_picture(page)
    authors = [(a.title, page_url(a, request)) for a in context.get("authors", [])]
    trail = [(p.title, page_url(p, request)) for p in selectors.breadcrumb_trail(page)]
    structured = [
        metadata.news_article(
            page, url=url, authors=authors, section=rubric.title if rubric else None,
            picture=picture,
        ),
        metadata.breadcrumb_list([*trail, (page.title, url)]),
    ]  # fmt: skip
    return {
        "page": page,
        "rubric": rubric,
        "picture": picture,
        "json_ld": metadata.json_ld(structured),
    }


@register.simple_tag(takes_context=True)
def day_archive_url(context, page) -> str:
    """The listing of the page's edition on the day the page was first published."""
    trail = selectors.breadcrumb_trail(page)
    if not trail or not page.first_published_at:
        return ""
    day = timezone.localtime(page.first_published_at)
    home_url = trail[0].get_url(context.get("request")) or "/"
    return f"{home_url}{day.year:04d}/{day.month:02d}/{day.day:02d}/"


@register.inclusion_tag("newsroom/includes/breadcrumbs.html")
def breadcrumbs(page):
    """The edition's home, the rubrics above the page, then the page: one query."""
    return {"trail": selectors.breadcrumb_trail(page), "page": page}


@register.simple_tag
def language_code() -> str:
    return get_language() or settings.LANGUAGE_CODE


@register.filter
def machine_time(value) -> str:
    """A ``datetime`` attribute value: local time to the second, with its offset."""
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")
