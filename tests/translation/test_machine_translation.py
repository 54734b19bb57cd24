"""Machine translation through a LibreTranslate-protocol server on 127.0.0.1: a task after
the commit fills a draft that stays a draft, labelled, until a person reviews it."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.urls import reverse
from tests import factories
from tests.localhttp import QuietHandler, serving, silent_server
from tests.translation.helpers import three_paragraphs, with_paragraph
from wagtail_localize.models import StringSegment, StringTranslation

from vestnik.translation import tasks
from vestnik.translation.guards import untranslated_segments
from vestnik.translation.machine import LibreTranslateTranslator, MachineTranslationFailed
from vestnik.translation.models import MachineTranslation, StaleSegment
from vestnik.translation.services import translation_start

pytestmark = pytest.mark.django_db


class LibreTranslateLike(QuietHandler):
    """Answers each text as "[en] <text>", and 403 without the right key when one is set."""

    seen: list[dict] = []
    key = ""

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.seen.append({"path": self.path, **body})
        if self.key and body.get("api_key") != self.key:
            self.answer(403, b'{"error": "Invalid API key"}', "application/json")
            return
        answer = json.dumps(
            {"translatedText": [f"[{body['target']}] {text}" for text in body["q"]]}
        ).encode()
        self.answer(200, answer, "application/json")


@pytest.fixture
def engine(settings):
    LibreTranslateLike.seen, LibreTranslateLike.key = [], "local-key"
    with serving(LibreTranslateLike) as url:
        settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
            "CLASS": "vestnik.translation.machine.LibreTranslateTranslator",
            "OPTIONS": {"URL": url, "API_KEY": "local-key", "TIMEOUT": 5},
        }
        yield LibreTranslateLike.seen


def test_translating_fills_a_labelled_draft_after_the_commit(
    client, editions, engine, translator_user
):
    original = factories.article("ru", headline="Мост через Чуй открыт", lead="Движение пошло.")
    translator = translator_user
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        translation = translation_start(original, factories.locale("en"), translator)
    assert engine == []  # nothing is sent while the editor waits
    for callback in callbacks:
        callback()
    [request] = engine
    assert request["path"] == "/translate" and request["api_key"] == "local-key"
    assert (request["source"], request["target"]) == ("ru", "en")
    target = translation.get_target_instance()
    assert not target.live  # a draft until a person reviews and publishes it
    draft = target.get_latest_revision_as_object()
    assert draft.title == "[en] Мост через Чуй открыт" and draft.lead == "[en] Движение пошло."
    record = MachineTranslation.objects.get(page=target)
    assert record.engine == "LibreTranslate" and record.segments >= 2
    assert record.source_page_id == original.id and record.reviewed_at is None


def test_published_machine_translation_says_so_and_links_the_original(
    client, editions, engine, translator_user
):
    original = factories.article("ru", headline="Мост через Чуй открыт")
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation = translation_start(original, factories.locale("en"), translator_user)
    target = translation.get_target_instance()
    factories.publish(target.get_latest_revision_as_object())
    html = client.get(target.get_url()).content.decode()
    assert "Machine-translated on" in html
    assert f'href="{original.url}" hreflang="ru"' in html


def _publish_in_the_editor(client, page, capture):
    """The Editor presses "Publish" in wagtail-localize's editor; answers the page shown."""
    with capture(execute=True):  # wagtail-localize publishes on commit
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.id]), {"action": "publish"}, follow=True
        )
    page.refresh_from_db()
    return response.content.decode()


def _edit_segment(client, translation, source_text: str, text: str) -> None:
    """A person rewrites one segment in wagtail-localize's editor (its API call)."""
    segment = StringSegment.objects.get(source=translation.source, string__data=source_text)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id])
    answer = client.put(
        url, urlencode({"value": text}), content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code in (200, 201)


def test_a_reviewed_machine_translation_goes_stale_where_its_source_changed(
    client,
    editions,
    engine,
    translator_user,
    editor_user,
    django_capture_on_commit_callbacks,
):
    original = three_paragraphs()
    # Translating enqueues the machine task after the commit; the draft exists already.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        translation = translation_start(original, factories.locale("en"), translator_user)
    assert [callback.func for callback in callbacks] == [tasks.machine_translate.enqueue]
    target = translation.get_target_instance()
    # Publishing it while its segments are untranslated is refused, naming them.
    client.force_login(editor_user)
    refused = _publish_in_the_editor(client, target, django_capture_on_commit_callbacks)
    assert not target.live and "Мост открыли утром." in refused
    for callback in callbacks:
        callback()
    assert MachineTranslation.objects.get(page=target).reviewed_at is None
    # A person rewrites the first paragraph; the Editor publishes the reviewed page.
    client.force_login(translator_user)
    _edit_segment(client, translation, "Мост открыли утром.", "The bridge opened at dawn.")
    client.force_login(editor_user)
    _publish_in_the_editor(client, target, django_capture_on_commit_callbacks)
    assert target.live
    # The source changes in another paragraph and is published.
    factories.publish(with_paragraph(original, 1, "Движение пошло только в одну сторону."))
    kept = StringTranslation.objects.get(
        translation_of__data="Мост открыли утром.", locale=translation.target_locale
    )
    assert (kept.data, kept.translation_type) == ("The bridge opened at dawn.", "manual")
    assert untranslated_segments(target) == ["Движение пошло только в одну сторону."]
    [stale] = StaleSegment.objects.filter(page=target, resolved_at=None)
    assert stale.old_translated_text == "[en] Движение пошло в обе стороны."
    # The translation may not be published again until the changed segment is translated.
    refused = _publish_in_the_editor(client, target, django_capture_on_commit_callbacks)
    assert "Движение пошло только в одну сторону." in refused
    assert "The bridge opened at dawn." in client.get(target.get_url()).content.decode()
    # The report, as the Editor sees it, lists the translation and what changed.
    report = client.get(reverse("translation_stale_report")).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[target.id]) in report
    assert "Движение пошло в обе стороны." in report
    assert "Движение пошло только в одну сторону." in report


def test_authors_may_not_start_translations(editions, author_user, engine):
    original = factories.article("ru")
    with pytest.raises(PermissionDenied):
        translation_start(original, factories.locale("en"), author_user)


def test_engine_refusing_the_key_fails_cleanly(editions):
    from wagtail_localize.strings import StringValue

    LibreTranslateLike.key = "other"
    with serving(LibreTranslateLike) as url:
        engine = LibreTranslateTranslator({"URL": url, "API_KEY": "wrong"})
        with pytest.raises(MachineTranslationFailed):
            engine.translate(factories.locale("ru"), factories.locale("en"), [StringValue("Мост")])


def test_silent_engine_times_out_at_the_configured_limit(editions, monkeypatch):
    import urllib.request

    from wagtail_localize.strings import StringValue

    timeouts = []
    real = urllib.request.urlopen

    def recording(request, timeout):
        timeouts.append(timeout)
        return real(request, timeout=timeout)

    monkeypatch.setattr(urllib.request, "urlopen", recording)
    with silent_server() as url:
        engine = LibreTranslateTranslator({"URL": url, "TIMEOUT": 0.3})
        with pytest.raises(MachineTranslationFailed):
            engine.translate(factories.locale("ru"), factories.locale("en"), [StringValue("x")])
    assert timeouts == [0.3]
