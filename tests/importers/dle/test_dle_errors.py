"""A wrong address, server, login, database or prefix is a clear DleError, never a trace."""

from __future__ import annotations

import socket

import pymysql
import pytest

from vestnik.importers.dle import DleError, DleSource, connection_options


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_of(url: str) -> str:
    return url.rsplit("/", 1)[0]


def test_a_closed_port_is_named(dle_url):
    port = free_port()
    with pytest.raises(DleError, match=f"cannot connect to MySQL/MariaDB at 127.0.0.1:{port}"):
        DleSource(f"mysql://root@127.0.0.1:{port}/site", language="ru")


def test_a_missing_database_is_named(dle_url):
    with pytest.raises(DleError, match="there is no database 'no_such_site' on "):
        DleSource(f"{server_of(dle_url)}/no_such_site", language="ru")


def test_a_refused_login_is_named(dle_url):
    url = dle_url.replace("root@", "nobody_vestnik:wrong@")
    with pytest.raises(DleError, match="user 'nobody_vestnik' was refused"):
        DleSource(url, language="ru")


def test_a_wrong_prefix_names_the_missing_tables(dle_url):
    with pytest.raises(DleError, match=r"no table cms_category, cms_comments.*--prefix"):
        DleSource(dle_url, language="ru", prefix="cms_")


@pytest.mark.parametrize(
    ("url", "options", "message"),
    [
        ("postgres://127.0.0.1/site", {}, "not a database address"),
        ("mysql://127.0.0.1:3306", {}, "not a database address"),
        ("mysql://127.0.0.1:99999/site", {}, "bad port"),
        ("mysql://127.0.0.1/site", {"prefix": "dle_`; DROP"}, "table prefix"),
        ("mysql://127.0.0.1/site", {"timezone": "Mars/Olympus"}, "unknown time zone"),
        ("mysql://127.0.0.1/site", {"path_prefix": "/en?x=<b>"}, "not a folder like /en"),
    ],
)
def test_bad_options_are_refused_before_connecting(url, options, message):
    with pytest.raises(DleError, match=message):
        DleSource(url, language="ru", **options)


def test_a_table_without_dles_columns_is_a_dle_error_too(dle_url):
    options = connection_options(dle_url)
    with pymysql.connect(**options, autocommit=True) as server, server.cursor() as cursor:
        for table in ("category", "users", "comments"):
            cursor.execute(f"CREATE TABLE odd_{table} AS SELECT * FROM dle_{table}")
        cursor.execute("CREATE TABLE odd_post AS SELECT id, autor, title FROM dle_post")
    site = DleSource(dle_url, language="ru", prefix="odd_")
    with site, pytest.raises(DleError, match=r"cannot read the DLE database: .*Unknown column"):
        list(site.records())
