"""``vestnik tick``: periodic jobs (scheduled publishing, ...) every ``--interval`` seconds."""

from __future__ import annotations

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)

# Each job is a management command; apps add theirs with ``register_periodic``.
PERIODIC_COMMANDS: list[tuple[str, dict[str, object]]] = [
    ("publish_scheduled", {}),
    ("ratelimit_prune", {}),
]


def register_periodic(command: str) -> None:
    """Have every tick run ``command`` (from an app's ``ready()``; once however often)."""
    if (command, {}) not in PERIODIC_COMMANDS:
        PERIODIC_COMMANDS.append((command, {}))


class Command(BaseCommand):
    help = "Run periodic jobs: once (--once) or every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--interval", type=float, default=60.0)

    def handle(self, *args, once=False, interval=60.0, **options):
        while True:
            for name, kwargs in PERIODIC_COMMANDS:
                try:
                    call_command(name, verbosity=0, **kwargs)
                except Exception:  # one failing job must not stop the others
                    logger.exception("Periodic job %s failed", name)
            close_old_connections()
            if once:
                return
            try:
                time.sleep(interval)
            except KeyboardInterrupt:
                return
