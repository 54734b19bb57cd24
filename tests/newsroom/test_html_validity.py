"""Every reader page type, in every edition, passes the Nu HTML checker with no error."""

from __future__ import annotations

import json
import shutil
import subprocess

from django.utils import timezone
from tests import sample_site
from tests.conftest import REPO_ROOT, skip_or_fail

VNU_JAR = REPO_ROOT / "var" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_reader_pages_have_no_html_errors(client, editions, tmp_path):
    if not VNU_JAR.is_file() or not shutil.which("java"):
        skip_or_fail(f"the Nu HTML checker needs Java and {VNU_JAR} (.ci/run installs both)")
    files = {}
    month = timezone.localtime().strftime("%Y/%m/")  # the sample articles are new
    for code, pages in sample_site.build().items():
        pages = {**pages, "print": pages["article"] + "print/", "archive": f"/{code}/{month}"}
        for kind, url in pages.items():
            response = client.get(url)
            assert response.status_code == 200, url
            path = tmp_path / f"{code}-{kind}.html"
            path.write_bytes(response.content)
            files[str(path)] = url
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: errors found, reported below
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, "\n".join(errors)
    assert len(files) == 33
