"""Browser journeys: Playwright driving Debian's Chromium against a real app server.

The site runs as in production (granian, WSGI) on a SQLite file built for the session
by ``build_site.py`` in its own process, so no test database is flushed under it.
They run in their own pytest invocation (`make test-browser`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT, skip_or_fail
from tests.liveserver import free_port, start_serve, stop_serve, wait_for

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """A running server with one page of every type per edition and the seed article."""
    var = tmp_path_factory.mktemp("browser-site")
    port = free_port()
    env = {
        **os.environ,
        "VESTNIK_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'site.sqlite3'}",
        "VESTNIK_CACHE": "locmem",
        "VESTNIK_TASKS": "immediate",
        "VESTNIK_BASE_URL": f"http://127.0.0.1:{port}",
        # This tree's code, ahead of whatever checkout the virtualenv installed.
        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "src"), str(REPO_ROOT)]),
        # Every journey posts from 127.0.0.1: no waiting before a post, no rate limits
        # that a few dozen posts from one address would meet.
        "VESTNIK_COMMENTS_MIN_SECONDS": "0",
        # The XSS journey reads every posted comment on the article itself.
        "VESTNIK_COMMENTS_PER_PAGE": "1000",
        **{
            f"VESTNIK_COMMENTS_LIMIT_{limit}": "100000"
            for limit in ("ADDRESS_MINUTE", "ADDRESS_HOUR", "NETWORK_MINUTE", "ARTICLE_MINUTE")
        },
    }
    built = subprocess.run(
        [sys.executable, "-m", "tests.browser.build_site"],
        env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    data = json.loads(built.stdout.strip().splitlines()[-1])
    (var / "secret_key").write_text("browser-journeys-secret-key-0123456789")
    # No nginx in front: the app serves the pictures' files itself.
    server_env = {
        **env, "VESTNIK_TASKS": "database", "VESTNIK_CACHE": "file", "VESTNIK_SERVE_MEDIA": "1"
    }  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "vestnik.cli", "collectstatic", "--noinput", "-v", "0"],
        env=server_env, cwd=REPO_ROOT, check=True, timeout=120,
    )  # fmt: skip
    server = start_serve(server_env, port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz", server)
        yield {"base": base, "env": server_env, **data}
    finally:
        stop_serve(server)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        skip_or_fail(f"browser journeys need Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()
