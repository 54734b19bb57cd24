"""SQLite's writers of one process queue on a lock of Vestnik's (vestnik.core.sqlite), not in
SQLite's busy handler. Runs on a SQLite file of its own in both invocations."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest
from django.db.utils import ConnectionHandler, OperationalError

from vestnik.core.sqlite import base


@pytest.fixture
def handler(tmp_path, django_db_blocker):
    """Connections (one a thread) to a file database whose busy handler gives up at once:
    a writer that met a held write lock in SQLite itself would fail."""
    connections = ConnectionHandler(
        {
            "default": {
                "ENGINE": "vestnik.core.sqlite",
                "NAME": str(tmp_path / "writers.sqlite3"),
                "OPTIONS": {
                    "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=0;",
                    "transaction_mode": "IMMEDIATE",
                },
            }
        }
    )
    with django_db_blocker.unblock():  # a database of the test's own, not the test database
        with connections["default"].cursor() as cursor:
            cursor.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
        yield connections
        connections.close_all()


@contextmanager
def atomic(connections):
    """What transaction.atomic does on SQLite: BEGIN, then COMMIT or ROLLBACK."""
    connection = connections["default"]
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        yield
    except BaseException:
        connection.rollback()
        raise
    else:
        connection.commit()
    finally:
        connection.set_autocommit(True)


def write(connections, body: str) -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("INSERT INTO note (body) VALUES (%s)", [body])


def notes(connections) -> list[str]:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT body FROM note ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def test_a_second_writer_waits_for_the_first_to_commit(handler):
    inside, go_on, second_done = threading.Event(), threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        with atomic(handler):
            write(handler, "first")
            inside.set()
            go_on.wait(10)
        handler["default"].close()

    def second() -> None:
        inside.wait(10)
        try:
            with atomic(handler):
                write(handler, "second")
        except OperationalError as error:  # SQLite's "database is locked"
            errors.append(error)
        finally:
            handler["default"].close()
            second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    inside.wait(10)
    assert not second_done.wait(0.3)  # queued behind the first, not failed
    assert base._WRITER.locked()
    go_on.set()
    for thread in threads:
        thread.join(10)
    assert errors == []
    assert notes(handler) == ["first", "second"]
    assert not base._WRITER.locked()


def test_the_lock_is_handed_back_on_rollback_and_on_close(handler):
    with pytest.raises(RuntimeError), atomic(handler):
        write(handler, "rolled back")
        raise RuntimeError("the view failed")
    assert not base._WRITER.locked()
    held: list[bool] = []

    def dropped_mid_transaction() -> None:  # a worker killed, a connection gone
        handler["default"].set_autocommit(
            False, force_begin_transaction_with_broken_autocommit=True
        )
        write(handler, "never committed")
        held.append(base._WRITER.locked())
        handler["default"].close()

    thread = threading.Thread(target=dropped_mid_transaction)
    thread.start()
    thread.join(10)
    assert held == [True]
    assert not base._WRITER.locked()
    assert notes(handler) == []
