"""deploy/nginx/vestnik.conf as a file: its placeholders, its encoding rule, nginx -t."""

from __future__ import annotations

import re

import pytest
from tests.conftest import REPO_ROOT, skip_or_fail
from tests.deploy.nginx import check_config, nginx_missing, render, write_config

SITE_CONF = REPO_ROOT / "deploy" / "nginx" / "vestnik.conf"


def encoding_rules() -> list[tuple[re.Pattern, str]]:
    """The regular expressions of the ``$vestnik_encoding`` map, in nginx's order."""
    text = SITE_CONF.read_text()
    block = re.search(r"map \$http_accept_encoding \$vestnik_encoding \{(.*?)\n\}", text, re.S)
    assert block is not None
    rules = re.findall(r'^\s*"~\*(.+)" (\w+);$', block.group(1), re.M)
    return [(re.compile(pattern, re.I), value) for pattern, value in rules]


def normalised(accept_encoding: str) -> str:
    for pattern, value in encoding_rules():
        if pattern.search(accept_encoding):
            return value
    return ""


@pytest.mark.parametrize(
    ("accept_encoding", "expected"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("br", "br"),
        ("BR;q=1.0, gzip;q=0.8", "br"),
        ("gzip, br;q=0.5", "br"),
        ("gzip", "gzip"),
        ("gzip, deflate", "gzip"),
        ("deflate, gzip;q=0.001", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("br;q=0.0, gzip;q=0", ""),
        ("identity", ""),
        ("deflate", ""),
        ("", ""),
        ("brotli, xgzip", ""),
        ("*", ""),
    ],
)
def test_the_accept_encoding_header_is_normalised_to_br_gzip_or_nothing(accept_encoding, expected):
    # Python's re reads these PCRE expressions the same way (lookahead, classes, anchors).
    assert normalised(accept_encoding) == expected


def test_the_cache_and_the_purge_use_the_one_key_of_host_uri_and_encoding():
    text = SITE_CONF.read_text()
    assert 'default "$host$request_uri|$vestnik_encoding";' in text
    assert re.findall(r"^\s*proxy_cache_key (\S+);", text, re.M) == ["$vestnik_cache_key"]
    assert re.findall(r"^\s*proxy_cache_purge (.+);", text, re.M) == ["vestnik $vestnik_cache_key"]
    assert "proxy_set_header Accept-Encoding $vestnik_encoding;" in text


def test_every_placeholder_is_documented_at_the_top():
    text = SITE_CONF.read_text()
    header = text[: text.index("proxy_cache_path")]
    for name in render.placeholders(text):
        assert re.search(rf"^#\s+{name}\s+\S", header, re.M), name


def test_rendering_refuses_a_placeholder_left_without_a_value():
    with pytest.raises(render.MissingValues) as refused:
        render.render("listen ${VESTNIK_LISTEN}; root ${VESTNIK_STATIC_ROOT}; $host", {})
    assert refused.value.names == ["VESTNIK_LISTEN", "VESTNIK_STATIC_ROOT"]
    assert render.render("a ${VESTNIK_X} $host", {"VESTNIK_X": 1}) == "a 1 $host"


def test_the_rendered_configuration_passes_nginx_t(tmp_path):
    reason = nginx_missing()
    if reason:
        skip_or_fail(reason)
    (tmp_path / "static").mkdir()
    main = write_config(
        tmp_path / "nginx",
        upstream="127.0.0.1:9",
        static_root=tmp_path / "static",
        media_root=tmp_path / "media",
        port=8081,
        purge_port=8082,
    )
    checked = check_config(main)
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr
