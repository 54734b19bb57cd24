"""The three Bot API methods Vestnik uses, over ``core.outbound`` (see docs/adr/0006).

``POST {API_URL}/bot{token}/{method}`` with a JSON body; Telegram answers
``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code", "description",
"parameters": {"retry_after"}}``. Network errors, 5xx and 429 are retried (429 after the
``retry_after`` that Telegram asks for); other refusals are final.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings

from vestnik.core.outbound import OutboundError, RetryLater, post_json, with_retries

logger = logging.getLogger(__name__)


class TelegramError(Exception):
    """Telegram refused the call, or could not be reached within the attempts."""

    def __init__(self, description: str, code: int = 0) -> None:
        super().__init__(description)
        self.description = description
        self.code = code


def wait(seconds: float) -> None:
    """How the retry loop waits between attempts (tests replace it to record the waits)."""
    time.sleep(seconds)


class BotClient:
    """A bot's calls, each retried within ``attempts`` and ``timeout`` per attempt."""

    def __init__(
        self,
        token: str,
        api_url: str,
        *,
        timeout: float,
        attempts: int,
        max_wait: float,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.base = f"{api_url.rstrip('/')}/bot{token}/"
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.max_wait = max_wait
        self.sleep = sleep or wait

    def send_message(self, chat_id: str, text: str, preview_url: str) -> int:
        """Post ``text`` (Telegram HTML) with a preview of ``preview_url``; the message id."""
        result = self.call(
            "sendMessage",
            {
                "chat_id": chat_id,
                "text": text,
                "parse_mode": "HTML",
                "link_preview_options": {"url": preview_url},
            },
        )
        return int(result["message_id"])

    def edit_message_text(self, chat_id: str, message_id: int, text: str, preview_url: str):
        self.call(
            "editMessageText",
            {
                "chat_id": chat_id,
                "message_id": message_id,
                "text": text,
                "parse_mode": "HTML",
                "link_preview_options": {"url": preview_url},
            },
        )

    def delete_message(self, chat_id: str, message_id: int) -> None:
        self.call("deleteMessage", {"chat_id": chat_id, "message_id": message_id})

    def call(self, method: str, payload: dict[str, Any]) -> Any:
        """The method's ``result``; raises ``TelegramError`` when it cannot be had."""
        try:
            return with_retries(
                lambda: self._once(method, payload),
                attempts=self.attempts,
                max_wait=self.max_wait,
                sleep=self.sleep,
            )
        except (RetryLater, OutboundError) as error:
            raise TelegramError(f"{method}: {error}") from error

    def _once(self, method: str, payload: dict[str, Any]) -> Any:
        answer = post_json(self.base + method, payload, timeout=self.timeout)
        data = answer.data if isinstance(answer.data, dict) else {}
        if answer.status == 200 and data.get("ok") is True:
            return data.get("result")
        description = str(data.get("description") or f"HTTP {answer.status}")
        if answer.status == 429:
            parameters = data.get("parameters") or {}
            retry_after = parameters.get("retry_after") if isinstance(parameters, dict) else None
            after = float(retry_after) if isinstance(retry_after, int | float) else None
            raise RetryLater(f"{method}: {description}", after=after)
        if answer.status >= 500:
            raise RetryLater(f"{method}: {description}")
        raise TelegramError(description, code=int(data.get("error_code") or answer.status))


def bot_client() -> BotClient | None:
    """The configured bot, or None when no token is set (the feature is off)."""
    if not settings.VESTNIK_TELEGRAM_TOKEN:
        return None
    return BotClient(
        settings.VESTNIK_TELEGRAM_TOKEN,
        settings.VESTNIK_TELEGRAM_API_URL,
        timeout=settings.VESTNIK_TELEGRAM_TIMEOUT,
        attempts=settings.VESTNIK_TELEGRAM_ATTEMPTS,
        max_wait=settings.VESTNIK_TELEGRAM_MAX_WAIT,
    )
