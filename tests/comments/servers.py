"""Real Vestnik servers for the concurrency and fault tests of reader comments.

A site (the editions and one published article in a post-moderated rubric) is built once
in a fresh database by a subprocess, ``python -m tests.comments.servers``, and served by
``vestnik serve`` as in production, so requests really run at once in several processes
and threads. The database is a SQLite file in a temporary folder or, when the tests run
on PostgreSQL, a database of its own on that server, dropped afterwards; never the test
database. Servers believe ``X-Forwarded-For`` from 127.0.0.1, so each test picks the
reader addresses its limits see.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlparse, urlunparse

import requests
from tests.conftest import REPO_ROOT
from tests.liveserver import free_port, start_serve, stop_serve, wait_for

from vestnik.comments import tokens

HIGH = 100_000  # a limit no test reaches
ROOMY = {
    "VESTNIK_COMMENTS_LIMIT_ADDRESS_MINUTE": HIGH,
    "VESTNIK_COMMENTS_LIMIT_ADDRESS_HOUR": HIGH,
    "VESTNIK_COMMENTS_LIMIT_NETWORK_MINUTE": HIGH,
    "VESTNIK_COMMENTS_LIMIT_ARTICLE_MINUTE": HIGH,
}


def postgres_run() -> bool:
    """True in the PostgreSQL invocation (DATABASE_URL names a PostgreSQL server)."""
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


def base_env(var: Path, database_url: str, **settings) -> dict[str, str]:
    """The environment of a build or a server: this checkout first on the path, and none
    of the test run's own choices (test database, local-memory cache, immediate tasks)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("VESTNIK_", "DJANGO_"))
        and name not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"}
    }
    from django.conf import settings as test_settings

    env.update(
        PYTHONPATH=f"{REPO_ROOT / 'src'}{os.pathsep}{REPO_ROOT}",
        VESTNIK_VAR_DIR=str(var),
        DATABASE_URL=database_url,
        # The test run's own key: its tokens.token_read/token_issue work on the servers' tokens.
        SECRET_KEY=test_settings.SECRET_KEY,
        VESTNIK_TRUSTED_PROXIES="127.0.0.1",
        VESTNIK_COMMENTS_MIN_SECONDS="0",
    )
    env.update({name: str(value) for name, value in settings.items()})
    return env


@dataclass(frozen=True)
class BuiltSite:
    database_url: str
    article_id: int
    article_path: str
    static_root: Path


def collect_static(var: Path) -> Path:
    """Collect the static files once for every server of the session (``var/static``)."""
    env = base_env(var, f"sqlite:///{var / 'unused.sqlite3'}", VESTNIK_CACHE="file")
    subprocess.run(
        [sys.executable, "-m", "vestnik.cli", "collectstatic", "--noinput", "-v", "0"],
        env=env, cwd=REPO_ROOT, check=True, timeout=120,
    )  # fmt: skip
    return var / "static"


