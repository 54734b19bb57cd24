"""Purge exactly the pages that show what changed, from every cache in front of readers.

Each app knows which of its pages show an article, a rubric or an author: it registers a
*provider*, a function from pages to the paths that show them (newsroom: the page in
every edition, its rubric, home, tag, entity and author pages, the date archive;
distribution: feeds and sitemaps; related: the "Read also" of neighbours). Publishing,
unpublishing, moving or restricting a page enqueues ``purge_pages`` after the commit;
the task asks every provider and drops the paths from Vestnik's own page cache and from
the front caches configured in ``WAGTAILFRONTENDCACHE`` (Wagtail's backends: nginx,
Varnish, Cloudflare, CloudFront), before it completes. Vestnik's own HTTP backend
(``PurgeBackend``) has a timeout and purges each encoding nginx keeps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta
from functools import partial
from urllib.parse import urlsplit, urlunsplit

import requests
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Page

from vestnik.core import pagecache
from vestnik.core.public import absolute

logger = logging.getLogger(__name__)

Provider = Callable[[Sequence[Page]], Iterable[str]]
_providers: dict[str, Provider] = {}


def register_provider(name: str, provider: Provider) -> None:
    """``provider(pages)`` yields the paths (or absolute URLs) that show any of ``pages``;
    ``pages`` are specific pages, live or not (an unpublished page's paths still need
    purging)."""
    _providers[name] = provider


def paths_showing(page_ids: Iterable[int]) -> set[str]:
    """Every path some registered provider says shows one of the pages."""
    pages = list(Page.objects.filter(id__in=set(page_ids)).specific())
    paths: set[str] = set()
    if not pages:
        return paths
    for provider in _providers.values():
        paths.update(_as_path(url) for url in provider(pages))
    return paths


def _as_path(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(("", "", parts.path or "/", parts.query, ""))


def purge_paths(paths: Iterable[str]) -> list[str]:
    """Drop ``paths`` from Vestnik's page cache and from every front cache. Returns the
    absolute URLs sent to the front caches."""
    paths = sorted(set(paths))
    if not paths:
        return []
    pagecache.purge_paths(paths)
    urls = [absolute(iri_to_uri(path)) for path in paths]
    for name, backend in _front_backends().items():
        try:
            backend.purge_batch(urls)
        except Exception:  # a front cache that is down must not fail the publish task
            logger.exception("Purging %d URLs from front cache %s failed", len(urls), name)
    return urls


def purge_pages(page_ids: Iterable[int], extra_paths: Iterable[str] = ()) -> list[str]:
    """Purge every path showing the pages, plus ``extra_paths`` (a page's old address)."""
    return purge_paths(paths_showing(page_ids) | set(extra_paths))


def purge_after_commit(page_ids: Iterable[int], extra_paths: Iterable[str] = ()) -> None:
    """Enqueue the purge task once the transaction that changed the pages commits."""
    from vestnik.core import tasks

    ids, extra = sorted(set(page_ids)), sorted(set(extra_paths))
    if ids or extra:
        transaction.on_commit(partial(tasks.purge_pages.enqueue, ids, extra))


def purge_pages_soon(page_ids: Iterable[int], *, coalesce: bool = True) -> None:
    """Purge the pages' own addresses (what a comment changed). With ``coalesce``, a
    moment from now and at most once per page per ``VESTNIK_PURGE_COALESCE_SECONDS``: a
    burst of comments approved as they are posted becomes one purge that shows them all.
    Without, at once (a moderator's decision). Call it after the commit."""
    from vestnik.core import tasks

    # Vestnik's own cache at once, in this request: the writer reloading the page and the
    # next reader see the comment; the front caches follow in the task.
    pagecache.purge_paths(own_addresses(page_ids))
    if not coalesce:
        tasks.purge_own_addresses.enqueue(sorted(set(page_ids)))
        return
    fresh = [
        page_id
        for page_id in sorted(set(page_ids))
        # None: the cache is down (fail-open); purge rather than risk a stale page.
        if cache.add(_soon_key(page_id), 1, settings.VESTNIK_PURGE_COALESCE_SECONDS) is not False
    ]
    if not fresh:
        return
    task = tasks.purge_own_addresses
    if task.get_backend().supports_defer:
        delay = timedelta(seconds=settings.VESTNIK_PURGE_COALESCE_SECONDS)
        task = task.using(run_after=timezone.now() + delay)
    task.enqueue(fresh)


def _soon_key(page_id: int) -> str:
    return f"purge-soon:{page_id}"


def purge_own_addresses(page_ids: Iterable[int]) -> list[str]:
    """Purge only the pages' own addresses (what ``purge_pages_soon`` queued)."""
    ids = sorted(set(page_ids))
    cache.delete_many([_soon_key(page_id) for page_id in ids])  # later changes queue anew
    return purge_paths(own_addresses(ids))


def own_addresses(page_ids: Iterable[int]) -> set[str]:
    """The pages' own paths (not the listings or feeds that show them)."""
    paths = set()
    for page in Page.objects.filter(id__in=set(page_ids)):
        parts = page.get_url_parts()
        if parts:
            paths.add(parts[2])
    return paths


def _front_backends() -> dict[str, BaseBackend]:
    from wagtail.contrib.frontend_cache.utils import get_backends

    return get_backends()


class PurgeBackend(BaseBackend):
    """HTTP ``PURGE`` to nginx (ngx_cache_purge) or Varnish, with a timeout, once per
    content encoding the front cache keys separately (``ENCODINGS``). Wagtail's own HTTP
    backend has no timeout: one hung cache would hold a publish task for ever."""

    def __init__(self, params):
        params = dict(params)
        location = urlsplit(params.pop("LOCATION"))
        self.timeout = float(params.pop("TIMEOUT", 2.0))
        self.encodings = tuple(params.pop("ENCODINGS", ("br", "gzip", "identity")))
        super().__init__(params)
        self.scheme, self.netloc = location.scheme, location.netloc
        self.session = requests.Session()

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        target = urlunsplit((self.scheme, self.netloc, parts.path, parts.query, ""))
        for encoding in self.encodings:
            try:
                answer = self.session.request(
                    "PURGE",
                    target,
                    headers={"Host": parts.netloc, "Accept-Encoding": encoding},
                    timeout=self.timeout,
                    allow_redirects=False,
                )
            except requests.RequestException as error:
                logger.error("Could not purge %s (%s): %s", url, encoding, error)
                continue
            # 404: nothing was stored for that variant, which is fine.
            if answer.status_code not in (200, 204, 404, 412):
                logger.error("Purging %s (%s) answered %s", url, encoding, answer.status_code)

    def purge_batch(self, urls: Iterable[str]) -> None:
        for url in urls:
            self.purge(url)
