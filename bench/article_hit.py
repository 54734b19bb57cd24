"""Hit: does Vestnik behind nginx serve the article at nginx's static-file rate? (issue 7)

Goal: the article page from nginx's page cache (warm) at 0.9 or more of the rate at which
the same nginx serves the same bytes as a static file, same run, same load generator.

The script builds a site in a scratch folder (SQLite; the seed article imported with
``vestnik import-text``; static files collected), serves it with the app server of
``vestnik serve`` (granian, its command line word for word), and puts nginx in front with
deploy/nginx/vestnik.conf rendered as the tests render it. It fetches the article through
nginx once per encoding (br, gzip, none), writes each answer's body, byte for byte, as a
static file under /static/ (with its .br and .gz twins, as collectstatic writes them), and
then loads, in alternating rounds, the static copy and the cached page with wrk:

    .venv/bin/python bench/article_hit.py [--duration 10] [--rounds 3] [--connections 50]
        [--encodings br,identity] [--max-load 1.0] [--wait 900]

It waits until the machine is quiet (1-minute load average under --max-load, checked every
15 s for at most --wait seconds; otherwise it stops without a result) and records
bench/results/article_hit.json. Only 127.0.0.1 is loaded; every process started is stopped
by its id. Needs nginx with Debian's cache-purge and brotli-static modules, and wrk
(installed with apt-get when missing and running as root).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# This tree's code, also when another checkout is installed in the virtualenv.
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
RESULTS = ROOT / "bench" / "results"
SEED = ROOT.parent / "shared" / "seed" / "open-kg-article-en.txt"
GOAL = 0.9
# What a browser sends, what a client without compression sends.
ACCEPT = {"br": "gzip, deflate, br, zstd", "gzip": "gzip, deflate", "identity": ""}
TWIN = {"br": ".br", "gzip": ".gz", "identity": ""}

BUILD = """
import json, os, django
from io import StringIO
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")
django.setup()
from django.core.management import call_command
from vestnik.newsroom.editions import edition_ensure_all
call_command("migrate", verbosity=0)
edition_ensure_all()
out = StringIO()
call_command("import_text", os.environ["BENCH_SEED"], "--lang", "en", "--publish", stdout=out)
print(json.dumps({"url": out.getvalue().strip().splitlines()[-1]}))
"""


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, check=False)
        wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    return wrk


def wait_until_quiet(max_load: float, wait: float) -> list[float]:
    deadline = time.monotonic() + wait
    while True:
        load = os.getloadavg()
        if load[0] < max_load:
            return [round(x, 2) for x in load]
        if time.monotonic() >= deadline:
            raise SystemExit(f"the machine is busy (load {load[0]:.2f} >= {max_load}); no result")
        print(f"load {load[0]:.2f}: waiting for a quiet machine", file=sys.stderr)
        time.sleep(15)


def site_env(var: Path) -> dict[str, str]:
    dropped = {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("VESTNIK_")}
    env.update(
        PYTHONPATH=f"{ROOT / 'src'}{os.pathsep}{ROOT}",
        VESTNIK_VAR_DIR=str(var),
        DATABASE_URL=f"sqlite:///{var / 'site.sqlite3'}",
        SECRET_KEY="bench-article-hit-0123456789-0123456789-0123456789",
        VESTNIK_CACHE="file",
        VESTNIK_TRUSTED_PROXIES="127.0.0.1",
    )
    return env


def build_site(var: Path, env: dict[str, str]) -> str:
    """Migrate, import the seed article, collect static files; the article's path."""
    if not SEED.is_file():
        raise SystemExit(f"the seed article is missing: {SEED}")
    build_env = {**env, "VESTNIK_TASKS": "immediate", "BENCH_SEED": str(SEED)}
    built = subprocess.run(
        [sys.executable, "-c", BUILD],
        env=build_env, cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    if built.returncode != 0:
        raise SystemExit(f"building the site failed:\n{built.stderr[-3000:]}")
    subprocess.run(
        [sys.executable, "-m", "vestnik.cli", "collectstatic", "--noinput", "-v", "0"],
        env=env, cwd=ROOT, check=True, timeout=300,
    )  # fmt: skip
    url = json.loads(built.stdout.strip().splitlines()[-1])["url"]
    return "/" + url.split("://", 1)[-1].split("/", 1)[-1] if "://" in url else url


def app_server(port: int) -> list[str]:
    """The app server of ``vestnik serve``, word for word."""
    from vestnik.core.management.commands.serve import Command

    return Command()._commands({"host": "127.0.0.1", "port": port, "workers": 2})["app server"]


def fetch(url: str, accept: str) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return {name.lower(): value for name, value in answer.headers.items()}, answer.read()


def wrk_run(wrk: str, url: str, accept: str, args, core: str | None) -> dict:
    command = [wrk, "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s"]
    command += ["--latency", "-H", f"Accept-Encoding: {accept or 'identity'}", url]
    if core is not None:
        command = ["taskset", "-c", core, *command]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> dict:
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0}

    def ms(text: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
        return round(float(number) * units[unit], 3)

    found = {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),  # type: ignore[union-attr]
        "non_2xx": int(m.group(1))
        if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output))
        else 0,
        "socket_errors": bool(re.search(r"Socket errors", output)),
    }
    for percent in ("50", "99"):
        latency = re.search(rf"^\s+{percent}%\s+(\S+)", output, re.M)
        found[f"p{percent}_ms"] = ms(latency.group(1)) if latency else None
    return found


