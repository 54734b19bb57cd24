"""Writes to the newsroom: articles, authors, entities, tags.

Page changes go through Wagtail's revisions and actions, so the admin, the importers and
the demo loader behave identically: a user without publish permission gets a draft and
``PermissionDenied``, never a published page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from wagtail.models import Locale, Page

from vestnik.core.translit import slugify_any
from vestnik.newsroom.models import (
    ArticleAuthor,
    ArticleEntity,
    ArticlePage,
    ArticleTag,
    AuthorIndexPage,
    AuthorPage,
    EntityIndexPage,
    EntityPage,
    RubricPage,
    Tag,
)
from vestnik.newsroom.names import edition_name


@dataclass
class ArticleInput:
    """Everything an article is made of, independent of where it came from."""

    rubric: RubricPage
    headline: str
    lead: str
    body: list[tuple[str, Any]]  # (block type, raw JSON value) pairs
    authors: Sequence[AuthorPage] = ()
    entities: Sequence[EntityPage] = ()
    tags: Sequence[Tag] = ()
    breaking: bool = False
    correction_note: str = ""
    # Dates from the source (imports, demo): set on first publication instead of "now".
    first_published_at: datetime | None = None
    last_published_at: datetime | None = None
    # Imports: the source's picture (None keeps the page's own) and, for a scheduled
    # article, when the periodic tick publishes it.
    lead_image: Any = None
    go_live_at: datetime | None = None
    # Placement from a source (a DataLife Engine post's "fixed" and "allow_main"); None
    # keeps the page's own (a new page: not pinned, shown on the home page).
    pinned: bool | None = None
    show_on_home: bool | None = None


def unique_child_slug(parent: Page, base: str, *, exclude_id: int | None = None) -> str:
    """``base`` or ``base-2``, ``base-3``... free among ``parent``'s children."""
    taken = set(Page.objects.child_of(parent).exclude(id=exclude_id).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _apply(article: ArticlePage, data: ArticleInput) -> None:
    article.title = data.headline
    article.draft_title = data.headline
    article.lead = data.lead
    # Raw (JSON) block values: page and image references are ids, paragraphs HTML.
    article.body = json.dumps(_blocks_keeping_ids(article, data.body))
    # The same validation the admin form applies: an import never stores what an editor
    # could not save again.
    stream_block = ArticlePage.body.field.stream_block
    stream_block.clean(article.body)
    article.breaking = data.breaking
    if data.lead_image is not None:
        article.lead_image = data.lead_image
    if data.go_live_at is not None:
        article.go_live_at = data.go_live_at
    if data.pinned is not None:
        article.pinned = data.pinned
    if data.show_on_home is not None:
        article.show_on_home = data.show_on_home
    article.correction_note = data.correction_note
    article.author_rows = [
        ArticleAuthor(author=a, sort_order=i) for i, a in enumerate(data.authors)
    ]
    article.entity_rows = [
        ArticleEntity(entity=e, sort_order=i) for i, e in enumerate(data.entities)
    ]
    article.tag_rows = [ArticleTag(tag=t, sort_order=i) for i, t in enumerate(data.tags)]


def _blocks_keeping_ids(article: ArticlePage, body: list[tuple[str, Any]]) -> list[dict]:
    """The body as raw blocks. On an update, an unchanged block is kept as it is stored
    (with its id and its list items' ids) and a block edited in place (the same kind, in
    the same spot) keeps its id, as in the admin's editor: wagtail-localize keys
    translations by these ids, so fresh ones at each re-import would drop every human
    translation of the body. An edited list's items do get fresh ids."""
    blocks = [{"type": kind, "value": value} for kind, value in body]
    if article.pk is None:
        return blocks
    old = [dict(block) for block in article.body.raw_data]
    matcher = SequenceMatcher(
        None, [_plain(b) for b in old], [_plain(b) for b in blocks], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            blocks[j1:j2] = old[i1:i2]
        elif tag == "replace":
            for was, block in zip(old[i1:i2], blocks[j1:j2], strict=False):
                if was["type"] == block["type"] and was.get("id"):
                    block["id"] = was["id"]
    return blocks


def _plain(value: Any) -> str:
    """A raw block as JSON without the ids Wagtail adds to blocks and list items."""

    def strip(item: Any) -> Any:
        if isinstance(item, dict):
            if item.get("type") == "item" and "value" in item:
                return strip(item["value"])
            return {key: strip(inner) for key, inner in item.items() if key != "id"}
        if isinstance(item, list):
            return [strip(inner) for inner in item]
        return item

    return json.dumps(strip(value), sort_keys=True)


@transaction.atomic
def article_save(
    data: ArticleInput,
    *,
    article: ArticlePage | None = None,
    user=None,
    publish: bool = False,
) -> ArticlePage:
    """Create (``article`` None) or update an article, save a revision, maybe publish it.

    The article lives under ``data.rubric`` in the rubric's edition. Raises
    PermissionDenied when a ``user`` may not add to the rubric, edit ``article``, or
    ``publish``; ValidationError when a field or body block is invalid (too long, empty).
    Either way the transaction is rolled back, so nothing is saved.
    """
    if user is not None and not data.rubric.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied("This account may not add articles to this rubric.")
    if (
        article is not None
        and user is not None
        and not article.permissions_for_user(user).can_edit()
    ):
        raise PermissionDenied("This account may not edit this article.")
    if article is None:
        article = ArticlePage(
            slug=unique_child_slug(data.rubric, slugify_any(data.headline)),
            locale_id=data.rubric.locale_id,
            live=False,
            owner=user,
        )
        _apply(article, data)
        data.rubric.add_child(instance=article)  # as the admin's create view: rows saved too
    else:
        if article.get_parent().id != data.rubric.id:
            article.move(data.rubric, pos="last-child", user=user)
            article.refresh_from_db()
        _apply(article, data)
    revision = article.save_revision(user=user, log_action=True)
    if publish:
        if user is not None and not article.permissions_for_user(user).can_publish():
            raise PermissionDenied("This account may not publish articles.")
        revision.publish(user=user)
        _keep_source_dates(article, data)
        article.refresh_from_db()
    return article


def _keep_source_dates(article: ArticlePage, data: ArticleInput) -> None:
    """An article from a source keeps the source's publication and update times."""
    dates: dict[str, datetime] = {}
    if data.first_published_at is not None:
        dates["first_published_at"] = data.first_published_at
    last = data.last_published_at or data.first_published_at
    if last is not None:
        dates["last_published_at"] = last
    if dates:
        ArticlePage.objects.filter(id=article.id).update(**dates)


@transaction.atomic
def article_link_translation(article: ArticlePage, original: ArticlePage) -> None:
    """Make ``article`` the version of ``original`` in its own edition (same translation
    key), so the editions link up. Raises ValueError when both are of one edition or the
    original already has another version in ``article``'s edition."""
    if article.locale_id == original.locale_id:
        raise ValueError("the original is in the same edition")
    clash = ArticlePage.objects.filter(
        translation_key=original.translation_key, locale_id=article.locale_id
    ).exclude(id=article.id)
    if clash.exists():
        raise ValueError("the original already has a translation in this edition")
    # Revisions keep the live page's translation key, so a later publish keeps the link.
    Page.objects.filter(id=article.id).update(translation_key=original.translation_key)
    article.translation_key = original.translation_key


def article_by_path(path: str) -> ArticlePage | None:
    """The article at a public URL path such as ``/ru/politics/some-slug/``."""
    parts = [part for part in path.strip().split("/") if part]
    if len(parts) < 2:
        return None
    suffix = "/" + "/".join(parts[1:]) + "/"
    return (
        ArticlePage.objects.filter(locale__language_code=parts[0], url_path__endswith=suffix)
        .order_by("id")
        .first()
    )


def _index(model: type[Page], locale: Locale) -> Page:
    index = model.objects.filter(locale=locale).first()
    if index is None:
        raise LookupError(f"The {locale.language_code} edition has no {model.__name__}.")
    return index


@transaction.atomic
def author_get_or_create(locale: Locale, *, written: str, given: str, family: str) -> AuthorPage:
    """The author page of this edition with this name, created and published if missing.

    In a Latin-script edition a Cyrillic byline becomes a romanised name (``Арестова
    Татьяна`` -> ``Tatyana Arestova``), and the page is made a translation of the same
    author's page in another edition when there is one, so the editions link up.
    """
    name = edition_name(locale.language_code, written=written, given=given, family=family)
    existing = AuthorPage.objects.filter(locale=locale, title=name.written).first()
    if existing is None and name.given and name.family:
        existing = AuthorPage.objects.filter(
            locale=locale, given_name=name.given, family_name=name.family
        ).first()
    if existing is not None:
        return existing
    index = _index(AuthorIndexPage, locale)
    slug = unique_child_slug(index, slugify_any(f"{given} {family}".strip() or written))
    fields = {"title": name.written, "given_name": name.given, "family_name": name.family}
    source = (
        _same_person_elsewhere(AuthorPage, locale, written, given, family)
        if name.written != written
        else None
    )
    if source is not None:
        author = source.copy_for_translation(locale)
        for field, value in {**fields, "slug": slug, "draft_title": name.written}.items():
            setattr(author, field, value)
        author.save()
    else:
        author = index.add_child(instance=AuthorPage(slug=slug, locale=locale, **fields))
    author.save_revision().publish()
    author.refresh_from_db()
    return author


def _same_person_elsewhere(model, locale: Locale, written: str, given: str, family: str):
    """The page of this person in another edition that has no page in ``locale`` yet."""
    same_name = Q(title=written)
    if given and family:
        same_name |= Q(given_name=given, family_name=family)
    candidates = model.objects.exclude(locale=locale).filter(same_name).order_by("id")
    for candidate in candidates:
        if not model.objects.filter(
            translation_key=candidate.translation_key, locale=locale
        ).exists():
            return candidate
    return None


@transaction.atomic
def entity_get_or_create(
    locale: Locale,
    *,
    name: str,
    kind: str = EntityPage.Kind.PERSON,
    given: str = "",
    family: str = "",
) -> EntityPage:
    existing = EntityPage.objects.filter(locale=locale, title=name).first()
    if existing is not None:
        return existing
    index = _index(EntityIndexPage, locale)
    entity = index.add_child(
        instance=EntityPage(
            title=name,
            slug=unique_child_slug(index, slugify_any(name)),
            kind=kind,
            given_name=given,
            family_name=family,
            locale=locale,
        )
    )
    entity.save_revision().publish()
    return entity


def tag_get_or_create(locale: Locale, name: str) -> Tag:
    slug = slugify_any(name, max_length=100)
    tag, _created = Tag.objects.get_or_create(locale=locale, slug=slug, defaults={"name": name})
    return tag


def rubric_find(locale: Locale, name: str) -> RubricPage | None:
    """The rubric of this edition whose title or slug is ``name`` (case-insensitive)."""
    wanted = name.strip().casefold()
    # Compared in Python: SQLite's case-insensitive match folds ASCII letters only.
    for rubric in RubricPage.objects.filter(locale=locale).only("id", "title", "slug", "path"):
        if wanted in (rubric.title.casefold(), rubric.slug.casefold()):
            return rubric
    return None


def article_pictures_prepare(article_ids: Iterable[int]) -> int:
    """Make the renditions the articles' pages show (the lead picture in the article, on
    cards and in the social cards, the body's pictures) after a publish, so no reader's
    request encodes an AVIF (about a second for a large photo). Answers how many pictures
    were prepared."""
    from vestnik.core.images import picture_html
    from vestnik.core.public import rendition_or_none
    from vestnik.newsroom.metadata import LEAD_IMAGE_SPEC

    prepared = 0
    articles = ArticlePage.objects.filter(id__in=set(article_ids)).select_related("lead_image")
    for article in articles:
        rendition_or_none(article.lead_image, LEAD_IMAGE_SPEC)  # the social cards' picture
        pictures = [(article.lead_image, "lead"), (article.lead_image, "card")]
        pictures += [
            (block.value["image"], "body") for block in article.body if block.block_type == "image"
        ]
        for image, role in pictures:
            if image is not None:
                picture_html(image, role)  # makes and stores what is missing
                prepared += 1
    return prepared
