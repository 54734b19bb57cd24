"""How fast can readers post comments? (comments issue)

For each backend (SQLite file in WAL, as in the settings; PostgreSQL), builds a site with a
few published articles in a fresh database (in a subprocess), serves it with granian as
``vestnik serve`` does (the same command line, taken from the serve command), and drives
concurrent ``POST /en/comments/<id>/`` from separate load processes over keep-alive
connections: a warm-up, then a fixed duration measured. The baseline, measured in the same
run against the same database kind with the same granian options and the same requests, is
a bare Django view that inserts one row (``bench/baseline``). Results, ratios and the
machine's load go to bench/results/comments.json.

    .venv/bin/python bench/comments.py [--backends sqlite,postgres]
        [--clients 8,16,32] [--duration 20] [--warmup 5] [--load-processes 2] [--profile]

Only 127.0.0.1 is loaded. Scratch databases (``vestnik_bench_<random>``) and the scratch
folder are removed at the end; every process started is stopped by its process group.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# This tree's code, also when another checkout is installed in the virtualenv.
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
RESULTS = ROOT / "bench" / "results"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/14"  # a Redis database of its own, keys expire within 1 h
HOST = "127.0.0.1"
GOALS = {"sqlite": 300, "postgres": 500}
GOAL_P95_MS = 50
ARTICLE_LIMIT = 1_000_000  # per-article limit raised: the bench posts to a few hot articles
SECRET_KEY = "bench-comments-" + secrets.token_hex(16)


# --- Sites, servers, databases -------------------------------------------------------------


def granian_command(app: str, port: int) -> list[str]:
    """The app server of ``vestnik serve``, word for word, with ``app`` as the WSGI app."""
    from vestnik.core.management.commands.serve import Command

    command = Command()._commands({"host": HOST, "port": port, "workers": 2})["app server"]
    command[command.index("vestnik.wsgi:application")] = app
    return command


def base_env() -> dict[str, str]:
    """The caller's environment without any Vestnik or Django setting, this tree first."""
    dropped = {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("VESTNIK_")}
    env["PYTHONPATH"] = f"{ROOT / 'src'}{os.pathsep}{ROOT}"
    return env


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-q", "-h", HOST, "-U", "postgres", "-d", "postgres", "-c", sql], check=True
    )


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=15)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(timeout=5)


def wait_for(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the app server stopped during start-up ({url})")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the app server did not answer at {url}")


def build_vestnik() -> None:
    """In a subprocess: migrate, the editions, and published articles; print their ids."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")
    django.setup()
    from django.core.management import call_command
    from wagtail.models import Locale

    from vestnik.core.sanitise import text_to_paragraph_html
    from vestnik.newsroom.editions import edition_ensure_all
    from vestnik.newsroom.models import CommentMode, RubricPage
    from vestnik.newsroom.services import ArticleInput, article_save

    call_command("migrate", verbosity=0)
    edition_ensure_all()
    english = Locale.objects.get(language_code="en")
    # Half the articles in a pre-moderated rubric (the default: the answer is a message),
    # half in a post-moderated one (the answer also carries the comment's HTML).
    RubricPage.objects.filter(locale=english, slug="society").update(
        comment_mode=CommentMode.POST_MODERATED
    )
    ids = []
    for number in range(int(os.environ["BENCH_ARTICLES"])):
        slug = "politics" if number % 2 == 0 else "society"
        article = article_save(
            ArticleInput(
                rubric=RubricPage.objects.get(locale=english, slug=slug),
                headline=f"Bench article {number + 1}: the new bridge over the Naryn",
                lead="Engineers finished the work a week early.",
                body=[("paragraph", text_to_paragraph_html("The bridge opens on Monday."))],
            ),
            user=None,
            publish=True,
        )
        ids.append(article.id)
    print(json.dumps({"articles": ids}))


def build_baseline() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)
    print(json.dumps({"articles": [1, 2, 3, 4]}))


def run_python(step: str, env: dict[str, str], timeout: float = 900) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, step],
        env=env, cwd=ROOT, check=True, text=True, capture_output=True, timeout=timeout,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- CPU accounting from /proc -------------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")


def _proc_stats() -> list[tuple[int, str, int, float]]:
    """(pid, command, process group, CPU seconds) of every process we can read."""
    rows = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        # fields[0] is the state (stat field 3): pgrp is field 5, utime 14, stime 15.
        cpu = (int(fields[11]) + int(fields[12])) / TICKS
        rows.append((int(entry), name, int(fields[2]), cpu))
    return rows


def _system_busy() -> tuple[float, float]:
    """(busy CPU seconds, total CPU seconds) of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    total = sum(values[:8])
    return (total - idle) / TICKS, total / TICKS


