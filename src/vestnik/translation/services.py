"""Starting translations, filling them by machine, keeping them in step with their source
(wagtail-localize underneath).

A translation starts as wagtail-localize makes it: a draft page in the target edition.
The machine translation runs afterwards in a task, never in the editor's request, and
leaves a draft labelled as machine-translated until a person reviews it. When a source
page is published again, a task refreshes its translation source and records, in each
translation, the segments whose source text changed (``StaleSegment``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import (
    SourceDeletedError,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.views.edit_translation import apply_machine_translation

from vestnik.translation.machine import MachineTranslationFailed
from vestnik.translation.models import MachineTranslation, StaleSegment

logger = logging.getLogger(__name__)


def translation_start(page: Page, locale: Locale, user) -> Translation:
    """Start translating ``page`` into ``locale`` for ``user`` (an Editor, a Translator or
    an Administrator). Raises PermissionDenied for anyone else and ValueError when the
    page is already in that edition. With a machine translator configured, a task fills
    the draft after the commit."""
    if not user.has_perm("wagtail_localize.submit_translation"):
        raise PermissionDenied
    if page.locale_id == locale.id:
        raise ValueError("the page is already in this edition")
    with transaction.atomic():
        TranslationCreator(user, [locale]).create_translations(page)
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale=locale
        )
        if get_machine_translator() is not None:
            from vestnik.translation import tasks

            transaction.on_commit(partial(tasks.machine_translate.enqueue, translation.id, user.id))
    return translation


def machine_translation_queue(translation: Translation, user) -> None:
    """Fill ``translation``'s draft by machine in a task after the commit, never in the
    request; a person's translations are kept. Raises PermissionDenied unless ``user``
    may start translations and edit the draft; LookupError when no machine translator is
    configured or it cannot translate between the two editions."""
    target = translation.get_target_instance()
    if not user.has_perm("wagtail_localize.submit_translation") or (
        isinstance(target, Page) and not target.permissions_for_user(user).can_edit()
    ):
        raise PermissionDenied
    translator = get_machine_translator()
    if translator is None or not translator.can_translate(
        translation.source.locale, translation.target_locale
    ):
        raise LookupError("no machine translator for these editions")
    from vestnik.translation import tasks

    transaction.on_commit(partial(tasks.machine_translate.enqueue, translation.id, user.id))


def machine_translation_start(page: Page, locale: Locale, user) -> Translation:
    """Translate ``page`` into ``locale`` by machine: the translation is started if there
    is none (``translation_start``), and its draft filled in a task after the commit.

    Raises PermissionDenied and LookupError as ``machine_translation_queue``; ValueError
    when the page is in that edition already, or has a version there that is not a
    wagtail-localize translation (a person's, which a machine must not overwrite).
    """
    if not user.has_perm("wagtail_localize.submit_translation"):
        raise PermissionDenied
    translation = (
        Translation.objects.filter(source__object_id=page.translation_key, target_locale=locale)
        .select_related("source__locale", "target_locale")
        .first()
    )
    if translation is not None and translation.enabled:
        machine_translation_queue(translation, user)
        return translation
    if page.locale_id == locale.id or page.get_translation_or_none(locale) is not None:
        raise ValueError("the page has its own version in this edition")
    if get_machine_translator() is None:
        raise LookupError("no machine translator is configured")
    return translation_start(page, locale, user)


def machine_translate(translation_id: int, user_id: int) -> int:
    """Fill the untranslated segments of a translation by machine and save its draft.

    Answers how many segments the engine filled (0 when there was nothing to do or the
    engine failed: the draft then keeps what it had, and nothing is published).
    """
    translator = get_machine_translator()
    translation = Translation.objects.select_related("source", "target_locale").get(
        id=translation_id
    )
    user = get_user_model().objects.get(id=user_id)
    if translator is None:
        return 0
    _total, before = translation.get_progress()
    try:
        filled = apply_machine_translation(translation.id, user, translator)
    except MachineTranslationFailed as error:
        logger.warning("Machine translation of %s failed: %s", translation_id, error)
        return 0
    if not filled:
        return 0
    translation.save_target(user=user, publish=False)
    _total, after = translation.get_progress()
    target = translation.get_target_instance()
    MachineTranslation.objects.update_or_create(
        page_id=target.pk,
        defaults={
            "source_page_id": translation.source.get_source_instance().pk,
            "engine": translator.display_name,
            "translated_at": timezone.now(),
            "segments": after - before,
            "reviewed_at": None,
            "reviewed_by": None,
        },
    )
    return after - before


# Sources stay in step -------------------------------------------------------------------

# A source's strings by context: (string id, text) in page order. A rich-text block is one
# context holding one string per paragraph.
_Strings = dict[int, list[tuple[int, str]]]


@dataclass(frozen=True)
class SegmentChange:
    context_id: int
    old_string_id: int
    old_text: str
    new_string_id: int
    new_text: str


def sources_refresh(source_ids: Iterable[int]) -> int:
    """Refresh each translation source (``source_refresh``), skipping any whose source
    object or page is gone meanwhile. Answers how many segments were marked stale."""
    marked = 0
    for source_id in source_ids:
        try:
            marked += source_refresh(source_id)
        except (ObjectDoesNotExist, SourceDeletedError):
            logger.info("Translation source %s is gone; nothing to refresh", source_id)
    return marked


@transaction.atomic
def source_refresh(source_id: int) -> int:
    """Refresh a translation source from its live object, as wagtail-localize's "Sync"
    does, and mark stale, in each enabled translation, every segment whose source text
    changed. Answers how many segments were marked.

    Raises TranslationSource.DoesNotExist, or the object's DoesNotExist when it was
    deleted. Safe to run twice: the second run finds nothing changed. Concurrent runs for
    one source wait for each other (the row is locked), so no change is missed.
    """
    source = TranslationSource.objects.select_for_update().get(id=source_id)
    before = _strings_by_context(source)
    source.update_from_db()
    changes = segment_changes(before, _strings_by_context(source))
    return stale_record(source, changes)


def _strings_by_context(source: TranslationSource) -> _Strings:
    rows = (
        StringSegment.objects.filter(source=source)
        .order_by("order")
        .values_list("context_id", "string_id", "string__data")
    )
    by_context: _Strings = defaultdict(list)
    for context_id, string_id, text in rows:
        by_context[context_id].append((string_id, text))
    return by_context


def segment_changes(before: _Strings, after: _Strings) -> list[SegmentChange]:
    """Strings that changed in place: in each context present before and after, the
    strings that went and the strings that came, paired in order. A context that went
    (a deleted block) or came (a new one), or a string with no partner, is no change:
    new text is simply untranslated, and the publish guard names it."""
    changes = []
    for context_id, old in before.items():
        new = after.get(context_id, [])
        old_ids = {string_id for string_id, _text in old}
        new_ids = {string_id for string_id, _text in new}
        gone = [string for string in old if string[0] not in new_ids]
        came = [string for string in new if string[0] not in old_ids]
        changes += [
            SegmentChange(context_id, old_id, old_text, new_id, new_text)
            for (old_id, old_text), (new_id, new_text) in zip(gone, came, strict=False)
        ]
    return changes


def stale_record(source: TranslationSource, changes: list[SegmentChange]) -> int:
    """Record ``changes`` in each enabled translation of ``source`` that has a page, then
    resolve what is in step again. Answers how many segments were marked stale."""
    now = timezone.now()
    marked = 0
    for translation, page_id in _translated_pages(source):
        marked += sum(_mark_stale(translation, page_id, change, now) for change in changes)
        _resolve_in_step(translation, now)
    return marked


def _translated_pages(source: TranslationSource) -> list[tuple[Translation, int]]:
    translations = list(source.translations.filter(enabled=True))
    pages = dict(
        Page.objects.filter(
            translation_key=source.object_id,
            locale_id__in=[translation.target_locale_id for translation in translations],
        ).values_list("locale_id", "id")
    )
    return [(t, pages[t.target_locale_id]) for t in translations if t.target_locale_id in pages]


def _mark_stale(translation: Translation, page_id: int, change: SegmentChange, now) -> int:
    # Changed again before anyone caught up: the record now waits for the newest text and
    # keeps the text the translation last had.
    waiting = StaleSegment.objects.filter(
        translation=translation,
        context_id=change.context_id,
        new_string_id=change.old_string_id,
        resolved_at=None,
    )
    if waiting.update(new_string_id=change.new_string_id, new_source_text=change.new_text):
        return 1
    translated = (
        StringTranslation.objects.filter(
            translation_of_id=change.old_string_id,
            context_id=change.context_id,
            locale_id=translation.target_locale_id,
            has_error=False,
        )
        .values_list("data", flat=True)
        .first()
    )
    if translated is None:
        return 0  # never translated: untranslated rather than stale
    StaleSegment.objects.create(
        translation=translation,
        page_id=page_id,
        context_id=change.context_id,
        new_string_id=change.new_string_id,
        old_source_text=change.old_text,
        new_source_text=change.new_text,
        old_translated_text=translated,
        detected_at=now,
    )
    return 1


def _resolve_in_step(translation: Translation, now) -> int:
    """Open records whose new text is translated (say, the text went back to one already
    translated) or is no longer in the source (its block was deleted) are resolved."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("new_string_id"),
        context_id=OuterRef("context_id"),
        locale_id=translation.target_locale_id,
        has_error=False,
    )
    in_source = StringSegment.objects.filter(
        source_id=translation.source_id,
        string_id=OuterRef("new_string_id"),
        context_id=OuterRef("context_id"),
    )
    return (
        StaleSegment.objects.filter(translation=translation, resolved_at=None)
        .filter(Exists(translated) | ~Exists(in_source))
        .update(resolved_at=now)
    )


def stale_resolve_translated(
    string_id: int, context_id: int, locale_id: int, *, valid: bool, saved_at: datetime
) -> int:
    """A translation of a changed text was saved (by a person, a machine or a PO import):
    the records waiting for it are resolved. wagtail-localize saves a translation, then
    flags it in a second save if its HTML or links are invalid; that second save
    (``valid`` False) re-opens what the first resolved, since the publish guard still
    counts the segment as untranslated. Answers how many records changed."""
    rows = StaleSegment.objects.filter(
        new_string_id=string_id, context_id=context_id, translation__target_locale_id=locale_id
    )
    if valid:
        return rows.filter(resolved_at=None).update(resolved_at=timezone.now())
    return rows.filter(resolved_at__gte=saved_at).update(resolved_at=None)


def stale_resolve_published(page_ids: Iterable[int]) -> int:
    """Publishing a translated page brings it in step: its open records are resolved (the
    admin's publish paths refuse a page with an untranslated, so a changed, segment)."""
    return StaleSegment.objects.filter(page_id__in=list(page_ids), resolved_at=None).update(
        resolved_at=timezone.now()
    )
