"""Paths outside the editions keep their 404; paths of the site still get an edition;
answers that shared caches keep carry no cookie."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_a_404_outside_the_editions_is_not_redirected_into_one(client):
    response = client.get("/api/v1/articles/2147483647", HTTP_ACCEPT_LANGUAGE="ky")
    assert response.status_code == 404
    assert response["Content-Language"] == "ky"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.django_db
def test_a_path_without_an_edition_is_still_redirected_into_one(client):
    response = client.get("/politics/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/politics/"


@pytest.mark.django_db
def test_beacon_sitemap_and_robots_misses_are_not_redirected(client):
    for path in ("/beacon/x", "/sitemap-xx.xml", "/robots.txt/x"):
        assert client.get(path).status_code == 404, path


@pytest.mark.django_db
def test_a_200_outside_the_editions_does_not_vary_by_language(editions, client):
    response = client.get("/api/v1/rubrics?edition=en", HTTP_ACCEPT_LANGUAGE="ky")
    assert response.status_code == 200
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.django_db
def test_public_answers_drop_the_cookies_that_stale_ones_would_bring(editions, client):
    """A malformed session cookie makes Django send its deletion, a malformed CSRF cookie
    a fresh one: on a cached feed, sitemap or API answer every reader would get it."""
    paths = ("/en/feeds/rss/", "/sitemap.xml", "/robots.txt", "/api/v1/rubrics?edition=en")
    client.cookies["csrftoken"] = "short"
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "public" in response["Cache-Control"], path
        assert not response.cookies, (path, response.cookies)
    # A session cookie, even a malformed one, makes the answer private: no shared cache
    # keeps it (nginx bypasses its cache for it too), so its deletion may go with it.
    client.cookies["sessionid"] = "not-a-session"
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "public" not in response["Cache-Control"], path
        assert "private" in response["Cache-Control"], path
