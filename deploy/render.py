"""Fill in the placeholders of Vestnik's deployment templates (nginx, systemd).

    python3 deploy/render.py deploy/nginx/vestnik.conf VESTNIK_SERVER_NAME=news.example.org ...

A placeholder is ``${VESTNIK_NAME}``; a value comes from a ``NAME=value`` argument or else
from the environment, and a placeholder left without one is an error (exit status 2,
naming it). nginx's own variables (``$host``) are left alone, so ``envsubst`` given the
list of names does the same. Standard library only: it runs on an nginx host that has
no Vestnik installed. The tests and the hit benchmark render through ``render_file``.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parent
PLACEHOLDER = re.compile(r"\$\{(VESTNIK_[A-Z0-9_]+)\}")


class MissingValues(ValueError):
    """Placeholders that were given no value."""

    def __init__(self, names: list[str]):
        self.names = names
        super().__init__("no value for " + ", ".join(names))


def placeholders(text: str) -> list[str]:
    """The placeholder names in ``text``, each once, in order of appearance."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def render(text: str, values: Mapping[str, object]) -> str:
    """``text`` with every placeholder replaced; raises ``MissingValues`` if any has none."""
    missing = [name for name in placeholders(text) if name not in values]
    if missing:
        raise MissingValues(missing)
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), text)


def render_file(path: str | Path, values: Mapping[str, object]) -> str:
    """The template at ``path`` (relative to ``deploy/`` unless absolute), rendered."""
    template = Path(path)
    if not template.is_absolute() and not template.exists():
        template = DEPLOY_DIR / template
    return render(template.read_text(encoding="utf-8"), values)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__.strip())
        return 0 if argv else 2
    values: dict[str, str] = {
        name: value for name, value in os.environ.items() if name.startswith("VESTNIK_")
    }
    for argument in argv[1:]:
        name, equals, value = argument.partition("=")
        if not equals:
            print(f"render: expected NAME=value, got {argument!r}", file=sys.stderr)
            return 2
        values[name] = value
    try:
        sys.stdout.write(render_file(argv[0], values))
    except MissingValues as error:
        print(f"render: {argv[0]}: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"render: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
