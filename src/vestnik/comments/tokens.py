"""The form token: an idempotency key and the form-load time, signed together.

Issued by the uncached form page or token endpoint, never placed in cached HTML, so
every reader of one cached article page gets a key of their own. The signature stops
a client from back-dating the load time or pairing a key with another article.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

SALT = "vestnik.comments.form"


@dataclass(frozen=True)
class FormToken:
    key: uuid.UUID
    article_id: int
    loaded_at: float
    value: str


class TokenInvalid(Exception):
    """The token is missing, forged, for another article or expired."""


def token_issue(article_id: int, now: float | None = None) -> FormToken:
    loaded_at = time.time() if now is None else now
    key = uuid.uuid4()
    value = signing.dumps({"a": article_id, "k": key.hex, "t": round(loaded_at, 3)}, salt=SALT)
    return FormToken(key=key, article_id=article_id, loaded_at=loaded_at, value=value)


def token_read(value: str, article_id: int, now: float | None = None) -> FormToken:
    """The token's contents; raises TokenInvalid unless it is genuine, for this article
    and younger than ``VESTNIK_COMMENTS_FORM_MAX_AGE``."""
    now = time.time() if now is None else now
    try:
        data = signing.loads(value or "", salt=SALT)
        key = uuid.UUID(hex=data["k"])
        loaded_at = float(data["t"])
        token_article = int(data["a"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise TokenInvalid("bad token") from error
    if token_article != article_id:
        raise TokenInvalid("token of another article")
    if now - loaded_at > settings.VESTNIK_COMMENTS_FORM_MAX_AGE:
        raise TokenInvalid("expired")
    return FormToken(key=key, article_id=article_id, loaded_at=loaded_at, value=value)
