"""A translation with untranslated segments is never published: the editor is told which."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests import factories
from tests.translation.helpers import translate_all

from vestnik.translation.guards import untranslated_segments
from vestnik.translation.services import translation_start

pytestmark = pytest.mark.django_db


def _started(editor_user):
    original = factories.article("ru", headline="Мост через Чуй открыт", lead="Движение пошло.")
    translation = translation_start(original, factories.locale("en"), editor_user)
    return translation, translation.get_target_instance()


def test_untranslated_segments_are_listed(editions, editor_user):
    _translation, target = _started(editor_user)
    missing = untranslated_segments(target)
    assert "Мост через Чуй открыт" in missing and "Движение пошло." in missing
    assert untranslated_segments(factories.article("en")) == []


def test_publishing_from_the_translation_editor_is_refused_with_the_segments(
    client, editions, editor_user, django_capture_on_commit_callbacks
):
    translation, target = _started(editor_user)
    client.force_login(editor_user)
    edit = reverse("wagtailadmin_pages:edit", args=[target.id])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {"action": "publish"}, follow=True)
    target.refresh_from_db()
    assert not target.live
    text = response.content.decode()
    assert "Мост через Чуй открыт" in text  # the editor sees which segment is missing
    translate_all(translation)
    assert untranslated_segments(target) == []
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        client.post(edit, {"action": "publish"})
    target.refresh_from_db()
    assert target.live and target.title == "EN Мост через Чуй открыт"


def test_bulk_publishing_is_refused_too(
    client, editions, editor_user, django_capture_on_commit_callbacks
):
    _translation, target = _started(editor_user)
    client.force_login(editor_user)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{url}?id={target.id}", {})
    target.refresh_from_db()
    assert not target.live


def test_sync_and_publish_publishes_only_complete_translations(
    client, editions, editor_user, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import TranslationSource

    translation, target = _started(editor_user)
    source = TranslationSource.objects.get(id=translation.source_id)
    update = reverse("wagtail_localize:update_translations", args=(source.id,))
    client.force_login(editor_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(update, {"publish_translations": "on"}, follow=True)
    target.refresh_from_db()
    assert not target.live
    assert (
        "saved as a draft" in response.content.decode() or "черновик" in response.content.decode()
    )
    translate_all(translation)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(update, {"publish_translations": "on"})
    target.refresh_from_db()
    assert target.live
