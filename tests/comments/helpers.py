"""Posting comments as readers do: a form token from the uncached endpoint, then a POST."""

from __future__ import annotations

import itertools
import time

from django.test import Client
from django.urls import reverse

from vestnik.comments import tokens

_reader = itertools.count(1)


def aged_token(article_id: int, seconds: float = 30) -> str:
    """A genuine token issued ``seconds`` ago (readers take time to write)."""
    return tokens.token_issue(article_id, now=time.time() - seconds).value


def reader_address() -> str:
    """A fresh address in a fresh /24 per reader, so posts do not meet each other's limits."""
    n = next(_reader)
    return f"10.{n % 250}.{(n // 250) % 250}.{1 + (n // 62500) % 250}"


def post_comment(
    client: Client,
    article_id: int,
    *,
    body: str = "The new bridge will save me an hour each day.",
    name: str = "Aibek",
    token: str | None = None,
    address: str | None = None,
    json: bool = False,
    **fields,
):
    data = {
        "name": name,
        "body": body,
        "email": fields.pop("email", ""),
        "website": fields.pop("website", ""),
        "parent": fields.pop("parent", ""),
        "fax": fields.pop("fax", ""),
        "token": token or aged_token(article_id),
    }
    headers = {"REMOTE_ADDR": address or reader_address()}
    if json:
        headers["HTTP_ACCEPT"] = "application/json"
    return client.post(reverse("comments:post", args=[article_id]), data, **headers, **fields)
