"""SQLite with one writer a process at a time, queued in Python rather than in SQLite.

SQLite has a single writer. A connection that finds the write lock taken waits in
SQLite's busy handler, which sleeps 1, 2, 5, 10, 15, 20, 25... ms between tries: with
several threads of one app server writing at once, the lock is free again long before
the waiters wake, so the processor idles and posts queue (bench/comments.py). Here
threads of one process queue on a lock of their own, handed over the moment the holder
commits or rolls back; SQLite's busy handler is left to arbitrate between processes (the
app server's workers, the task worker, the tick). The wait is bounded (``OPTIONS``'
``timeout``, else 10 s), after which the transaction goes on to SQLite's own waiting.
"""

from __future__ import annotations

import threading

from django.db.backends.sqlite3 import base

_WRITER = threading.Lock()


class DatabaseWrapper(base.DatabaseWrapper):
    _holds_writer = False

    def _start_transaction_under_autocommit(self):
        timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 10))
        self._holds_writer = _WRITER.acquire(timeout=timeout)
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]  # not in the stubs
        except BaseException:
            self._writer_release()
            raise

    def _writer_release(self) -> None:
        if self._holds_writer:
            self._holds_writer = False
            _WRITER.release()

    def _commit(self):
        try:
            return super()._commit()  # type: ignore[misc]
        finally:
            self._writer_release()

    def _rollback(self):
        try:
            return super()._rollback()  # type: ignore[misc]
        finally:
            self._writer_release()

    def _close(self):
        try:
            return super()._close()  # type: ignore[misc]
        finally:
            self._writer_release()
