"""The ``vestnik`` command: Django management with Vestnik's settings."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")
    from django.core.management import execute_from_command_line

    args = list(argv if argv is not None else sys.argv[1:])
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")  # `vestnik import-text` runs import_text
    execute_from_command_line(["vestnik", *args])


if __name__ == "__main__":
    main()
