"""How far an import started from the admin has come, for the page that started it.

The import runs in the admin's request (docs/adr/0008); while the browser waits, the
page's script asks ``/admin/import/archive/progress/<token>/`` every second or two. The
count lives in the cache shared by the workers (a file or Redis cache; another worker
answers the question), under the user's id and a random token the form carried, so
one editor's imports are never shown to another.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import cache

from vestnik.importers.sources import Plan, Progress

KEPT_FOR = 6 * 3600  # seconds: longer than any import a request can hold
EVERY = 10  # records between two writes of the count


def _key(user_id: int | None, token: str) -> str:
    return f"vestnik:import-progress:{user_id}:{token}"


def progress_to_cache(user_id: int | None, token: str) -> Progress | None:
    """A ``sources.import_source`` progress that writes the count under ``token``
    (None without a token: the page's script is not running)."""
    if not token:
        return None
    key = _key(user_id, token)

    def start(plan: Plan) -> Callable[[int], None]:
        cache.set(key, {"done": 0, "total": plan.total}, KEPT_FOR)

        def show(number: int) -> None:
            if number % EVERY == 0 or number == plan.total:
                cache.set(key, {"done": number, "total": plan.total}, KEPT_FOR)

        return show

    return start


def progress_read(user_id: int | None, token: str) -> dict[str, Any]:
    """``{"done": records done or None before the import starts, "total": records
    expected or None when the source cannot tell}``."""
    return cache.get(_key(user_id, token)) or {"done": None, "total": None}


def progress_forget(user_id: int | None, token: str) -> None:
    cache.delete(_key(user_id, token))
