"""Bulk machinery of the corpus generator: a row writer, an in-memory "Read also", forks.

``BulkWriter`` inserts rows given as tuples of model attribute values: on PostgreSQL with
COPY, in a background thread (the database indexes one chunk while Python builds the
next); elsewhere with ``bulk_create``. ``RelatedIndex`` scores "Read also" candidates
with ``vestnik.related.services``' weights for many articles at once. ``fork_map`` runs
pure work in forked processes where the platform allows it.
"""

from __future__ import annotations

import heapq
import json
import multiprocessing
import os
import queue
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models

from vestnik.newsroom.models import ArticlePage
from vestnik.related import services as related

Batch = tuple[type[models.Model], list[str], list[tuple]]  # model, attribute names, rows


class BulkWriter:
    """Writes batches of rows; ``start`` before, ``finish`` after (it re-raises errors)."""

    def __init__(self) -> None:
        self.copy = connection.vendor == "postgresql"
        self.counts: Counter[str] = Counter()
        # Unbounded: Python plans faster than PostgreSQL indexes, and runs ahead.
        self._jobs: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._discard = False

    def reserve(self, model: type[models.Model], count: int) -> list[int]:
        """``count`` unused primary keys of ``model``, so rows can point at each other."""
        table = model._meta.db_table
        with connection.cursor() as cursor:
            if self.copy:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, count],
                )
                return [row[0] for row in cursor.fetchall()]
            cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            top = cursor.fetchone()[0] or 0
            if connection.vendor == "sqlite":  # AUTOINCREMENT never reuses a deleted id
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                top = max([top, *(row[0] for row in cursor.fetchall())])
        return list(range(top + 1, top + 1 + count))

    def start(self) -> None:
        """PostgreSQL: check constraints as each COPY ends (overlapping the next chunk's
        Python work) instead of all at commit; COPY from a thread sharing the connection.
        Reserve ids before: queries on the connection wait for the COPY in progress."""
        if self.copy:
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            self._thread = threading.Thread(target=self._run, args=(connection.connection,))
            self._thread.start()

    def write(self, batches: list[Batch]) -> None:
        """Insert ``batches`` in order (a row may point at an earlier batch's rows)."""
        for model, _fields, rows in batches:
            self.counts[model._meta.db_table] += len(rows)
        if self._thread is None:
            for model, fields, rows in batches:
                self._insert(model, fields, rows)
            return
        if self._error is not None:
            self.finish()
        self._jobs.put(batches)

    def finish(self, *, discard: bool = False) -> None:
        """Wait for the writes queued (or, with ``discard``, drop them: the caller is
        rolling back); re-raise the writer's error, if any."""
        self._discard = discard
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
            self._thread = None
        if self._error is not None and not discard:
            raise self._error

    def _run(self, raw) -> None:
        while (batches := self._jobs.get()) is not None:
            if self._error is not None or self._discard:
                continue
            try:
                for model, fields, rows in batches:
                    self._copy(raw, model, fields, rows)
            except BaseException as error:  # handed to the main thread by finish()
                self._error = error

    def _insert(self, model: type[models.Model], fields: list[str], rows: list[tuple]) -> None:
        if self.copy:
            self._copy(connection.connection, model, fields, rows)
            return
        objects = [model(**dict(zip(fields, row, strict=True))) for row in rows]
        if model is ArticlePage:  # bulk_create refuses multi-table inheritance
            queryset = model._base_manager.all()
            queryset._for_write = True
            local = [model._meta.get_field(name) for name in fields]
            queryset._batched_insert(objects, local, batch_size=500)
        else:
            model._base_manager.bulk_create(objects, batch_size=500)

    @staticmethod
    def _copy(raw, model: type[models.Model], fields: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        columns = [model._meta.get_field(name) for name in fields]
        as_json = [i for i, f in enumerate(columns) if isinstance(f, models.JSONField)]
        quote = connection.ops.quote_name
        names = ", ".join(quote(f.column) for f in columns)
        statement = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                if as_json:
                    row = list(row)
                    for i in as_json:
                        row[i] = json.dumps(row[i], cls=DjangoJSONEncoder)
                copy.write_row(row)


@dataclass
class Doc:
    """What "Read also" needs of one live article."""

    id: int
    parent: str  # the rubric's path
    published: float  # timestamp
    entities: tuple  # entity translation keys
    tags: tuple[int, ...]
    terms: dict[str, float]


class RelatedIndex:
    """One edition's live articles in memory, scored as ``related.services`` scores them:
    shared entities x 4 + shared tags x 3 + rubric 1.5 + shared terms x 0.5 + recency.

    Deviation from the per-article ``_candidate_scores`` (which takes up to 200 candidates
    per kind from index queries, terms included): the candidates are, for each entity and
    tag of the article, the WINDOW newest articles having it, and the rubric's
    RECENT_FALLBACK newest (the edition's newest too when that makes fewer than wanted).
    Each candidate's score counts every shared entity, tag and term, as the service's does.
    """

    WINDOW = 20

    def __init__(self, docs: Iterable[Doc], now: datetime) -> None:
        self.docs = sorted(docs, key=lambda d: (-d.published, -d.id))  # newest first
        self.position = {doc.id: i for i, doc in enumerate(self.docs)}
        self.by_entity, self.by_tag = defaultdict(list), defaultdict(list)  # newest first
        self.by_parent: dict[str, list[int]] = defaultdict(list)
        self.entities = [frozenset(doc.entities) for doc in self.docs]
        self.tags = [frozenset(doc.tags) for doc in self.docs]
        bits: dict[str, int] = {}  # term -> bit, for shared-term counts as bitmasks
        self.masks = [sum(1 << bits.setdefault(t, len(bits)) for t in d.terms) for d in self.docs]
        self.top_weight = [max(doc.terms.values(), default=0.0) for doc in self.docs]
        for i, doc in enumerate(self.docs):
            for key in self.entities[i]:
                self.by_entity[key].append(i)
            for tag in self.tags[i]:
                self.by_tag[tag].append(i)
            self.by_parent[doc.parent].append(i)
        age_days = [max(now.timestamp() - doc.published, 0) / 86400 for doc in self.docs]
        self.bonus = [related.W_RECENCY / (1 + age / 30) for age in age_days]

    def related(self, doc_id: int, limit: int) -> list[tuple[int, float]]:
        """Up to ``limit`` (related article id, score), best first, as ``_rank`` orders."""
        me, window, newest = self.position[doc_id], self.WINDOW + 1, related.RECENT_FALLBACK
        rubric = {i for i in self.by_parent[self.docs[me].parent][: newest + 1] if i != me}
        rubric = set(sorted(rubric)[:newest])
        found = rubric.union(*(self.by_entity[key][:window] for key in self.entities[me]))
        found.update(*(self.by_tag[tag][:window] for tag in self.tags[me]))
        if len(found - {me}) < limit:
            found.update(range(min(newest + 1, len(self.docs))))
        found.discard(me)
        return self._best(me, found, rubric, limit)

    def _best(self, me: int, found: set[int], rubric: set[int], limit: int) -> list:
        """Exact scores only where an upper bound (shared terms x the candidate's top term
        weight) could still beat the ``limit``-th best."""
        entities, tags, masks, top, docs = (
            self.entities,
            self.tags,
            self.masks,
            self.top_weight,
            self.docs,
        )
        w_term, mask, mine = related.W_TERM, masks[me], docs[me].terms.keys()
        base = {
            i: related.W_ENTITY * len(entities[me] & entities[i])
            + related.W_TAG * len(tags[me] & tags[i])
            + (related.W_RUBRIC if i in rubric else 0.0) + self.bonus[i]
            for i in found
        }  # fmt: skip
        bounds = sorted(
            ((b + w_term * top[i] * (mask & masks[i]).bit_count(), i) for i, b in base.items()),
            reverse=True,
        )
        heap: list[tuple[float, float, int]] = []
        for bound, i in bounds:
            if len(heap) == limit and bound < heap[0][0]:
                break
            terms = docs[i].terms
            key = (
                base[i] + w_term * sum(map(terms.__getitem__, mine & terms.keys())),
                docs[i].published,
                docs[i].id,
            )
            if len(heap) < limit:
                heapq.heappush(heap, key)
            elif key > heap[0]:
                heapq.heapreplace(heap, key)
        return [(doc_id, score) for score, _when, doc_id in sorted(heap, reverse=True)]


def fork_map(function: Callable, items: list) -> list:
    """``[function(item) for item in items]``, in forked processes (one per CPU) when
    there are several items and the platform forks. Close the database connections
    first: the workers open their own."""
    processes = min(len(items), os.cpu_count() or 1)
    if processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return pool.map(function, items, chunksize=1)
