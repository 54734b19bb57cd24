"""Cyrillic to Latin: BGN/PCGN romanisation for names and slugs.

Russian follows BGN/PCGN without apostrophes and diacritics (ъ and ь are dropped; е and
ё are "ye" at the start of a word and after a vowel, й, ъ or ь, else "e"): ``Татьяна
Арестова`` -> ``Tatyana Arestova``, ``Елена`` -> ``Yelena``.

Kyrgyz text (any word with ң, ө or ү, or anything the caller marks as Kyrgyz, such as a
name written in the Kyrgyz edition) follows the BGN/PCGN Kyrgyz table, which differs from
the Russian one in ж -> j, ң -> ng, ө -> ö, ү -> ü. Slugs always fold ö and ü to o and u;
names do too unless ``diacritics=True`` (``VESTNIK_TRANSLIT_DIACRITICS``), as
English-language media write them: ``Өмүрбекова Жылдыз`` -> ``Omurbekova Jyldyz``,
``Жапаров`` -> ``Japarov``.
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
_KYRGYZ = {**_RUSSIAN, "ж": "j", "ң": "ng", "ө": "ö", "ү": "ü"}
_KYRGYZ_MARKERS = frozenset("ңөү")
# After these (or at the start of a word) е and ё are "ye".
_YE_AFTER = frozenset("аеёиоуыэюяөүйъь")
_FOLD = str.maketrans({"ö": "o", "ü": "u", "Ö": "O", "Ü": "U"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’ʼ`]")


def is_kyrgyz(text: str) -> bool:
    """True when ``text`` has a letter found only in Kyrgyz (ң, ө, ү)."""
    return any(char in _KYRGYZ_MARKERS for char in text.lower())


def _letter(lower: str, previous: str, table: dict[str, str]) -> str | None:
    if lower in "её" and (not previous.isalpha() or previous in _YE_AFTER):
        return "ye"
    return table.get(lower)


def _cased(latin: str, char: str, neighbour: str) -> str:
    if char.islower() or not latin:
        return latin
    # An all-capitals word stays in capitals ("ЖЫЛДЫЗ" -> "JYLDYZ"); else "Ж" -> "Zh".
    return latin.upper() if neighbour.isupper() else latin[0].upper() + latin[1:]


def transliterate(text: str, *, kyrgyz: bool | None = None, diacritics: bool = False) -> str:
    """Latin form of ``text``; Latin input passes through unchanged.

    ``kyrgyz=None`` decides per word: a word with ң, ө or ү takes the Kyrgyz table.
    """
    words = re.split(r"(\W+)", text)
    out = []
    for word in words:
        table = _KYRGYZ if (is_kyrgyz(word) if kyrgyz is None else kyrgyz) else _RUSSIAN
        previous = ""
        for index, char in enumerate(word):
            lower = char.lower()
            latin = _letter(lower, previous, table)
            if latin is None:
                out.append(char)
            else:
                following = word[index + 1] if index + 1 < len(word) else previous
                out.append(_cased(latin, char, following))
            previous = lower
    latin_text = "".join(out)
    return latin_text if diacritics else latin_text.translate(_FOLD)


def slugify_any(text: str, *, max_length: int = 80, kyrgyz: bool | None = None) -> str:
    """An ASCII slug for any Russian, Kyrgyz or Latin text; never empty."""
    # "Putin's" -> "putins", not "putin-s".
    latin = unicodedata.normalize("NFKD", transliterate(_APOSTROPHES.sub("", text), kyrgyz=kyrgyz))
    ascii_text = latin.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "item"


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)
