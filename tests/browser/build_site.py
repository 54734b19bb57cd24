"""Build the browser journeys' site in a fresh database: ``python -m tests.browser.build_site``.

Runs in its own process with the environment the fixture gives it, and prints the
URLs of the sample pages (and of the imported seed article) as JSON.
"""

from __future__ import annotations

import json
import os
from io import StringIO

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")
    django.setup()
    from django.core.management import call_command
    from tests import sample_site
    from tests.conftest import SEED_FILE

    from vestnik.newsroom.editions import edition_ensure_all

    call_command("migrate", verbosity=0)
    edition_ensure_all()
    urls = sample_site.build()
    seed = None
    if SEED_FILE.is_file():
        out = StringIO()
        call_command("import_text", str(SEED_FILE), "--lang", "en", "--publish", stdout=out)
        seed = out.getvalue().strip().splitlines()[-1]
    print(json.dumps({"urls": urls, "seed": seed}))


if __name__ == "__main__":
    main()
