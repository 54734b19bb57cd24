"""Publishing an article announces it in its edition's Telegram channel, once; editing
edits the message and unpublishing or deleting deletes it. Imports, drafts and private
pages are never posted, and a failing Bot API never breaks publishing."""

from __future__ import annotations

import threading
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.utils import timezone
from tests import factories
from tests.localhttp import serving, silent_server
from tests.telegram.botapi import TOKEN, BotApi, BotState
from wagtail.models import PageViewRestriction

from vestnik.core.management.commands.tick import PERIODIC_COMMANDS
from vestnik.newsroom.models import ArticlePage
from vestnik.telegram import client as telegram_client
from vestnik.telegram import tasks
from vestnik.telegram.models import ChannelPost
from vestnik.telegram.services import channel_posts_to_retry, telegram_sync

IMPORT_FIXTURES = Path(__file__).parents[1] / "importers" / "fixtures"
CHANNELS = {"en": "@vestnik_en", "ru": "@vestnik_ru"}


@pytest.fixture
def waits(monkeypatch) -> list[float]:
    """The retry loop's waits, recorded instead of slept."""
    recorded: list[float] = []
    monkeypatch.setattr(telegram_client, "wait", recorded.append)
    return recorded


@pytest.fixture(scope="module")
def bot_url():
    """One local Bot API for the module (stopping a server costs half a second)."""
    with serving(BotApi) as url:
        yield url


@pytest.fixture
def bot(bot_url, settings, editions, waits) -> BotState:
    BotApi.state = BotState()
    settings.VESTNIK_TELEGRAM_TOKEN = TOKEN
    settings.VESTNIK_TELEGRAM_API_URL = bot_url
    settings.VESTNIK_TELEGRAM_CHANNELS = CHANNELS
    settings.VESTNIK_TELEGRAM_TIMEOUT = 2
    settings.VESTNIK_TELEGRAM_ATTEMPTS = 3
    return BotApi.state


def test_publish_edit_unpublish_send_edit_and_delete_one_message(bot):
    article = factories.article(
        "en", headline='Tariffs <b>rise</b> & "fees" fall', lead="Costs < income in Osh."
    )
    [(method, sent)] = bot.calls
    assert method == "sendMessage"
    assert sent["chat_id"] == "@vestnik_en"
    assert sent["parse_mode"] == "HTML"
    url = settings.BASE_URL + article.get_url_parts()[2]  # the public site, not Wagtail's Site row
    assert url.startswith(settings.BASE_URL + "/en/")
    assert sent["link_preview_options"] == {"url": url}
    assert sent["text"] == (
        "<b>Tariffs &lt;b&gt;rise&lt;/b&gt; &amp; &quot;fees&quot; fall</b>\n\n"
        f'Costs &lt; income in Osh.\n\n<a href="{url}">Read on the site</a>'
    )
    post = ChannelPost.objects.get(article_id=article.id)
    assert (post.chat_id, post.message_id) == ("@vestnik_en", 101)
    assert post.revision_id == article.live_revision_id

    article.title = "Tariffs rise in Osh"
    factories.publish(article)
    assert bot.methods() == ["sendMessage", "editMessageText"]
    edited = bot.calls[1][1]
    assert (edited["chat_id"], edited["message_id"]) == ("@vestnik_en", 101)
    assert edited["text"].startswith("<b>Tariffs rise in Osh</b>\n\n")
    post.refresh_from_db()
    assert post.revision_id == ArticlePage.objects.get(id=article.id).live_revision_id

    factories.unpublish(article)
    assert bot.methods() == ["sendMessage", "editMessageText", "deleteMessage"]
    assert {k: v for k, v in bot.calls[2][1].items() if k != "_ok"} == {
        "chat_id": "@vestnik_en",
        "message_id": 101,
    }
    post.refresh_from_db()
    assert post.message_id is None


