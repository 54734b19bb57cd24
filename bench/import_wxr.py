"""How fast does a WordPress export come in? (importers issue; goal: 1,000 articles/min)

Generates a WXR file of ``--articles`` posts (Cyrillic text of a few paragraphs with a
subheading and a list, 8 nested categories, 3 authors, tags, a comment on every fifth
post), builds a fresh SQLite site (migrate, the editions) in a scratch folder, then times
``vestnik import wxr FILE --edition ru --publish-as-is`` in a subprocess, as an operator
runs it. The baseline, measured in the same run, is reading the same file with the
parser alone (no database). Results go to bench/results/import_wxr.json.

    .venv/bin/python bench/import_wxr.py [--articles 2000]

Nothing outside 127.0.0.1 and the scratch folder is touched; the folder is removed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
GOAL_PER_MINUTE = 1_000
WORDS = [
    "бюджет",
    "город",
    "школа",
    "вода",
    "дорога",
    "парламент",
    "рынок",
    "урожай",
    "мост",
    "больница",
    "район",
    "жители",
    "власти",
    "проект",
    "закон",
    "цены",
    "зима",
    "весна",
    "Бишкек",
    "Ош",
    "Нарын",
    "Каракол",
    "Талас",
]


def environment(folder: Path) -> dict[str, str]:
    """The caller's environment without Vestnik's settings: a site of its own in ``folder``."""
    dropped = {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("VESTNIK_")}
    env |= {
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "vestnik.settings",
        "VESTNIK_VAR_DIR": str(folder / "var"),
        "SECRET_KEY": "bench-only",
    }
    return env


def sentence(n: int) -> str:
    return " ".join(WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(12)).capitalize() + "."


def post(n: int, start: datetime) -> str:
    date = (start + timedelta(hours=n)).strftime("%Y-%m-%d %H:%M:%S")
    items = "".join(f"<li>{sentence(n + i)}</li>" for i in (4, 5))
    body = "\n\n".join(
        [
            sentence(n),
            sentence(n + 1) + "\n" + sentence(n + 2),
            f"<h2>{sentence(n + 3)[:60]}</h2>",
            f"<ul>{items}</ul>",
            sentence(n + 6),
        ]
    )
    comment = (
        f"<wp:comment><wp:comment_id>{n}</wp:comment_id><wp:comment_author>Читатель</wp:comment_author>"
        f"<wp:comment_date_gmt>{date}</wp:comment_date_gmt><wp:comment_content>{sentence(n + 7)}"
        "</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
        "<wp:comment_parent>0</wp:comment_parent></wp:comment>"
        if n % 5 == 0
        else ""
    )
    return (
        f"<item><title>{escape(sentence(n)[:90])} {n}</title>"
        f"<link>https://old.example.kg/{n}/news-{n}/</link>"
        f"<dc:creator>author{n % 3}</dc:creator><guid>https://old.example.kg/?p={n}</guid>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded>"
        f"<wp:post_id>{n}</wp:post_id><wp:post_date_gmt>{date}</wp:post_date_gmt>"
        f"<wp:post_modified_gmt>{date}</wp:post_modified_gmt><wp:status>publish</wp:status>"
        f"<wp:post_type>post</wp:post_type>"
        f'<category domain="category" nicename="rubric{n % 8}">Рубрика {n % 8}</category>'
        f'<category domain="post_tag" nicename="t{n % 40}">тема {n % 40}</category>'
        f"{comment}</item>\n"
    )


def write_export(path: Path, articles: int) -> None:
    start = datetime(2020, 1, 1, tzinfo=UTC)
    with path.open("w", encoding="utf-8") as file:
        file.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/"><channel>\n'
        )
        for n in range(3):
            file.write(
                f"<wp:author><wp:author_login>author{n}</wp:author_login>"
                f"<wp:author_display_name>Автор Номер{n}</wp:author_display_name></wp:author>\n"
            )
        for n in range(8):
            parent = f"rubric{n - 4}" if n >= 4 else ""
            file.write(
                f"<wp:category><wp:category_nicename>rubric{n}</wp:category_nicename>"
                f"<wp:category_parent>{parent}</wp:category_parent>"
                f"<wp:cat_name>Рубрика {n}</wp:cat_name></wp:category>\n"
            )
        for n in range(1, articles + 1):
            file.write(post(n, start))
        file.write("</channel></rss>\n")


def run(env: dict[str, str], *code: str) -> float:
    """Seconds a Python subprocess running ``code`` takes."""
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", "\n".join(code)], env=env, check=True, cwd=ROOT)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vestnik-bench-wxr-"))
    try:
        export = folder / "export.wxr"
        write_export(export, args.articles)
        env = environment(folder)
        setup = "import django; django.setup()"
        run(
            env,
            setup,
            "from django.core.management import call_command",
            "call_command('migrate', verbosity=0)",
            "from vestnik.newsroom.editions import edition_ensure_all",
            "edition_ensure_all()",
        )
        parse_only = run(
            env,
            setup,
            "from pathlib import Path",
            "from vestnik.importers.wxr import WxrFile",
            f"source = WxrFile(Path({str(export)!r}), language='ru', max_element=10**7)",
            "n = sum(1 for _ in source.records())",
        )
        command = f"main(['import', 'wxr', {str(export)!r}, '--edition', 'ru', '--publish-as-is'])"
        imported = run(env, setup, "from vestnik.cli import main", command)
        rerun = run(env, setup, "from vestnik.cli import main", command)
        per_minute = args.articles / imported * 60
        result = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "articles": args.articles,
            "export_bytes": export.stat().st_size,
            "database": "sqlite",
            "import_seconds": round(imported, 2),
            "articles_per_minute": round(per_minute),
            "goal_per_minute": GOAL_PER_MINUTE,
            "goal_met": per_minute >= GOAL_PER_MINUTE,
            "rerun_seconds_nothing_changed": round(rerun, 2),
            "baseline_parse_only_seconds": round(parse_only, 2),
            "import_to_parse_ratio": round(imported / parse_only, 1),
            "load_average": os.getloadavg(),
            "cpus": os.cpu_count(),
        }
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "import_wxr.json").write_text(json.dumps(result, indent=2) + "\n")
        print(json.dumps(result, indent=2))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
