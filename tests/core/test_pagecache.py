"""Vestnik's own page cache and the headers front caches read: public pages the same for
everyone, compressed once, answered 304 when unchanged; nothing personal ever stored."""

from __future__ import annotations

import gzip

import brotli
import pytest
from django.test import Client
from django.utils.http import http_date
from tests import factories
from wagtail.models import PageViewRestriction

from vestnik.core import pagecache

pytestmark = pytest.mark.page_cache
HIT = pagecache.HIT_HEADER


@pytest.fixture
def article(editions):
    return factories.article("en", headline="Osh bazaar gets a new roof")


def _directives(response) -> dict[str, str]:
    directives = {}
    for part in response.headers.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name] = value
    return directives


@pytest.mark.django_db
def test_a_reader_page_is_public_for_shared_caches(article, settings):
    response = Client().get(article.url)
    assert response.status_code == 200
    directives = _directives(response)
    assert "public" in directives
    assert directives["s-maxage"] == str(settings.VESTNIK_CACHE_SHARED_SECONDS)
    assert directives["max-age"] == str(settings.VESTNIK_CACHE_BROWSER_SECONDS)
    assert directives["stale-while-revalidate"] == str(settings.VESTNIK_CACHE_STALE_SECONDS)
    assert "stale-if-error" in directives
    assert response.headers["Vary"] == "Accept-Encoding"
    assert not response.cookies
    assert response.headers["Last-Modified"] == http_date(article.last_published_at.timestamp())
    assert response.headers["ETag"].startswith('W/"')


@pytest.mark.django_db
def test_compressed_once_and_kept_per_encoding(article):
    reader = Client()
    plain = reader.get(article.url, HTTP_ACCEPT_ENCODING="identity")
    assert "Content-Encoding" not in plain.headers
    html = plain.content
    assert b"Osh bazaar gets a new roof" in html

    for encoding, decompress in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        first = reader.get(article.url, HTTP_ACCEPT_ENCODING=f"{encoding}, deflate")
        again = reader.get(article.url, HTTP_ACCEPT_ENCODING=f"{encoding}, deflate")
        assert (first.headers[HIT], again.headers[HIT]) == ("miss", "hit")
        assert first.headers["Content-Encoding"] == again.headers["Content-Encoding"] == encoding
        assert first.content == again.content  # the stored bytes, not compressed again
        assert decompress(again.content) == html
        assert int(again.headers["Content-Length"]) == len(again.content)
    # A browser's list picks brotli; q=0 refuses it.
    assert (
        reader.get(article.url, HTTP_ACCEPT_ENCODING="gzip, br").headers["Content-Encoding"] == "br"
    )
    assert (
        reader.get(article.url, HTTP_ACCEPT_ENCODING="br;q=0, gzip").headers["Content-Encoding"]
        == "gzip"
    )
    assert set(pagecache.stored_variants(article.url)) == {"?", "br?", "gzip?"}


@pytest.mark.django_db
def test_unchanged_pages_answer_304(article):
    reader = Client()
    first = reader.get(article.url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = reader.get(article.url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == etag
    assert reader.get(article.url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert reader.get(article.url, HTTP_IF_NONE_MATCH='W/"other"').status_code == 200

    article.title = "Osh bazaar gets a new roof and stalls"
    factories.publish(article)
    changed = reader.get(article.url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


@pytest.mark.django_db
def test_head_is_answered_from_the_cache_without_a_body(article):
    reader = Client()
    reader.get(article.url)
    head = reader.head(article.url)
    assert head.status_code == 200
    assert head.headers[HIT] == "hit"
    assert head.content == b""


@pytest.mark.django_db
def test_headers_and_cookies_cannot_make_a_cached_page_differ(article):
    """The stored answer is keyed by path, query and encoding only, and nothing in it
    comes from the request's host or cookies (addresses come from BASE_URL)."""
    reader = Client()
    poisoned = reader.get(
        article.url,
        HTTP_X_FORWARDED_HOST="evil.example",
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_COOKIE="csrftoken=abc; theme=dark",
        HTTP_ACCEPT_ENCODING="identity",
    )
    assert poisoned.status_code == 200
    assert b"evil.example" not in poisoned.content
    assert not poisoned.cookies
    clean = Client().get(article.url, HTTP_ACCEPT_ENCODING="identity")
    assert clean.headers[HIT] == "hit"
    assert clean.content == poisoned.content


@pytest.mark.django_db
def test_query_strings_cannot_grow_one_entry_without_bound(article):
    reader = Client()
    for number in range(pagecache.MAX_VARIANTS + 10):
        reader.get(f"{article.url}?utm_source={number}", HTTP_ACCEPT_ENCODING="identity")
    assert len(pagecache.stored_variants(article.url)) == pagecache.MAX_VARIANTS


@pytest.mark.django_db
def test_logged_in_views_are_never_stored(article, editor_user):
    editor = Client()
    editor.force_login(editor_user)
    response = editor.get(article.url)
    assert response.status_code == 200
    assert HIT not in response.headers
    assert _directives(response).keys() >= {"private", "no-store"}
    assert pagecache.stored_variants(article.url) == {}
    # A session cookie alone (even a stale one) bypasses the cache both ways.
    Client().get(article.url)
    stale = Client()
    stale.cookies["sessionid"] = "stale"
    assert HIT not in stale.get(article.url).headers


@pytest.mark.django_db
def test_previews_and_drafts_are_never_stored(editions, editor_user):
    draft = factories.article("en", headline="Plans for the new bridge", publish=False)
    assert Client().get(draft.url).status_code == 404
    assert pagecache.stored_variants(draft.url) == {}

    editor = Client()
    editor.force_login(editor_user)
    preview = editor.get(f"/admin/pages/{draft.id}/view_draft/")
    assert preview.status_code == 200
    assert b"Plans for the new bridge" in preview.content
    assert "public" not in preview.headers.get("Cache-Control", "")
    assert "private" in preview.headers["Cache-Control"]
    assert pagecache.stored_variants(f"/admin/pages/{draft.id}/view_draft/") == {}


@pytest.mark.django_db
def test_private_pages_are_never_stored(article):
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    reader = Client()
    form = reader.get(article.url)
    assert b"Osh bazaar gets a new roof" not in form.content
    assert "public" not in form.headers.get("Cache-Control", "")
    restriction = PageViewRestriction.objects.get(page=article)
    passed = reader.post(
        f"/en/_util/authenticate_with_password/{restriction.id}/{article.id}/",
        {"password": "s3cret", "return_url": article.url},
    )
    assert passed.status_code == 302
    private = reader.get(article.url)
    assert b"Osh bazaar gets a new roof" in private.content
    assert "public" not in private.headers.get("Cache-Control", "")
    assert pagecache.stored_variants(article.url) == {}


@pytest.mark.django_db
def test_the_admin_and_forms_say_private(article):
    for url in ("/admin/login/", f"/en/comments/{article.id}/write/", "/en/search/?q=roof"):
        response = Client().get(url)
        assert "public" not in response.headers.get("Cache-Control", ""), url
        assert "private" in response.headers.get("Cache-Control", ""), url
        assert pagecache.stored_variants(url.split("?")[0]) == {}, url
