"""Static files as the running site serves them: hashed names, compressed ahead of time."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
HASHED = re.compile(r"vestnik/(site|site-print)\.[0-9a-f]{12}\.(css|js)")


def get(url: str, **headers: str):
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30)


def test_collectstatic_writes_hashed_names_with_gzip_and_brotli_copies(site):
    static = Path(site["env"]["VESTNIK_VAR_DIR"]) / "static"
    paths = json.loads((static / "staticfiles.json").read_text())["paths"]
    for name in ("vestnik/site.css", "vestnik/site.js"):
        hashed = paths[name]
        assert HASHED.fullmatch(hashed), hashed
        for suffix in ("", ".gz", ".br"):
            assert (static / (hashed + suffix)).is_file(), hashed + suffix


def test_reader_pages_ask_for_hashed_names_kept_for_a_year_and_sent_compressed(site):
    with get(site["base"] + site["light"]["path"]) as response:
        html = response.read().decode()
    found = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
    assert {"site.js", "site-print.css"} <= {
        re.sub(r"\.[0-9a-f]{12}", "", Path(f).name) for f in found
    }
    for name in found:
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", name), f"{name} is not a hashed name"
    script = next(name for name in found if name.endswith(".js"))
    for encoding in ("br", "gzip"):
        with get(f"{site['base']}/static/{script}", **{"Accept-Encoding": encoding}) as response:
            assert response.headers["Content-Encoding"] == encoding
            assert "immutable" in response.headers["Cache-Control"]


def test_favicon_ico_is_served(site):
    with get(site["base"] + "/favicon.ico") as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "image/x-icon"


def test_the_article_pictures_are_served_in_each_format(site):
    with get(site["base"] + site["light"]["path"]) as response:
        html = response.read().decode()
    sources = re.findall(r'<source[^>]* srcset="(/media/[^" ]+)[^"]*" type="([^"]+)"', html)
    fallback = re.findall(r'<img [^>]*src="(/media/[^"]+\.jpg)"', html)
    assert len(sources) == 4 and len(fallback) == 2  # lead and body: AVIF, WebP, JPEG
    for path, kind in [*sources, *((path, "image/jpeg") for path in fallback)]:
        with get(site["base"] + path) as picture:
            assert picture.headers["Content-Type"] == kind
