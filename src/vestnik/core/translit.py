"""Cyrillic to Latin transliteration for slugs (BGN/PCGN, simplified for addresses).

Russian follows BGN/PCGN without apostrophes and diacritics; Kyrgyz letters use the
BGN/PCGN Kyrgyz table with ö and ü folded to o and u (as slugs need plain ASCII).
"""

from __future__ import annotations

import re
import unicodedata

_RUSSIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}  # fmt: skip
_KYRGYZ = {**_RUSSIAN, "ж": "j", "ң": "ng", "ө": "o", "ү": "u", "е": "e"}
_KYRGYZ_MARKERS = frozenset("ңөү")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’ʼ`]")


def is_kyrgyz(text: str) -> bool:
    """True when ``text`` has a letter found only in Kyrgyz (ң, ө, ү)."""
    return any(char in _KYRGYZ_MARKERS for char in text.lower())


def transliterate(text: str, *, kyrgyz: bool | None = None) -> str:
    """Latin form of ``text``; Latin input passes through unchanged."""
    table = _KYRGYZ if (is_kyrgyz(text) if kyrgyz is None else kyrgyz) else _RUSSIAN
    out = []
    for char in text:
        lower = char.lower()
        latin = table.get(lower)
        if latin is None:
            out.append(char)
        elif char != lower:
            out.append(latin[:1].upper() + latin[1:])
        else:
            out.append(latin)
    return "".join(out)


def slugify_any(text: str, *, max_length: int = 80, kyrgyz: bool | None = None) -> str:
    """An ASCII slug for any Russian, Kyrgyz or Latin text; never empty."""
    # "Putin's" -> "putins", not "putin-s".
    latin = unicodedata.normalize("NFKD", transliterate(_APOSTROPHES.sub("", text), kyrgyz=kyrgyz))
    ascii_text = latin.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "item"
