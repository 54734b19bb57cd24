"""Opaque, signed cursors over the article order (first publication, then id, newest first).

A cursor names the last article of a page; the next page starts after it, so articles
published in between never shift a page (no duplicates, no gaps), unlike an offset. The
signature makes a cursor one the API issued: a forged or truncated one is refused
instead of becoming a query.
"""

from __future__ import annotations

from datetime import datetime

from django.core import signing

_SALT = "vestnik.api.cursor.v1"


class InvalidCursor(ValueError):
    """The cursor was not issued by this API (or by this site's key)."""


def cursor_encode(published: datetime, article_id: int) -> str:
    return signing.dumps([published.isoformat(), article_id], salt=_SALT, compress=False)


def cursor_decode(cursor: str) -> tuple[datetime, int]:
    """The (first_published_at, id) position; raises InvalidCursor for anything else."""
    try:
        published, article_id = signing.loads(cursor, salt=_SALT)
        moment = datetime.fromisoformat(published)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidCursor(str(error)) from error
    if moment.tzinfo is None or not isinstance(article_id, int):
        raise InvalidCursor("incomplete cursor")
    return moment, article_id
