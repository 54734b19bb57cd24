"""The stale translations report under Reports: every translation whose source changed
under it, with its edition, its original, since when, and what changed."""

from __future__ import annotations

import html
import json

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests import factories
from tests.translation.helpers import three_paragraphs, translate_all, with_paragraph

from vestnik.translation.services import translation_start

pytestmark = pytest.mark.django_db

REPORT = "translation_stale_report"


def _gone_stale(editor_user, code="en", new_text="Движение пошло только в одну сторону."):
    """A published translation whose original then changed its second paragraph."""
    original = three_paragraphs()
    translation = translation_start(original, factories.locale(code), editor_user)
    translate_all(translation, prefix=code.upper())
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(user=editor_user, publish=True)
    factories.publish(with_paragraph(original, 1, new_text))
    return original, translation.get_target_instance()


def test_report_lists_the_translation_its_edition_original_and_what_changed(
    client, editions, editor_user
):
    original, target = _gone_stale(editor_user)
    client.force_login(editor_user)
    response = client.get(reverse(REPORT))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[target.id])}"' in page
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[original.id])}"' in page
    assert "English" in page  # the edition
    assert (
        "Движение пошло в обе стороны." in page and "Движение пошло только в одну сторону." in page
    )
    assert "Мост открыли утром." not in page  # unchanged segments are not listed
    assert "Устаревшие переводы" in page  # the admin speaks Russian by default


def test_long_texts_are_shortened(client, editions, editor_user):
    _gone_stale(editor_user, new_text="Очень длинный абзац. " * 20)
    client.force_login(editor_user)
    page = html.unescape(client.get(reverse(REPORT)).content.decode())
    assert "Очень длинный абзац. " * 4 not in page and "…" in page


def test_report_is_empty_when_every_translation_is_in_step(client, editions, editor_user):
    client.force_login(editor_user)
    page = client.get(reverse(REPORT)).content.decode()
    assert "Все переводы совпадают с оригиналами." in page


def test_translators_see_the_report_and_its_menu_item(client, editions, translator_user):
    client.force_login(translator_user)
    assert client.get(reverse(REPORT)).status_code == 200
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps(reverse(REPORT)) in home  # the sidebar menu is JSON in the page


@pytest.mark.parametrize("role", ["author_user", "moderator_user"])
def test_authors_and_moderators_do_not(client, editions, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(REPORT)).status_code in (302, 403)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps(reverse(REPORT)) not in home


def test_report_queries_do_not_grow_with_its_rows(client, editions, editor_user):
    client.force_login(editor_user)
    _gone_stale(editor_user)
    client.get(reverse(REPORT))  # warm the admin's own caches
    with CaptureQueriesContext(connection) as one:
        client.get(reverse(REPORT))
    _gone_stale(editor_user)
    _gone_stale(editor_user, code="ky")
    with CaptureQueriesContext(connection) as three:
        page = client.get(reverse(REPORT)).content.decode()
    assert page.count("Движение пошло только в одну сторону.") == 3
    assert len(three.captured_queries) == len(one.captured_queries)
