"""Reading an article page dump: bytes to text, and text to a ParsedArticle."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .blocks import ParsedBlock, build_blocks
from .byline import ParsedName, parse_byline

LANGUAGES = frozenset({"ru", "ky", "en"})


class TextImportError(ValueError):
    """A file that cannot be imported; the message names the file and, if known, the line."""

    def __init__(self, name: str, message: str, line: int | None = None):
        self.name = name
        self.message = message
        self.line = line
        where = name if line is None else f"{name}, line {line}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class ParsedArticle:
    """An article as found in the dump; `lead` is not repeated in `blocks`."""

    headline: str
    authors: tuple[ParsedName, ...]
    rubric: str | None
    lead: str
    blocks: tuple[ParsedBlock, ...]


# Bytes that do not occur in text files; tab, LF, VT, FF and CR do.
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])
_NON_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_MAX_CONTROL_SHARE = 0.10

# Share-button captions. Case-sensitive on purpose, so prose "ok" never matches.
_SHARE_NAME = r"(?:ВКонтакте|Одноклассники|WhatsApp|Telegram|VK|ВК|OK|ОК|X)"
_SHARE_SEPARATOR = r"(?:[ \t\u00a0]*[|·•/][ \t\u00a0]*|[ \t\u00a0]+)"
# At least three names in a row. The bar may be glued to the text around it
# ("long term.VK X OK", "TelegramThe mayor"), so its edges are: not inside a word,
# or right after a lowercase letter / right before a capitalised word.
_SHARE_BAR_RE = re.compile(
    rf"(?:(?<!\w)|(?<=[a-zа-яё])){_SHARE_NAME}(?:{_SHARE_SEPARATOR}{_SHARE_NAME}){{2,}}"
    r"(?:(?!\w)|(?=[A-ZА-ЯЁ][a-zа-яё]))"
)

# Footer markers; everything from the first one on is related links and comments.
# Multi-word markers may be followed by anything (a colon, a linked headline); the
# one-word ones only by a colon or a count, so a sentence opening with
# "Comments from residents ..." is not taken for the footer.
_FOOTER_RE = re.compile(
    r"^(?:(?:read\s+also|write\s+a\s+comment|читайте\s+также|читать\s+также"
    r"|написать\s+комментарий|добавить\s+комментарий|дагы\s+окуңуз"
    r"|окшош\s+жаңылыктар|комментарий\s+жазуу|пикир\s+жазуу)(?!\w).*"
    r"|(?:comments|комментарии)\s*(?::.*|\(?\d*\)?)?)$",
    re.IGNORECASE,
)

Line = tuple[int, str]  # (1-based line number in the dump, stripped text)


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    control = len(data.translate(None, _NON_CONTROL_BYTES))
    return control / len(data) > _MAX_CONTROL_SHARE


def _line_of_offset(data: bytes, offset: int) -> int:
    prefix = data[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return prefix.count(b"\n") + 1


def _decode_utf8(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TextImportError(
            name,
            f"the text is not UTF-8 (byte 0x{data[exc.start]:02X} cannot be read); "
            "save the file as UTF-8 and import it again",
            _line_of_offset(data, exc.start),
        ) from None


def normalise_text(text: str) -> str:
    """Drop a BOM, turn CRLF/CR into LF and compose Unicode (NFC)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode_article_bytes(
    data: bytes, *, name: str, max_bytes: int = 2_000_000, max_line_chars: int = 20_000
) -> str:
    """Decode an uploaded article dump into normalised text.

    Raises TextImportError (naming `name`) when the file is empty or only
    whitespace, larger than `max_bytes`, binary, not UTF-8 (with the line of the
    first bad byte), or has a line longer than `max_line_chars` (with its number).
    """
    if not data:
        raise TextImportError(name, "the file is empty")
    if len(data) > max_bytes:
        raise TextImportError(
            name, f"the file is {len(data):,} bytes; the limit is {max_bytes:,} bytes"
        )
    if _looks_binary(data):
        raise TextImportError(name, "the file is binary (an image or a document?), not plain text")
    text = normalise_text(_decode_utf8(data, name))
    if not text.strip():
        raise TextImportError(name, "the file contains only whitespace")
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > max_line_chars:
            raise TextImportError(
                name,
                f"the line has {len(line):,} characters; the limit is {max_line_chars:,}",
                number,
            )
    return text


def _lines_without_share_bars(text: str) -> list[Line]:
    """Non-blank stripped lines; a share bar is cut out and splits what it glued."""
    lines: list[Line] = []
    for number, raw in enumerate(normalise_text(text).split("\n"), start=1):
        for piece in _SHARE_BAR_RE.sub("\n", raw).split("\n"):
            if piece.strip():
                lines.append((number, piece.strip()))
    return lines


def _cut_footer(lines: list[Line]) -> list[Line]:
    # The headline itself is never treated as a footer marker.
    for index, (_, text) in enumerate(lines[1:], start=1):
        if _FOOTER_RE.match(text):
            return lines[:index]
    return lines


def parse_article_text(
    text: str, *, name: str, rubric_names: Iterable[str], lang: str
) -> ParsedArticle:
    """Parse the plain-text dump of an article page.

    Raises TextImportError when there is no headline or no body paragraph, and
    ValueError when `lang` is not "ru", "ky" or "en".
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {sorted(LANGUAGES)}")
    lines = _cut_footer(_lines_without_share_bars(text))
    if not lines:
        raise TextImportError(name, "no headline: the text has no content")
    (headline_line, headline), body = lines[0], lines[1:]
    authors: tuple[ParsedName, ...] = ()
    rubric: str | None = None
    byline = parse_byline(body[0][1], list(rubric_names)) if body else None
    if byline is not None:
        (authors, rubric), body = byline, body[1:]
    blocks = build_blocks([line for _, line in body], lang)
    lead_index = next((i for i, b in enumerate(blocks) if b.kind == "paragraph"), None)
    if lead_index is None:
        raise TextImportError(
            name, "no body paragraphs: only a headline, byline or titles were found", headline_line
        )
    lead = blocks.pop(lead_index).text
    return ParsedArticle(headline, authors, rubric, lead, tuple(blocks))
