"""Names follow their edition: romanised and given name first in English, as written in
Russian and Kyrgyz; never machine-translated. An editor overrides the order per page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from tests import factories
from wagtail.test.utils.form_data import nested_form_data

from vestnik.newsroom.models import AuthorPage
from vestnik.newsroom.names import NameOrder, edition_name
from vestnik.newsroom.services import author_get_or_create, entity_get_or_create


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


@pytest.mark.parametrize(
    ("code", "order", "shown"),
    [
        ("ru", NameOrder.GIVEN_FIRST, "Татьяна Арестова"),
        ("ru", NameOrder.FAMILY_FIRST, "Арестова Татьяна"),
        ("en", NameOrder.FAMILY_FIRST, "Arestova Tatyana"),
        ("en", NameOrder.GIVEN_FIRST, "Tatyana Arestova"),
        ("en", NameOrder.EDITION, "Tatyana Arestova"),
    ],
)
def test_an_editors_order_overrides_the_editions(code, order, shown):
    name = edition_name(
        code, written="Арестова Татьяна", given="Татьяна", family="Арестова", order=order
    )
    assert name.written == shown


def test_an_order_needs_both_names():
    name = edition_name(
        "ru", written="Татьяна", given="Татьяна", family="", order=NameOrder.FAMILY_FIRST
    )
    assert name.written == "Татьяна"


# The override in the admin ---------------------------------------------------------------


def author_form(author, **fields) -> dict:
    """POST data of the author page's admin form, publishing."""
    return nested_form_data(
        {
            "title": author.title,
            "slug": author.slug,
            "given_name": author.given_name,
            "family_name": author.family_name,
            "name_order": author.name_order,
            "bio": author.bio,
            "action-publish": "action-publish",
            **fields,
        }
    )


def byline(client, article) -> str:
    html = client.get(article.url).content.decode()
    return re.search(r'<span class="byline">(.*?)</span>', html).group(1)


def heading(client, page) -> str:
    return re.search(r"<h1>(.*?)</h1>", client.get(page.url).content.decode()).group(1)


@pytest.fixture
def arestova(editions):
    """Tatyana Arestova in the Russian and English editions, each on an article."""
    people, articles = {}, {}
    for code in ("ru", "en"):
        people[code] = author_get_or_create(
            factories.locale(code), written="Арестова Татьяна", given="Татьяна", family="Арестова"
        )
        articles[code] = factories.article(code, authors=[people[code]])
    return people, articles


def test_the_name_order_field_is_in_the_author_form(client, arestova, editor_user):
    people, _articles = arestova
    client.force_login(editor_user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(people["ru"].id,))).content
    assert b'name="name_order"' in html and b'name="given_name"' in html


def test_given_name_first_in_the_russian_edition_changes_its_byline_and_page_only(
    client, arestova, editor_user
):
    people, articles = arestova
    assert ">Арестова Татьяна</a>" in byline(client, articles["ru"])
    client.force_login(editor_user)
    edit = reverse("wagtailadmin_pages:edit", args=(people["ru"].id,))
    response = client.post(edit, author_form(people["ru"], name_order=NameOrder.GIVEN_FIRST))
    assert response.status_code == 302
    client.logout()
    russian = AuthorPage.objects.get(id=people["ru"].id)
    assert russian.title == "Татьяна Арестова" and russian.live
    assert ">Татьяна Арестова</a>" in byline(client, articles["ru"])
    assert heading(client, russian) == "Татьяна Арестова"
    assert ">Tatyana Arestova</a>" in byline(client, articles["en"])  # another edition


def test_family_name_first_in_the_english_edition(client, arestova, editor_user):
    people, articles = arestova
    client.force_login(editor_user)
    edit = reverse("wagtailadmin_pages:edit", args=(people["en"].id,))
    response = client.post(edit, author_form(people["en"], name_order=NameOrder.FAMILY_FIRST))
    assert response.status_code == 302
    client.logout()
    assert ">Arestova Tatyana</a>" in byline(client, articles["en"])
    assert heading(client, AuthorPage.objects.get(id=people["en"].id)) == "Arestova Tatyana"
    assert ">Арестова Татьяна</a>" in byline(client, articles["ru"])


def test_the_editions_order_keeps_the_title_as_written(client, arestova, editor_user):
    people, articles = arestova
    client.force_login(editor_user)
    edit = reverse("wagtailadmin_pages:edit", args=(people["ru"].id,))
    data = author_form(people["ru"], bio="Корреспондент.")
    assert client.post(edit, data).status_code == 302
    assert AuthorPage.objects.get(id=people["ru"].id).title == "Арестова Татьяна"
    assert ">Арестова Татьяна</a>" in byline(client, articles["ru"])


def test_an_entity_person_takes_the_order_too(editions):
    entity = entity_get_or_create(
        factories.locale("ru"), name="Жапаров Садыр", kind="person", given="Садыр", family="Жапаров"
    )
    entity.name_order = NameOrder.GIVEN_FIRST
    entity.save_revision().publish()
    entity.refresh_from_db()
    assert entity.title == "Садыр Жапаров"
