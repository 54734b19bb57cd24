"""An article page reports its reading to the first-party beacon, and nothing else."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_an_article_reports_its_reading_once_to_the_beacon(page, site):
    beacons = []
    page.on("request", lambda r: beacons.append(r) if r.url.endswith("/beacon/") else None)
    with page.expect_request(lambda r: r.url == site["base"] + "/beacon/") as sent:
        page.goto(site["base"] + site["urls"]["en"]["article"])
    request = sent.value
    assert request.method == "POST"
    marker = page.locator("[data-view-beacon]")
    assert request.post_data == f"article={marker.get_attribute('data-article')}"
    response = request.response()
    assert response is not None and response.status == 204
    assert "set-cookie" not in response.headers
    assert "no-store" in response.headers["cache-control"]
    page.wait_for_load_state("networkidle")
    assert len(beacons) == 1
    assert page.context.cookies() == []  # nothing on the page or the beacon set a cookie


def test_home_page_sends_no_beacon(page, site):
    beacons = []
    page.on("request", lambda r: beacons.append(r) if "/beacon/" in r.url else None)
    page.goto(site["base"] + "/en/")
    page.wait_for_load_state("networkidle")
    assert beacons == []
