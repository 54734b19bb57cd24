"""Import writes: parsed records become pages through the newsroom's services.

Each record is upserted keyed by (source, external id), so re-running an import updates
the same page and never duplicates it. Each file is imported whole or not at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Locale

from vestnik.core.sanitise import text_to_paragraph_html
from vestnik.importers.models import ImportedItem
from vestnik.importers.textparse import (
    ParsedArticle,
    ParsedBlock,
    TextImportError,
    decode_article_bytes,
    parse_article_text,
)
from vestnik.newsroom.models import ArticlePage, EntityPage, RubricPage
from vestnik.newsroom.services import (
    ArticleInput,
    article_by_path,
    article_link_translation,
    article_save,
    author_get_or_create,
    rubric_find,
)

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ImportResult:
    article: ArticlePage
    created: bool
    published: bool


def normalised_headline(headline: str) -> str:
    """The headline as a key: case, spacing, quotes and punctuation do not count."""
    text = unicodedata.normalize("NFKC", headline).casefold()
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    return _SPACES.sub(" ", text).strip()


def _body(blocks: tuple[ParsedBlock, ...], locale: Locale) -> list[tuple[str, Any]]:
    speakers = {block.attribution for block in blocks if block.kind == "quote"}
    people = dict(
        EntityPage.objects.filter(
            locale=locale, kind=EntityPage.Kind.PERSON, title__in=speakers
        ).values_list("title", "id")
    )
    body: list[tuple[str, Any]] = []
    for block in blocks:
        if block.kind == "paragraph":
            body.append(("paragraph", text_to_paragraph_html(block.text)))
        elif block.kind == "subheading":
            body.append(("subheading", block.text))
        elif block.kind == "quote":
            person = people.get(block.attribution)
            body.append(
                ("quote", {"text": block.text, "attribution": block.attribution, "person": person})
            )
        elif block.kind == "list":
            body.append(("list", {"style": block.style or "bulleted", "items": list(block.items)}))
    return body


def _rubric(parsed: ParsedArticle, locale: Locale, section: str | None, name: str) -> RubricPage:
    wanted = section or parsed.rubric
    if not wanted:
        raise TextImportError(name, "no rubric on the byline line; name one with --section")
    rubric = rubric_find(locale, wanted)
    if rubric is None:
        raise TextImportError(name, f"no rubric {wanted!r} in the {locale.language_code} edition")
    return rubric


def rubric_names(locale: Locale) -> list[str]:
    return list(RubricPage.objects.filter(locale=locale).values_list("title", flat=True))


@transaction.atomic
def text_import(
    data: bytes,
    *,
    name: str,
    language_code: str,
    section: str | None = None,
    key: str | None = None,
    publish: bool = False,
    user=None,
    translation_of: str | None = None,
) -> ImportResult:
    """Import one plain-text page dump as an article of the ``language_code`` edition.

    ``translation_of`` (another edition's article, by URL path) makes the article its
    translation. Raises TextImportError (naming ``name``) for bad input; PermissionDenied when
    ``publish`` is asked for by a ``user`` who may not publish. Either way nothing is
    written: the whole import is one transaction.
    """
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        raise TextImportError(name, f"there is no {language_code!r} edition")
    text = decode_article_bytes(
        data,
        name=name,
        max_bytes=settings.VESTNIK_IMPORT_MAX_BYTES,
        max_line_chars=settings.VESTNIK_IMPORT_MAX_LINE,
    )
    parsed = parse_article_text(
        text, name=name, rubric_names=rubric_names(locale), lang=language_code
    )
    rubric = _rubric(parsed, locale, section, name)
    authors = [
        author_get_or_create(locale, written=a.written, given=a.given, family=a.family)
        for a in parsed.authors
    ]
    external_id = key or f"{language_code}:{normalised_headline(parsed.headline)}"
    item = ImportedItem.objects.filter(source="text", external_id=external_id).first()
    existing = ArticlePage.objects.filter(id=item.page_id).first() if item else None
    if existing is not None and existing.locale_id != locale.id:
        raise TextImportError(name, f"key {external_id!r} belongs to an article of another edition")
    try:
        article = article_save(
            ArticleInput(
                rubric=rubric,
                headline=parsed.headline,
                lead=parsed.lead,
                body=_body(parsed.blocks, locale),
                authors=authors,
            ),
            article=existing,
            user=user,
            publish=publish,
        )
    except ValidationError as error:
        raise TextImportError(name, validation_message(error)) from error
    if translation_of:
        _link_translation(article, translation_of, name)
    ImportedItem.objects.update_or_create(
        source="text", external_id=external_id, defaults={"page": article}
    )
    return ImportResult(article=article, created=existing is None, published=publish)


def _link_translation(article: ArticlePage, original_path: str, name: str) -> None:
    original = article_by_path(original_path)
    if original is None:
        raise TextImportError(name, f"no article at {original_path!r} to translate")
    try:
        article_link_translation(article, original)
    except ValueError as error:
        raise TextImportError(name, f"cannot link to {original_path!r}: {error}") from error


def validation_message(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{field}: {' '.join(map(str, errors[0].messages))}"
                         for field, errors in error.error_dict.items())  # fmt: skip
    return "; ".join(str(message) for message in error.messages) or "invalid content"
