"""``vestnik serve``: the app server, a task worker and the periodic tick, in one command.

Ctrl-C (or SIGTERM) stops all three. Each runs as its own process so a slow task never
holds a reader's request, and the app server keeps its two workers.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site with its task worker and periodic tick (Ctrl-C stops all)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("VESTNIK_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--workers", type=int, default=2)

    def _commands(self, options) -> list[list[str]]:
        python = sys.executable
        server = [
            python, "-m", "granian", "--interface", "wsgi", "vestnik.wsgi:application",
            "--host", options["host"], "--port", str(options["port"]),
            "--workers", str(options["workers"]), "--no-ws",
            # Django is synchronous: a few threads per worker, and a bounded queue in front.
            "--blocking-threads", "4", "--backpressure", "32",
        ]  # fmt: skip
        worker = [python, "-m", "vestnik.cli", "db_worker", "--interval", "1"]
        tick = [python, "-m", "vestnik.cli", "tick"]
        return [server, worker, tick]

    def handle(self, *args, **options):
        children = [subprocess.Popen(command) for command in self._commands(options)]  # noqa: S603
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        self.stdout.write(f"Serving on http://{options['host']}:{options['port']}/ (Ctrl-C stops)")
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.5)
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        failed = [child.args for child in children if child.returncode not in (0, -15, None)]
        if failed and not stopping:
            self.stderr.write(f"A process stopped unexpectedly: {failed[0][2:4]}")
            sys.exit(1)
