"""Paths outside the editions keep their 404; paths of the site still get an edition."""

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
