"""Does the WXR parser's memory stay flat as the export grows? (the "1 GB export" claim)

Generates two WordPress exports with ``bench/import_wxr.py``'s generator, a small one
(``--small-mb``, 10 MB) and a large one (``--large-mb``, 150 MB), and reads each with
``WxrFile.records()`` (both passes: the check, then every post and comment) in a fresh
Python process, which reports its own peak resident memory (``resource.getrusage``).
The baseline, from the same run, is a process that imports the parser and reads
nothing. Streaming holds if the large file's peak is close to the small one's
(``large_to_small_ratio`` near 1) even though the file is 15 times larger. Results go
to bench/results/import_wxr_memory.json.

    .venv/bin/python bench/import_wxr_memory.py [--small-mb 10] [--large-mb 150]

Run it on a quiet machine (it refuses when the load average is over 1.5, unless
``--force``). No database is used; the scratch folder is removed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_wxr import ROOT, write_export  # the sibling bench's generator

RESULTS = ROOT / "bench" / "results"
BYTES_PER_POST = 1_800  # import_wxr's generated posts, measured: 3,580,132 bytes / 2,000
MAX_LOAD = 1.5
CHILD = """
import json, resource, sys
from pathlib import Path
from vestnik.importers.wxr import WxrFile
records = 0
if len(sys.argv) > 1:
    source = WxrFile(Path(sys.argv[1]), language="ru", max_element=10**7)
    records = sum(1 for _ in source.records())
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
print(json.dumps({"records": records, "peak_rss_mb": round(peak_kb / 1024, 1)}))
"""


def measure(export: Path | None) -> dict:
    """Peak RSS and records read by a fresh process parsing ``export`` (None: nothing)."""
    env = os.environ | {"PYTHONPATH": str(ROOT / "src")}
    args = [sys.executable, "-c", CHILD] + ([str(export)] if export else [])
    done = subprocess.run(args, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def export_of(folder: Path, megabytes: int) -> tuple[Path, int]:
    path = folder / f"export-{megabytes}mb.wxr"
    write_export(path, megabytes * 1_000_000 // BYTES_PER_POST)
    return path, path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small-mb", type=int, default=10)
    parser.add_argument("--large-mb", type=int, default=150)
    parser.add_argument("--force", action="store_true", help="run even on a busy machine")
    args = parser.parse_args()
    load = os.getloadavg()
    if load[0] > MAX_LOAD and not args.force:
        sys.exit(f"load average {load[0]:.2f} is over {MAX_LOAD}: run it when the machine is quiet")
    folder = Path(tempfile.mkdtemp(prefix="vestnik-bench-wxr-memory-"))
    try:
        small, small_bytes = export_of(folder, args.small_mb)
        large, large_bytes = export_of(folder, args.large_mb)
        baseline = measure(None)
        at_small = measure(small)
        at_large = measure(large)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "small_export_bytes": small_bytes,
        "large_export_bytes": large_bytes,
        "size_ratio": round(large_bytes / small_bytes, 1),
        "baseline_peak_rss_mb": baseline["peak_rss_mb"],
        "small": at_small,
        "large": at_large,
        "large_to_small_ratio": round(at_large["peak_rss_mb"] / at_small["peak_rss_mb"], 3),
        "parser_growth_mb": round(at_large["peak_rss_mb"] - at_small["peak_rss_mb"], 1),
        "load_average_before": list(load),
        "cpus": os.cpu_count(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "import_wxr_memory.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
