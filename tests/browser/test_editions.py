"""A reader moves between editions: the language switcher leads to the same article in
the other edition (or to that edition's home when it has none), and the Kyrgyz
edition's interface speaks Kyrgyz."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from axe_playwright_python.sync_playwright import Axe

import vestnik

pytestmark = pytest.mark.browser
LOCALE_DIR = Path(vestnik.__file__).parent / "locale"


def catalogue(code: str) -> dict[str, str]:
    po = polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))
    return {entry.msgid: entry.msgstr for entry in po.translated_entries()}


def switch_to(page, code: str) -> None:
    """Follow the switcher's link to the ``code`` edition, as a reader clicks it."""
    with page.expect_navigation():
        page.locator(f'nav.editions a[hreflang="{code}"]').click()


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def assert_accessible(page) -> None:
    violations = Axe().run(page).response["violations"]
    serious = [v["id"] for v in violations if v.get("impact") in ("serious", "critical")]
    assert not serious, f"{page.url}: {serious}"


def test_the_switcher_leads_to_the_articles_translation_and_back(page, site):
    russian, english = site["translated"]["ru"], site["translated"]["en"]
    page.goto(site["base"] + russian["path"])
    assert html_lang(page) == "ru"
    assert page.locator("h1").inner_text() == russian["headline"]
    switch_to(page, "en")
    assert page.url == site["base"] + english["path"]
    assert html_lang(page) == "en"
    assert page.locator("h1").inner_text() == english["headline"]
    assert page.locator('nav.editions a[aria-current="true"]').get_attribute("hreflang") == "en"
    assert_accessible(page)
    switch_to(page, "ru")
    assert page.url == site["base"] + russian["path"]
    assert page.locator("h1").inner_text() == russian["headline"]


def test_without_a_translation_the_switcher_leads_to_the_editions_home(page, site):
    page.goto(site["base"] + site["translated"]["ru"]["path"])  # no Kyrgyz version
    switch_to(page, "ky")
    assert page.url == site["base"] + "/ky/"
    assert html_lang(page) == "ky"
    page.goto(site["base"] + site["urls"]["en"]["article"])  # in English only
    switch_to(page, "ru")
    assert page.url == site["base"] + "/ru/"
    assert html_lang(page) == "ru"
    assert_accessible(page)


def test_the_kyrgyz_edition_speaks_kyrgyz(page, site):
    kyrgyz, russian = catalogue("ky"), catalogue("ru")
    page.goto(site["base"] + site["urls"]["ru"]["home"])
    switch_to(page, "ky")
    assert html_lang(page) == "ky"
    shown = {
        "Skip to content": page.locator("a.skip-link").inner_text(),
        "Editions": page.locator("nav.editions").get_attribute("aria-label"),
        "Rubrics": page.locator("nav.rubrics").get_attribute("aria-label"),
        "Latest news": page.locator("#latest-title").inner_text(),
    }
    page.goto(site["base"] + site["urls"]["ky"]["article"])
    assert html_lang(page) == "ky"
    assert page.locator("article.article").get_attribute("lang") == "ky"
    shown |= {
        "Breadcrumbs": page.locator("nav.breadcrumbs").get_attribute("aria-label"),
        "Read also": page.locator("#read-also-title").inner_text(),
        "Topics": page.locator("ul.topics").get_attribute("aria-label"),
    }
    for msgid, text in shown.items():
        # Kyrgyz, from its catalogue: neither the English original nor the Russian.
        assert text == kyrgyz[msgid] != russian[msgid], msgid
        assert text != msgid, msgid
    comments = page.locator("#comments-title").inner_text()
    assert comments.startswith(kyrgyz["Comments"]), comments
    assert_accessible(page)
