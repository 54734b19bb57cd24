"""The byline line: author names and the rubric that closes it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ParsedName:
    """One author; `written` keeps the name as it appeared in the byline."""

    given: str
    family: str
    written: str


# Kyrgyz patronymic particles ("Айбек Осмон уулу") are lowercase but part of the name.
PARTICLES = frozenset({"уулу", "кызы", "uulu", "kyzy"})

# Surname endings, strongest first. "Strong" endings are rare in given names; the
# weak -ин/-ина family also ends common given names (Марина, Ирина, Эркин), so it
# only decides when the other word has no ending at all.
_STRONG_ENDINGS = (
    "ская",
    "цкая",
    "ский",
    "цкий",
    "енко",
    "ова",
    "ева",
    "ёва",
    "ов",
    "ев",
    "ёв",
    "ук",
    "юк",
    "ых",
    "уулу",
    "кызы",
    "skaya",
    "skiy",
    "sky",
    "ski",
    "enko",
    "ova",
    "eva",
    "ov",
    "ev",
    "uk",
    "uulu",
    "kyzy",
)
_WEAK_ENDINGS = ("ина", "ына", "ин", "ын", "ina", "yna", "in", "yn")
_PATRONYMIC_ENDINGS = ("вич", "вна", "ична", "ьич", "vich", "vna", "ichna")
_MIN_STEM = 2  # "Лев" or "Ева" must not count as surnames

# A sentence-like line (ends with terminal punctuation) is body text, not a byline.
_SENTENCE_END = (".", "!", "?", "…")
_BYLINE_MAX_CHARS = 80
_AUTHOR_SPLIT_RE = re.compile(r"\s*[,;]\s*|\s+(?:и|and|жана|&)\s+")
_AUTHOR_PREFIX_RE = re.compile(r"^(?:by|авторы?|текст|text)\s*:?\s+", re.IGNORECASE)
_TRAILING_SEPARATORS = " \t,;|·•—–-/:"


def surname_score(word: str) -> int:
    """2 for a strong surname ending, 1 for a weak one, 0 otherwise."""
    tail = word.casefold().rsplit("-", 1)[-1]
    for score, endings in ((2, _STRONG_ENDINGS), (1, _WEAK_ENDINGS)):
        for ending in endings:
            if tail.endswith(ending) and len(tail) - len(ending) >= _MIN_STEM:
                return score
    return 0


def is_patronymic(word: str) -> bool:
    """True for Russian-style patronymics (Сергеевна, Nurgozhoevich)."""
    return word.casefold().endswith(_PATRONYMIC_ENDINGS)


def _is_name_word(word: str) -> bool:
    return word[0].isupper() or word.casefold() in PARTICLES


def _order_two(first: str, second: str) -> tuple[str, str]:
    """(given, family) for a two-word name; ties keep the given-first order."""
    if surname_score(first) > surname_score(second):
        return second, first
    return first, second


def _order_three(words: Sequence[str]) -> tuple[str, str]:
    """(given, family) for a three-word name; the patronymic stays with the given name."""
    first, second, third = words
    if third.casefold() in PARTICLES:  # Айбек Осмон уулу
        return first, f"{second} {third}"
    if second.casefold() in PARTICLES:  # Осмон уулу Айбек
        return third, f"{first} {second}"
    if is_patronymic(third):  # Арестова Татьяна Сергеевна
        return f"{second} {third}", first
    if is_patronymic(second):  # Татьяна Сергеевна Арестова
        return f"{first} {second}", third
    if surname_score(first) > max(surname_score(second), surname_score(third)):
        return f"{second} {third}", first
    return f"{first} {second}", third


def parse_name(written: str) -> ParsedName | None:
    """Parse a 2- or 3-word personal name; None when it does not look like one."""
    words = written.split()
    if len(words) not in (2, 3) or not all(_is_name_word(w) for w in words):
        return None
    given, family = _order_two(*words) if len(words) == 2 else _order_three(words)
    return ParsedName(given=given, family=family, written=" ".join(words))


def split_authors(text: str) -> list[str]:
    """Split the author part of a byline at commas and at "и"/"and"/"жана"."""
    text = _AUTHOR_PREFIX_RE.sub("", text.strip().rstrip(_TRAILING_SEPARATORS))
    return [piece.strip() for piece in _AUTHOR_SPLIT_RE.split(text) if piece.strip()]


def match_rubric(line: str, rubric_names: Sequence[str]) -> tuple[str, str] | None:
    """(rubric, text before it) when the line ends with a known rubric.

    Longest names are tried first so "In the world" wins over "World".
    """
    stripped = line.rstrip()
    folded = stripped.casefold()
    for rubric in sorted(rubric_names, key=len, reverse=True):
        wanted = rubric.strip().casefold()
        if not wanted or not folded.endswith(wanted):
            continue
        cut = len(stripped) - len(rubric.strip())
        # The rubric must be a whole word: "Economy" must not match "...Geoeconomy".
        if cut == 0 or not stripped[cut - 1].isalnum():
            return rubric, stripped[:cut]
    return None


def _author_or_label(piece: str) -> ParsedName:
    # A byline with a known rubric is trusted even when a piece is not a personal
    # name ("Редакция"); the text is kept whole as the family name.
    return parse_name(piece) or ParsedName(given="", family=piece, written=piece)


def parse_byline(
    line: str, rubric_names: Sequence[str]
) -> tuple[tuple[ParsedName, ...], str | None] | None:
    """(authors, rubric) when `line` is a byline, else None (the line is body text)."""
    matched = match_rubric(line, rubric_names)
    if matched is not None:
        rubric, before = matched
        return tuple(_author_or_label(p) for p in split_authors(before)), rubric
    if len(line) > _BYLINE_MAX_CHARS or line.rstrip().endswith(_SENTENCE_END):
        return None
    # Without a rubric to anchor it, accept the line only if every piece is a name;
    # otherwise a short first body line would be swallowed as an author.
    names = [parse_name(piece) for piece in split_authors(line)]
    if not names or any(name is None for name in names):
        return None
    return tuple(n for n in names if n is not None), None
