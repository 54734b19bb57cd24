"""Sources stay in step: publishing a source refreshes its translation source after the
commit; changed segments go stale in each translation, human translations of unchanged
ones are kept, and the stale record resolves once the translation catches up."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from tests import factories
from tests.translation.helpers import three_paragraphs, translate_all, with_paragraph
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from vestnik.core.batching import batch, finish
from vestnik.newsroom.models import ArticlePage
from vestnik.translation import tasks
from vestnik.translation.guards import untranslated_segments
from vestnik.translation.models import StaleSegment
from vestnik.translation.services import segment_changes, translation_start

pytestmark = pytest.mark.django_db


def _translated(editor_user, code="en"):
    """A live Russian article and its complete (human) translation, published."""
    original = three_paragraphs()
    translation = translation_start(original, factories.locale(code), editor_user)
    translate_all(translation, prefix=code.upper())
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(user=editor_user, publish=True)
    return original, translation, translation.get_target_instance()


def _refreshes(callbacks) -> list[list[int]]:
    """The source ids of each refresh task the callbacks would enqueue."""
    return [
        list(callback.args[0])
        for callback in callbacks
        if getattr(callback, "func", None) == tasks.refresh_sources.enqueue
    ]


def _human(translation, text: str) -> str | None:
    segment = StringSegment.objects.get(source=translation.source, string__data=text)
    found = StringTranslation.objects.filter(
        translation_of_id=segment.string_id,
        context_id=segment.context_id,
        locale=translation.target_locale,
    ).first()
    return found.data if found else None


def test_publishing_a_source_refreshes_it_in_a_task_after_the_commit(editions, editor_user):
    original, translation, target = _translated(editor_user)
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        with_paragraph(
            original, 1, "Движение пошло только в одну сторону."
        ).save_revision().publish()
    assert _refreshes(callbacks) == [[translation.source_id]]
    assert untranslated_segments(target) == []  # nothing refreshed inside the request
    for callback in callbacks:
        callback()
    assert untranslated_segments(target) == ["Движение пошло только в одну сторону."]
    [stale] = StaleSegment.objects.filter(page=target, resolved_at=None)
    assert stale.old_source_text == "Движение пошло в обе стороны."
    assert stale.new_source_text == "Движение пошло только в одну сторону."
    assert stale.old_translated_text == "EN Движение пошло в обе стороны."
    # The paragraphs around it keep their human translations.
    assert _human(translation, "Мост открыли утром.") == "EN Мост открыли утром."
    assert _human(translation, "Ремонт шёл год.") == "EN Ремонт шёл год."


def test_pages_no_one_translates_enqueue_no_refresh(editions):
    article = three_paragraphs()
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        with_paragraph(article, 0, "Иначе.").save_revision().publish()
    assert _refreshes(callbacks) == []


def test_a_translated_page_is_a_source_only_if_something_is_translated_from_it(
    editions, editor_user
):
    _original, _translation, target = _translated(editor_user)
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        with_paragraph(target, 0, "EN Otherwise.").save_revision().publish()
    assert _refreshes(callbacks) == []


def test_an_import_batch_refreshes_all_its_sources_in_one_task(editions, editor_user):
    first, first_translation, _ = _translated(editor_user)
    second, second_translation, _ = _translated(editor_user, code="ky")
    untranslated = three_paragraphs()
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        with batch() as pending:
            for page in (first, second, untranslated):
                with_paragraph(page, 2, "Ремонт шёл два года.").save_revision().publish()
        assert _refreshes(callbacks) == []  # nothing per page inside the batch
        finish(pending)
    expected = sorted([first_translation.source_id, second_translation.source_id])
    assert _refreshes(callbacks) == [expected]
    for callback in callbacks:
        callback()
    assert StaleSegment.objects.filter(resolved_at=None).count() == 2


def test_a_segment_never_translated_is_untranslated_not_stale(editions, editor_user):
    original = three_paragraphs()
    translation = translation_start(original, factories.locale("en"), editor_user)
    target = translation.get_target_instance()
    factories.publish(with_paragraph(original, 1, "Совсем другой текст."))
    assert not StaleSegment.objects.exists()
    assert "Совсем другой текст." in untranslated_segments(target)


def test_translating_the_new_text_resolves_the_stale_segment(editions, editor_user):
    original, translation, target = _translated(editor_user)
    factories.publish(with_paragraph(original, 1, "Движение пошло в одну сторону."))
    assert StaleSegment.objects.filter(page=target, resolved_at=None).exists()
    translate_all(translation, prefix="EN2")
    assert not StaleSegment.objects.filter(page=target, resolved_at=None).exists()
    assert untranslated_segments(target) == []


def test_an_invalid_translation_of_the_new_text_leaves_it_stale(editions, editor_user):
    original, translation, target = _translated(editor_user)
    factories.publish(with_paragraph(original, 1, "Движение пошло в одну сторону."))
    segment = StringSegment.objects.get(
        source=translation.source, string__data="Движение пошло в одну сторону."
    )
    # A link the source does not have: wagtail-localize saves it, then flags it invalid.
    invalid = StringTranslation.objects.create(
        translation_of_id=segment.string_id,
        context_id=segment.context_id,
        locale=translation.target_locale,
        data='Traffic <a href="https://example.com">one way</a>.',
    )
    invalid.refresh_from_db()
    assert invalid.has_error
    assert StaleSegment.objects.filter(page=target, resolved_at=None).count() == 1


def test_publishing_the_translation_again_resolves_it_however_it_was_translated(
    editions, editor_user
):
    original, translation, target = _translated(editor_user)
    factories.publish(with_paragraph(original, 1, "Движение пошло в одну сторону."))
    segment = StringSegment.objects.get(
        source=translation.source, string__data="Движение пошло в одну сторону."
    )
    StringTranslation.objects.bulk_create(  # a bulk write sends no signal
        [
            StringTranslation(
                translation_of_id=segment.string_id,
                context_id=segment.context_id,
                locale=translation.target_locale,
                data="Traffic goes one way.",
                translation_type="manual",
            )
        ]
    )
    assert StaleSegment.objects.filter(page=target, resolved_at=None).exists()
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(user=editor_user, publish=True)
    assert not StaleSegment.objects.filter(page=target, resolved_at=None).exists()


def test_a_text_changed_twice_waits_for_the_newest_and_keeps_the_first(editions, editor_user):
    original, _translation, target = _translated(editor_user)
    factories.publish(with_paragraph(original, 1, "Второй вариант."))
    factories.publish(with_paragraph(original, 1, "Третий вариант."))
    [stale] = StaleSegment.objects.filter(page=target, resolved_at=None)
    assert stale.old_source_text == "Движение пошло в обе стороны."
    assert stale.old_translated_text == "EN Движение пошло в обе стороны."
    assert stale.new_source_text == "Третий вариант."
    # Back to the text the translation has: in step again.
    factories.publish(with_paragraph(original, 1, "Движение пошло в обе стороны."))
    assert not StaleSegment.objects.filter(page=target, resolved_at=None).exists()


def test_a_deleted_paragraph_is_no_longer_stale(editions, editor_user):
    original, _translation, target = _translated(editor_user)
    factories.publish(with_paragraph(original, 1, "Второй вариант."))
    draft = original.get_latest_revision_as_object()
    draft.body = [block for i, block in enumerate(draft.body.raw_data) if i != 1]
    factories.publish(draft)
    assert not StaleSegment.objects.filter(page=target, resolved_at=None).exists()


def test_refreshing_twice_marks_nothing_twice(editions, editor_user):
    original, translation, target = _translated(editor_user)
    factories.publish(with_paragraph(original, 1, "Второй вариант."))
    assert tasks.refresh_sources.call([translation.source_id]) == 0
    assert StaleSegment.objects.filter(page=target).count() == 1


def test_sync_marks_stale_segments_too(client, editions, editor_user, settings):
    original, translation, target = _translated(editor_user)
    with TestCase.captureOnCommitCallbacks(execute=False):  # the automatic refresh never runs
        with_paragraph(original, 1, "Второй вариант.").save_revision().publish()
    assert not StaleSegment.objects.exists()
    client.force_login(editor_user)
    update = reverse("wagtail_localize:update_translations", args=(translation.source_id,))
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(update, {})
    assert StaleSegment.objects.filter(page=target, resolved_at=None).count() == 1
    assert (
        TranslationSource.objects.get(id=translation.source_id)
        .stringsegment_set.filter(string__data="Второй вариант.")
        .exists()
    )


def test_reimporting_a_source_keeps_the_human_translations_of_its_unchanged_paragraphs(
    editions, editor_user, tmp_path
):
    text = (Path(__file__).parents[1] / "importers/fixtures/glaciers-ru.txt").read_text()
    dump = tmp_path / "glaciers.txt"
    dump.write_text(text)
    quiet = {"stdout": StringIO(), "stderr": StringIO()}
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("import_text", str(dump), "--lang", "ru", "--publish", **quiet)
    original = ArticlePage.objects.get()
    translation = translation_start(original, factories.locale("en"), editor_user)
    translate_all(translation)
    target = translation.get_target_instance()
    assert untranslated_segments(target) == []
    dump.write_text(text.replace("почти треть", "почти половину"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("import_text", str(dump), "--lang", "ru", "--publish", **quiet)
    [changed] = untranslated_segments(target)
    assert "почти половину" in changed
    [stale] = StaleSegment.objects.filter(page=target, resolved_at=None)
    assert "почти треть" in stale.old_source_text and stale.new_source_text == changed


def test_changes_pair_strings_in_place_within_a_block():
    before = {7: [(1, "Первый."), (2, "Второй.")], 8: [(3, "Заголовок")], 9: [(4, "Удалён.")]}
    after = {7: [(1, "Первый."), (5, "Второй, иначе."), (6, "Новый.")], 8: [(3, "Заголовок")]}
    [change] = segment_changes(before, after)
    assert (change.context_id, change.old_text, change.new_text) == (7, "Второй.", "Второй, иначе.")
