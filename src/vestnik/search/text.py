"""Query cleaning, Snowball stems per language and highlighted snippets (no database)."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from vestnik.core.text import stems

MAX_QUERY = 200  # characters kept of a reader's query
MAX_TERMS = 12  # words of a query that count
SNIPPET_WORDS = 30
# PostgreSQL's text-search configuration of each edition; Kyrgyz has none of its own.
TS_CONFIGS = {"ru": "russian", "en": "english", "ky": "simple"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TOKEN = re.compile(r"\w+|\W+", re.UNICODE)
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)  # as core.text.stems counts words


def query_clean(raw: str) -> str:
    """The reader's query without control characters (NUL included), trimmed and bounded."""
    return " ".join(_CONTROL.sub(" ", raw[: MAX_QUERY * 4]).split())[:MAX_QUERY]


def query_words(query: str) -> list[str]:
    """Distinct lower-cased words of the query (letters only, 3 or more), at most MAX_TERMS."""
    return list(dict.fromkeys(word.lower() for word in _WORD.findall(query)))[:MAX_TERMS]


def query_stems(query: str, language_code: str) -> list[str]:
    """Distinct stems of the query's words, in order."""
    return list(dict.fromkeys(stems(" ".join(query_words(query)), language_code)))


# Stems are matched as prefixes: Snowball cuts some words shorter than their other forms
# ("визит" -> "виз" but "визитом" -> "визит"), so the query's stem must find the longer one.
def fts_match(query_stems_: list[str]) -> str:
    """An FTS5 MATCH expression: every stem a quoted prefix, all required (AND)."""
    return " ".join('"' + stem.replace('"', '""') + '"*' for stem in query_stems_)


def tsquery_prefixes(query: str) -> str:
    """A raw tsquery: each word a prefix, all required; words hold letters only, so no
    tsquery syntax survives. PostgreSQL stems each word with the edition's configuration."""
    return " & ".join(f"{word}:*" for word in query_words(query))


def snippet(text: str, terms: list[str], language_code: str) -> SafeString:
    """About SNIPPET_WORDS words of ``text`` around the first match, HTML-escaped,
    each word whose stem is among ``terms`` wrapped in <mark>."""
    wanted = tuple(terms)
    tokens = _TOKEN.findall(text)
    hits = [
        i
        for i, token in enumerate(tokens)
        if token[0].isalnum()
        and any(stem.startswith(term) for stem in stems(token, language_code) for term in wanted)
    ]
    start = max(0, (hits[0] if hits else 0) - SNIPPET_WORDS // 2)
    window = tokens[start : start + SNIPPET_WORDS * 2]
    marked = set(hits)
    out = ["… " if start else ""]
    for offset, token in enumerate(window):
        piece = escape(token)
        out.append(f"<mark>{piece}</mark>" if start + offset in marked else piece)
    if start + len(window) < len(tokens):
        out.append(" …")
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
