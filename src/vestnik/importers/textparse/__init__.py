"""Parser for plain-text dumps of news article pages (Vestnik import)."""

from .blocks import ParsedBlock
from .byline import ParsedName
from .reader import ParsedArticle, TextImportError, decode_article_bytes, parse_article_text

__all__ = [
    "ParsedArticle",
    "ParsedBlock",
    "ParsedName",
    "TextImportError",
    "decode_article_bytes",
    "parse_article_text",
]
