"""Reader search in a real browser: the header's search form, highlighted results, a
filter, the next page, and accessibility (axe) of the results page.

``build_site.py`` publishes eleven English articles that say "mudflow", four of them
by one author, so that the results fill one page and one more.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_reader_searches_from_the_header_filters_and_pages(page, site):
    search = site["search"]
    page.goto(site["base"] + "/en/")
    header = page.get_by_role("search")
    header.get_by_role("searchbox", name="Search").fill(search["word"].upper())
    header.get_by_role("button", name="Find").click()
    page.wait_for_url("**/en/search/?q=*")
    results = page.locator("li.search-result")
    expect(results).to_have_count(10)
    expect(page.locator("h1")).to_have_text("Search")
    marks = page.locator(".search-snippet mark")
    assert marks.count() >= 10
    assert {text.lower() for text in marks.all_inner_texts()} == {search["word"]}

    violations = Axe().run(page).response["violations"]
    assert violations == [], [f"{v['id']}: {v['help']}" for v in violations]

    page.get_by_role("link", name="Next").click()
    expect(results).to_have_count(1)
    expect(page.get_by_role("navigation", name="Pages")).to_contain_text("Page 2 of 2")

    page.get_by_label("Author").select_option(label=search["author"])
    page.get_by_role("button", name="Find").click()
    expect(results).to_have_count(search["by_author"])
    expect(page.get_by_label("Author").locator("option:checked")).to_have_text(search["author"])
    assert "page=" not in page.url
    expect(page.get_by_role("searchbox")).to_have_value(search["word"].upper())


def test_an_unknown_author_is_explained(page, site):
    response = page.goto(site["base"] + "/en/search/?q=mudflow&author=999999")
    assert response.status == 404
    expect(page.get_by_role("alert")).to_contain_text("This edition has no such author.")
    violations = Axe().run(page).response["violations"]
    assert violations == [], [f"{v['id']}: {v['help']}" for v in violations]