def build_site(var: Path, database_url: str, static_root: Path) -> BuiltSite:
    """Migrate the empty ``database_url`` and publish the article, in a subprocess."""
    env = base_env(var, database_url, VESTNIK_CACHE="locmem", VESTNIK_TASKS="immediate")
    built = subprocess.run(
        [sys.executable, "-m", "tests.comments.servers"],
        env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    if built.returncode != 0:
        raise RuntimeError(f"building the comment site failed:\n{built.stderr[-3000:]}")
    data = json.loads(built.stdout.strip().splitlines()[-1])
    return BuiltSite(database_url, data["article_id"], data["article_path"], static_root)


def _with_name(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


def postgres_execute(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=10) as connection:
        for statement in statements:
            connection.execute(statement)


@contextlib.contextmanager
def scratch_database_url(folder: Path, name: str, template: str = "") -> Iterator[str]:
    """A database of its own: a SQLite file in ``folder``, or in the PostgreSQL invocation
    a database named ``vestnik_conc_…`` on the test run's server, dropped afterwards.
    With ``template`` (a built site's URL) it starts as a copy of that site."""
    if not postgres_run():
        url = f"sqlite:///{folder / (name + '.sqlite3')}"
        if template:
            with (
                contextlib.closing(sqlite3.connect(urlparse(template).path)) as source,
                contextlib.closing(sqlite3.connect(urlparse(url).path)) as target,
            ):
                source.backup(target)
        yield url
        return
    admin = _with_name(os.environ["DATABASE_URL"], "postgres")
    database = f"vestnik_conc_{uuid.uuid4().hex[:10]}_{name}"
    copy = f' TEMPLATE "{urlparse(template).path.lstrip("/")}"' if template else ""
    postgres_execute(admin, f'CREATE DATABASE "{database}"{copy}')
    try:
        yield _with_name(admin, database)
    finally:
        postgres_execute(admin, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@contextlib.contextmanager
def serving(site: BuiltSite, var: Path, database_url: str, **settings) -> Iterator[Server]:
    """`vestnik serve` on ``database_url`` with ``settings`` in its environment."""
    var.mkdir(parents=True, exist_ok=True)
    if not (var / "static").exists():
        (var / "static").symlink_to(site.static_root, target_is_directory=True)
    env = base_env(var, database_url, **settings)
    port = free_port()
    log = var / "serve.log"
    process = start_serve(env, port, log=log)
    server = Server(f"http://127.0.0.1:{port}", site, database_url, log, process)
    try:
        wait_for(server.base + "/healthz", process, timeout=60)
        yield server
    finally:
        stop_serve(process)


@contextlib.contextmanager
def site_server(site: BuiltSite, folder: Path, name: str, **settings) -> Iterator[Server]:
    """A server of its own on a fresh copy of the built site."""
    with (
        scratch_database_url(folder, name, template=site.database_url) as url,
        serving(site, folder / name, url, **settings) as server,
    ):
        yield server


@dataclass
class Server:
    base: str
    site: BuiltSite
    database_url: str
    log: Path
    process: subprocess.Popen

    def log_tail(self, size: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-size:] if self.log.exists() else ""

    @property
    def token_url(self) -> str:
        return f"{self.base}/en/comments/{self.site.article_id}/token/"

    @property
    def post_url(self) -> str:
        return f"{self.base}/en/comments/{self.site.article_id}/"


@dataclass(frozen=True)
class Form:
    """What a reader's form holds: the token, its idempotency key, and the CSRF pair."""

    token: str
    key: str  # 32 hex digits
    csrf: str
    cookie: str


def fetch_form(server: Server, address: str, session: requests.Session | None = None) -> Form:
    """A reader loads the form: GET the token endpoint (raises unless it answers 200)."""
    getter = session or requests
    answer = getter.get(server.token_url, headers={"X-Forwarded-For": address}, timeout=30)
    answer.raise_for_status()
    data = answer.json()
    key = tokens.token_read(data["token"], server.site.article_id).key.hex
    return Form(data["token"], key, data["csrf"], answer.cookies.get("csrftoken") or "")


def post_form(
    server: Server,
    form: Form,
    body: str,
    address: str,
    *,
    session: requests.Session | None = None,
    timeout: float = 60,
) -> requests.Response:
    """Send ``form`` as the in-page script does (JSON answer, CSRF header and cookie);
    the cookie comes from ``session``'s jar when given."""
    headers = {"Accept": "application/json", "X-CSRFToken": form.csrf, "X-Forwarded-For": address}
    if session is None:
        headers["Cookie"] = f"csrftoken={form.cookie}"
    fields = {"name": "Reader", "body": body, "email": "", "website": "", "parent": ""}
    fields.update(fax="", token=form.token)
    sender = session or requests
    return sender.post(server.post_url, data=fields, headers=headers, timeout=timeout)


class Row(NamedTuple):
    key: str  # the idempotency key, 32 hex digits
    id: int
    body: str


def _fetch(database_url: str, query: str, params: tuple = ()) -> list[tuple]:
    """Rows of ``query`` (``%s`` placeholders) read directly from a server's database."""
    if database_url.startswith("sqlite"):
        with contextlib.closing(sqlite3.connect(urlparse(database_url).path)) as connection:
            return connection.execute(query.replace("%s", "?"), params).fetchall()
    import psycopg

    with psycopg.connect(database_url, connect_timeout=10) as connection:
        return connection.execute(query, params).fetchall()


def comment_rows(database_url: str) -> list[Row]:
    """Every comment in a server's database."""
    rows = _fetch(database_url, "SELECT idempotency_key, id, body FROM comments_readercomment")
    return [Row(uuid.UUID(str(key)).hex, id_, body) for key, id_, body in rows]


def thread_count(database_url: str, article_id: int) -> int:
    """The article's approved count as the services keep it in ``CommentThread``."""
    query = "SELECT approved_count FROM comments_commentthread WHERE article_id = %s"
    rows = _fetch(database_url, query, (article_id,))
    return rows[0][0] if rows else 0


def start_in_one_window(seconds: int = 60, needed: float = 10) -> None:
    """Wait for the next fixed window of the rate limits if fewer than ``needed`` seconds
    are left of this one, so a test's posts are all counted in one window."""
    left = seconds - time.time() % seconds
    if left < needed:
        time.sleep(left + 0.1)


def main() -> None:
    """Build the site: ``python -m tests.comments.servers`` (prints the article as JSON)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from tests import factories

    from vestnik.newsroom.editions import edition_ensure_all
    from vestnik.newsroom.models import CommentMode, RubricPage

    call_command("migrate", verbosity=0)
    edition_ensure_all()
    article = factories.article("en", headline="Osh market reopens after the fire")
    rubric = RubricPage.objects.filter(path=article.path[: -article.steplen])
    rubric.update(comment_mode=CommentMode.POST_MODERATED)
    _site, _root, path = article.get_url_parts()
    print(json.dumps({"article_id": article.id, "article_path": path}))


if __name__ == "__main__":
    main()
