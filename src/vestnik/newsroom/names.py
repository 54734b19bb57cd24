"""People's names per edition: transliterated into Latin-script editions, never translated.

A name keeps the order its edition writes it in: the Cyrillic editions as the byline was
written (open.kg and most Kyrgyz outlets put the surname first), the English edition the
given name first. An editor overrides the order by editing the page's title.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from vestnik.core.translit import has_cyrillic, is_kyrgyz, transliterate

# Editions that write in Latin script: their names are transliterated from Cyrillic.
LATIN_EDITIONS = frozenset({"en"})


@dataclass(frozen=True)
class PersonName:
    written: str  # as the edition shows it (the page title)
    given: str
    family: str


def edition_name(
    language_code: str, *, written: str, given: str, family: str, kyrgyz: bool | None = None
) -> PersonName:
    """The name as ``language_code``'s edition writes it.

    Cyrillic names in a Latin-script edition are romanised (BGN/PCGN; Kyrgyz when a name
    has ң, ө or ү, or ``kyrgyz`` says it came from the Kyrgyz edition) and put given name
    first; other editions keep the name as written.
    """
    if language_code not in LATIN_EDITIONS or not has_cyrillic(f"{written} {given} {family}"):
        return PersonName(written=written, given=given, family=family)
    if kyrgyz is None:
        kyrgyz = is_kyrgyz(f"{written} {given} {family}") or None

    def latin(text: str) -> str:
        return transliterate(text, kyrgyz=kyrgyz, diacritics=settings.VESTNIK_TRANSLIT_DIACRITICS)

    if given or family:
        given_latin, family_latin = latin(given), latin(family)
        shown = f"{given_latin} {family_latin}".strip()
        return PersonName(written=shown, given=given_latin, family=family_latin)
    return PersonName(written=latin(written), given="", family="")