def measure(args) -> dict:
    from tests.deploy.nginx import free_port, nginx_binary, nginx_missing, running_nginx

    if reason := nginx_missing():
        raise SystemExit(reason)
    wrk = ensure_wrk()
    var = Path(tempfile.mkdtemp(prefix="vestnik-bench-hit-"))
    app = None
    try:
        env = site_env(var)
        path = build_site(var, env)
        port = free_port()
        log = open(var / "app.log", "wb")  # noqa: SIM115 (the child keeps its copy)
        app = subprocess.Popen(app_server(port), env=env, cwd=ROOT, stdout=log, stderr=log)
        log.close()
        wait_for(f"http://127.0.0.1:{port}/healthz", app)
        static = var / "static"
        cores = os.cpu_count() or 1
        nginx_core, wrk_core = (
            ("0", ",".join(str(c) for c in range(1, cores))) if cores > 1 else (None, None)
        )
        with running_nginx(
            var / "nginx", upstream=f"127.0.0.1:{port}", static_root=static,
            media_root=var / "media", workers=str(args.nginx_workers),
        ) as nginx:  # fmt: skip
            if nginx_core is not None and args.nginx_workers == 1:
                pin(nginx.process.pid, nginx_core)
            return run_rounds(
                args,
                wrk,
                nginx.base,
                path,
                static,
                (wrk_core if args.nginx_workers == 1 else None),
                nginx_binary(),
            )
    finally:
        if app is not None and app.poll() is None:
            app.terminate()
            try:
                app.wait(timeout=20)
            except subprocess.TimeoutExpired:
                app.kill()
        shutil.rmtree(var, ignore_errors=True)


def pin(pid: int, core: str) -> None:
    """nginx's master and workers on one core, wrk on the others: they do not trade places."""
    for task in [pid, *children(pid)]:
        subprocess.run(
            ["taskset", "-a", "-p", "-c", core, str(task)], capture_output=True, check=False
        )


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def wait_for(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the app server stopped during start-up")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the app server did not answer at {url}")


