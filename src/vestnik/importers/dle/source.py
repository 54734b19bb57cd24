"""Read a DataLife Engine site straight from its MySQL/MariaDB database (PyMySQL).

``DleSource(url, language=...).records()`` yields the neutral records of
``importers.records`` in the order the pipeline needs: rubrics, the authors of posts, then
each post's lead image, the post, and its comments. Posts are read in pages by id, so a
large archive never sits in memory whole and an import can resume after a post id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pymysql
import pymysql.cursors

from vestnik.importers.dle import rows
from vestnik.importers.records import Record

_PREFIX = re.compile(r"[A-Za-z0-9_]{0,32}")
_PATH_PREFIX = re.compile(r"(/[A-Za-z0-9_.-]{1,64}){0,4}")
# MySQL client and server error codes that mean "you pointed at the wrong place".
_CONNECT_ERRORS = {
    1044: "access to the database {database!r} is denied to user {user!r}",
    1045: "user {user!r} was refused (wrong user or password)",
    1698: "user {user!r} was refused (wrong user or password)",
    1049: "there is no database {database!r} on {host}:{port}",
    2003: "cannot connect to MySQL/MariaDB at {host}:{port}",
    2005: "unknown MySQL/MariaDB host {host!r}",
    2013: "the connection to {host}:{port} was lost",
}


_POST_COLUMNS = (
    "SELECT p.id, p.autor, p.date, p.short_story, p.full_story, p.xfields, p.title,"
    " p.descr, p.category, p.alt_name, p.approve, p.fixed, p.allow_main, p.tags, "
)
_POSTS_PAGE = " FROM {p}post p WHERE p.id > %s ORDER BY p.id LIMIT %s"
_POSTS = _POST_COLUMNS + "0 AS editdate" + _POSTS_PAGE
_POSTS_WITH_EXTRAS = (
    _POST_COLUMNS  # noqa: S608 (constants and a checked prefix, values bound by PyMySQL)
    + "(SELECT MAX(e.editdate) FROM {p}post_extras e WHERE e.news_id = p.id) AS editdate"
    + _POSTS_PAGE
)
_COMMENTS = "SELECT id, post_id, date, autor, email, text, approve, {parent} AS parent"
_COMMENTS_OF = " FROM {p}comments WHERE post_id IN %s ORDER BY id"


class DleError(Exception):
    """The database cannot be read as a DataLife Engine site; the message says why."""


def connection_options(url: str) -> dict[str, Any]:
    """``mysql://user:password@host:port/database`` as PyMySQL's connect arguments."""
    parts = urlsplit(url)
    if parts.scheme not in ("mysql", "mariadb") or not parts.path.strip("/"):
        raise DleError(f"{url!r} is not a database address like mysql://user@host:3306/name")
    try:
        port = parts.port or 3306
    except ValueError as error:
        raise DleError(f"bad port in {url!r}") from error
    query = parse_qs(parts.query)
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": port,
        "user": unquote(parts.username or "root"),
        "password": unquote(parts.password or ""),
        "database": unquote(parts.path.strip("/")),
        "charset": query.get("charset", ["utf8mb4"])[0],
    }