def _backends(database: str | None) -> set[int]:
    """The PostgreSQL server processes serving ``database`` (none for SQLite)."""
    if database is None:
        return set()
    done = subprocess.run(
        ["psql", "-At", "-h", HOST, "-U", "postgres", "-d", "postgres", "-c",
         f"SELECT pid FROM pg_stat_activity WHERE datname = '{database}'"],
        check=True, text=True, capture_output=True,
    )  # fmt: skip
    return {int(pid) for pid in done.stdout.split()}


def cpu_snapshot(server_pgid: int, database: str | None) -> dict:
    """CPU seconds so far of the app server's processes, of the PostgreSQL backends of the
    bench's database (per process: they come and go), of Redis and of the whole machine."""
    backends = _backends(database)
    snap: dict = {"server": 0.0, "postgres": {}, "redis": 0.0}
    for pid, name, pgrp, cpu in _proc_stats():
        if pgrp == server_pgid:
            snap["server"] += cpu
        elif pid in backends:
            snap["postgres"][pid] = cpu
        elif name.startswith("redis-server"):
            snap["redis"] += cpu
    snap["busy"], snap["total"] = _system_busy()
    return snap


def cpu_used(before: dict, after: dict) -> dict[str, float]:
    """CPU seconds spent between two snapshots, by whom."""
    used = {key: after[key] - before[key] for key in ("server", "redis", "busy", "total")}
    used["postgres"] = sum(
        cpu - before["postgres"].get(pid, 0.0) for pid, cpu in after["postgres"].items()
    )
    return used


# --- The load generator: asyncio over raw HTTP/1.1, in separate processes -------------------


async def _exchange(reader, writer, raw: bytes) -> tuple[int, dict[str, str], list[str], bytes]:
    writer.write(raw)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers: dict[str, str] = {}
    cookies: list[str] = []
    for line in lines[1:]:
        if not line:
            continue
        name, _, value = line.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name == "set-cookie":
            cookies.append(value)
        headers[name] = value
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                while (await reader.readuntil(b"\r\n")) != b"\r\n":
                    pass
                break
            parts.append((await reader.readexactly(size + 2))[:-2])
        body = b"".join(parts)
    else:
        body = b""
    return status, headers, cookies, body


