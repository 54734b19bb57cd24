"""The content API's contract: the committed OpenAPI document, read-only methods, clear
4xx answers to bad parameters, and no other API mounted (Wagtail's v2 and preview)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.signing import dumps
from tests.conftest import REPO_ROOT

from vestnik.api.cursor import InvalidCursor, cursor_decode, cursor_encode

SCHEMA_FILE = REPO_ROOT / "docs" / "api" / "openapi-v1.json"


@pytest.mark.django_db
def test_the_served_openapi_document_is_the_committed_one(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    call_command("api_schema", "--check")  # byte for byte what the command writes


def test_the_schema_command_writes_the_document(tmp_path):
    target = tmp_path / "openapi.json"
    call_command("api_schema", "--output", str(target))
    assert target.read_text(encoding="utf-8") == SCHEMA_FILE.read_text(encoding="utf-8")


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/articles", "/api/v1/articles/1", "/api/v1/rubrics"])
def test_the_api_is_read_only(client, method, path):
    assert getattr(client, method)(path).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/docs",  # ninja's Swagger page would load its assets from a CDN
        "/api/v2/pages/",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/api/v2/page_preview/",  # wagtail-headless-preview's endpoint
        "/api/v2/pages/find/?html_path=/",
    ],
)
def test_no_other_api_is_mounted(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["message"]  # a JSON answer, like the API's own errors


@pytest.mark.django_db
def test_wagtails_admin_preview_and_admin_api_are_closed_to_readers(client, editions):
    home = editions["en"]
    for path in (f"/admin/pages/{home.id}/edit/preview/", "/admin/api/main/pages/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_wagtails_own_api_is_not_installed():
    assert not apps.is_installed("wagtail.api")
    assert not apps.is_installed("wagtail_headless_preview")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "status", "location"),
    [
        ("edition=xx", 422, "query.edition"),
        ("since=yesterday", 422, "query.since"),
        ("rubric=%00", 422, "query.rubric"),
        ("tag=" + "a" * 300, 422, "query.tag"),
        ("cursor=" + "c" * 300, 422, "query.cursor"),
        ("since=0001-01-01T00:00:00%2B23:00", 400, None),
        ("until=9999-12-31T23:59:59-23:00", 400, None),
    ],
)
def test_bad_parameters_get_a_4xx_with_a_message(client, query, status, location):
    response = client.get(f"/api/v1/articles?{query}")
    assert response.status_code == status
    body = response.json()
    assert body["message"]
    if location:
        assert [error["location"] for error in body["errors"]] == [location]


@pytest.mark.django_db
@pytest.mark.parametrize("article_id", ["0", "abc", str(2**63)])
def test_an_article_id_that_cannot_exist_is_a_422(client, article_id):
    response = client.get(f"/api/v1/articles/{article_id}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "path.article_id"


def test_a_cursor_round_trips_and_refuses_what_it_did_not_issue():
    moment = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)
    assert cursor_decode(cursor_encode(moment, 42)) == (moment, 42)
    for forged in (
        dumps(["2026-03-01T09:30:15+00:00", 42], salt="another purpose"),
        dumps(["2026-03-01T09:30:15", 42], salt="vestnik.api.cursor.v1"),  # naive time
        dumps(["yesterday", 42], salt="vestnik.api.cursor.v1"),
        "",
    ):
        with pytest.raises(InvalidCursor):
            cursor_decode(forged)
