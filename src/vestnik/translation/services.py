"""Starting translations and filling them by machine (wagtail-localize underneath).

A translation starts as wagtail-localize makes it: a draft page in the target edition.
The machine translation runs afterwards in a task, never in the editor's request, and
leaves a draft labelled as machine-translated until a person reviews it.
"""

from __future__ import annotations

import logging
from functools import partial

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.views.edit_translation import apply_machine_translation

from vestnik.translation.machine import MachineTranslationFailed
from vestnik.translation.models import MachineTranslation

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
