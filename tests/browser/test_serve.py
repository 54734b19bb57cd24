"""`vestnik serve` (what `make run` starts): three processes, all stopped by Ctrl-C."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

from tests.browser.conftest import free_port, start_serve, stop_serve, wait_for


def children_of(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return {int(line) for line in out.stdout.split()}


def alive(pid: int) -> bool:
    return (
        Path(f"/proc/{pid}").exists()
        and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    )


def test_serve_runs_server_worker_and_tick_and_ctrl_c_stops_them_all(site):
    port = free_port()
    serve = start_serve(site["env"], port)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", serve)
        children = children_of(serve.pid)
        commands = [
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            for pid in children
        ]
        assert any("granian" in c for c in commands)
        assert any("db_worker" in c for c in commands)
        assert any(" tick" in c for c in commands)
        serve.send_signal(signal.SIGINT)
        assert serve.wait(timeout=20) == 0
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(alive(pid) for pid in children)
    finally:
        stop_serve(serve)
