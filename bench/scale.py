"""Does a page and "Read also" stay cheap as the archive grows? (foundation issue)

Builds a scratch PostgreSQL database, generates 1,000 articles (the baseline), measures,
grows it to ``--articles`` (100,000 by default) with ``vestnik generate``, measures again,
and writes the ratios to bench/results/scale.json. Only 127.0.0.1 is used; the scratch
database is dropped at the end.

    .venv/bin/python bench/scale.py [--articles 100000] [--database-url postgres://...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SERVER = "postgres://postgres@127.0.0.1:5432"

MEASURE = r"""
import json, statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from vestnik.newsroom.models import ArticlePage
from vestnik.related.services import related_recompute

sample = list(ArticlePage.objects.live().filter(locale__language_code="en").order_by("-id")[:25])
client = Client()

def timed(fn):
    with CaptureQueriesContext(connection) as q:
        start = time.perf_counter(); fn(); elapsed = time.perf_counter() - start
    return elapsed, len(q)

pages = [timed(lambda a=a: client.get(a.get_url_parts()[2])) for a in sample]
homes = [timed(lambda: client.get("/en/")) for _ in range(10)]
rubrics = [timed(lambda: client.get("/en/politics/")) for _ in range(10)]
related = [timed(lambda a=a: related_recompute(a.id, neighbours=True)) for a in sample[:10]]
result = {}
for name, runs in (("article_page", pages), ("home_page", homes), ("rubric_page", rubrics),
                   ("related_recompute", related)):
    result[name] = {"median_ms": round(statistics.median(t for t, _ in runs[1:]) * 1000, 2),
                    "queries": max(n for _, n in runs[1:])}
result["articles"] = ArticlePage.objects.count()
print(json.dumps(result))
"""


def vestnik(env: dict, *args: str, capture: bool = False) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "vestnik.cli", *args],
        env=env, cwd=ROOT, check=True, text=True, capture_output=capture,
    )  # fmt: skip
    return done.stdout if capture else ""


def psql(sql: str) -> None:
    subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", sql], check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    args = parser.parse_args()
    name = "vestnik_bench_scale"
    env = {**os.environ, "DATABASE_URL": f"{SERVER}/{name}", "VESTNIK_CACHE": "locmem",
           "VESTNIK_TASKS": "immediate", "SECRET_KEY": "bench"}  # fmt: skip
    psql(f"DROP DATABASE IF EXISTS {name}")
    psql(f"CREATE DATABASE {name}")
    try:
        vestnik(env, "migrate", "-v", "0")
        vestnik(env, "shell", "-c", "from vestnik.newsroom.editions import edition_ensure_all as e; e()")
        vestnik(env, "generate", "--articles", str(args.baseline), "--seed", "1")
        baseline = json.loads(vestnik(env, "shell", "-c", MEASURE, capture=True).splitlines()[-1])
        start = time.perf_counter()
        vestnik(env, "generate", "--articles", str(args.articles - args.baseline), "--seed", "2")
        generate_seconds = time.perf_counter() - start
        grown = json.loads(vestnik(env, "shell", "-c", MEASURE, capture=True).splitlines()[-1])
    finally:
        psql(f"DROP DATABASE IF EXISTS {name}")
    ratios = {
        key: round(grown[key]["median_ms"] / baseline[key]["median_ms"], 2)
        for key in baseline if isinstance(baseline[key], dict)
    }
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} cores, PostgreSQL at 127.0.0.1",
        "baseline": baseline, "grown": grown, "time_ratio_grown_over_baseline": ratios,
        "generate_seconds_for_added_articles": round(generate_seconds, 1),
        "added_articles": args.articles - args.baseline,
    }  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
