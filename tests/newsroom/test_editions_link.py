"""Editions link up: reciprocal hreflang alternates with x-default, a language switcher
that leads to the translation, and the seed's English page free of Cyrillic."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from tests import factories
from tests.conftest import SEED_FILE, skip_or_fail

from vestnik.core.translit import has_cyrillic
from vestnik.newsroom.models import ArticlePage
from vestnik.newsroom.services import article_link_translation

pytestmark = pytest.mark.django_db
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">')


def alternates(client, url: str) -> dict[str, str]:
    return dict(ALTERNATE.findall(client.get(url).content.decode()))


def test_translated_articles_carry_reciprocal_alternates(client, editions, settings):
    russian = factories.article("ru", headline="Мост через Чуй открыт")
    english = factories.article("en", headline="The bridge over the Chuy opens")
    article_link_translation(english, russian)
    base = settings.BASE_URL
    expected = {
        "ru": base + russian.url,
        "en": base + english.url,
        "x-default": base + russian.url,
    }
    assert alternates(client, russian.url) == expected
    assert alternates(client, english.url) == expected


def test_a_page_without_translations_has_no_alternates(client, editions):
    lonely = factories.article("en")
    assert alternates(client, lonely.url) == {}


def test_the_language_switcher_leads_to_the_translation_or_the_home(client, editions):
    russian = factories.article("ru", headline="Мост через Чуй открыт")
    english = factories.article("en", headline="The bridge over the Chuy opens")
    article_link_translation(english, russian)
    html = client.get(english.url).content.decode()
    assert f'href="{russian.url}" lang="ru" hreflang="ru"' in html
    assert 'href="/ky/" lang="ky" hreflang="ky"' in html


def test_linking_refuses_the_same_edition_and_a_second_translation(editions):
    russian = factories.article("ru")
    with pytest.raises(ValueError, match="same edition"):
        article_link_translation(factories.article("ru"), russian)
    article_link_translation(factories.article("en"), russian)
    with pytest.raises(ValueError, match="already has a translation"):
        article_link_translation(factories.article("en"), russian)


def test_seed_in_english_linked_to_a_russian_original(client, editions, settings):
    if not SEED_FILE.is_file():
        skip_or_fail(f"the seed page is not at {SEED_FILE}")
    original = factories.article(
        "ru", headline="За кулисами визита: что изменится в отношениях двух стран"
    )
    call_command(
        "import_text", str(SEED_FILE), "--lang", "en", "--publish",
        "--translation-of", original.url, stdout=__import__("io").StringIO(),
        stderr=__import__("io").StringIO(),
    )  # fmt: skip
    english = ArticlePage.objects.get(locale__language_code="en")
    assert english.translation_key == original.translation_key
    page = client.get(english.url).content.decode()
    assert alternates(client, english.url)["ru"] == settings.BASE_URL + original.url
    assert alternates(client, original.url)["en"] == settings.BASE_URL + english.url
    byline = re.search(r'<span class="byline">(.*?)</span>', page).group(1)
    assert ">Tatyana Arestova</a>" in byline and not has_cyrillic(byline)
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', page, re.S).group(0)
    assert "Politics" in crumbs and not has_cyrillic(crumbs)
    assert not has_cyrillic(english.url)


def test_an_old_slug_keeps_working_as_a_redirect(client, editions):
    article = factories.article("en", headline="Bishkek budget hearing set for May")
    old_url = article.url
    article.slug = "bishkek-budget-hearing-moved-to-june"
    factories.publish(article)
    article.refresh_from_db()
    assert article.url != old_url
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"].endswith(article.url)
