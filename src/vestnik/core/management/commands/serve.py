"""``vestnik serve``: the app server, a task worker and the periodic tick, in one command.

Ctrl-C (or SIGTERM) stops all three. Each runs as its own process so a slow task never
holds a reader's request, and the app server keeps its two workers. A task worker or tick
that exits is started again; the app server exiting stops all.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

# Helpers started again when they exit; the app server exiting stops everything.
RESTARTED = ("task worker", "tick")
RESTART_DELAY = 2.0  # seconds: no busy loop while the database is still away


class Command(BaseCommand):
    help = "Serve the site with its task worker and periodic tick (Ctrl-C stops all)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("VESTNIK_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--workers", type=int, default=2)

    def _commands(self, options) -> dict[str, list[str]]:
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
        return {"app server": server, "task worker": worker, "tick": tick}

    def handle(self, *args, **options):
        commands = self._commands(options)
        children = {
            name: subprocess.Popen(command)  # noqa: S603 (our own interpreter and arguments)
            for name, command in commands.items()
        }
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        self.stdout.write(f"Serving on http://{options['host']}:{options['port']}/ (Ctrl-C stops)")
        restart_at: dict[str, float] = {}
        while not stopping and children["app server"].poll() is None:
            time.sleep(0.5)
            for name in RESTARTED:
                self._supervise(name, children, commands, restart_at)
        stopped_early = [name for name, child in children.items() if child.poll() is not None]
        for child in children.values():
            if child.poll() is None:
                child.terminate()
        for child in children.values():
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        if stopped_early and not stopping:
            self.stderr.write(f"Stopped because the {stopped_early[0]} exited; all stopped.")
            sys.exit(1)

    def _supervise(self, name, children, commands, restart_at) -> None:
        """Start ``name`` again RESTART_DELAY seconds after it exited.

        The task worker exits on a database error it does not expect, such as a refused
        connection while the database restarts; stopping the whole site for that would
        turn a few seconds of 503 answers into an outage.
        """
        if children[name].poll() is None:
            return
        if name not in restart_at:
            code = children[name].returncode
            self.stderr.write(
                f"The {name} exited (code {code}); starting it again in {RESTART_DELAY:g} s."
            )
            restart_at[name] = time.monotonic() + RESTART_DELAY
        elif time.monotonic() >= restart_at[name]:
            del restart_at[name]
            children[name] = subprocess.Popen(commands[name])  # noqa: S603 (as above)
