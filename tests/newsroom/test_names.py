"""Names follow their edition: romanised and given name first in English, as written in
Russian and Kyrgyz; never machine-translated."""

from __future__ import annotations

import pytest
from tests import factories

from vestnik.newsroom.models import AuthorPage
from vestnik.newsroom.names import edition_name
from vestnik.newsroom.services import author_get_or_create


@pytest.mark.parametrize(
    ("code", "written", "given", "family", "shown"),
    [
        ("en", "Арестова Татьяна", "Татьяна", "Арестова", "Tatyana Arestova"),
        ("en", "Өмүрбекова Жылдыз", "Жылдыз", "Өмүрбекова", "Jyldyz Omurbekova"),
        ("en", "Daniel Brooks", "Daniel", "Brooks", "Daniel Brooks"),
        ("ru", "Арестова Татьяна", "Татьяна", "Арестова", "Арестова Татьяна"),
        ("ru", "Татьяна Арестова", "Татьяна", "Арестова", "Татьяна Арестова"),
        ("ky", "Өмүрбекова Жылдыз", "Жылдыз", "Өмүрбекова", "Өмүрбекова Жылдыз"),
    ],
)
def test_order_and_script_follow_the_edition(code, written, given, family, shown):
    assert edition_name(code, written=written, given=given, family=family).written == shown


def test_a_name_from_the_kyrgyz_edition_takes_the_kyrgyz_table():
    name = edition_name("en", written="Жапаров Садыр", given="Садыр", family="Жапаров", kyrgyz=True)
    assert (name.written, name.family) == ("Sadyr Japarov", "Japarov")


def test_diacritics_kept_when_the_setting_asks(settings):
    settings.VESTNIK_TRANSLIT_DIACRITICS = True
    name = edition_name("en", written="Өмүрбекова Жылдыз", given="Жылдыз", family="Өмүрбекова")
    assert name.written == "Jyldyz Ömürbekova"


def test_english_byline_of_a_known_russian_author_is_its_translation(editions):
    russian = author_get_or_create(
        factories.locale("ru"), written="Арестова Татьяна", given="Татьяна", family="Арестова"
    )
    english = author_get_or_create(
        factories.locale("en"), written="Арестова Татьяна", given="Татьяна", family="Арестова"
    )
    assert english.title == "Tatyana Arestova" and english.live
    assert english.translation_key == russian.translation_key
    assert english.slug == "tatyana-arestova"
    again = author_get_or_create(
        factories.locale("en"), written="Арестова Татьяна", given="Татьяна", family="Арестова"
    )
    assert again.id == english.id
    assert AuthorPage.objects.filter(locale__language_code="en").count() == 1
