"""``vestnik api_schema``: write the content API's OpenAPI document into the repository.

The committed document is the API's contract: a test compares it with the served one,
so a change to the API shows up in review as a change to this file.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DEFAULT_PATH = settings.PACKAGE_DIR.parents[1] / "docs" / "api" / "openapi-v1.json"


def schema_text() -> str:
    from vestnik.api.routes import api

    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Write the OpenAPI document of /api/v1/ (or, with --check, compare it)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=DEFAULT_PATH)
        parser.add_argument(
            "--check", action="store_true", help="Fail if the file differs instead of writing."
        )

    def handle(self, *args, output: Path, check: bool, **options) -> None:
        text = schema_text()
        if check:
            current = output.read_text(encoding="utf-8") if output.is_file() else ""
            if current != text:
                raise CommandError(f"{output} is out of date: run `vestnik api_schema`.")
            self.stdout.write(f"{output} is up to date.")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {output}.")
