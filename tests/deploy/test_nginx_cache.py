"""nginx with deploy/nginx/vestnik.conf in front of a real ``vestnik serve``.

The site (the editions and one published article) is built in a database of its own,
served as in production, and nginx runs in the foreground with the rendered
configuration on spare ports. Each test that needs a cold page asks for the article
with a query string of its own: the cache key is the whole request URI.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
from tests.conftest import REPO_ROOT, skip_or_fail
from tests.deploy.nginx import Answer, Nginx, fetch, free_port, nginx_missing, running_nginx

BROWSER = "gzip, deflate, br, zstd"  # what Chromium sends


@dataclass
class Front:
    """nginx in front of the app, and what the tests need to know of the site."""

    nginx: Nginx
    article_path: str
    static_root: Path
    media_root: Path
    article_id: int
    app_var: Path  # the app server's VESTNIK_VAR_DIR
    database_url: str

    @property
    def base(self) -> str:
        return self.nginx.base

    @property
    def purge_base(self) -> str:
        return self.nginx.purge_base


@pytest.fixture(scope="module")
def front(tmp_path_factory) -> Iterator[Front]:
    """nginx in front of ``vestnik serve`` of the built site, which purges it on publish."""
    reason = nginx_missing()
    if reason:
        skip_or_fail(reason)
    from tests.comments.servers import build_site, collect_static, scratch_database_url, serving

    folder = tmp_path_factory.mktemp("nginx-front")
    static = collect_static(folder / "collect")
    port, purge_port = free_port(), free_port()
    with scratch_database_url(folder, "site") as url:
        site = build_site(folder, url, static)
        var = folder / "app"
        purge_url = f"http://127.0.0.1:{purge_port}"
        with serving(site, var, url, VESTNIK_PURGE_URL=purge_url) as app:
            (var / "media").mkdir(exist_ok=True)
            with running_nginx(
                folder / "nginx",
                port=port,
                purge_port=purge_port,
                upstream=urlparse(app.base).netloc,
                static_root=static,
                media_root=var / "media",
            ) as nginx:
                yield Front(
                    nginx, site.article_path, static, var / "media", site.article_id, var, url
                )


def cold(front: Front) -> str:
    """The article's address under a query string no request has used yet."""
    return f"{front.article_path}?case={uuid.uuid4().hex}"


def test_a_second_anonymous_get_of_an_article_is_a_hit(front):
    path = cold(front)
    first = fetch(front.base, path, Accept_Encoding=BROWSER)
    second = fetch(front.base, path, Accept_Encoding=BROWSER)
    assert (first.status, first.cache) == (200, "MISS")
    assert (second.status, second.cache) == (200, "HIT"), second.headers
    assert second.body == first.body
    assert "Set-Cookie" not in second.headers and "X-Vestnik-Cache" not in second.headers
    assert "public" in second.headers["Cache-Control"]
    head = fetch(front.base, path, "HEAD", Accept_Encoding=BROWSER)
    assert (head.status, head.cache, head.body) == (200, "HIT", b"")


def test_a_request_with_a_session_cookie_is_never_a_hit_and_never_stored(front):
    warm = cold(front)
    fetch(front.base, warm)
    assert fetch(front.base, warm).cache == "HIT"
    signed_in = fetch(front.base, warm, Cookie="sessionid=0123456789abcdef")
    assert signed_in.status == 200 and signed_in.cache == "BYPASS"

    fresh = cold(front)
    for _ in range(2):
        answer = fetch(front.base, fresh, Cookie="csrftoken=x; sessionid=0123456789abcdef")
        assert answer.cache == "BYPASS"
    # What the signed-in requests got was not kept: the first anonymous one is a miss.
    assert fetch(front.base, fresh).cache == "MISS"


def test_br_gzip_and_identity_are_stored_apart_with_their_content_encoding(front):
    path = cold(front)
    asked = {"br": BROWSER, "gzip": "gzip, deflate", "": "identity"}
    for expected, accept in asked.items():
        first = fetch(front.base, path, Accept_Encoding=accept)
        assert (first.cache, first.encoding) == ("MISS", expected)
    texts = set()
    for expected, accept in asked.items():
        again = fetch(front.base, path, Accept_Encoding=accept)
        assert (again.cache, again.encoding) == ("HIT", expected)
        assert "Accept-Encoding" in again.headers.get("Vary", "")
        texts.add(again.text())
    assert len(texts) == 1 and "Osh market reopens" in texts.pop()
    # Spellings of the same choice share one entry; a refused coding is not chosen.
    assert fetch(front.base, path, Accept_Encoding="br;q=1.0, gzip;q=0.8").cache == "HIT"
    refused = fetch(front.base, path, Accept_Encoding="br;q=0, gzip")
    assert (refused.cache, refused.encoding) == ("HIT", "gzip")
    assert fetch(front.base, path).cache == "HIT"  # no Accept-Encoding: identity


def purge(front: Front, path: str, encoding: str, source: str = "127.0.0.1") -> Answer:
    """What the app sends for one variant of ``path``."""
    return fetch(
        front.purge_base, path, "PURGE", source, Host="127.0.0.1", Accept_Encoding=encoding
    )


