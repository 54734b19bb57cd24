"""DataLife Engine's stored text as plain, well-formed HTML.

DLE keeps a story as HTML sprinkled with its own markers (``<!--dle_image_begin:…-->``,
``<!--TBegin-->``, ``<!--QuoteBegin-->``, leech links through ``engine/go.php?url=BASE64``,
``{PAGEBREAK}``) and, on sites whose editors typed it or whose old versions stored it raw,
BBCode. Here both become ordinary tags; the result is closed and nested properly (nh3
re-serialises it) and holds nothing executable. The import pipeline's sanitiser narrows it
further to what a Vestnik body keeps: this module only makes it structurally right.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from urllib.parse import parse_qs, urlsplit

import nh3

# What a converted story may still carry: structure, inline formatting, links, images.
STORY_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "s", "del", "sub", "sup", "a", "img",
    "blockquote", "h2", "h3", "h4", "ul", "ol", "li", "pre", "code", "figure", "figcaption",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
STORY_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"}}
SAFE_SCHEMES = {"http", "https", "mailto"}

# DLE's own markers around what it generated from BBCode; the HTML inside stays.
_QUOTE_OPEN = re.compile(r"<!--QuoteBegin(?:\s[^>]{0,200})?-->.{0,500}?<!--QuoteEBegin-->", re.S)
_QUOTE_CLOSE = re.compile(r"<!--QuoteEnd-->.{0,100}?<!--QuoteEEnd-->", re.S)
_SPOILER_TITLE = re.compile(
    r"<!--dle_spoiler(?:\s[^>]{0,300})?-->.{0,1000}?<!--spoiler_title_end-->", re.S
)
# A thumbnail linked to its full image: the full image is what the article shows.
_THUMB = re.compile(r"<!--TBegin:([^|>]{1,2048})(?:\|[^>]{0,100})?-->(.{0,3000}?)<!--TEnd-->", re.S)
_ALT = re.compile(r"""\balt=(["'])([^"'<>]{0,500})\1""")
# Players DLE built for [video=], [audio=] and [media=] (frames and scripts): their address.
_PLAYER = re.compile(
    r"<!--dle_(video|audio|media)_begin:([^>]{1,2048}?)-->.{0,20000}?<!--dle_\1_end-->"
    r"|\[(video|audio|media)=([^\]\[<>\s]{1,2048})\]",
    re.S | re.I,
)
_PAGEBREAK = re.compile(r"\{PAGEBREAK\}|\[page=\d{1,4}\]|\[/page\]", re.I)
_GO_LINK = re.compile(r"""href=(["'])([^"'<>]{0,4000}?engine/go\.php\?url=[^"'<>]{0,4000})\1""")

# BBCode. Content-bearing tags are matched whole with bounded, bracket-free content, so
# that a story full of unclosed ``[img]`` stays linear to convert.
_IMG = re.compile(r"\[img(?:=[^\]\[]{0,100})?\]\s*([^\[\]<>\"'\s]{1,2048})\s*\[/img\]", re.I)
_BARE_URL = re.compile(r"\[(url|leech)\]\s*([^\[\]<>\"'\s]{1,2048})\s*\[/\1\]", re.I)
_TAG = re.compile(
    r"\[(/?)(b|i|u|s|url|leech|quote|spoiler|center|left|right|justify|color|size|font"
    r"|hide|code|list|h[1-6])(?:=([^\]\[]{0,300}))?\]|\[\*\]",
    re.I,
)
_SIMPLE = {"b": "strong", "i": "em", "u": "u", "s": "s", "code": "code"}
_HEADING = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}


def safe_url(value: str) -> str:
    """``value`` if it is an http(s) or mailto address or a site-relative path, else ""."""
    value = html.unescape(value).strip().strip("\"'")
    if value.startswith("/") and not value.startswith("//"):
        return value
    scheme = urlsplit(value).scheme.lower()
    return value if scheme in SAFE_SCHEMES else ""


def _unleech(match: re.Match[str]) -> str:
    """A leech link's real address: DLE hides it base64-encoded behind its redirector."""
    query = urlsplit(html.unescape(match.group(2))).query
    encoded = parse_qs(query).get("url", [""])[0]
    try:
        target = base64.b64decode(encoded + "=" * (-len(encoded) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        target = ""
    return f'href="{html.escape(safe_url(target))}"'


def _thumb(match: re.Match[str]) -> str:
    src = safe_url(match.group(1))
    alt = _ALT.search(match.group(2))
    alt_text = alt.group(2) if alt else ""
    return f'<img src="{html.escape(src)}" alt="{alt_text}">' if src else match.group(2)


def _player(match: re.Match[str]) -> str:
    """A player as a link to what it played (the first of its comma-separated sources)."""
    listed = match.group(2) or match.group(4) or ""
    href = safe_url(re.split(r"[,|]", listed, maxsplit=1)[0])
    return f'<p><a href="{html.escape(href)}">{html.escape(href)}</a></p>' if href else ""


def _img(match: re.Match[str]) -> str:
    src = safe_url(match.group(1))
    return f'<img src="{html.escape(src)}" alt="">' if src else ""


def _bare_url(match: re.Match[str]) -> str:
    return f"[url={match.group(2)}]{match.group(2)}[/url]"


def _open(name: str, arg: str) -> str | None:
    """The HTML that opens BBCode ``[name=arg]``; None when it opens nothing (styling)."""
    if name in _SIMPLE:
        return f"<{_SIMPLE[name]}>"
    if name in _HEADING:
        return f"<{_HEADING[name]}>"
    if name in ("url", "leech"):
        href = safe_url(arg)
        return f'<a href="{html.escape(href)}">' if href else "<a>"
    if name == "quote":
        return "<blockquote>"
    if name == "list":
        return "<ol>" if arg.strip() in ("1", "a", "A", "i", "I") else "<ul>"
    return None  # center, color, size, font, spoiler, hide: the text stays, the styling goes


def _close(opened: str | None) -> str:
    if opened is None:
        return ""
    name = opened[1:].split(">", 1)[0].split(" ", 1)[0]
    return f"</{name}>"


def bbcode_to_html(text: str) -> str:
    """BBCode in ``text`` as HTML tags; unknown, stray and unsafe codes lose their markup.

    A stack pairs each closing code with its opening one: a close without an open is
    dropped, codes left open at the end are closed, a ``[url=javascript:…]`` keeps its
    text and loses its link. ``[hide]`` (members only on the old site) keeps its text:
    the archive is public now.
    """
    text = _IMG.sub(_img, text)
    text = _BARE_URL.sub(_bare_url, text)
    out: list[str] = []
    stack: list[tuple[str, str | None]] = []  # (bbcode name, the HTML that opened it)
    position = 0
    for match in _TAG.finditer(text):
        out.append(text[position : match.start()])
        position = match.end()
        closing, name, arg = match.group(1), (match.group(2) or "*").lower(), match.group(3)
        if name == "*":
            if any(entry[0] == "list" for entry in stack):
                out.append("<li>")
            continue
        if not closing:
            opened = _open(name, arg or "")
            stack.append((name, opened))
            out.append(opened or "")
            continue
        if not any(entry[0] == name for entry in stack):
            continue
        while stack:
            entry_name, opened = stack.pop()
            out.append(_close(opened))
            if entry_name == name:
                break
    out.append(text[position:])
    out.extend(_close(opened) for _, opened in reversed(stack))
    return "".join(out)


def dle_markup_to_html(text: str) -> str:
    """Undo DLE's own markers: quotes become ``<blockquote>``, leech links point at their
    target again, thumbnails their full image, players a link to what they played,
    spoiler titles and page breaks go (the text stays)."""
    text = _THUMB.sub(_thumb, text)
    text = _PLAYER.sub(_player, text)
    text = _QUOTE_OPEN.sub("<blockquote>", text)
    text = _QUOTE_CLOSE.sub("</blockquote>", text)
    text = _SPOILER_TITLE.sub("", text)
    text = _PAGEBREAK.sub("", text)
    return _GO_LINK.sub(_unleech, text)


def story_to_html(text: str, base_url: str = "") -> str:
    """A DLE story (HTML, DLE markers, BBCode) as well-formed HTML with nothing executable.

    nh3 parses the result as a browser would, so unclosed and misnested tags come out
    closed, comments (the rest of DLE's markers) and scripts, styles and event handlers
    go, and links keep only http(s), mailto or site-relative addresses; with the old
    site's ``base_url`` its site-relative links and images become absolute, so the
    pipeline can fetch the images and tell the old site's links from others.
    """

    def absolute(tag: str, attribute: str, value: str) -> str:
        if attribute in ("href", "src") and value.startswith("/") and value[1:2] != "/":
            return f"{base_url}{value}"
        return value

    converted = bbcode_to_html(dle_markup_to_html(text or ""))
    return nh3.clean(
        converted,
        tags=STORY_TAGS,
        attributes=STORY_ATTRIBUTES,
        url_schemes=SAFE_SCHEMES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=absolute if base_url else None,
    ).strip()


_BREAK = re.compile(r"<br\s*/?>|</p\s*>|</div\s*>|</blockquote\s*>", re.I)


def comment_to_text(text: str) -> str:
    """A reader comment as plain text: DLE stored it as HTML (line breaks as ``<br>``)."""
    marked = _BREAK.sub("\n", story_to_html(text))
    plain = html.unescape(nh3.clean(marked, tags=set(), attributes={}))
    return re.sub(r"\n{3,}", "\n\n", plain).strip()
