"""Test set-up shared by every test run (SQLite, PostgreSQL, browser journeys).

The test choices of settings (local-memory cache, immediate tasks) are made by the
``vestnik.core.testing`` plugin, which pytest loads before Django reads the settings.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest

REQUIRE_ALL = os.environ.get("VESTNIK_REQUIRE_ALL") == "1"
REPO_ROOT = Path(__file__).resolve().parents[1]
# The third-party seed page: read in place, never copied into the project.
SEED_FILE = REPO_ROOT.parent / "shared" / "seed" / "open-kg-article-en.txt"
_skipped: list[str] = []


def service_reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), 1
        ):
            return True
    except OSError:
        return False


def pytest_collection_modifyitems(config, items):
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith("postgres") and not service_reachable(database_url, 5432):
        reason = f"PostgreSQL is not reachable at {urlparse(database_url).netloc}"
        for item in items:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(f"{report.nodeid}: {report.longrepr[-1] if report.longrepr else ''}")


def pytest_sessionfinish(session, exitstatus):
    # In CI nothing may be skipped: a missing service or browser is a failure there.
    if REQUIRE_ALL and _skipped:
        session.config.pluginmanager.get_plugin("terminalreporter").write_line(
            f"VESTNIK_REQUIRE_ALL=1 forbids skips; {len(_skipped)} skipped:\n  "
            + "\n  ".join(_skipped[:20]),
            red=True,
        )
        session.exitstatus = 1


def skip_or_fail(reason: str) -> None:
    """Skip with ``reason`` locally; under VESTNIK_REQUIRE_ALL=1 that is a failure."""
    if REQUIRE_ALL:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the editions once per test database; each test rolls back to this state."""
    from vestnik.newsroom.editions import edition_ensure_all

    with django_db_blocker.unblock():
        edition_ensure_all()


@pytest.fixture(autouse=True)
def _fresh_memory_caches():
    """Each test starts with empty in-process caches: a rolled-back test frees ids that the
    next one reuses, and a cached value (a rendition, a most-read list) of the old row
    would answer for the new one."""
    yield
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    for cache in caches.all(initialized_only=True):
        if isinstance(cache, LocMemCache):
            cache.clear()


@pytest.fixture(autouse=True)
def _page_cache(request, settings):
    """Tests that render pages in process measure and check the rendering: Vestnik's own
    page cache is off for them unless they are marked ``page_cache`` (the cache's and
    the purge's own tests). Servers the tests start keep it on, as deployed."""
    settings.VESTNIK_PAGE_CACHE = request.node.get_closest_marker("page_cache") is not None


@pytest.fixture
def editions(db):
    """The three editions' page trees: cheap when present, rebuilt after a flush."""
    from vestnik.newsroom.editions import edition_ensure_all

    return edition_ensure_all()


def _member(role: str, username: str):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def author_user(db):
    return _member("Author", "author")


@pytest.fixture
def other_author_user(db):
    return _member("Author", "other-author")


@pytest.fixture
def editor_user(db):
    return _member("Editor", "editor")


@pytest.fixture
def moderator_user(db):
    return _member("Moderator", "moderator")


@pytest.fixture
def translator_user(db):
    return _member("Translator", "translator")