def test_a_purge_from_127_0_0_1_removes_every_variant(front):
    path = front.article_path
    variants = {BROWSER: "br", "gzip": "gzip", "identity": ""}
    for accept in variants:
        fetch(front.base, path, Accept_Encoding=accept)
        assert fetch(front.base, path, Accept_Encoding=accept).cache == "HIT"
    for encoding in ("br", "gzip", "identity"):
        assert purge(front, path, encoding).status == 200
    for accept, encoding in variants.items():
        after = fetch(front.base, path, Accept_Encoding=accept)
        assert (after.cache, after.encoding) == ("MISS", encoding)
    # Purging what is not cached is not an error the app needs to handle: 404.
    assert purge(front, cold(front), "br").status == 404


def test_a_purge_from_another_address_or_to_the_readers_port_purges_nothing(front):
    path = cold(front)
    fetch(front.base, path, Accept_Encoding="gzip")
    refused = fetch(front.purge_base, path, "PURGE", "127.0.0.2", Accept_Encoding="gzip")
    assert refused.status == 403
    for source in ("127.0.0.1", "127.0.0.2"):
        assert fetch(front.base, path, "PURGE", source, Accept_Encoding="gzip").status == 405
    assert fetch(front.purge_base, path, source="127.0.0.1", Accept_Encoding="gzip").status == 405
    assert fetch(front.base, path, Accept_Encoding="gzip").cache == "HIT"


REPUBLISH = """
import os, django
django.setup()
from wagtail.models import Page
page = Page.objects.get(id=int(os.environ["ARTICLE_ID"])).specific
page.title = os.environ["HEADLINE"]
page.save_revision().publish()
"""


def republish(front: Front, headline: str) -> None:
    """An editor publishes the article again with a new headline (in the app's database)."""
    from tests.comments.servers import base_env

    env = base_env(front.app_var, front.database_url)
    env.update(DJANGO_SETTINGS_MODULE="vestnik.settings", ARTICLE_ID=str(front.article_id))
    env["HEADLINE"] = headline
    done = subprocess.run(
        [sys.executable, "-c", REPUBLISH],
        env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]


def test_publishing_the_article_purges_every_variant_from_nginx(front):
    """The app's own purge: the publish task (run by the server's task worker) sends PURGE
    for each encoding to the purge server; the next readers get the new headline."""
    path = front.article_path
    for accept in (BROWSER, "gzip", "identity"):
        fetch(front.base, path, Accept_Encoding=accept)
        assert fetch(front.base, path, Accept_Encoding=accept).cache == "HIT"
    republish(front, "Osh market reopens with a new roof")
    deadline = time.monotonic() + 60
    while fetch(front.base, path, "HEAD", Accept_Encoding="gzip").cache == "HIT":
        assert time.monotonic() < deadline, "the publish did not purge nginx within a minute"
        time.sleep(0.25)
    for accept in (BROWSER, "identity"):  # not asked for since the purge
        answer = fetch(front.base, path, Accept_Encoding=accept)
        assert answer.cache == "MISS"
        assert "Osh market reopens with a new roof" in answer.text()


def collected_with_twins(static_root: Path) -> Path:
    """A hashed collected file that whitenoise also wrote as .br and .gz."""
    for path in sorted(static_root.rglob("*.css")):
        twins = [path.with_name(path.name + suffix) for suffix in (".br", ".gz")]
        if len(path.name.split(".")) >= 3 and all(twin.exists() for twin in twins):
            return path
    raise AssertionError(f"no hashed CSS with .br and .gz twins under {static_root}")


def test_static_files_are_served_by_nginx_with_their_precompressed_twins(front):
    source = collected_with_twins(front.static_root)
    path = "/static/" + source.relative_to(front.static_root).as_posix()
    for accept, encoding, twin in (
        (BROWSER, "br", ".br"), ("gzip", "gzip", ".gz"), ("", "", "")
    ):  # fmt: skip
        answer = fetch(front.base, path, Accept_Encoding=accept)
        assert answer.status == 200 and answer.encoding == encoding
        assert answer.body == source.with_name(source.name + twin).read_bytes()
        assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert "X-Cache-Status" not in answer.headers  # not through the app
    # A file the app's whitenoise never saw (it reads the folder when it starts).
    probe = front.static_root / "probe.css"
    probe.write_text("body{color:teal}")
    answer = fetch(front.base, "/static/probe.css")
    assert answer.status == 200 and answer.body == b"body{color:teal}"
    assert answer.headers["Cache-Control"] == "public, max-age=3600"


def test_media_is_served_by_nginx_and_documents_are_left_to_the_app(front):
    (front.media_root / "images").mkdir(exist_ok=True)
    (front.media_root / "images" / "pixel.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    answer = fetch(front.base, "/media/images/pixel.png")
    assert answer.status == 200 and answer.headers["Content-Type"] == "image/png"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in answer.headers["Content-Security-Policy"]
    (front.media_root / "documents").mkdir(exist_ok=True)
    (front.media_root / "documents" / "private.pdf").write_bytes(b"%PDF-1.4")
    assert fetch(front.base, "/media/documents/private.pdf").status == 404
