"""The editions (ru, ky, en) and their page trees, created idempotently.

Every edition has a home page, the same rubric tree (rubrics are translations of the
Russian ones, so they share slugs and a translation key), and indexes for authors,
entities ("topics") and tags.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from vestnik.newsroom.models import (
    AuthorIndexPage,
    EntityIndexPage,
    HomePage,
    RubricPage,
    TagIndexPage,
)

# The seed portal's rubrics, keyed by slug, named in each edition.
RUBRICS: dict[str, dict[str, str]] = {
    "politics": {"ru": "Политика", "ky": "Саясат", "en": "Politics"},
    "economy": {"ru": "Экономика", "ky": "Экономика", "en": "Economy"},
    "society": {"ru": "Общество", "ky": "Коом", "en": "Society"},
    "world": {"ru": "В мире", "ky": "Дүйнөдө", "en": "In the world"},
    "incidents": {"ru": "Происшествия", "ky": "Окуялар", "en": "Incidents"},
    "sports": {"ru": "Спорт", "ky": "Спорт", "en": "Sports"},
    "culture": {"ru": "Культура", "ky": "Маданият", "en": "Culture"},
    "health": {"ru": "Здоровье", "ky": "Ден соолук", "en": "Health"},
    "education": {"ru": "Образование", "ky": "Билим берүү", "en": "Education"},
    "analytics": {"ru": "Аналитика", "ky": "Аналитика", "en": "Analytics"},
    "exclusive": {"ru": "Эксклюзив", "ky": "Эксклюзив", "en": "Exclusive"},
}

HOME_TITLES = {"ru": "Вестник", "ky": "Вестник", "en": "Vestnik"}
INDEXES: dict[str, tuple[type[Page], dict[str, str]]] = {
    "authors": (AuthorIndexPage, {"ru": "Авторы", "ky": "Авторлор", "en": "Authors"}),
    "topics": (EntityIndexPage, {"ru": "Темы", "ky": "Темалар", "en": "Topics"}),
    "tags": (TagIndexPage, {"ru": "Теги", "ky": "Тегдер", "en": "Tags"}),
}


def edition_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _ensure_locales() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in edition_codes()}


def _ensure_default_home(locale: Locale) -> HomePage:
    home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locale)
        )  # gone after a database flush (transactional tests)
        home = root.add_child(
            instance=HomePage(
                title=HOME_TITLES[locale.language_code], slug="vestnik", locale=locale
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.id:
        stale = site.root_page
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
        if not isinstance(stale.specific, HomePage) and not stale.get_children().exists():
            stale.delete()  # Wagtail's placeholder "Welcome" page
    return home


def _ensure_translation(source: Page, locale: Locale, title: str) -> Page:
    """The translation of ``source`` into ``locale``, created and published if missing."""
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing
    copy = source.copy_for_translation(locale)
    copy.title = title
    copy.draft_title = title
    copy.save_revision().publish()
    return copy


def _ensure_child(parent: Page, model: type[Page], slug: str, title: str) -> Page:
    child = model.objects.child_of(parent).filter(slug=slug).first()
    if child is None:
        child = parent.add_child(instance=model(title=title, slug=slug, locale=parent.locale))
        child.save_revision().publish()
    return child


@transaction.atomic
def edition_ensure_all() -> dict[str, HomePage]:
    """Create what is missing of the three editions; return each edition's home by code.

    Safe to run any number of times (``make run``, the demo loader and tests call it).
    """
    locales = _ensure_locales()
    default_code = settings.LANGUAGE_CODE
    source_home = _ensure_default_home(locales[default_code])
    homes: dict[str, HomePage] = {default_code: source_home}
    source_children: list[tuple[Page, dict[str, str]]] = []
    for slug, names in RUBRICS.items():
        source_children.append(
            (_ensure_child(source_home, RubricPage, slug, names[default_code]), names)
        )
    for slug, (model, names) in INDEXES.items():
        source_children.append(
            (_ensure_child(source_home, model, slug, names[default_code]), names)
        )
    for code, locale in locales.items():
        if code == default_code:
            continue
        homes[code] = _ensure_translation(source_home, locale, HOME_TITLES[code]).specific
        for child, names in source_children:
            _ensure_translation(child, locale, names[code])
    return homes
