"""Web pages: one article page's HTML becomes an article record.

The page's main text is found by trafilatura, which is handed the HTML we already have
(from the safe fetcher or a saved file) and never fetches anything itself. It drops
navigation, scripts, share bars and most advertising, and keeps the body's structure
(paragraphs, headings, quotes, lists, bold and italic), which is turned into HTML here;
boxes it tends to keep (newsletter sign-ups, share and cookie bars) are pruned by class
before it reads the page. Dates and bylines come from the page's schema.org JSON-LD when
it has them (they carry the time of day), else from trafilatura's reading of the meta
tags and the text.

Intended use (the ``vestnik import url`` command and the admin)::

    page = default_fetcher().fetch(url, accept=HTML_TYPES)
    records = parse_page(page.body, page.url, charset=page.charset, language="ru")
    # or, for a saved file: parse_page(path.read_bytes(), "https://site.example/the-url")

The records are a ``MediaRecord`` for the lead image (if any), then the ``ArticleRecord``,
whose ``external_id`` is the page's canonical URL when it names the same site.
"""

from __future__ import annotations

import codecs
import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import charset_normalizer
import lxml.etree
import lxml.html
import trafilatura
from trafilatura.htmlprocessing import convert_to_html

from vestnik.importers.records import ArticleRecord, MediaRecord, Record

# Boxes trafilatura may read as text; matched on class or id, so a page's own prose is
# never pruned for what it says.
BOILERPLATE = ("subscri", "newsletter", "share", "social", "cookie", "promo", "advert")
PRUNE = " | ".join(
    f"//*[contains(@class, '{word}') or contains(@id, '{word}')]" for word in BOILERPLATE
)
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_:.-]+)""", re.I)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
ARTICLE_TYPES = {"Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle"}


class WebPageError(ValueError):
    """A page that cannot be imported; the message names its URL and why."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")


def parse_page(
    content: bytes | str, url: str, *, charset: str = "", language: str = ""
) -> list[Record]:
    """The records of one article page at ``url``.

    ``charset`` is the one the server announced (else the page's own ``<meta>`` decides);
    ``language`` is the edition to import into, else the page's ``lang``. Raises
    ``WebPageError`` when the page has no article text, no title or no known language.
    """
    html = _decode(content, charset)
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as error:
        raise WebPageError(url, "the page is not HTML") from error
    # Read before trafilatura, which cleans the tree in place (scripts go first).
    linked = _json_ld(tree)
    language = language or _page_language(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_formatting=True,
        include_comments=False,
        include_images=False,
        prune_xpath=PRUNE,
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",  # keep the time of day when known
        },
    )
    if document is None or not isinstance(document, trafilatura.settings.Document):
        raise WebPageError(url, "no article text was found on the page")
    title = str(linked.get("headline") or document.title or "").strip()
    if not title:
        raise WebPageError(url, "the page has no title")
    if not language:
        raise WebPageError(url, "the page does not say its language: choose the edition")
    body_html = _body_html(document, title)
    if not body_html:
        raise WebPageError(url, "no article text was found on the page")

    records: list[Record] = []
    lead_image_id = None
    if document.image:
        image_url = urljoin(url, document.image)
        records.append(MediaRecord(external_id=image_url, url=image_url))
        lead_image_id = image_url
    records.append(
        ArticleRecord(
            external_id=_canonical(url, document.url),
            language=language,
            title=title,
            body_html=body_html,
            lead=(document.description or "").strip(),
            published_at=_date(linked.get("datePublished") or document.date),
            modified_at=_date(linked.get("dateModified")),
            author_names=_authors(linked.get("author")) or _split_authors(document.author),
            tags=tuple(t for t in document.tags or () if t),
            lead_image_id=lead_image_id,
            source_url=url,
        )
    )
    return records


def _decode(content: bytes | str, charset: str) -> str:
    """The page as text: the announced charset, else the declared one, else UTF-8, else
    a guess (old Russian sites often serve windows-1251 and declare nothing)."""
    if isinstance(content, str):
        text = content
    elif content.startswith(codecs.BOM_UTF8):
        text = content[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    else:
        text = _decode_bytes(content, charset)
    # lxml refuses text that still declares an encoding (XHTML's <?xml ...?>).
    return XML_DECLARATION.sub("", text, count=1)


def _decode_bytes(content: bytes, charset: str) -> str:
    declared = DECLARED_CHARSET.search(content[:4096])
    for name in (charset, declared.group(1).decode("ascii") if declared else ""):
        if name:
            try:
                return content.decode(name, errors="replace")
            except LookupError:
                continue  # an unknown charset name: try the next clue
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        guess = charset_normalizer.from_bytes(content[:65536]).best()
        return content.decode(guess.encoding if guess else "utf-8", errors="replace")


def _body_html(document: Any, title: str) -> str:
    """The extracted body as HTML, without a heading that only repeats the title."""
    body = document.body
    for element in body.iter("list"):
        if element.get("rend") == "ol":  # trafilatura turns every list into <ul>
            element.tag = "ol"
            element.attrib.clear()
    first = next(iter(body), None)
    if first is not None and first.tag == "head" and _text(first) == title:
        body.remove(first)
    converted = convert_to_html(body)[0]
    parts = [lxml.html.tostring(child, encoding="unicode") for child in converted]
    return "".join(parts).strip()


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _page_language(tree: Any) -> str:
    """The primary language subtag of ``<html lang>`` or ``og:locale``, lower case."""
    values = tree.xpath("/html/@lang | //meta[@property='og:locale']/@content")
    for value in values:
        code = str(value).replace("_", "-").split("-")[0].strip().lower()
        if code.isalpha():
            return code
    return ""


def _canonical(url: str, canonical: str | None) -> str:
    """The canonical URL when it is on the page's own site, else the URL itself.

    A page may not claim another site's address: that would let it stand in for an
    article imported from there.
    """
    if canonical:
        candidate = urljoin(url, canonical)
        if urlsplit(candidate).hostname == urlsplit(url).hostname:
            return urldefrag(candidate).url
    return urldefrag(url).url


def _json_ld(tree: Any) -> dict[str, Any]:
    """The page's schema.org article object, or an empty dict (broken JSON is ignored)."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        if isinstance(data, dict):
            data = data.get("@graph", [data])
        for item in data if isinstance(data, list) else []:
            if not isinstance(item, dict):  # a bare string or number: not an article
                continue
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if {kind for kind in kinds if isinstance(kind, str)} & ARTICLE_TYPES:
                return item
    return {}


def _authors(value: Any) -> tuple[str, ...]:
    """Names from a JSON-LD ``author``: a string, a Person, or a list of either."""
    values = value if isinstance(value, list) else [value]
    names = [v.get("name") if isinstance(v, dict) else v for v in values]
    return tuple(str(n).strip() for n in names if isinstance(n, str) and n.strip())


def _split_authors(value: str | None) -> tuple[str, ...]:
    # trafilatura joins the bylines it finds with "; ".
    return tuple(name.strip() for name in (value or "").split(";") if name.strip())


def _date(value: Any) -> datetime | None:
    """An ISO 8601 date or date and time; a date alone or a time without zone is UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
