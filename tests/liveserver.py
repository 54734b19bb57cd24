"""A real Vestnik server in a subprocess, as `make run` starts it, for tests that need
real HTTP and real concurrency (browser journeys, concurrent posting, fault tests).

Each server runs in a session of its own so that ``stop_serve`` reaches every process
it started (app server, task worker, tick).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    """Until ``url`` answers: two workers importing Django and Wagtail take a minute and
    more on a busy 2-core machine (30 seconds were seen to fall short)."""
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


def start_serve(env: dict, port: int, log: Path | None = None) -> subprocess.Popen:
    """`vestnik serve` as `make run` starts it: app server, task worker, periodic tick.

    In a session of its own, so that ``stop_serve`` can always reach every process it made.
    Its output goes to ``log`` when given (for the failure messages of fault tests).
    """
    output = open(log, "ab") if log is not None else subprocess.DEVNULL  # noqa: SIM115
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "vestnik.cli", "serve", "--port", str(port)],
            env=env, cwd=REPO_ROOT, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    finally:
        if log is not None:
            output.close()  # the child holds its own copy


def stop_serve(server: subprocess.Popen) -> None:
    """Ctrl-C, as an operator would; then make sure nothing of it is left running."""
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=20)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
