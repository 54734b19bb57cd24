"""The feed and web page fixtures served from 127.0.0.1, as a partner site would serve
them: their absolute addresses (wire.example, courier.example) point at this server, and
the pictures they name are small generated images."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from PIL import Image
from tests.localhttp import QuietHandler

FIXTURES = Path(__file__).parent / "fixtures"
FEED_PATH = "/ru/rss.xml"
PAGE_PATH = "/ru/society/2026/11/sel-na-okraine-osha/"


def picture(color: tuple[int, int, int], kind: str = "JPEG") -> bytes:
    out = BytesIO()
    Image.new("RGB", (16, 12), color).save(out, kind)
    return out.getvalue()


class PartnerSite(QuietHandler):
    """GET only; ``feed`` may be replaced by a test to show an edited feed."""

    feed = (FIXTURES / "feeds" / "wire-ru.rss").read_text(encoding="utf-8")
    page = (FIXTURES / "web" / "mudflow-ru.html").read_text(encoding="utf-8")
    requests: list[str] = []

    def do_GET(self):
        base = f"http://{self.headers['Host']}"
        type(self).requests.append(self.path)
        if self.path == FEED_PATH:
            text = self.feed.replace("https://wire.example", base)
            self.answer(200, text.encode(), "application/rss+xml; charset=utf-8")
        elif self.path == PAGE_PATH:
            text = self.page.replace("https://courier.example", base)
            self.answer(200, text.encode(), "text/html; charset=utf-8")
        elif self.path.endswith((".jpg", ".png")):
            kind = "PNG" if self.path.endswith(".png") else "JPEG"
            self.answer(200, picture((30, 120, 60), kind), f"image/{kind.lower()}")
        else:
            self.answer(404, b"not here")
