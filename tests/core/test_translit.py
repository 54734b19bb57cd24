"""BGN/PCGN romanisation: every letter of the Russian and Kyrgyz alphabets, names, slugs."""

from __future__ import annotations

import pytest

from vestnik.core.translit import has_cyrillic, is_kyrgyz, slugify_any, transliterate

# Each letter inside a word (after a consonant), as BGN/PCGN writes it without apostrophes.
RUSSIAN_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}  # fmt: skip
KYRGYZ_LETTERS = {**RUSSIAN_LETTERS, "ж": "j", "ң": "ng", "ө": "ö", "ү": "ü"}


def test_the_tables_cover_both_alphabets():
    assert len(RUSSIAN_LETTERS) == 33
    assert len(KYRGYZ_LETTERS) == 36  # the Kyrgyz alphabet: Russian's 33 and ң, ө, ү


@pytest.mark.parametrize(("letter", "latin"), RUSSIAN_LETTERS.items())
def test_every_russian_letter(letter, latin):
    assert transliterate(f"б{letter}б", kyrgyz=False) == f"b{latin}b"
    assert transliterate(f"Б{letter}б".capitalize(), kyrgyz=False) == f"B{latin}b"


@pytest.mark.parametrize(("letter", "latin"), KYRGYZ_LETTERS.items())
def test_every_kyrgyz_letter(letter, latin):
    assert transliterate(f"б{letter}б", kyrgyz=True, diacritics=True) == f"b{latin}b"
    folded = latin.replace("ö", "o").replace("ü", "u")
    assert transliterate(f"б{letter}б", kyrgyz=True) == f"b{folded}b"


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Елена", "Yelena"),  # е at the start of a word
        ("Соловьёв", "Solovyev"),  # ё after ь
        ("Заетдинов", "Zayetdinov"),  # е after a vowel
        ("объект", "obyekt"),  # е after ъ
        ("Майер", "Mayyer"),  # е after й is "ye" too (strict BGN/PCGN)
        ("Щукин", "Shchukin"),
        ("Юрий Цой", "Yuriy Tsoy"),
        ("ЖЫЛДЫЗ", "JYLDYZ"),
        ("ЖУРНАЛ", "ZHURNAL"),
    ],
)
def test_russian_and_kyrgyz_position_and_case_rules(cyrillic, latin):
    assert transliterate(cyrillic, kyrgyz=is_kyrgyz(cyrillic) or cyrillic == "ЖЫЛДЫЗ") == latin


@pytest.mark.parametrize(
    ("cyrillic", "kyrgyz", "latin"),
    [
        ("Татьяна Арестова", None, "Tatyana Arestova"),
        ("Өмүрбекова Жылдыз", None, "Omurbekova Zhyldyz"),  # per word: only the first is marked
        ("Өмүрбекова Жылдыз", True, "Omurbekova Jyldyz"),  # written in the Kyrgyz edition
        ("Жапаров", True, "Japarov"),
        ("Жапаров", False, "Zhaparov"),
        ("Үсөнбаев", None, "Usonbayev"),
        ("Ташиев Камчыбек", True, "Tashiyev Kamchybek"),
        ("Бишкек", None, "Bishkek"),
        ("Daniel Brooks", None, "Daniel Brooks"),
    ],
)
def test_names(cyrillic, kyrgyz, latin):
    assert transliterate(cyrillic, kyrgyz=kyrgyz) == latin


def test_kyrgyz_names_keep_diacritics_when_asked():
    assert transliterate("Өмүрбекова Жылдыз", kyrgyz=True, diacritics=True) == "Ömürbekova Jyldyz"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Татьяна Арестова", "tatyana-arestova"),
        ("Өмүрбекова Жылдыз", "omurbekova-zhyldyz"),
        ("Жаңы мектеп ачылды", "jangy-mektep-achyldy"),
        ("Путин's visit", "putins-visit"),
        ("«»—!?", "item"),
        ("", "item"),
    ],
)
def test_slugs_are_plain_ascii_and_never_empty(text, slug):
    assert slugify_any(text) == slug


def test_cyrillic_detection():
    assert has_cyrillic("Арестова") and not has_cyrillic("Arestova")