def _request(method: str, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if method == "POST":
        lines.append("Content-Type: application/x-www-form-urlencoded")
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class Addresses:
    """A fresh client address per post, each in a /24 of its own for 65,536 posts."""

    def __init__(self, process: int) -> None:
        self.process = process
        self.count = 0

    def next(self) -> str:
        self.count += 1
        n = self.count % 65536
        return f"10.{n >> 8}.{n & 255}.{1 + self.process % 250}"


async def _client(slot: int, cfg: dict, addresses: Addresses, out: dict) -> None:
    from vestnik.comments.tokens import token_issue

    articles = cfg["articles"]
    port = cfg["port"]
    reader, writer = await asyncio.open_connection(HOST, port)
    csrf_cookie = csrf_header = ""
    if cfg["kind"] == "vestnik":
        # As the in-page form does: the token endpoint gives the CSRF cookie and header.
        raw = _request(
            "GET",
            f"/en/comments/{articles[0]}/token/",
            {"Accept": "application/json", "X-Forwarded-For": addresses.next()},
        )
        status, _h, cookies, body = await _exchange(reader, writer, raw)
        if status != 200:
            raise RuntimeError(f"token endpoint answered {status}: {body[:200]!r}")
        csrf_header = json.loads(body)["csrf"]
        for cookie in cookies:
            if cookie.startswith("csrftoken="):
                csrf_cookie = cookie.split(";", 1)[0].split("=", 1)[1]
    while time.time() < cfg["start"]:
        await asyncio.sleep(min(0.05, max(0.0, cfg["start"] - time.time())))
    number = 0
    while True:
        begin_wall = time.time()
        if begin_wall >= cfg["end"]:
            break
        number += 1
        article = articles[(slot + number) % len(articles)]
        # A form token made here with the server's key (as the token endpoint would): the
        # load generator signs instead of making a second request per post.
        token = token_issue(article).value if cfg["kind"] == "vestnik" else ""
        fields = {
            "name": f"Reader {cfg['process']}-{slot}",
            "body": f"Comment {cfg['process']}-{slot}-{number}: the new bridge saves me an "
            f"hour each day, and the crossing at {begin_wall:.6f} was quiet.",
            "email": "",
            "website": "",
            "parent": "",
            "fax": "",
            "token": token,
        }
        raw = _request(
            "POST",
            f"/en/comments/{article}/",
            {
                "Accept": "application/json",
                "X-CSRFToken": csrf_header,
                "Cookie": f"csrftoken={csrf_cookie}",
                "X-Forwarded-For": addresses.next(),
                "User-Agent": "vestnik-bench",
            },
            urllib.parse.urlencode(fields).encode(),
        )
        begin = time.perf_counter()
        try:
            status, headers, _c, body = await _exchange(reader, writer, raw)
        except (OSError, asyncio.IncompleteReadError) as error:
            status, headers = f"connection: {type(error).__name__}", {"connection": "close"}
        finished_wall = time.time()
        elapsed = time.perf_counter() - begin
        measured = cfg["measure_from"] <= begin_wall and finished_wall <= cfg["end"]
        phase = "measured" if begin_wall >= cfg["measure_from"] else "warmup"
        out[phase][str(status)] += 1
        if measured:
            out["latencies"].append(elapsed)
            out["completed"] += 1
            if status != 201 and len(out["samples"]) < 5:
                out["samples"].append(f"{status}: {body[:300]!r}")
        if headers.get("connection", "").lower() == "close":
            writer.close()
            reader, writer = await asyncio.open_connection(HOST, port)
    writer.close()


async def _drive(cfg: dict) -> dict:
    out: dict = {
        "warmup": Counter(),
        "measured": Counter(),
        "latencies": [],
        "completed": 0,
        "samples": [],
    }
    addresses = Addresses(cfg["process"])

    async def cpu_marks() -> None:
        await asyncio.sleep(max(0.0, cfg["measure_from"] - time.time()))
        out["cpu_from"] = sum(os.times()[:2])
        await asyncio.sleep(max(0.0, cfg["end"] - time.time()))
        out["cpu_to"] = sum(os.times()[:2])

    marks = asyncio.create_task(cpu_marks())
    await asyncio.gather(*(_client(slot, cfg, addresses, out) for slot in range(cfg["clients"])))
    await marks
    return out


def load_process(cfg: dict) -> dict:
    """One load process: its share of the clients, each on one keep-alive connection."""
    from django.conf import settings

    settings.configure(SECRET_KEY=cfg["secret_key"], USE_TZ=True)
    out = asyncio.run(_drive(cfg))
    return {
        "warmup": dict(out["warmup"]),
        "measured": dict(out["measured"]),
        "latencies": out["latencies"],
        "completed": out["completed"],
        "samples": out["samples"],
        "cpu_seconds": out["cpu_to"] - out["cpu_from"],
    }


def drive(
    kind: str, port: int, articles: list[int], server: subprocess.Popen, database, args
) -> dict:
    processes = args.load_processes
    clients = args.clients_now
    start = time.time() + 2.0  # time for the load processes to start and connect
    measure_from = start + args.warmup
    end = measure_from + args.duration
    shares = [
        clients // processes + (1 if i < clients % processes else 0) for i in range(processes)
    ]
    configs = [
        {
            "kind": kind, "port": port, "articles": articles, "process": i, "clients": share,
            "start": start, "measure_from": measure_from, "end": end,
            "secret_key": SECRET_KEY,
        }
        for i, share in enumerate(shares) if share
    ]  # fmt: skip
    context = multiprocessing.get_context("spawn")
    pgid = os.getpgid(server.pid)
    with context.Pool(len(configs)) as pool:
        pending = pool.map_async(load_process, configs)
        time.sleep(max(0.0, measure_from - time.time()))
        before = cpu_snapshot(pgid, database)
        load_before = os.getloadavg()
        time.sleep(max(0.0, end - time.time()))
        after = cpu_snapshot(pgid, database)
        parts = pending.get(timeout=args.warmup + args.duration + 120)
    latencies = sorted(x for part in parts for x in part["latencies"])
    completed = sum(part["completed"] for part in parts)
    measured: Counter = Counter()
    warmup: Counter = Counter()
    for part in parts:
        measured.update(part["measured"])
        warmup.update(part["warmup"])
    cuts = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else []
    wall = args.duration
    loadgen_cpu = sum(part["cpu_seconds"] for part in parts)
    used = cpu_used(before, after)
    cpu = {key: round(used[key] / wall, 2) for key in ("server", "postgres", "redis", "busy")}
    cpu["loadgen"] = round(loadgen_cpu / wall, 2)
    cores = used["total"] / wall
    cpu["other"] = round(
        max(0.0, cpu["busy"] - cpu["server"] - cpu["postgres"] - cpu["redis"] - cpu["loadgen"]), 2
    )
    ok = measured.get("201", 0)
    per_post = {
        key: round(used[key] / max(completed, 1) * 1000, 2)
        for key in ("server", "postgres", "redis")
    }
    per_post["loadgen"] = round(loadgen_cpu / max(completed, 1) * 1000, 2)
    return {
        "clients": clients,
        "posts_per_second": round(completed / wall, 1),
        "created_per_second": round(ok / wall, 1),
        "latency_ms": {
            "p50": round(cuts[49] * 1000, 2) if cuts else None,
            "p95": round(cuts[94] * 1000, 2) if cuts else None,
            "p99": round(cuts[98] * 1000, 2) if cuts else None,
            "max": round(latencies[-1] * 1000, 2) if latencies else None,
        },
        "answers_measured": dict(sorted(measured.items())),
        "answers_warmup": dict(sorted(warmup.items())),
        "not_201": sum(v for k, v in measured.items() if k != "201")
        + sum(v for k, v in warmup.items() if k != "201"),
        "samples_not_201": [s for part in parts for s in part["samples"]][:5],
        "cpu_cores_used": {**cpu, "of": round(cores, 2)},
        "cpu_ms_per_post": per_post,
        "loadavg_at_start": [round(x, 2) for x in load_before],
    }


# --- Profiling the POST path in-process -------------------------------------------------------


def profile_post() -> None:
    """In a subprocess on the built site: queries and time of the POST path, and a cProfile."""
    import cProfile
    import io
    import pstats

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from vestnik.comments.tokens import token_issue

    articles = json.loads(os.environ["BENCH_ARTICLE_IDS"])
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR="127.0.0.1")
    csrf = client.get(f"/en/comments/{articles[0]}/token/").json()["csrf"]
    addresses = Addresses(7)
    run = secrets.token_hex(4)  # bodies differ from any earlier run's (duplicates are refused)

    def post(number: int, article: int):
        data = {
            "name": "Profiler",
            "body": f"Profiled comment {run}-{number}: the bridge is open.",
            "email": "", "website": "", "parent": "", "fax": "",
            "token": token_issue(article).value,
        }  # fmt: skip
        return client.post(
            f"/en/comments/{article}/", data, HTTP_ACCEPT="application/json",
            HTTP_X_CSRFTOKEN=csrf, HTTP_X_FORWARDED_FOR=addresses.next(),
        )  # fmt: skip

    for number in range(50):  # warm
        assert post(number, articles[number % 2]).status_code == 201
    shapes = {}
    for article, label in ((articles[0], "pre_moderated"), (articles[1], "post_moderated")):
        with CaptureQueriesContext(connection) as queries:
            response = post(10_000 + article, article)
        assert response.status_code == 201, response.content
        shapes[label] = {
            "queries": len(queries),
            "sql": [q["sql"][:160] for q in queries.captured_queries],
        }
    count = int(os.environ.get("BENCH_PROFILE_POSTS", 400))

    # 1. Where the time goes, without a profiler: CPU and wall time of each step.
    from django.db.models import Model

    from vestnik.comments import preflight, services, views

    spent: dict[str, list[float]] = {}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            cpu, wall = time.thread_time(), time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent.setdefault(name, []).append(time.thread_time() - cpu)
                spent.setdefault(f"{name} (wall)", []).append(time.perf_counter() - wall)

        return wrapper

    steps = [(services, "comment_submit"), (preflight, "post_facts"), (services, "_check_limits")]
    steps += [(services, "_check_content"), (services, "thread_count_add")]
    originals = {(module, name): getattr(module, name) for module, name in steps}
    for (module, name), function in originals.items():
        setattr(module, name, timed(name, function))
    original_render, original_save = views.render_to_string, Model.save
    views.render_to_string = timed("render comment HTML", original_render)
    Model.save = timed("Model.save (the comment's INSERT)", original_save)
    whole: list[float] = []
    for number in range(count):
        cpu = time.thread_time()
        response = post(20_000 + number, articles[number % len(articles)])
        whole.append(time.thread_time() - cpu)
        assert response.status_code == 201
    for (module, name), function in originals.items():
        setattr(module, name, function)
    views.render_to_string, Model.save = original_render, original_save
    refused: list[float] = []
    for _ in range(count // 2):  # the floor: middleware, URL, form, no service
        cpu = time.thread_time()
        response = client.post(
            f"/en/comments/{articles[0]}/", {"name": "x", "body": "", "token": "x"},
            HTTP_ACCEPT="application/json", HTTP_X_CSRFTOKEN=csrf,
        )  # fmt: skip
        refused.append(time.thread_time() - cpu)
        assert response.status_code == 400
    steps_ms = {
        "whole request (CPU)": round(sum(whole) / count * 1000, 2),
        "invalid form, answered 400 before the service (CPU)": round(
            statistics.median(refused) * 1000, 2
        ),
    }
    steps_ms.update({name: round(sum(times) / count * 1000, 2) for name, times in spent.items()})

    # 2. cProfile, for the functions behind those steps.
    profiler = cProfile.Profile()
    for number in range(count):
        profiler.enable()
        response = post(40_000 + number, articles[number % len(articles)])
        profiler.disable()
        assert response.status_code == 201
    tops = {}
    for order, lines in (("tottime", 25), ("cumulative", 40)):
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).sort_stats(order).print_stats(lines)
        text = buffer.getvalue().replace(sys.prefix + "/lib/python3.11/site-packages/", "")
        text = text.replace(str(ROOT) + "/", "")
        tops[order] = [line for line in text.splitlines() if line.strip()][-(lines + 1) :]
    print(
        json.dumps(
            {
                "posts": count,
                "ms_per_post_by_step": steps_ms,
                "shapes": shapes,
                "cprofile_tottime_top": tops["tottime"],
                "cprofile_cumulative_top": tops["cumulative"],
            }
        )
    )


