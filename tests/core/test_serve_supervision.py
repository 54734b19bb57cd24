"""`vestnik serve` keeps the site up when a helper exits, and stops when the app server does.

Stand-in children (tiny Python processes) replace granian, the task worker and the tick,
so this runs in a second; tests/browser/test_serve.py runs the real ones.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import pytest

from vestnik.core.management.commands import serve

WAIT = [sys.executable, "-c", "import time; time.sleep(60)"]
EXIT = [sys.executable, "-c", "raise SystemExit(3)"]


def run_serve(monkeypatch, commands: dict[str, list[str]], stop_when) -> list[list[str]]:
    """Run serve's loop in this (main) thread with ``commands`` as its children; send it
    Ctrl-C once ``stop_when(started)`` holds. Returns every command it started."""
    started: list[list[str]] = []
    popen = serve.subprocess.Popen

    def recording_popen(command, *args, **kwargs):
        started.append(command)
        return popen(command, *args, **kwargs)

    monkeypatch.setattr(serve.subprocess, "Popen", recording_popen)
    monkeypatch.setattr(serve, "RESTART_DELAY", 0, raising=False)
    monkeypatch.setattr(serve.Command, "_commands", lambda self, options: commands)

    returned = threading.Event()

    def interrupt() -> None:
        deadline = time.monotonic() + 30
        while not returned.is_set() and time.monotonic() < deadline:
            if stop_when(started):
                os.kill(os.getpid(), signal.SIGINT)  # serve's own handler takes it
                return
            time.sleep(0.05)

    handlers = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    watcher = threading.Thread(target=interrupt, daemon=True)
    try:
        watcher.start()
        serve.Command().handle(host="127.0.0.1", port=0, workers=1)
    finally:
        returned.set()
        watcher.join(timeout=30)
        signal.signal(signal.SIGINT, handlers[0])
        signal.signal(signal.SIGTERM, handlers[1])
    return started


def test_exited_task_worker_is_started_again_and_the_site_stays_up(monkeypatch):
    """The task worker exits when the database goes away; serve starts it again instead
    of stopping the app server with it, and Ctrl-C still stops everything cleanly."""
    commands = {"app server": WAIT, "task worker": EXIT, "tick": WAIT}
    started = run_serve(monkeypatch, commands, lambda started: started.count(EXIT) >= 3)
    assert started.count(EXIT) >= 3
    assert started.count(WAIT) == 2  # the app server and the tick, each started once


def test_app_server_exiting_stops_everything_with_an_error(monkeypatch):
    """Without its app server the site is down: serve stops the helpers and fails."""
    commands = {"app server": EXIT, "task worker": WAIT, "tick": WAIT}
    with pytest.raises(SystemExit) as stopped:
        run_serve(monkeypatch, commands, lambda started: False)
    assert stopped.value.code == 1
