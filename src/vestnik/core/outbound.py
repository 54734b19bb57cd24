"""Calls to outside services: one JSON POST with a timeout, and bounded retries.

Every integration (Telegram, spam checks, machine translation) needs the same two things:
a request that cannot hang a worker, and a retry loop that gives up. Kept to the
standard library (urllib), as the existing clients are, so there is one way to read an
outside service's answer and one place where the waiting happens.
"""

from __future__ import annotations

import json
import random
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
MAX_ANSWER = 1_000_000  # bytes read from an answer at most


class OutboundError(Exception):
    """The service could not be reached, did not answer in time or answered garbage."""


class RetryLater(Exception):
    """Raised by a retried call: try again after ``after`` seconds (None: back off)."""

    def __init__(self, reason: str, after: float | None = None) -> None:
        super().__init__(reason)
        self.after = after


@dataclass(frozen=True)
class JsonAnswer:
    status: int
    data: Any  # the parsed JSON body, or None when the body was not JSON


def post_json(url: str, payload: Any, *, timeout: float) -> JsonAnswer:
    """POST ``payload`` as JSON; any HTTP status is an answer, not an exception.

    Raises ``OutboundError`` on a network failure or a timeout (``timeout`` bounds the
    connection and each read, so a server that accepts and never answers costs at most
    that long).
    """
    if not url.startswith(("http://", "https://")):
        # The message names no URL: it may hold a secret (Telegram's token is in the path).
        raise OutboundError("the service's URL is not an http(s) URL")
    request = urllib.request.Request(  # noqa: S310 (checked above: http or https)
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status, body = response.status, response.read(MAX_ANSWER)
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read(MAX_ANSWER)
    except OSError as error:  # URLError, timeouts, refused connections
        raise OutboundError(str(error)) from error
    except ValueError as error:  # a malformed host or port; its message repeats the URL
        raise OutboundError("the service's URL is not valid") from error
    try:
        data = json.loads(body) if body else None
    except ValueError:
        data = None
    return JsonAnswer(status, data)


def with_retries(
    call: Callable[[], T],
    *,
    attempts: int,
    max_wait: float,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run ``call`` up to ``attempts`` times while it raises ``RetryLater`` or
    ``OutboundError``; between tries wait what the service asked (capped at ``max_wait``)
    or an exponential back-off with jitter. The last error is raised as it came."""
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except (RetryLater, OutboundError) as error:
            if attempt == attempts:
                raise
            asked = error.after if isinstance(error, RetryLater) else None
            backoff = 0.5 * 2 ** (attempt - 1) * (1 + random.random())  # noqa: S311
            sleep(min(asked if asked is not None else backoff, max_wait))
    raise AssertionError("unreachable")  # pragma: no cover
