"""A local stand-in for the Telegram Bot API: ``POST /bot<token>/<method>`` with JSON,
answering as Telegram does (``{"ok": true, "result": ...}`` or an error with
``error_code``, ``description`` and ``parameters.retry_after``)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.test import override_settings
from tests.localhttp import QuietHandler, serving

TOKEN = "123456:local-test-token"


@dataclass
class BotState:
    """What the server saw and what it will answer next (``script``: status, body)."""

    calls: list[tuple[str, dict]] = field(default_factory=list)
    script: list[tuple[int, dict]] = field(default_factory=list)
    next_id: int = 100
    delay: float = 0.0  # seconds each answer takes (to overlap two workers' calls)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def methods(self, ok_only: bool = False) -> list[str]:
        return [method for method, body in self.calls if not ok_only or body.get("_ok")]


class BotApi(QuietHandler):
    state = BotState()

    def do_POST(self):
        prefix = f"/bot{TOKEN}/"
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        if not self.path.startswith(prefix):
            return self.reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        method = self.path.removeprefix(prefix)
        time.sleep(self.state.delay)
        with self.state.lock:
            status, answer = self.state.script.pop(0) if self.state.script else (200, None)
            if answer is None:
                answer = self.result(method, body)
            body["_ok"] = answer.get("ok", False)
            self.state.calls.append((method, body))
        self.reply(status, answer)

    def result(self, method: str, body: dict) -> dict:
        if method == "sendMessage":
            self.state.next_id += 1
            message = {"message_id": self.state.next_id, "chat": {"id": body["chat_id"]}}
            return {"ok": True, "result": {**message, "text": body["text"]}}
        if method in {"editMessageText", "deleteMessage"}:
            return {"ok": True, "result": True}
        return {"ok": False, "error_code": 404, "description": "Not Found: method not found"}

    def reply(self, status: int, answer: dict) -> None:
        self.answer(status, json.dumps(answer).encode(), "application/json")


@contextmanager
def bot_listening(channels: dict[str, str]) -> Iterator[BotState]:
    """A fresh local Bot API, and the settings that make Vestnik post to ``channels``
    through it; yields what it sees."""
    BotApi.state = BotState()
    with (
        serving(BotApi) as url,
        override_settings(
            VESTNIK_TELEGRAM_TOKEN=TOKEN,
            VESTNIK_TELEGRAM_API_URL=url,
            VESTNIK_TELEGRAM_CHANNELS=channels,
        ),
    ):
        yield BotApi.state
