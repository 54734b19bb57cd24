"""Batch mode: inside ``batch()``, per-page follow-up work is collected instead of run.

Imports publish many pages; recomputing "Read also", search and caches after each one
would repeat work the batch does once at its end. Signal handlers ask ``defer`` first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_pending: ContextVar[dict[str, set[int]] | None] = ContextVar("vestnik_batch", default=None)


@contextmanager
def batch() -> Iterator[dict[str, set[int]]]:
    """Collect deferred work by kind ("related", ...) -> page ids, for the caller to run."""
    pending: dict[str, set[int]] = {}
    token = _pending.set(pending)
    try:
        yield pending
    finally:
        _pending.reset(token)


def defer(kind: str, page_id: int) -> bool:
    """Record ``page_id`` for ``kind`` if a batch is open; True means "deferred, skip it now"."""
    pending = _pending.get()
    if pending is None:
        return False
    pending.setdefault(kind, set()).add(page_id)
    return True


# kind -> what runs once per batch for the collected ids; apps register their own.
_finishers: dict[str, Callable[[Iterable[int]], None]] = {}


def register_finisher(kind: str, finisher: Callable[[Iterable[int]], None]) -> None:
    _finishers[kind] = finisher


def finish(pending: dict[str, set[int]]) -> None:
    """Run each registered finisher once for the ids its kind collected."""
    for kind, ids in pending.items():
        finisher = _finishers.get(kind)
        if finisher is not None and ids:
            finisher(sorted(ids))
