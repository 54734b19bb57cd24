"""People's names per edition: transliterated into Latin-script editions, never translated.

A name keeps the order its edition writes it in: the Cyrillic editions as the byline was
written (open.kg and most Kyrgyz outlets put the surname first), the English edition the
given name first. An editor overrides the order per page (``NameOrder``): the page's title
is then made of the given and family names in that order.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vestnik.core.translit import has_cyrillic, is_kyrgyz, transliterate

# Editions that write in Latin script: their names are transliterated from Cyrillic.
LATIN_EDITIONS = frozenset({"en"})


class NameOrder(models.TextChoices):
    """The order a page shows a person's name in; an editor's override of the edition's."""

    EDITION = "edition", _("As the edition writes names")
    GIVEN_FIRST = "given", _("Given name first")
    FAMILY_FIRST = "family", _("Family name first")


@dataclass(frozen=True)
class PersonName:
    written: str  # as the edition shows it (the page title)
    given: str
    family: str


def edition_name(
    language_code: str,
    *,
    written: str,
    given: str,
    family: str,
    kyrgyz: bool | None = None,
    order: str = NameOrder.EDITION,
) -> PersonName:
    """The name as ``language_code``'s edition writes it.

    Cyrillic names in a Latin-script edition are romanised (BGN/PCGN; Kyrgyz when a name
    has ң, ө or ү, or ``kyrgyz`` says it came from the Kyrgyz edition) and put given name
    first; other editions keep the name as written. An ``order`` other than the
    edition's puts the given and family names in that order, when both are known.
    """
    name = _in_script(language_code, written=written, given=given, family=family, kyrgyz=kyrgyz)
    given, family = name.given.strip(), name.family.strip()
    if order == NameOrder.EDITION or not (given and family):
        return name
    shown = f"{given} {family}" if order == NameOrder.GIVEN_FIRST else f"{family} {given}"
    return PersonName(written=shown, given=name.given, family=name.family)


def _in_script(
    language_code: str, *, written: str, given: str, family: str, kyrgyz: bool | None
) -> PersonName:
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