class DleSource:
    """A DLE database as records; ``close()`` (or ``with``) releases the connection.

    Raises DleError, with a message fit for an operator, for a bad address, a server that
    cannot be reached, a refused login, a missing database or tables missing under
    ``prefix``. Dates are read as local times of ``timezone``; ``base_url`` (the old site's
    address) makes image xfields and site-relative addresses absolute; ``path_prefix`` is
    the folder the site was served from (``/en`` for ``/en/video/policy/48313-….html``),
    put before every old address; ``lead_image_fields`` names the xfields that hold a
    post's lead image, first filled one wins.
    """

    page_size = 500

    def __init__(
        self,
        url: str,
        *,
        language: str,
        prefix: str = "dle_",
        timezone: str = "Asia/Bishkek",
        base_url: str = "",
        path_prefix: str = "",
        lead_image_fields: tuple[str, ...] = ("image",),
        now: datetime | None = None,
        timeout: int = 30,
    ) -> None:
        if not _PREFIX.fullmatch(prefix):
            raise DleError(f"table prefix {prefix!r} may hold only letters, digits and _")
        try:
            self.zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise DleError(f"unknown time zone {timezone!r}") from error
        self.prefix, self.language = prefix, language
        self.base_url = base_url.rstrip("/")
        self.path_prefix = "/" + path_prefix.strip("/") if path_prefix.strip("/") else ""
        if not _PATH_PREFIX.fullmatch(self.path_prefix):
            raise DleError(f"path prefix {path_prefix!r} is not a folder like /en")
        self.lead_image_fields = lead_image_fields
        self.now = now or datetime.now(self.zone)
        self.options = connection_options(url)
        try:
            self.connection = pymysql.connect(
                **self.options,
                connect_timeout=10,
                read_timeout=timeout,
                cursorclass=pymysql.cursors.DictCursor,
            )
        except pymysql.err.MySQLError as error:
            raise DleError(_describe(error, self.options)) from error
        try:
            self._check_tables()
        except DleError:
            self.close()
            raise

    def __enter__(self) -> DleSource:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def _query(self, sql: str, args: Any = None) -> list[dict[str, Any]]:
        try:
            with self.connection.cursor() as cursor:
                cursor.execute(sql.replace("{p}", self.prefix), args)
                return list(cursor.fetchall())
        except pymysql.err.MySQLError as error:
            raise DleError(_describe(error, self.options)) from error

    def _check_tables(self) -> None:
        names = {f"{self.prefix}{name}" for name in ("post", "category", "comments", "users")}
        found = {next(iter(row.values())) for row in self._query("SHOW TABLES")}
        missing = sorted(names - found)
        if missing:
            raise DleError(f"no table {', '.join(missing)} in this database (wrong --prefix?)")
        self.has_extras = f"{self.prefix}post_extras" in found
        columns = self._query("SHOW COLUMNS FROM {p}comments")
        # Older DLE versions keep comments flat, without the column.
        self.threaded = any(column["Field"] == "parent" for column in columns)

    def records(self, after_id: int = 0) -> Iterator[Record]:
        """Every record of the site, posts from the one after ``after_id`` on."""
        rubrics = rows.ordered_rubrics(
            self._query("SELECT id, parentid, posi, name, alt_name FROM {p}category")
        )
        yield from rubrics
        authors = [
            rows.author_record(row)
            for row in self._query(
                "SELECT user_id, name, fullname FROM {p}users"
                " WHERE name IN (SELECT DISTINCT autor FROM {p}post) ORDER BY user_id"
            )
        ]
        yield from authors
        context = rows.PostContext(
            language=self.language,
            zone=self.zone,
            now=self.now,
            paths=rows.category_paths(rubrics),
            authors={author.login: author.external_id for author in authors},
            base_url=self.base_url,
            path_prefix=self.path_prefix,
        )
        for posts in self._post_pages(after_id):
            comments = self._comments([post["id"] for post in posts])
            for post in posts:
                yield from self._post_records(post, comments.get(post["id"], []), context)

    def _post_pages(self, after_id: int) -> Iterator[list[dict[str, Any]]]:
        sql = _POSTS_WITH_EXTRAS if self.has_extras else _POSTS
        while posts := self._query(sql, (after_id, self.page_size)):
            yield posts
            after_id = posts[-1]["id"]

    def _comments(self, post_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        found: dict[int, list[dict[str, Any]]] = {}
        sql = _COMMENTS.replace("{parent}", "parent" if self.threaded else "0") + _COMMENTS_OF
        for row in self._query(sql, (post_ids,)):
            found.setdefault(row["post_id"], []).append(row)
        return found

    def _post_records(
        self, post: dict[str, Any], comments: list[dict[str, Any]], context: rows.PostContext
    ) -> Iterator[Record]:
        xfields = rows.parse_xfields(post["xfields"])
        media = rows.lead_media(str(post["id"]), xfields, self.lead_image_fields, self.base_url)
        if media:
            yield media
        article = rows.article_record(post, context, media)
        yield article
        fallback = article.published_at or self.now
        known: set[str] = set()
        for row in comments:
            yield rows.comment_record(row, self.zone, known, fallback)
            known.add(str(row["id"]))


def _describe(error: pymysql.err.MySQLError, options: dict[str, Any]) -> str:
    code = error.args[0] if error.args and isinstance(error.args[0], int) else None
    template = _CONNECT_ERRORS.get(code or 0)
    if template is None:
        return f"cannot read the DLE database: {error}"
    return template.format(**options)
