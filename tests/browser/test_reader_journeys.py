"""What a reader sees in a real browser: share links, "Read also", embeds, accessibility."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from tests.conftest import SEED_FILE, skip_or_fail

pytestmark = pytest.mark.browser
SHARE_NAMES = ["VK", "X", "OK", "WhatsApp", "Telegram"]


def seed_url(site) -> str:
    if site["seed"] is None:
        skip_or_fail(f"the seed page is not at {SEED_FILE}")
    return site["seed"]


def test_seed_article_has_share_links_at_top_and_bottom(page, site):
    path = seed_url(site)
    page.goto(site["base"] + path)
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical == site["base"] + path
    for position in ("top", "bottom"):
        links = page.locator(f"nav.share-bar--{position} a")
        assert links.all_inner_texts() == SHARE_NAMES
        for href in [links.nth(i).get_attribute("href") for i in range(5)]:
            assert quote(canonical, safe="") in href


def test_seed_article_read_also_links_published_english_articles(page, site):
    page.goto(site["base"] + seed_url(site))
    links = page.locator("section.read-also a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert 3 <= len(hrefs) <= 6
    for href in hrefs:
        assert href.startswith("/en/")
        response = page.request.get(site["base"] + href)
        assert response.status == 200
        assert '<html lang="en">' in response.text()


def test_video_loads_from_its_host_only_after_a_click(page, site):
    requested: list[str] = []
    page.route("**/*", lambda route: (requested.append(route.request.url), route.continue_())
               if route.request.url.startswith(site["base"]) else (requested.append(route.request.url), route.abort()))  # fmt: skip
    page.goto(site["base"] + site["urls"]["en"]["article"])
    assert all(url.startswith(site["base"]) for url in requested)
    page.click(".embed-link")
    frame = page.locator(".embed iframe")
    assert frame.get_attribute("src").startswith("https://rutube.ru/play/embed/")


def test_pages_fit_a_phone_screen(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    for kind, path in site["urls"]["ru"].items():
        assert tab.goto(site["base"] + path).status == 200, path
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, kind
    context.close()


def test_every_reader_page_type_in_every_edition_passes_axe(page, site):
    axe = Axe()
    failures = []
    checked = 0
    for code, pages in site["urls"].items():
        for kind, path in pages.items():
            assert page.goto(site["base"] + path).status == 200, path
            violations = axe.run(page).response["violations"]
            serious = [v for v in violations if v.get("impact") in ("serious", "critical")]
            failures += [f"{code} {kind} {path}: {v['id']} {v['help']}" for v in serious]
            checked += 1
    assert checked == 27
    assert not failures, "\n".join(failures)
