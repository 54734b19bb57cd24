from wagtail.models import Locale, Site

from vestnik.newsroom.editions import RUBRICS, edition_ensure_all
from vestnik.newsroom.models import HomePage, RubricPage


def test_three_editions_each_with_home_and_all_rubrics(editions):
    assert sorted(editions) == ["en", "ky", "ru"]
    for code, home in editions.items():
        assert home.locale.language_code == code
        rubrics = RubricPage.objects.child_of(home).live()
        assert {r.slug: r.title for r in rubrics} == {s: n[code] for s, n in RUBRICS.items()}


def test_editions_are_translations_of_the_russian_site_root(editions):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == editions["ru"].id
    keys = {home.translation_key for home in editions.values()}
    assert len(keys) == 1
    politics = RubricPage.objects.filter(slug="politics")
    assert {p.locale.language_code for p in politics} == {"ru", "ky", "en"}
    assert len({p.translation_key for p in politics}) == 1


def test_ensuring_editions_twice_creates_nothing_more(editions):
    pages_before = HomePage.objects.count() + RubricPage.objects.count()
    edition_ensure_all()
    assert HomePage.objects.count() + RubricPage.objects.count() == pages_before
    assert Locale.objects.count() == 3


def test_each_edition_answers_under_its_own_prefix(client, editions):
    assert client.get("/en/").context["page"].locale.language_code == "en"
    assert client.get("/ky/politics/").context["page"].title == "Саясат"
    assert client.get("/ru/world/").context["page"].title == "В мире"
    assert client.get("/fr/", follow=True).status_code == 404