def run_rounds(args, wrk, base, path, static, wrk_core, nginx_bin) -> dict:
    copy_dir = static / "bench"
    copy_dir.mkdir(parents=True, exist_ok=True)
    page = {}
    for encoding, accept in ACCEPT.items():
        headers, body = fetch(base + path, accept)
        assert headers.get("content-encoding", "identity") == encoding, (encoding, headers)
        (copy_dir / ("article.html" + TWIN[encoding])).write_bytes(body)
        page[encoding] = {"bytes": len(body), "first": headers.get("x-cache-status")}
    for encoding, accept in ACCEPT.items():
        headers, body = fetch(base + path, accept)
        copy_headers, copy_body = fetch(base + "/static/bench/article.html", accept)
        assert headers.get("x-cache-status") == "HIT", (encoding, headers)
        assert body == copy_body, f"the static copy differs from the cached {encoding} page"
        page[encoding].update(
            cached_headers=headers, static_headers=copy_headers, same_bytes=body == copy_body
        )
    targets = {"static": base + "/static/bench/article.html", "cached": base + path}
    # Building the site loaded the machine: quiet again before measuring.
    load_at_measure = wait_until_quiet(args.max_load, args.wait)
    runs: dict = {}
    for encoding in args.encodings:
        runs[encoding] = {"static": [], "cached": []}
        for round_number in range(args.rounds):
            order = ("static", "cached") if round_number % 2 == 0 else ("cached", "static")
            for target in order:
                result = wrk_run(wrk, targets[target], ACCEPT[encoding], args, wrk_core)
                runs[encoding][target].append(result)
                print(encoding, target, result, file=sys.stderr)
        headers, _ = fetch(base + path, ACCEPT[encoding])
        runs[encoding]["still_hit_after"] = headers.get("x-cache-status") == "HIT"
    summary = {}
    for encoding, result in runs.items():
        static_rate = statistics.median(r["requests_per_s"] for r in result["static"])
        cached_rate = statistics.median(r["requests_per_s"] for r in result["cached"])
        summary[encoding] = {
            "static_requests_per_s": round(static_rate),
            "cached_requests_per_s": round(cached_rate),
            "ratio": round(cached_rate / static_rate, 3),
            "ratio_per_round": [
                round(c["requests_per_s"] / s["requests_per_s"], 3)
                for s, c in zip(result["static"], result["cached"], strict=True)
            ],
            "static_p99_ms": statistics.median(r["p99_ms"] for r in result["static"]),
            "cached_p99_ms": statistics.median(r["p99_ms"] for r in result["cached"]),
            "goal_met": cached_rate / static_rate >= GOAL,
            "errors": sum(r["non_2xx"] for t in ("static", "cached") for r in result[t]),
        }
    version = subprocess.run([nginx_bin, "-v"], capture_output=True, text=True).stderr.strip()
    return {
        "loadavg_at_measure": load_at_measure,
        "article": {"path": path, **page},
        "runs": runs,
        "summary": summary,
        "nginx": version,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds a wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="static/cached pairs per encoding")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--nginx-workers", type=int, default=1)
    parser.add_argument("--encodings", default="br,identity")
    parser.add_argument("--max-load", type=float, default=1.0)
    parser.add_argument("--wait", type=float, default=900, help="seconds to wait for quiet")
    parser.add_argument("--output", default=str(RESULTS / "article_hit.json"))
    args = parser.parse_args()
    args.encodings = [e.strip() for e in args.encodings.split(",") if e.strip()]
    load_before = wait_until_quiet(args.max_load, args.wait)
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "code": subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=ROOT, text=True, capture_output=True
        ).stdout.strip(),
        "goal": f"cached rate >= {GOAL} x static rate, same nginx, same wrk, same run",
        "machine": f"{os.cpu_count()} cores",
        "loadavg_before": load_before,
        "method": {
            "load_generator": "wrk (Debian), keep-alive connections",
            "threads": args.threads,
            "connections": args.connections,
            "duration_s": args.duration,
            "rounds": args.rounds,
            "nginx_workers": args.nginx_workers,
            "pinning": "nginx on core 0, wrk on the others (one nginx worker)"
            if args.nginx_workers == 1 and (os.cpu_count() or 1) > 1
            else "none",
            "static": "/static/bench/article.html: the bytes nginx's cache returned, per "
            "encoding, with .br/.gz twins (brotli_static, gzip_static)",
            "cached": "the article through deploy/nginx/vestnik.conf, warm (HIT)",
        },
    }
    report.update(measure(args))
    report["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(report["summary"], indent=2))


if __name__ == "__main__":
    main()
