"""A real nginx with Vestnik's configuration (deploy/nginx/), for the deployment tests and
the hit benchmark (bench/article_hit.py).

The configuration is rendered by ``deploy/render.py`` (as an operator would) into a
folder of its own: ``vestnik.conf`` inside ``standalone.conf``, the cache, pid file,
logs and temporary files all there. nginx runs in the foreground as our child, on spare
ports, and is stopped by its process id.
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import brotli
from tests.conftest import REPO_ROOT


def _load_render():
    """deploy/render.py, a script rather than a package (``deploy`` here is this folder)."""
    spec = importlib.util.spec_from_file_location(
        "vestnik_deploy_render", REPO_ROOT / "deploy" / "render.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pickling look modules up by name
    spec.loader.exec_module(module)
    return module


render = _load_render()
render_file = render.render_file

MODULES_DIR = Path("/usr/lib/nginx/modules")
MODULES = ("ngx_http_cache_purge_module.so", "ngx_http_brotli_static_module.so")
PACKAGES = "nginx libnginx-mod-http-cache-purge libnginx-mod-http-brotli-static"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
    )


def nginx_missing() -> str:
    """Why nginx with Vestnik's modules cannot run here ("" when it can)."""
    if nginx_binary() is None:
        return f"nginx is not installed (apt-get install {PACKAGES})"
    absent = [name for name in MODULES if not (MODULES_DIR / name).exists()]
    if absent:
        return f"nginx modules missing: {', '.join(absent)} (apt-get install {PACKAGES})"
    return ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Nginx:
    base: str  # where readers connect
    purge_base: str  # VESTNIK_PURGE_LISTEN, where the app sends PURGE
    folder: Path
    process: subprocess.Popen

    def error_log(self, size: int = 3000) -> str:
        log = self.folder / "error.log"
        return log.read_text(errors="replace")[-size:] if log.exists() else ""


def write_config(
    folder: Path,
    *,
    upstream: str,
    static_root: Path,
    media_root: Path,
    port: int,
    purge_port: int,
    workers: str = "1",
    server_name: str = "127.0.0.1",
) -> Path:
    """Render ``vestnik.conf`` and the ``nginx.conf`` around it into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cache").mkdir(exist_ok=True)
    site = folder / "vestnik.conf"
    site.write_text(
        render_file(
            "nginx/vestnik.conf",
            {
                "VESTNIK_SERVER_NAME": server_name,
                "VESTNIK_LISTEN": f"127.0.0.1:{port}",
                "VESTNIK_PURGE_LISTEN": f"127.0.0.1:{purge_port}",
                "VESTNIK_UPSTREAM": upstream,
                "VESTNIK_STATIC_ROOT": str(static_root),
                "VESTNIK_MEDIA_ROOT": str(media_root),
                "VESTNIK_CACHE_DIR": str(folder / "cache"),
            },
        )
    )
    main = folder / "nginx.conf"
    user = "root" if os.geteuid() == 0 else "nobody"  # ignored unless started by root
    main.write_text(
        render_file(
            "nginx/standalone.conf",
            {
                "VESTNIK_NGINX_DIR": str(folder),
                "VESTNIK_NGINX_USER": user,
                "VESTNIK_WORKERS": workers,
                "VESTNIK_SITE_CONF": str(site),
            },
        )
    )
    return main


def check_config(main: Path) -> subprocess.CompletedProcess:
    """``nginx -t`` of a written configuration."""
    return subprocess.run(
        [nginx_binary() or "nginx", "-t", "-p", str(main.parent), "-c", str(main)],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip


@contextlib.contextmanager
def running_nginx(
    folder: Path, port: int | None = None, purge_port: int | None = None, **config
) -> Iterator[Nginx]:
    """nginx in the foreground with Vestnik's configuration (``write_config``'s options),
    on ``port`` and ``purge_port`` (spare ones unless given)."""
    port, purge_port = port or free_port(), purge_port or free_port()
    main = write_config(folder, port=port, purge_port=purge_port, **config)
    process = subprocess.Popen(
        [nginx_binary() or "nginx", "-p", str(folder), "-c", str(main), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    server = Nginx(f"http://127.0.0.1:{port}", f"http://127.0.0.1:{purge_port}", folder, process)
    try:
        _wait_listening(server, (port, purge_port))
        yield server
    finally:
        stop(process)


def _wait_listening(server: Nginx, ports: tuple[int, ...], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    waiting = list(ports)
    while waiting:
        if server.process.poll() is not None:
            raise RuntimeError(f"nginx stopped during start-up:\n{server.error_log()}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"nginx did not listen on {waiting}:\n{server.error_log()}")
        try:
            socket.create_connection(("127.0.0.1", waiting[0]), 1).close()
            waiting.pop(0)
        except OSError:
            time.sleep(0.1)


def stop(process: subprocess.Popen) -> None:
    """Fast shutdown (SIGTERM) of the master we started; its workers go with it."""
    if process.poll() is None:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # the session it was started in, if any is left
    process.wait(timeout=5)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes  # as sent: still compressed

    @property
    def cache(self) -> str:
        return self.headers.get("X-Cache-Status", "")

    @property
    def encoding(self) -> str:
        return self.headers.get("Content-Encoding", "")

    def text(self) -> str:
        if self.encoding == "br":
            return brotli.decompress(self.body).decode()
        if self.encoding == "gzip":
            return gzip.decompress(self.body).decode()
        assert not self.encoding, self.encoding
        return self.body.decode()


def fetch(
    base: str, path: str, method: str = "GET", source: str = "127.0.0.1", **headers: str
) -> Answer:
    """One request on a connection of its own, from ``source``, body as sent."""
    url = urlparse(base)
    connection = http.client.HTTPConnection(
        url.hostname, url.port, timeout=30, source_address=(source, 0)
    )
    try:
        connection.request(
            method, path, headers={k.replace("_", "-"): v for k, v in headers.items()}
        )
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()
