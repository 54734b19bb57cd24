"""Reader pages cached by URL: the headers that let nginx or a CDN keep them, and
Vestnik's own shared cache behind them.

A view decides whether its answer is the same for everyone (``mark_public``); this
module decides nothing else about content. The middleware then keeps a public answer in
Django's cache (Redis, or files on one machine) by its path, query string and content
encoding, compressed once when it was rendered (brotli or gzip, as the reader's browser
or nginx asks), so a hit costs no rendering and no compression. A request carrying the
session cookie is never answered from the cache and never stored: an editor sees
drafts' userbar, a reader who passed a password sees a private page.

``purge_paths`` drops every stored variant of a path (all query strings and encodings);
``core.purge`` calls it beside the front caches.
"""

from __future__ import annotations

import gzip
import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote, urlsplit

import brotli
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

# Answers kept per path (query strings times encodings): a crawler's ``?utm_…=`` variety
# cannot grow one entry without bound.
MAX_VARIANTS = 24
HIT_HEADER = "X-Vestnik-Cache"
ENCODINGS = ("br", "gzip")
# Headers a stored answer keeps; the rest (Date, cookies, Vary by anything) are dropped.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Cache-Control",
    "Last-Modified",
    "Link",
    "X-Robots-Tag",
    "Content-Security-Policy",
    "Referrer-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
)


def request_is_anonymous(request: HttpRequest) -> bool:
    """No session cookie: nothing on this request can be personal (no login, no password
    passed for a private page, no preview). nginx's configuration makes the same test."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def mark_public(
    request: HttpRequest,
    response: HttpResponse,
    *,
    shared_seconds: int | None = None,
    last_modified: datetime | None = None,
) -> HttpResponse:
    """Let shared caches keep ``response`` when it is the same for every reader: a
    successful GET or HEAD of an anonymous request that is not a preview. Anything else
    is answered ``private, no-store``."""
    public = (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and request_is_anonymous(request)
        and not getattr(request, "is_preview", False)
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
    )
    if not public:
        mark_private(response)
        return response
    shared = settings.VESTNIK_CACHE_SHARED_SECONDS if shared_seconds is None else shared_seconds
    patch_cache_control(
        response,
        public=True,
        max_age=min(settings.VESTNIK_CACHE_BROWSER_SECONDS, shared),
        s_maxage=shared,
        stale_while_revalidate=settings.VESTNIK_CACHE_STALE_SECONDS,
        stale_if_error=settings.VESTNIK_CACHE_STALE_IF_ERROR_SECONDS,
    )
    if last_modified is not None:
        response.headers["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def mark_private(response: HttpResponse) -> HttpResponse:
    """No cache may keep ``response`` (a browser's back button may show it again)."""
    for directive in ("public", "s-maxage", "max-age", "stale-while-revalidate"):
        _drop_directive(response, directive)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _drop_directive(response: HttpResponse, directive: str) -> None:
    value = response.headers.get("Cache-Control")
    if value:
        kept = [part for part in value.split(",") if part.strip().split("=")[0] != directive]
        response.headers["Cache-Control"] = ",".join(kept).strip(" ,")
        if not response.headers["Cache-Control"]:
            del response.headers["Cache-Control"]


def negotiated_encoding(request: HttpRequest) -> str:
    """``br``, ``gzip`` or ``""``: what the stored answer for this request is compressed
    with (nginx sends exactly one of them; a browser sends a list)."""
    accepted = {}
    for part in request.headers.get("Accept-Encoding", "").split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        accepted[name.strip().lower()] = quality
    for encoding in ENCODINGS:
        if accepted.get(encoding, 0) > 0:
            return encoding
    return ""


def _bucket_key(path: str) -> str:
    """The cache key of every stored answer for ``path`` (decoded, no query string)."""
    return "pagecache:" + hashlib.sha256(unquote(path).encode()).hexdigest()


@dataclass(frozen=True)
class Stored:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes  # compressed with the variant's encoding
    etag: str
    stored_at: float


def _compress(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=settings.VESTNIK_CACHE_BROTLI_QUALITY)
    if encoding == "gzip":
        return gzip.compress(body, compresslevel=6, mtime=0)
    return body


def _cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    control = response.headers.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and "public" in control
        and "no-store" not in control
        and "private" not in control
        and not response.cookies
        and not response.headers.get("Content-Encoding")
    )


def _answer(request: HttpRequest, stored: Stored, encoding: str, state: str) -> HttpResponse:
    headers = dict(stored.headers)
    conditional = get_conditional_response(
        request,
        etag=stored.etag,
        last_modified=_parse_last_modified(headers.get("Last-Modified")),
    )
    if conditional is not None:
        response = conditional
        for name in ("Cache-Control", "Last-Modified"):
            if name in headers:
                response.headers[name] = headers[name]
    else:
        response = HttpResponse(
            b"" if request.method == "HEAD" else stored.body, status=stored.status
        )
        for name, value in stored.headers:
            response.headers[name] = value
        response.headers["Content-Length"] = str(len(stored.body))
        if encoding:
            response.headers["Content-Encoding"] = encoding
    response.headers["ETag"] = stored.etag
    response.headers["Vary"] = "Accept-Encoding"
    response.headers[HIT_HEADER] = state
    if state == "hit":
        response.headers["Age"] = str(max(int(time.time() - stored.stored_at), 0))
    return response


def _parse_last_modified(value: str | None) -> int | None:
    if not value:
        return None
    from django.utils.http import parse_http_date_safe

    return parse_http_date_safe(value)


def page_cache_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Answer anonymous GET and HEAD requests from the shared cache; store public answers.

    Sits outside the session, CSRF and locale middleware: a hit costs one cache read.
    Every answer leaving here that no view made public says ``private``: no front cache
    keeps an admin page, a form or an error by accident.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if (
            not settings.VESTNIK_PAGE_CACHE
            or request.method not in ("GET", "HEAD")
            or not request_is_anonymous(request)
        ):
            return _default_private(get_response(request))
        encoding = negotiated_encoding(request)
        variant = f"{encoding}?{request.META.get('QUERY_STRING', '')}"
        key = _bucket_key(request.path)
        bucket = cache.get(key) or {}
        stored = bucket.get(variant)
        if stored is not None:
            return _answer(request, stored, encoding, "hit")
        response = get_response(request)
        if not _cacheable(request, response):
            return _default_private(response)
        body = response.content
        stored = Stored(
            status=response.status_code,
            headers=tuple(
                (name, response.headers[name]) for name in KEPT_HEADERS if name in response.headers
            ),
            body=_compress(body, encoding),
            etag='W/"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"',
            stored_at=time.time(),
        )
        if len(bucket) < MAX_VARIANTS:
            bucket = {**(cache.get(key) or {}), variant: stored}
            cache.set(key, bucket, settings.VESTNIK_CACHE_SHARED_SECONDS)
        return _answer(request, stored, encoding, "miss")

    return middleware


def _default_private(response: HttpResponse) -> HttpResponse:
    if "Cache-Control" not in response.headers:
        patch_cache_control(response, private=True, no_cache=True)
    return response


def purge_paths(paths: Iterable[str]) -> None:
    """Forget every stored answer (all query strings and encodings) for each path or URL."""
    keys = {_bucket_key(urlsplit(path).path or "/") for path in paths}
    if keys:
        cache.delete_many(list(keys))


def stored_variants(path: str) -> dict[str, Stored]:
    """What the cache holds for ``path`` (tests and the operators' checks)."""
    return dict(cache.get(_bucket_key(path)) or {})
