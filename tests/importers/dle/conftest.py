"""The DLE fixture site, loaded once per test session into a MariaDB database of its own.

The server is the one on 127.0.0.1:3306 (``VESTNIK_TEST_MYSQL_URL`` names another); the
database gets a random name and is dropped afterwards. Without a server the tests skip
locally and fail in CI (``VESTNIK_REQUIRE_ALL=1``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pymysql
import pytest
from tests.conftest import skip_or_fail

from vestnik.importers.dle import connection_options

SERVER_URL = os.environ.get("VESTNIK_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/mysql")
SITE_SQL = Path(__file__).with_name("site.sql")


def statements(script: str) -> list[str]:
    """The fixture's statements: comments dropped, split where a line ends with ``;``."""
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    return [part.strip() for part in "\n".join(lines).split(";\n") if part.strip()]


@pytest.fixture(scope="session")
def dle_url() -> Iterator[str]:
    with load_site() as url:
        yield url


@pytest.fixture(scope="session")
def small_dle_url() -> Iterator[str]:
    """The fixture site without post 105's 200,000 bold words, for tests that import it
    more than once (a 3.6 MB story costs seconds each time; the hostile markup before the
    words stays)."""
    with load_site() as url:
        options = connection_options(url)
        with pymysql.connect(**options, autocommit=True) as server, server.cursor() as cursor:
            cursor.execute(
                "UPDATE dle_post SET full_story = SUBSTRING_INDEX(full_story, %s, 1)"
                " WHERE id = 105",
                ("[b]слово[/b]",),
            )
        yield url


@contextmanager
def load_site() -> Iterator[str]:
    """A fresh database holding the fixture site; its address, dropped on leaving."""
    options = connection_options(SERVER_URL)
    options.pop("database")
    try:
        server = pymysql.connect(**options, connect_timeout=3, autocommit=True)
    except pymysql.err.OperationalError as error:
        skip_or_fail(f"MariaDB is not reachable at {options['host']}:{options['port']}: {error}")
    name = f"vestnik_dle_test_{uuid.uuid4().hex[:10]}"
    try:
        with server.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
            cursor.execute(f"USE `{name}`")
            for statement in statements(SITE_SQL.read_text(encoding="utf-8")):
                cursor.execute(statement)
        base = SERVER_URL.rsplit("/", 1)[0]
        yield f"{base}/{name}"
    finally:
        with server.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        server.close()
