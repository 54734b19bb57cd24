"""Synthetic corpus for benchmarks (``vestnik generate``): many published articles, fast.

Contract: ``generate(articles, seed=..., languages=...)`` adds ``articles`` published
articles, spread evenly over the editions ``languages`` (default: all), and writes the
rows ``newsroom.services.article_save(..., publish=True)`` and then the batch "Read also"
recompute (``related_recompute_many``) write, in the same shapes:

* ``wagtailcore_page``: a treebeard path after the rubric's last child, depth, the
  rubric's numchild, url_path, a slug unique under the rubric (``unique_child_slug``'s
  ``-2``, ``-3``...), locale, a new translation key, live, the publication dates (as
  ``_keep_source_dates`` sets them), draft title, latest and live revision;
  ``newsroom_articlepage`` with the body as StreamField JSON with block ids;
* ``wagtailcore_revision``: ``content`` as ``page.serializable_data()`` returned it at
  ``save_revision`` time (built on that method's own output for a blank article);
* the author, entity and tag rows; ``wagtailcore_pagelogentry`` (create, edit, publish);
  ``wagtailcore_referenceindex`` (the rows the reference-index task writes);
* ``related_relatedterm`` (``article_terms``' stems and weights) and ``related_relatedlink``
  (3-6 per new article, in bulk: see ``corpus_bulk.RelatedIndex`` for the deviation);
* with ``search_index``, the search index, through Wagtail's backend (slow: ~5 ms an
  article; the services only enqueue that work for the task worker).

Authors, entities and tags come from pools made once per edition by ``author_get_or_create``,
``entity_get_or_create`` and ``tag_get_or_create``. Article n (counting the articles that
existed before) depends only on (seed, n): the same seed on the same database gives the
same corpus. The articles are written in one transaction: all or nothing. PostgreSQL:
COPY; other databases: bulk inserts (slower).
"""

from __future__ import annotations

import json
import math
import random
import re
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import chain

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, connections, models, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Locale, Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

from vestnik.core.sanitise import text_to_paragraph_html
from vestnik.core.text import stems
from vestnik.core.translit import slugify_any
from vestnik.demo import corpus_text as text
from vestnik.demo.corpus_bulk import BulkWriter, Doc, RelatedIndex, fork_map
from vestnik.newsroom.editions import edition_codes, edition_ensure_all
from vestnik.newsroom.models import (
    ArticleAuthor,
    ArticleEntity,
    ArticlePage,
    ArticleTag,
    RubricPage,
    Tag,
)
from vestnik.newsroom.services import author_get_or_create, entity_get_or_create, tag_get_or_create
from vestnik.related import services as related
from vestnik.related.models import RelatedLink, RelatedTerm

CHUNK = 2000  # articles planned and written per round
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)  # the words vestnik.core.text.stems sees
_STEMS: dict[str, dict[str, str]] = defaultdict(dict)  # language -> word -> stem
# Child rows: model, target name, most rows per article (see _draft).
_CHILDREN = ((ArticleAuthor, "author", 2), (ArticleEntity, "entity", 4), (ArticleTag, "tag", 3))


