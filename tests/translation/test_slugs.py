"""Every edition's pages have Latin slugs, translations included, never empty."""

from __future__ import annotations

import pytest
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_translation_with_a_cyrillic_title_gets_a_latin_slug(editions):
    english = factories.article("en", headline="The second bridge over the Chuy opens")
    russian = english.copy_for_translation(factories.locale("ru"))
    russian.title = russian.draft_title = "Второй мост через Чуй открыт"
    russian.slug = ""  # what wagtail-localize makes of a Cyrillic title
    russian.save()
    assert russian.slug == "vtoroy-most-cherez-chuy-otkryt"


def test_a_cyrillic_slug_is_replaced_and_kept_unique(editions):
    first = factories.article("ru", headline="Мост открыт")
    second = factories.article("ru", headline="Другой заголовок")
    second.slug = "мост"
    second.title = "Мост открыт"
    second.save()
    assert second.slug == "most-otkryt-2" and first.slug == "most-otkryt"
