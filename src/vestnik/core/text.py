"""Plain text out of article content, and word stems for matching (Snowball)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import snowballstemmer
from django.utils.html import strip_tags

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_STEMMER_LANGUAGES = {"ru": "russian", "en": "english"}
# Kyrgyz has no Snowball stemmer; a fixed-length prefix groups its suffixed forms well enough.
_PREFIX_STEM = 6


@lru_cache(maxsize=4)
def _stemmer(language_code: str):
    name = _STEMMER_LANGUAGES.get(language_code)
    return snowballstemmer.stemmer(name) if name else None


def stems(text: str, language_code: str) -> list[str]:
    """Lower-cased stems of the words of ``text`` (3 letters or more) in document order."""
    words = [word.lower() for word in _WORD.findall(text)]
    stemmer = _stemmer(language_code)
    if stemmer is None:
        return [word[:_PREFIX_STEM] for word in words]
    return stemmer.stemWords(words)


def stream_text(body: Iterable) -> Iterator[str]:
    """The reader-visible text of each block of an article body, as plain text."""
    for block in body:
        value = block.value
        kind = block.block_type
        if kind == "paragraph":
            yield strip_tags(value.source if hasattr(value, "source") else str(value))
        elif kind == "subheading":
            yield str(value)
        elif kind == "quote":
            yield f"{value['text']} {value['attribution']}"
        elif kind in ("list", "factbox"):
            yield " ".join(str(item) for item in value["items"])
            if kind == "factbox":
                yield value["title"]
        elif kind in ("image", "embed"):
            yield value.get("caption") or ""
