"""The project's WordPress export fixture, its uploads folder and a helper to run
``vestnik import wxr`` the way an operator does."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from PIL import Image

from vestnik.importers.models import ImportedItem
from vestnik.newsroom.models import ArticlePage

WXR = Path(__file__).parent / "fixtures" / "vestnik-demo.wxr"


def make_uploads(folder: Path) -> Path:
    """The two pictures the export's attachments name, as WordPress stores them."""
    month = folder / "2024" / "05"
    month.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), (20, 90, 160)).save(month / "parlament.jpg")
    Image.new("RGB", (30, 20), (200, 40, 40)).save(month / "zal.png")
    return folder


class Terminal(StringIO):
    """Standard error as if it were a terminal (the command then shows its progress)."""

    def isatty(self) -> bool:
        return True


def run_import(*args: str, stderr: StringIO | None = None) -> tuple[int, str]:
    """Exit status and standard output of ``vestnik import ARGS``."""
    out = StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=stderr or StringIO())
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, out.getvalue()


def edited_copy(folder: Path, old: str, new: str) -> Path:
    """The export with one text changed, as after an edit on the old site."""
    copy = folder / "edited.wxr"
    shutil.copy(WXR, copy)
    text = copy.read_text(encoding="utf-8")
    assert old in text
    copy.write_text(text.replace(old, new), encoding="utf-8")
    return copy


def imported_pages(source: str) -> dict[str, ArticlePage]:
    """The articles an import of ``source`` made, by the source's own ids."""
    items = ImportedItem.objects.filter(source=source).exclude(external_id__startswith="rubric:")
    return {item.external_id: ArticlePage.objects.get(id=item.page_id) for item in items}
