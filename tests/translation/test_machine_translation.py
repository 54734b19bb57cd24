"""Machine translation through a LibreTranslate-protocol server on 127.0.0.1: a task after
the commit fills a draft that stays a draft, labelled, until a person reviews it."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import TestCase
from tests import factories
from tests.localhttp import QuietHandler, serving, silent_server

from vestnik.translation.machine import LibreTranslateTranslator, MachineTranslationFailed
from vestnik.translation.models import MachineTranslation
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
