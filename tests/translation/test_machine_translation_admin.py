"""Machine translation started from the Wagtail admin: a POST queues the task and answers
at once; the LibreTranslate-protocol engine on 127.0.0.1 is asked only by the task, after
the commit. Editors and Translators may; anonymous visitors and Authors may not."""

from __future__ import annotations

import pytest
from django.contrib.messages import SUCCESS, get_messages
from django.test import Client
from django.urls import reverse
from tests import factories
from tests.translation import test_machine_translation
from wagtail_localize.models import Translation

from vestnik.newsroom.services import article_link_translation
from vestnik.translation.models import MachineTranslation
from vestnik.translation.services import translation_start

pytestmark = pytest.mark.django_db
# The LibreTranslate-protocol engine on 127.0.0.1 (it records each request it answers).
engine = test_machine_translation.engine


def start_url(page, code: str) -> str:
    return reverse("vestnik_translation:machine_translate_page", args=(page.id, code))


def queued_message(response) -> str:
    [message] = [m for m in get_messages(response.wsgi_request) if m.level == SUCCESS]
    return str(message)


def test_an_editor_translates_a_page_by_machine_and_only_the_task_asks_the_engine(
    client, editions, engine, editor_user, django_capture_on_commit_callbacks
):
    original = factories.article("ru", headline="Мост через Чуй открыт", lead="Движение пошло.")
    client.force_login(editor_user)
    confirm = client.get(start_url(original, "en"))
    assert confirm.status_code == 200 and b'method="post"' in confirm.content
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(start_url(original, "en"))
    assert engine == []  # the request made no call to the engine
    target = Translation.objects.get(
        source__object_id=original.translation_key, target_locale__language_code="en"
    ).get_target_instance()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(target.id,))
    assert "English" in queued_message(response)
    assert callbacks, "nothing was queued"
    for callback in callbacks:
        callback()
    [request] = engine
    assert (request["source"], request["target"]) == ("ru", "en")
    target.refresh_from_db()
    draft = target.get_latest_revision_as_object()
    assert draft.title == "[en] Мост через Чуй открыт" and not target.live
    assert MachineTranslation.objects.filter(page_id=target.id).exists()


def test_the_editors_translate_with_button_runs_in_a_task_not_in_the_request(
    client, editions, engine, translator_user, django_capture_on_commit_callbacks
):
    original = factories.article("ru", headline="Мост через Чуй открыт")
    with django_capture_on_commit_callbacks(execute=False):  # started, not machine-filled
        translation = translation_start(original, factories.locale("ky"), translator_user)
    target = translation.get_target_instance()
    editor_page = reverse("wagtailadmin_pages:edit", args=(target.id,))
    client.force_login(translator_user)
    # wagtail-localize's editor posts its "Translate with LibreTranslate" form here.
    button = reverse("wagtail_localize:machine_translate", args=(translation.id,))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(button, {"next": editor_page})
    assert response.status_code == 302 and response["Location"] == editor_page
    assert engine == []
    assert "Кыргызча" in queued_message(response)
    for callback in callbacks:
        callback()
    assert [request["target"] for request in engine] == ["ky"]
    target.refresh_from_db()
    assert target.get_latest_revision_as_object().title == "[ky] Мост через Чуй открыт"


def test_a_page_offers_translate_by_machine_into_each_other_edition(
    client, editions, engine, editor_user
):
    original = factories.article("ru")
    client.force_login(editor_user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(original.id,))).content.decode()
    assert start_url(original, "en") in html and start_url(original, "ky") in html


def test_no_offer_without_an_engine(client, editions, editor_user, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    original = factories.article("ru")
    client.force_login(editor_user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(original.id,))).content.decode()
    assert start_url(original, "en") not in html


def test_a_version_people_keep_by_hand_is_never_overwritten(
    client, editions, engine, editor_user, django_capture_on_commit_callbacks
):
    original = factories.article("ru", headline="Мост через Чуй открыт")
    english = factories.article("en", headline="The bridge over the Chuy opens")
    article_link_translation(english, original)
    client.force_login(editor_user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(original.id,))).content.decode()
    assert start_url(original, "en") not in html and start_url(original, "ky") in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(start_url(original, "en"))
    assert response.status_code == 302 and engine == []
    assert not Translation.objects.filter(source__object_id=original.translation_key).exists()
    english.refresh_from_db()
    assert english.title == "The bridge over the Chuy opens"


@pytest.mark.parametrize("who", ["anonymous", "author"])
def test_anonymous_visitors_and_authors_are_refused(
    client, editions, engine, author_user, who, django_capture_on_commit_callbacks
):
    original = factories.article("ru")
    with django_capture_on_commit_callbacks(execute=False):
        translation = translation_start(original, factories.locale("ky"), _editor())
    if who == "author":
        client.force_login(author_user)
    for url in (
        start_url(original, "en"),
        reverse("wagtail_localize:machine_translate", args=(translation.id,)),
    ):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = client.post(url)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            login = reverse("wagtailadmin_login")
            home = reverse("wagtailadmin_home")
            assert response["Location"].split("?")[0] == (login if who == "anonymous" else home)
        assert callbacks == [] and engine == []
    assert not Translation.objects.filter(target_locale__language_code="en").exists()
    if who == "author":
        assert client.get(start_url(original, "en")).status_code in (302, 403)


def test_the_post_needs_the_csrf_token(editions, engine, editor_user):
    original = factories.article("ru")
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_user)
    assert client.post(start_url(original, "en")).status_code == 403
    assert not Translation.objects.filter(target_locale__language_code="en").exists()


def _editor():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username="another-editor", password="x")
    user.groups.add(Group.objects.get(name="Editor"))
    return user