@dataclass(frozen=True)
class PoolSizes:
    """How many authors, entities and tags each edition draws from."""

    authors: int
    entities: int
    tags: int

    @classmethod
    def for_articles(cls, articles: int, editions: int) -> PoolSizes:
        """About 200 authors, 500 entities and 1,000 tags in all for 100,000 articles
        (fewer for smaller corpora), shared out between the editions."""

        def share(total: int, least: int) -> int:
            return math.ceil(max(least * editions, total) / editions)

        return cls(
            authors=share(min(200, articles // 500), 6),
            entities=share(min(500, articles // 200), 24),
            tags=share(min(1000, articles // 100), 50),
        )


@dataclass
class Summary:
    articles: int
    rows: dict[str, int]  # table -> rows written (pools and numchild updates aside)
    seconds: float


@dataclass
class _Edition:
    locale: Locale
    rubrics: list[RubricPage]
    authors: list[int]
    places: dict[int, int]  # place index -> entity page id
    organisations: list[tuple[int, text.PoolEntity]]
    people: list[tuple[int, text.PoolEntity]]
    entity_keys: dict[int, uuid.UUID]  # entity page id -> translation key
    tags: list[int]
    topics: int


@dataclass
class _Draft:
    code: str
    rubric: RubricPage
    headline: str
    lead: str
    body: str  # StreamField JSON
    quote_people: list[tuple[str, int]]  # (block id, entity page id) of quoted people
    children: dict[type, list[int]]  # ArticleAuthor/Entity/Tag -> target ids, in order
    terms: dict[str, float]
    published: datetime
    breaking: bool
    path: str = ""
    slug: str = ""
    id: int = 0


def generate(
    articles: int,
    *,
    seed: int = 0,
    languages: Sequence[str] | None = None,
    comments: int = 0,
    days: int = 365,
    pools: PoolSizes | None = None,
    search_index: bool = False,
    now: datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Add ``articles`` published articles (see the module's contract), dated over the
    ``days`` before ``now``. Raises ValueError for bad arguments, before writing."""
    codes = _languages(languages)
    if articles < 1:
        raise ValueError("--articles must be at least 1")
    started, now = time.monotonic(), now or timezone.now()
    say = progress or (lambda _message: None)
    editions = _editions(codes, pools or PoolSizes.for_articles(articles, len(codes)), articles)
    say(f"pools ready ({time.monotonic() - started:.0f}s)")
    writer = BulkWriter()
    with transaction.atomic():
        docs = {code: _existing_docs(editions[code]) for code in codes}
        placer = _Placer([rubric for e in editions.values() for rubric in e.rubrics])
        ids = _reserve(writer, articles)
        writer.start()  # from here on, PostgreSQL indexes what the main thread queues
        try:
            new_ids = _write_articles(
                writer, editions, placer, ids, articles, seed, now, days, docs
            )
            say(f"{articles} articles planned ({time.monotonic() - started:.0f}s)")
            _write_links(writer, docs, new_ids, now)
        except BaseException:
            writer.finish(discard=True)
            raise
        writer.finish()
        placer.update_numchild()
        say(f"written ({time.monotonic() - started:.0f}s)")
        if search_index:
            writer.counts["search index"] = _index_search(list(chain(*new_ids.values())))
        if comments:
            writer.counts["comments_readercomment"] = _comments(new_ids, comments, seed, now)
    return Summary(articles, dict(writer.counts), time.monotonic() - started)


def _comments(new_ids: dict[str, list[int]], count: int, seed: int, now: datetime) -> int:
    from vestnik.demo.corpus_comments import generate_comments

    code_of = {i: code for code, ids in new_ids.items() for i in ids}
    low, high = min(code_of), max(code_of)
    published = ArticlePage.objects.filter(id__gte=low, id__lte=high).values_list(
        "id", "first_published_at"
    )
    articles = [(i, code_of[i], when) for i, when in published.order_by("id") if i in code_of]
    return generate_comments(articles, count, seed, now)


def _languages(languages: Sequence[str] | None) -> list[str]:
    codes = edition_codes()
    chosen = list(dict.fromkeys(languages)) if languages else codes
    unknown = [code for code in chosen if code not in codes]
    if unknown:
        raise ValueError(f"unknown edition {', '.join(unknown)}: choose from {', '.join(codes)}")
    return chosen


def _editions(codes: list[str], sizes: PoolSizes, articles: int) -> dict[str, _Edition]:
    """Each edition with its pools. On PostgreSQL outside a transaction, the editions'
    pools are made in parallel processes (the services cost ~100 queries a page)."""
    edition_ensure_all()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        connections.close_all()  # the forked workers open their own
        fork_map(_make_pools, [(code, sizes) for code in codes])
    per_edition = math.ceil(articles / len(codes))
    with transaction.atomic():
        return {code: _edition(code, sizes, per_edition) for code in codes}


def _make_pools(job: tuple[str, PoolSizes]) -> None:
    code, sizes = job
    try:
        with transaction.atomic():
            _edition(code, sizes, 0)
    finally:
        connections.close_all()


def _edition(code: str, sizes: PoolSizes, per_edition: int) -> _Edition:
    """The edition's rubrics and its pools, made through the services where missing."""
    locale = Locale.objects.get(language_code=code)
    authors = [
        author_get_or_create(locale, written=p.name, given=p.given, family=p.family).id
        for p in text.author_pool(code, sizes.authors)
    ]
    entities = [
        (entity_get_or_create(locale, name=e.name, kind=e.kind, given=e.given, family=e.family), e)
        for e in text.entity_pool(code, sizes.entities)
    ]
    return _Edition(
        locale=locale,
        rubrics=list(RubricPage.objects.live().filter(locale=locale).order_by("path")),
        authors=authors,
        places={e.place: page.id for page, e in entities if e.kind == "place"},
        organisations=[(page.id, e) for page, e in entities if e.kind == "organisation"],
        people=[(page.id, e) for page, e in entities if e.kind == "person"],
        entity_keys={page.id: page.translation_key for page, _e in entities},
        tags=[tag_get_or_create(locale, name).id for name, _s in text.tag_pool(code, sizes.tags)],
        topics=min(1000, max(10, per_edition // 30)),
    )


def _stems(value: str, code: str) -> list[str]:
    """``vestnik.core.text.stems``, each word stemmed once (Snowball is slow)."""
    memo, out = _STEMS[code], []
    for word in map(str.lower, _WORD.findall(value)):
        stem = memo.get(word)
        if stem is None:
            stem = memo[word] = stems(word, code)[0]
        out.append(stem)
    return out


def _terms(code: str, headline: str, lead: str, texts: list[str]) -> dict[str, float]:
    """``related.services.article_terms`` over an article's texts, without the page."""
    counts: Counter[str] = Counter()
    for weight, value in ((3, headline), (2, lead)):
        for stem in _stems(value, code):
            counts[stem] += weight
    for value in texts:
        counts.update(_stems(value, code))
    top = [(stem, n) for stem, n in counts.most_common() if len(stem) >= 4]
    return {stem: 1.0 + math.log(n) for stem, n in top[: related.TERMS_PER_ARTICLE]}


def _draft(n: int, seed: int, code: str, edition: _Edition, published: datetime) -> _Draft:
    """Article number ``n`` of the corpus, a story on one of the edition's topics: a
    function of (seed, n) and the edition's pools."""
    rng = random.Random(f"{seed}:{n}")
    topic = rng.randrange(edition.topics)
    subject, place = topic % text.SUBJECT_COUNT, topic // text.SUBJECT_COUNT % text.PLACE_COUNT
    people, orgs = edition.people, edition.organisations
    chosen = rng.sample(range(3), rng.randint(0, 2)) if people else []
    people = [people[(2 * topic + j) % len(people)] for j in chosen]
    orgs = [orgs[topic % len(orgs)]] if orgs and rng.random() < 0.6 else []
    entities = [edition.places[place]] if place in edition.places and rng.random() < 0.7 else []
    story = text.compose(rng, code, subject, place, [e for _i, e in people], [e for _i, e in orgs])
    body, texts, quoted = _body(rng, story.blocks, [page_id for page_id, _e in people])
    usual = [r for r in edition.rubrics if r.slug == text.subject_rubric(subject)]
    authors = rng.sample(edition.authors, min(len(edition.authors), rng.choice((1, 1, 1, 2))))
    return _Draft(
        code=code,
        rubric=usual[0] if usual and rng.random() < 0.85 else rng.choice(edition.rubrics),
        headline=story.headline,
        lead=story.lead,
        body=body,
        quote_people=quoted,
        children={
            ArticleAuthor: authors,
            ArticleEntity: list(dict.fromkeys(entities + [i for i, _e in orgs + people])),
            ArticleTag: _pick_tags(rng, edition.tags, subject, place),
        },
        terms=_terms(code, story.headline, story.lead, texts),
        published=published,
        breaking=rng.random() < 0.02,
    )


def _pick_tags(rng: random.Random, pool: list[int], subject: int, place: int) -> list[int]:
    """The subject's tag, often its "subject (place)" tag, sometimes one at random."""
    by_place = text.SUBJECT_COUNT * (place + 1) + subject
    tags = [pool[subject]] if subject < len(pool) and rng.random() < 0.8 else []
    tags += [pool[by_place]] if by_place < len(pool) and rng.random() < 0.7 else []
    if not tags or rng.random() < 0.35:
        tags.append(rng.choice(pool))
    return list(dict.fromkeys(tags))


def _body(rng: random.Random, blocks, speakers: list[int]) -> tuple[str, list[str], list]:
    """StreamField JSON with block ids; the blocks' texts as ``stream_text`` reads them;
    the quotes' (block id, speaker page id)."""
    raw, texts, quoted = [], [], []
    for kind, value in blocks:
        block_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        if kind == "paragraph":
            html = text_to_paragraph_html(value)
            texts.append(strip_tags(html) if set("&<>") & set(value) else value)
            value = html
        elif kind == "quote":
            person = speakers[value["speaker"]] if value["speaker"] is not None else None
            value = {"text": value["text"], "attribution": value["attribution"], "person": person}
            texts.append(f"{value['text']} {value['attribution']}")
            quoted += [(block_id, person)] if person else []
        else:
            texts.append(" ".join(value["items"]) if kind == "list" else value)
        raw.append({"type": kind, "value": value, "id": block_id})
    return json.dumps(raw, cls=DjangoJSONEncoder), texts, quoted


class _Placer:
    """Tree paths and slugs under each rubric, as ``add_child`` and ``unique_child_slug``."""

    def __init__(self, rubrics: list[RubricPage]) -> None:
        self.state: dict[int, list] = {}  # rubric id -> [last step, slugs taken, added]
        for rubric in rubrics:
            children = Page.objects.child_of(rubric)
            last = children.order_by("-path").values_list("path", flat=True).first()
            step = Page._str2int(last[-Page.steplen :]) if last else 0
            self.state[rubric.id] = [step, set(children.values_list("slug", flat=True)), 0]

    def place(self, draft: _Draft) -> None:
        rubric = draft.rubric
        state = self.state[rubric.id]
        state[0] += 1
        if state[0] >= len(Page.alphabet) ** Page.steplen:
            raise ValueError(f"rubric {rubric.url_path} is full")
        draft.path = Page._get_path(rubric.path, rubric.depth + 1, state[0])
        base = slugify_any(draft.headline)
        slug, number = base, 2
        while slug in state[1]:
            slug, number = f"{base}-{number}", number + 1
        state[1].add(slug)
        state[2] += 1
        draft.slug = slug

    def update_numchild(self) -> None:
        for rubric_id, (_step, _slugs, added) in self.state.items():
            if added:
                Page.objects.filter(id=rubric_id).update(numchild=models.F("numchild") + added)


def _reserve(writer: BulkWriter, articles: int) -> dict[type, Iterator[int]]:
    """Primary keys for every row that another row points at, taken before the writer
    starts (children: the most an article may have; unused ones are left as gaps)."""
    ids = {model: iter(writer.reserve(model, articles)) for model in (Page, Revision)}
    ids |= {m: iter(writer.reserve(m, most * articles)) for m, _name, most in _CHILDREN}
    _types(), _revision_template()  # their queries now, too
    return ids


def _write_articles(writer, editions, placer, ids, articles, seed, now, days, docs) -> dict:
    """Plan, place and queue the articles CHUNK by CHUNK; add them to ``docs``; return
    the new page ids by edition."""
    codes, new_ids = list(editions), defaultdict(list)
    start, step = ArticlePage.objects.count(), days * 86400 / articles
    for first in range(0, articles, CHUNK):
        drafts = []
        for i in range(first, min(first + CHUNK, articles)):
            n, code = start + i, codes[(start + i) % len(codes)]
            age = (articles - i - random.Random(f"{seed}:{n}:t").random()) * step
            drafts.append(_draft(n, seed, code, editions[code], now - timedelta(seconds=age)))
            placer.place(drafts[-1])
        writer.write(_batches(drafts, ids, editions, now))
        for draft in drafts:
            new_ids[draft.code].append(draft.id)
            docs[draft.code].append(_doc(draft, editions[draft.code]))
    return new_ids


def _doc(draft: _Draft, edition: _Edition) -> Doc:
    keys = tuple(edition.entity_keys[e] for e in draft.children[ArticleEntity])
    tags = tuple(draft.children[ArticleTag])
    return Doc(draft.id, draft.rubric.path, draft.published.timestamp(), keys, tags, draft.terms)


def _batches(drafts: list[_Draft], ids, editions, now: datetime) -> list:
    """The rows of ``drafts`` (all but the related links), table by table, in an order
    that satisfies the foreign keys."""
    rows: dict[type, list] = defaultdict(list)
    for draft in drafts:
        draft.id = page_id = next(ids[Page])
        revision_id = next(ids[Revision])
        locale_id = editions[draft.code].locale.id
        serialised = _child_rows(rows, draft, page_id, ids)
        _page_rows(rows, draft, page_id, revision_id, locale_id, serialised, now)
        rows[RelatedTerm] += [(page_id, locale_id, t, w) for t, w in draft.terms.items()]
    return [(model, fields, rows[model]) for model, fields in _fields().items()]


def _child_rows(rows, draft: _Draft, page_id: int, ids) -> dict[str, list[dict]]:
    """Author, entity and tag rows and their reference-index rows; their revision form."""
    types, serialised = _types(), {}
    for model, name, _most in _CHILDREN:
        relation = model._meta.get_field("page").remote_field.related_name
        to_type = types["tag"] if model is ArticleTag else types["page"]
        serialised[relation] = []
        for order, target in enumerate(draft.children[model]):
            row_id = next(ids[model])
            rows[model].append((row_id, order, page_id, target))
            serialised[relation].append(
                {"pk": None, "sort_order": order, "page": page_id, name: target}
            )
            paths = (f"{relation}.item.{name}", f"{relation}.{row_id}.{name}")
            rows[ReferenceIndex].append(_reference(page_id, to_type, target, *paths))
    for block_id, person in draft.quote_people:
        paths = ("body.quote.person", f"body.{block_id}.person")
        rows[ReferenceIndex].append(_reference(page_id, types["page"], person, *paths))
    return serialised


def _reference(page_id: int, to_type: int, target: int, model_path: str, content_path: str):
    path_hash = ReferenceIndex._get_content_path_hash(content_path)
    source = (_types()["article"], _types()["page"], str(page_id))
    return (*source, to_type, str(target), model_path, content_path, path_hash)


def _page_rows(rows, draft: _Draft, page_id, revision_id, locale_id, serialised, now) -> None:
    """Page, article, revision and log rows: the revision as ``save_revision`` saw the
    page (a draft), the page as ``revision.publish`` and ``_keep_source_dates`` left it."""
    content = {
        **_revision_template(), "pk": page_id, "path": draft.path, "locale": locale_id,
        "depth": draft.rubric.depth + 1, "translation_key": str(uuid.uuid4()),
        "title": draft.headline, "draft_title": draft.headline, "slug": draft.slug,
        "url_path": f"{draft.rubric.url_path}{draft.slug}/", "lead": draft.lead,
        "body": draft.body, "breaking": draft.breaking, "pinned": False, "show_on_home": True,
        **serialised,
    }  # fmt: skip
    page = {
        **content, "id": page_id, "live": True, "has_unpublished_changes": False,
        "latest_revision": revision_id, "live_revision": revision_id,
        "first_published_at": draft.published, "last_published_at": draft.published,
        "latest_revision_created_at": now,
    }  # fmt: skip
    article, base = _types()["article"], _types()["page"]
    rows[Page].append(tuple(page[f.name] for f in Page._meta.concrete_fields))
    rows[ArticlePage].append(
        (page_id, draft.lead, draft.body, None, draft.breaking, "", False, True)
    )
    revision = (article, base, str(page_id), now, None, draft.headline, content, None)
    rows[Revision].append((revision_id, *revision))
    for action, logged in (
        ("wagtail.create", None),
        ("wagtail.edit", revision_id),
        ("wagtail.publish", revision_id),
    ):
        entry = (article, draft.headline, action, {}, now, None, None, logged, True, False)
        rows[PageLogEntry].append((*entry, page_id))


_cache: dict[str, object] = {}


def _types() -> dict[str, int]:
    if "types" not in _cache:
        get = ContentType.objects.get_for_model
        _cache["types"] = {"article": get(ArticlePage).id, "page": get(Page).id, "tag": get(Tag).id}
    return _cache["types"]


def _revision_template() -> dict:
    """Wagtail's own ``serializable_data()`` of a blank new article: every key in order,
    with the values a page has before its first publication."""
    if "revision" not in _cache:
        _cache["revision"] = ArticlePage(title="", slug="", live=False).serializable_data()
    return _cache["revision"]


def _fields() -> dict[type, list[str]]:
    """Attribute names of the rows ``_batches`` builds, by model, in writing order."""
    return {
        Revision: ["id", "content_type_id", "base_content_type_id", "object_id", "created_at",
                   "user_id", "object_str", "content", "approved_go_live_at"],
        Page: [f.attname for f in Page._meta.concrete_fields],
        ArticlePage: ["page_ptr_id", "lead", "body", "lead_image_id", "breaking", "correction_note",
                      "pinned", "show_on_home"],
        **{m: ["id", "sort_order", "page_id", f"{name}_id"] for m, name, _most in _CHILDREN},
        PageLogEntry: ["content_type_id", "label", "action", "data", "timestamp", "uuid", "user_id",
                       "revision_id", "content_changed", "deleted", "page_id"],
        ReferenceIndex: ["content_type_id", "base_content_type_id", "object_id", "to_content_type_id",  # noqa: E501
                         "to_object_id", "model_path", "content_path", "content_path_hash"],
        RelatedTerm: ["article_id", "locale_id", "term", "weight"],
    }  # fmt: skip


def _existing_docs(edition: _Edition) -> list[Doc]:
    """The edition's live articles before this run: "Read also" candidates too."""
    live = {"page__locale": edition.locale, "page__live": True}
    entities, tags, terms = defaultdict(list), defaultdict(list), defaultdict(dict)
    for pid, key in ArticleEntity.objects.filter(**live).values_list(
        "page_id", "entity__translation_key"
    ):
        entities[pid].append(key)
    for pid, tag_id in ArticleTag.objects.filter(**live).values_list("page_id", "tag_id"):
        tags[pid].append(tag_id)
    for pid, term, weight in RelatedTerm.objects.filter(locale=edition.locale).values_list(
        "article_id", "term", "weight"
    ):
        terms[pid][term] = weight
    pages = ArticlePage.objects.live().filter(locale=edition.locale)
    return [
        Doc(
            pid,
            path[: -Page.steplen],
            when.timestamp() if when else 0.0,
            tuple(entities[pid]),
            tuple(tags[pid]),
            terms[pid],
        )
        for pid, path, when in pages.values_list("id", "path", "first_published_at")
    ]


def _write_links(writer: BulkWriter, docs, new_ids, now: datetime) -> None:
    """Each new article's "Read also" (no pins yet), as the batch recompute stores it."""
    limit, rows = settings.VESTNIK_RELATED_MAX, []
    for code, ids in new_ids.items():
        index = RelatedIndex(docs[code], now)
        rows += [
            (page_id, related_id, position, False, score)
            for page_id in ids
            for position, (related_id, score) in enumerate(index.related(page_id, limit))
        ]
    fields = ["article_id", "related_id", "position", "pinned", "score"]
    writer.write([(RelatedLink, fields, rows)])


def _index_search(page_ids: list[int]) -> int:
    """Index the new articles in each search backend, as the indexing task does."""
    backends = list(get_search_backends(with_auto_update=True))
    for first in range(0, len(page_ids), 500):
        pages = list(ArticlePage.objects.filter(id__in=page_ids[first : first + 500]))
        for backend in backends:
            backend.add_bulk(ArticlePage, pages)
    return len(page_ids)