def test_making_an_announced_article_private_deletes_its_message(bot):
    article = factories.article("en", headline="Council meets on water fees")
    with TestCase.captureOnCommitCallbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=article, restriction_type="login")
    assert bot.methods() == ["sendMessage", "deleteMessage"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        restriction.delete()
    assert bot.methods() == ["sendMessage", "deleteMessage", "sendMessage"]


def test_russian_article_goes_to_the_russian_channel_with_a_russian_link(bot):
    factories.article("ru", "economy", headline="Тарифы растут")
    [(_method, sent)] = bot.calls
    assert sent["chat_id"] == "@vestnik_ru"
    assert "/ru/" in sent["link_preview_options"]["url"]
    assert sent["text"].startswith("<b>Тарифы растут</b>")
    assert sent["text"].endswith(">Читать на сайте</a>")


def test_a_retried_task_or_a_second_publish_without_changes_sends_nothing_more(bot):
    article = factories.article("en")
    tasks.sync_article.enqueue(article.id)
    assert telegram_sync(article.id) == "nothing"
    assert bot.methods() == ["sendMessage"]
    assert ChannelPost.objects.filter(article_id=article.id).count() == 1


def test_a_claim_by_another_worker_is_respected_until_it_is_stale(bot, settings):
    settings.VESTNIK_TELEGRAM_TOKEN = ""  # publish without the autopost, claim by hand
    article = factories.article("en")
    settings.VESTNIK_TELEGRAM_TOKEN = TOKEN
    claimed = ChannelPost.objects.create(
        article_id=article.id, chat_id="@vestnik_en", claimed_at=timezone.now()
    )
    assert telegram_sync(article.id) == "nothing"  # another worker is sending it
    assert bot.calls == []
    claimed.claimed_at = timezone.now() - timedelta(minutes=10)  # that worker died
    claimed.save()
    assert telegram_sync(article.id) == "send"
    assert bot.methods() == ["sendMessage"]
    claimed.refresh_from_db()
    assert claimed.claimed_at is None and claimed.message_id == 101


def test_too_many_requests_waits_the_retry_after_and_sends_once(bot, waits):
    too_many = {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 7",
        "parameters": {"retry_after": 7},
    }
    bot.script = [(429, too_many), (502, {"ok": False, "description": "Bad Gateway"})]
    article = factories.article("en")
    assert bot.methods() == ["sendMessage"] * 3
    assert bot.methods(ok_only=True) == ["sendMessage"]
    assert waits[0] == 7 and len(waits) == 2  # Telegram's wait, then a back-off after the 502
    assert ChannelPost.objects.get(article_id=article.id).message_id == 101


def test_a_refusal_is_not_retried_and_the_next_publish_tries_again(bot, waits):
    bot.script = [(400, {"ok": False, "error_code": 400, "description": "chat not found"})]
    article = factories.article("en")
    assert bot.methods() == ["sendMessage"] and waits == []
    assert ArticlePage.objects.get(id=article.id).live
    assert ChannelPost.objects.get(article_id=article.id).message_id is None
    factories.publish(article)
    assert bot.methods(ok_only=True) == ["sendMessage"]


def test_the_tick_retries_a_failed_post_for_a_while(bot):
    bot.script = [(502, {"ok": False, "description": "Bad Gateway"})] * 3
    article = factories.article("en")
    post = ChannelPost.objects.get(article_id=article.id)
    assert post.message_id is None and post.failed_since is not None
    assert ("telegram_retry", {}) in PERIODIC_COMMANDS
    call_command("telegram_retry", stdout=StringIO())  # what the next tick does
    assert bot.methods(ok_only=True) == ["sendMessage"]
    post.refresh_from_db()
    assert post.message_id == 101 and post.failed_since is None
    call_command("telegram_retry", stdout=StringIO())
    assert len(bot.calls) == 4
    # A call that has failed for longer than the window waits for the next publish.
    post.failed_since = timezone.now() - timedelta(hours=7)
    post.save()
    assert channel_posts_to_retry() == []


def test_a_hanging_api_times_out_without_breaking_the_publish(bot, settings, waits):
    with silent_server() as url:
        settings.VESTNIK_TELEGRAM_API_URL = url
        settings.VESTNIK_TELEGRAM_TIMEOUT = 0.2
        settings.VESTNIK_TELEGRAM_ATTEMPTS = 2
        article = factories.article("en")
    assert ArticlePage.objects.get(id=article.id).live
    assert len(waits) == 1  # two attempts, each cut by the timeout
    post = ChannelPost.objects.get(article_id=article.id)
    assert post.message_id is None and post.claimed_at is None
    assert telegram_client.bot_client().timeout == 0.2


def test_deleting_a_live_article_deletes_its_message(bot, django_capture_on_commit_callbacks):
    article = factories.article("en")
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(id=article.id).delete()
    assert bot.methods() == ["sendMessage", "deleteMessage"]
    assert bot.calls[1][1]["message_id"] == 101


def test_an_imported_batch_makes_no_bot_api_call(bot, django_capture_on_commit_callbacks):
    files = [str(IMPORT_FIXTURES / "osh-water-en.txt"), str(IMPORT_FIXTURES / "glaciers-ru.txt")]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_text", *files[:1], "--lang", "en", "--publish", stdout=StringIO())
        call_command("import_text", *files[1:], "--lang", "ru", "--publish", stdout=StringIO())
    imported = list(ArticlePage.objects.live().values_list("id", flat=True))
    assert len(imported) == 2
    assert bot.calls == []
    assert set(ChannelPost.objects.filter(imported=True).values_list("article_id", flat=True)) == (
        set(imported)
    )
    # An editor's later publish of an imported article does not announce it either.
    factories.publish(ArticlePage.objects.get(id=imported[0]))
    assert bot.calls == []


def test_drafts_private_pages_and_editions_without_a_channel_are_not_posted(bot):
    factories.article("en", publish=False)
    private = factories.article("en", publish=False)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    factories.publish(private)
    assert ArticlePage.objects.get(id=private.id).live
    factories.article("ky", "economy")
    assert bot.calls == []
    assert not ChannelPost.objects.exists()


def test_without_a_token_nothing_is_called(bot, settings):
    settings.VESTNIK_TELEGRAM_TOKEN = ""
    article = factories.article("en")
    assert telegram_sync(article.id) == "off"
    assert bot.calls == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_one_message(bot, settings):
    """Two workers run the task for the same publish at the same moment, each with its
    own database connection; the slow Bot API keeps the first call open while the second
    worker decides. (Transactional: the database is flushed afterwards, so it runs last.)"""
    settings.VESTNIK_TELEGRAM_TOKEN = ""
    article = factories.article("en")
    settings.VESTNIK_TELEGRAM_TOKEN = TOKEN
    bot.delay = 0.3
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def worker() -> None:
        try:
            start.wait(timeout=10)
            outcomes.append(telegram_sync(article.id))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["nothing", "send"]
    assert bot.methods() == ["sendMessage"]
    assert ChannelPost.objects.get(article_id=article.id).message_id == 101


def test_an_import_batch_marks_only_the_articles_that_exist(bot):
    """A record rolled back after its publish leaves its id in the batch's list."""
    from vestnik.telegram.services import channel_posts_mark_imported

    article = factories.article("en", headline="Imported note", publish=False)
    channel_posts_mark_imported([article.id, article.id + 10_000])
    assert list(ChannelPost.objects.values_list("article_id", "imported")) == [(article.id, True)]