# --- One backend ------------------------------------------------------------------------------


def run_backend(backend: str, args, var: Path) -> dict:
    tag = secrets.token_hex(4)
    env = {**base_env(), "VESTNIK_VAR_DIR": str(var), "SECRET_KEY": SECRET_KEY}
    site_db = base_db = None
    if backend == "sqlite":
        site_url = f"sqlite:///{var / f'vestnik-{tag}.sqlite3'}"
        base_url = f"sqlite:///{var / f'baseline-{tag}.sqlite3'}"
    else:
        site_db, base_db = f"vestnik_bench_{tag}", f"vestnik_bench_{tag}_base"
        site_url, base_url = f"{PG_SERVER}/{site_db}", f"{PG_SERVER}/{base_db}"
        psql(f"CREATE DATABASE {site_db}")
        psql(f"CREATE DATABASE {base_db}")
    # The server as configured for this backend: SQLite with the file cache and database
    # rate limits (the one-machine set-up); PostgreSQL with Redis for cache and rate limits
    # (the "Growing" set-up) unless --no-redis. Tasks: the database backend, no worker
    # running (nothing is enqueued when posting unless a spam check is configured).
    server_env = {
        **env,
        "DATABASE_URL": site_url,
        "VESTNIK_TASKS": "database",
        "VESTNIK_TRUSTED_PROXIES": HOST,
        "VESTNIK_COMMENTS_MIN_SECONDS": "0",
        "VESTNIK_COMMENTS_LIMIT_ARTICLE_MINUTE": str(ARTICLE_LIMIT),
        "VESTNIK_IP_SALT": secrets.token_hex(16),  # fresh rate-limit keys for every run
    }
    if backend == "postgres" and args.redis:
        server_env["REDIS_URL"] = REDIS_URL
    else:
        server_env["VESTNIK_CACHE"] = "file"
    report: dict = {
        "settings": {
            key: server_env[key]
            for key in sorted(server_env)
            if (key.startswith("VESTNIK_") and key not in {"VESTNIK_VAR_DIR", "VESTNIK_IP_SALT"})
            or key == "REDIS_URL"
        }
    }
    report["settings"]["DATABASE"] = "sqlite file (WAL)" if backend == "sqlite" else "postgresql"
    report["settings"]["processes"] = "granian only: no task worker, no tick"
    servers: list[subprocess.Popen] = []
    try:
        print(f"[{backend}] building the site and the baseline...", flush=True)
        built = time.perf_counter()
        site = run_python(
            "_build", {**server_env, "VESTNIK_TASKS": "immediate", "VESTNIK_CACHE": "locmem",
                       "BENCH_ARTICLES": str(args.articles)},
        )  # fmt: skip
        base_env_ = {
            **env,
            "DATABASE_URL": base_url,
            "DJANGO_SETTINGS_MODULE": "bench.baseline.settings",
        }
        run_python("_build_baseline", base_env_)
        report["build_seconds"] = round(time.perf_counter() - built, 1)
        articles = site["articles"]
        report["articles"] = len(articles)
        runs = []
        for clients in args.clients:
            args.clients_now = clients
            for kind, app, env_, database in (
                ("baseline", "bench.baseline.wsgi:application", base_env_, base_db),
                ("vestnik", "vestnik.wsgi:application", server_env, site_db),
            ):
                port = free_port()
                log = var / f"{kind}.log"
                server = start_server(granian_command(app, port), env_, log)
                servers.append(server)
                try:
                    try:
                        wait_for(f"http://{HOST}:{port}/healthz", server)
                    except RuntimeError:
                        print(log.read_text()[-3000:], file=sys.stderr)
                        raise
                    print(f"[{backend}] {kind}, {clients} clients...", flush=True)
                    result = drive(kind, port, articles, server, database, args)
                finally:
                    stop_server(server)
                    servers.remove(server)
                if result["not_201"]:
                    # What the server said about its failures (the scratch folder goes).
                    said = [line for line in log.read_text().splitlines() if "[INFO]" not in line]
                    result["server_log_tail"] = said[-40:]
                log.unlink()
                print(f"[{backend}] {kind}: {json.dumps(result)}", flush=True)
                runs.append((kind, result))
        command = granian_command("<app>", 0)
        del command[command.index("--port") : command.index("--port") + 2]
        report["granian"] = " ".join(["python", *command[1:]])
        report["runs"] = {}
        for clients in args.clients:
            base = next(r for k, r in runs if k == "baseline" and r["clients"] == clients)
            vest = next(r for k, r in runs if k == "vestnik" and r["clients"] == clients)
            report["runs"][f"{clients}_clients"] = {
                "vestnik": vest,
                "baseline": base,
                "ratio_vestnik_over_baseline": {
                    "throughput": round(vest["created_per_second"] / base["created_per_second"], 3),
                    "p95": round(vest["latency_ms"]["p95"] / base["latency_ms"]["p95"], 2),
                },
                "goal": {
                    "posts_per_second": GOALS[backend],
                    "p95_ms": GOAL_P95_MS,
                    "met": vest["created_per_second"] >= GOALS[backend]
                    and vest["latency_ms"]["p95"] < GOAL_P95_MS,
                },
            }
        if args.profile:
            print(f"[{backend}] profiling the POST path in-process...", flush=True)
            report["profile"] = run_python(
                "_profile", {**server_env, "BENCH_ARTICLE_IDS": json.dumps(articles)}
            )
    finally:
        for server in servers:
            stop_server(server)
        for database in (site_db, base_db):
            if database is not None:
                psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--clients", default="8,16,32", help="concurrent clients, comma-separated")
    parser.add_argument("--load-processes", type=int, default=2)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--articles", type=int, default=8)
    parser.add_argument(
        "--no-redis",
        dest="redis",
        action="store_false",
        help="PostgreSQL without Redis: file cache, rate limits in the database",
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the POST path too")
    parser.add_argument("--output", default=str(RESULTS / "comments.json"))
    args = parser.parse_args()
    args.clients = [int(c) for c in args.clients.split(",")]
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    var = Path(tempfile.mkdtemp(prefix="vestnik-bench-comments-"))
    (var / "static").mkdir()
    started = datetime.now(UTC)
    report: dict = {
        "when": started.isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} cores shared by the server, the load generator, "
        "PostgreSQL/Redis and anything else running; see cpu_cores_used per run",
        "code": subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=ROOT, text=True, capture_output=True
        ).stdout.strip(),
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
        "method": {
            "warmup_seconds": args.warmup,
            "measured_seconds": args.duration,
            "load_processes": args.load_processes,
            "client": "asyncio, raw HTTP/1.1, one keep-alive connection per client",
            "posts": "JSON POST; fresh form token signed by the load generator; a fresh "
            "X-Forwarded-For address per post; posts spread round-robin over the articles; "
            "half the articles in a post-moderated rubric",
            "per_article_limit": ARTICLE_LIMIT,
        },
        "backends": {},
    }
    try:
        for backend in backends:
            report["backends"][backend] = run_backend(backend, args, var)
    finally:
        shutil.rmtree(var, ignore_errors=True)
    report["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    steps = {"_build": build_vestnik, "_build_baseline": build_baseline, "_profile": profile_post}
    if sys.argv[1:2] and sys.argv[1] in steps:
        steps[sys.argv[1]]()
    else:
        main()
