"""Load the demo newsroom (``vestnik demo``): idempotent, through the newsroom's services."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from vestnik.comments.models import ReaderComment
from vestnik.comments.services import CommentRecord, comment_record
from vestnik.core.batching import batch, finish
from vestnik.core.sanitise import text_to_paragraph_html
from vestnik.core.translit import slugify_any
from vestnik.demo import comment_content, content
from vestnik.importers.models import ImportedItem
from vestnik.newsroom.editions import edition_ensure_all
from vestnik.newsroom.models import Tag
from vestnik.newsroom.services import (
    ArticleInput,
    article_save,
    author_get_or_create,
    entity_get_or_create,
    rubric_find,
)

DEMO_SOURCE = "demo"
DEMO_ACCOUNTS = (
    ("admin", "Administrator"),
    ("editor", "Editor"),
    ("author", "Author"),
    ("moderator", "Moderator"),
)


@dataclass(frozen=True)
class DemoSummary:
    created: int
    existing: int
    password: str


def _translate_page(source: Page, locale: Locale, **fields: Any) -> Page:
    """The translation of ``source`` into ``locale`` with ``fields``, created if missing."""
    page = source.get_translation_or_none(locale)
    if page is not None:
        return page.specific
    page = source.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(page, name, value)
    page.draft_title = page.title
    page.slug = source.slug
    page.save_revision().publish()
    return page.specific


def _person_fields(names: dict[str, str]) -> dict[str, str]:
    return {
        "title": f"{names['given']} {names['family']}",
        "given_name": names["given"],
        "family_name": names["family"],
    }


def _authors(locales: dict[str, Locale]) -> dict[str, dict[str, Page]]:
    authors: dict[str, dict[str, Page]] = {}
    for item in content.AUTHORS:
        ru = item["ru"]
        source = author_get_or_create(
            locales["ru"], written=f"{ru['given']} {ru['family']}", given=ru["given"],
            family=ru["family"],
        )  # fmt: skip
        if not source.bio:
            source.bio = item["bio"]["ru"]
            source.save_revision().publish()
        authors[item["key"]] = {"ru": source}
        for code in ("ky", "en"):
            authors[item["key"]][code] = _translate_page(
                source, locales[code], bio=item["bio"][code], **_person_fields(item[code])
            )
    return authors


def _entities(locales: dict[str, Locale]) -> dict[str, dict[str, Page]]:
    entities: dict[str, dict[str, Page]] = {}
    for item in content.ENTITIES:
        person = item["kind"] == "person"

        def names(code: str, item=item, person=person) -> dict[str, str]:
            fields = {"title": item["names"][code], "summary": item["summary"][code]}
            if person:
                fields.update(given_name=item["given"][code], family_name=item["family"][code])
            return fields

        source = entity_get_or_create(
            locales["ru"], name=item["names"]["ru"], kind=item["kind"],
            given=item.get("given", {}).get("ru", ""), family=item.get("family", {}).get("ru", ""),
        )  # fmt: skip
        if not source.summary:
            source.summary = item["summary"]["ru"]
            source.save_revision().publish()
        entities[item["key"]] = {"ru": source}
        for code in ("ky", "en"):
            entities[item["key"]][code] = _translate_page(source, locales[code], **names(code))
    return entities


def _tags(locales: dict[str, Locale]) -> dict[str, dict[str, Tag]]:
    tags: dict[str, dict[str, Tag]] = {}
    for item in content.TAGS:
        slug = slugify_any(item["en"], max_length=100)
        source, _created = Tag.objects.get_or_create(
            locale=locales["ru"], slug=slug, defaults={"name": item["ru"]}
        )
        tags[item["key"]] = {"ru": source}
        for code in ("ky", "en"):
            tag = source.get_translation_or_none(locales[code])
            if tag is None:
                tag = source.copy_for_translation(locales[code])
                tag.name, tag.slug = item[code], slug
                tag.save()
            tags[item["key"]][code] = tag
    return tags


def _body(blocks: list[tuple[str, Any]], people: dict[str, Page]) -> list[tuple[str, Any]]:
    body: list[tuple[str, Any]] = []
    for kind, value in blocks:
        if kind == "paragraph":
            body.append(("paragraph", text_to_paragraph_html(value)))
        elif kind == "quote":
            entity = people.get(value.get("entity") or "")
            body.append(
                ("quote", {"text": value["text"], "attribution": value["attribution"],
                           "person": entity.id if entity else None})
            )  # fmt: skip
        elif kind == "embed":
            body.append(("embed", {"url": value, "caption": ""}))
        else:  # subheading, list, factbox: same shape as the block's value
            body.append((kind, value))
    return body


def _published_at(item: dict[str, Any], now: datetime) -> datetime:
    day = timezone.localtime(now).date() - timedelta(days=item["days_ago"])
    moment = timezone.make_aware(datetime.combine(day, time(item["hour"], 15)))
    return min(moment, now - timedelta(minutes=5))


def _article(item, locales, authors, entities, tags, now) -> bool:
    """Create one demo article unless it exists; True when created."""
    if ImportedItem.objects.filter(source=DEMO_SOURCE, external_id=item["key"]).exists():
        return False
    code = item["lang"]
    people = {key: entities[key][code] for key in entities}
    published = _published_at(item, now)
    article = article_save(
        ArticleInput(
            rubric=rubric_find(locales[code], item["rubric"]),
            headline=item["headline"],
            lead=item["lead"],
            body=_body(item["body"], people),
            authors=[authors[key][code] for key in item["authors"]],
            entities=[entities[key][code] for key in item["entities"]],
            tags=[tags[key][code] for key in item["tags"]],
            breaking=item.get("breaking", False),
            correction_note=item.get("correction", ""),
            first_published_at=published,
        ),
        publish=True,
    )
    ImportedItem.objects.create(source=DEMO_SOURCE, external_id=item["key"], page=article)
    return True


def _accounts() -> str:
    """Demo staff accounts sharing one generated password, kept under var/."""
    password_file = settings.VAR_DIR / "demo_password"
    if password_file.is_file():
        password = password_file.read_text(encoding="utf-8").strip()
    else:
        password = secrets.token_urlsafe(12)
        password_file.parent.mkdir(parents=True, exist_ok=True)
        password_file.write_text(password + "\n", encoding="utf-8")
        password_file.chmod(0o600)
    user_model = get_user_model()
    for username, group in DEMO_ACCOUNTS:
        if user_model.objects.filter(username=username).exists():
            continue  # never take over an account someone made: its password stays theirs
        user = user_model.objects.create_user(
            username=username, email=f"{username}@vestnik.invalid", password=password,
            is_staff=True, is_superuser=username == "admin",
        )  # fmt: skip
        user.groups.add(Group.objects.get(name=group))
    return password


def demo_load(now: datetime | None = None) -> DemoSummary:
    """Editions, authors, entities, tags, articles and staff accounts of the demo newsroom."""
    now = now or timezone.now()
    with transaction.atomic():
        edition_ensure_all()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    created = existing = 0
    with batch() as pending, transaction.atomic():
        authors, entities, tags = _authors(locales), _entities(locales), _tags(locales)
        for item in content.ARTICLES:
            if _article(item, locales, authors, entities, tags, now):
                created += 1
            else:
                existing += 1
    finish(pending)
    password = _accounts()
    _comments(now)
    return DemoSummary(created=created, existing=existing, password=password)


def _comments(now: datetime) -> None:
    """A few reader conversations on the newest articles, once (approved, waiting, and a
    reply from the newsroom), so the moderators' queue and the threads have something."""
    if ReaderComment.objects.filter(source=DEMO_SOURCE).exists():
        return
    moderator = get_user_model().objects.filter(username="moderator").first()
    for item in comment_content.COMMENTS:
        key = ImportedItem.objects.filter(source=DEMO_SOURCE, external_id=item["article"]).first()
        if key is None:
            continue
        parent = None
        for n, (name, body, state) in enumerate(item["thread"]):
            staff = name == "@newsroom"
            comment = comment_record(
                CommentRecord(
                    article_id=key.page_id,
                    name=(moderator.get_username() if staff and moderator else name),
                    body=body,
                    state=state,
                    created_at=now - timedelta(minutes=90 - 10 * n),
                    parent_id=parent.id if parent and (staff or n % 2) else None,
                    staff_user_id=moderator.id if staff and moderator else None,
                    source=DEMO_SOURCE,
                )
            )
            parent = comment if state == "approved" else parent
