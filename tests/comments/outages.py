"""A PostgreSQL cluster and a Redis server of the fault tests' own, to stop and restart.

The machine's shared PostgreSQL and Redis are never touched: each of these runs from a
temporary folder on a spare port of 127.0.0.1 and is stopped and removed afterwards.
``initdb`` and ``pg_ctl`` refuse to run as root, so as root they run as ``postgres``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import service_reachable, skip_or_fail
from tests.liveserver import free_port


def postgres_binary(name: str) -> str | None:
    """The newest installed ``name`` (Debian keeps them under /usr/lib/postgresql/N/bin)."""
    found = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    return found[-1] if found else shutil.which(name)


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass
class Cluster:
    """A running private cluster: ``stop`` and ``start`` it as an operator would."""

    root: Path
    port: int
    pg_ctl: str

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _ctl(self, *args: str) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off"
        )
        command = [self.pg_ctl, "-D", str(self.data), "-l", str(self.root / "log")]
        command += ["-o", options, "-w", "-t", "60", *args]
        subprocess.run(_as_postgres(command), check=True, capture_output=True, timeout=90)

    def start(self) -> None:
        self._ctl("start")

    def stop(self, mode: str = "fast") -> None:
        """``fast``: running transactions are rolled back and clients cut off."""
        self._ctl("-m", mode, "stop")

    def copy_of(self, source_url: str, name: str = "vestnik") -> str:
        """A new database ``name`` holding a copy of ``source_url`` (pg_dump into psql);
        its URL. Quicker than migrating a fresh database again."""
        pg_dump, psql = postgres_binary("pg_dump"), postgres_binary("psql")
        if not (pg_dump and psql):
            skip_or_fail("the PostgreSQL fault test needs pg_dump and psql")
        url = self.url(name)
        subprocess.run([psql, "-q", self.url(), "-c", f'CREATE DATABASE "{name}"'], check=True)
        dump = subprocess.run(
            [pg_dump, "--no-owner", "--no-privileges", source_url], capture_output=True, timeout=120
        )
        if dump.returncode != 0:  # e.g. a pg_dump older than the server it reads
            raise RuntimeError(f"pg_dump failed: {dump.stderr.decode(errors='replace')[-2000:]}")
        subprocess.run(
            [psql, "-q", "-v", "ON_ERROR_STOP=1", url],
            input=dump.stdout, check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        return url

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()


@contextlib.contextmanager
def private_postgres() -> Iterator[Cluster]:
    """A new cluster (trust authentication on 127.0.0.1), removed afterwards."""
    initdb, pg_ctl = postgres_binary("initdb"), postgres_binary("pg_ctl")
    if not (initdb and pg_ctl):
        skip_or_fail(
            "the PostgreSQL fault test needs initdb and pg_ctl (apt-get install postgresql)"
        )
    if os.geteuid() == 0 and not shutil.which("runuser"):
        skip_or_fail("as root, initdb needs runuser to run as the postgres user")
    root = Path(tempfile.mkdtemp(prefix="vestnik-faults-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    cluster = Cluster(root, free_port(), pg_ctl)
    try:
        command = [initdb, "-D", str(cluster.data), "-U", "postgres", "-A", "trust"]
        command += ["-E", "UTF8", "--no-locale", "--no-sync"]
        subprocess.run(_as_postgres(command), check=True, capture_output=True, timeout=120)
        cluster.start()
        yield cluster
    finally:
        if cluster.running():
            with contextlib.suppress(subprocess.SubprocessError):
                cluster.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class RedisServer:
    port: int
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@contextlib.contextmanager
def private_redis() -> Iterator[RedisServer]:
    """``redis-server`` in the foreground, keeping nothing on disk; stopped afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        skip_or_fail("the Redis fault test needs redis-server (apt-get install redis-server)")
    port = free_port()
    folder = tempfile.mkdtemp(prefix="vestnik-faults-redis-")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--daemonize", "no", "--dir", folder],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    server = RedisServer(port, process)
    try:
        deadline = time.monotonic() + 20
        while not service_reachable(server.url, port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
