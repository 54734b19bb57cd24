"""Browser journeys: Playwright driving Debian's Chromium against a real app server.

The site runs as in production (granian, WSGI) on a SQLite file built for the session
by ``build_site.py`` in its own process, so no test database is flushed under it.
They run in their own pytest invocation (`make test-browser`).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT, skip_or_fail

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the app server stopped during start-up")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the app server did not answer at {url}")


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
        "PYTHONPATH": str(REPO_ROOT),
    }
    built = subprocess.run(
        [sys.executable, "-m", "tests.browser.build_site"],
        env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    data = json.loads(built.stdout.strip().splitlines()[-1])
    server = subprocess.Popen(
        [sys.executable, "-m", "granian", "--interface", "wsgi", "vestnik.wsgi:application",
         "--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--no-ws"],
        env=env, cwd=REPO_ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz", server)
        yield {"base": base, **data}
    finally:
        server.terminate()
        server.wait(timeout=10)


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
