"""Keeping an edition's Telegram channel in step with its articles.

A live, public article of an edition with a channel has one message showing its live
revision; anything else (unpublished, private, deleted) has none. ``telegram_sync``
compares that with the ``ChannelPost`` record and makes the one call that closes the
gap: sendMessage, editMessageText or deleteMessage.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape
from typing import Literal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext

from vestnik.core.public import page_url
from vestnik.newsroom.models import ArticlePage
from vestnik.telegram.client import BotClient, TelegramError, bot_client
from vestnik.telegram.models import ChannelPost

logger = logging.getLogger(__name__)

# A claim older than this belongs to a worker that died mid-call: another may take over.
CLAIM_TTL = timedelta(minutes=5)
LEAD_MAX = 3000  # characters of the lead kept; Telegram allows 4096 in a message
ROUNDS = 3  # an edit made while a call was running is caught up by the same task
RETRY_WINDOW = timedelta(hours=6)  # how long `vestnik tick` retries a failed call


@dataclass(frozen=True)
class Wanted:
    """What the channel should show for a live, public article."""

    chat_id: str
    revision_id: int | None
    text: str
    url: str


@dataclass(frozen=True)
class Step:
    action: str  # "send", "edit" or "delete"
    chat_id: str
    message_id: int | None
    wanted: Wanted | None


def message_text(headline: str, lead: str, url: str) -> str:
    """The message in Telegram's HTML: headline in bold, the lead, a link to the article.

    Everything that comes from the article is escaped (``&``, ``<``, ``>`` and quotes),
    so the text can never open a tag of its own. Call with the edition's language active.
    """
    if len(lead) > LEAD_MAX:
        lead = lead[: LEAD_MAX - 1].rstrip() + "…"
    link = gettext("Read on the site")
    parts = [f"<b>{escape(headline)}</b>", escape(lead), f'<a href="{escape(url)}">{link}</a>']
    return "\n\n".join(part for part in parts if part)


def _wanted(article_id: int) -> Wanted | Literal[False] | None:
    """``Wanted`` for a live public article of an edition with a channel; None when the
    article must have no message; False when its edition has no channel (leave it be)."""
    page = ArticlePage.objects.select_related("locale").filter(id=article_id).first()
    if page is None or not page.live or page.get_view_restrictions().exists():
        return None
    language = page.locale.language_code
    chat_id = settings.VESTNIK_TELEGRAM_CHANNELS.get(language)
    if not chat_id:
        return False
    with translation.override(language):
        url = page_url(page)
        text = message_text(page.title, page.lead, url)
    return Wanted(chat_id, page.live_revision_id, text, url)


def _step(post: ChannelPost, wanted: Wanted | None) -> Step | None:
    if post.imported:
        return None
    if wanted is None:
        if post.message_id is None:
            return None
        return Step("delete", post.chat_id, post.message_id, None)
    if post.message_id is None:
        return Step("send", wanted.chat_id, None, wanted)
    if post.revision_id != wanted.revision_id:
        return Step("edit", post.chat_id, post.message_id, wanted)
    return None


def _claim(article_id: int) -> Step | None:
    """Under the record's row lock: decide the next call and mark the record as taken,
    or None when there is nothing to do or another worker is on it."""
    with transaction.atomic():
        wanted = _wanted(article_id)
        post = ChannelPost.objects.select_for_update().filter(article_id=article_id).first()
        if post is None:
            if not isinstance(wanted, Wanted):
                return None
            try:
                with transaction.atomic():
                    ChannelPost.objects.create(article_id=article_id, chat_id=wanted.chat_id)
            except IntegrityError:
                pass  # another worker created it first; its claim is checked below
            post = ChannelPost.objects.select_for_update().get(article_id=article_id)
        now = timezone.now()
        if post.claimed_at is not None and now - post.claimed_at < CLAIM_TTL:
            return None
        step = _step(post, wanted) if wanted is not False else None
        if step is not None:
            post.claimed_at = now
            post.save(update_fields=["claimed_at", "updated_at"])
        return step


def _perform(client: BotClient, step: Step) -> dict:
    """Make the call; the record's new fields. Raises ``TelegramError``."""
    wanted = step.wanted
    if step.action == "send":
        assert wanted is not None
        message_id = client.send_message(wanted.chat_id, wanted.text, wanted.url)
        return {"chat_id": wanted.chat_id, "message_id": message_id, **_sent(wanted)}
    assert step.message_id is not None
    if step.action == "edit":
        assert wanted is not None
        try:
            client.edit_message_text(step.chat_id, step.message_id, wanted.text, wanted.url)
        except TelegramError as error:
            if "not modified" not in error.description:  # the same text: already in step
                raise
        return _sent(wanted)
    try:
        client.delete_message(step.chat_id, step.message_id)
    except TelegramError as error:
        if error.code != 400:  # 400: already gone, or too old for a bot to delete
            raise
        logger.warning("Telegram kept message %s: %s", step.message_id, error.description)
    return {"message_id": None, "revision_id": None}


def _sent(wanted: Wanted) -> dict:
    return {"revision_id": wanted.revision_id}


def telegram_sync(article_id: int) -> str:
    """Bring the article's channel message in step; answers the last call made ("send",
    "edit", "delete"), "nothing", "off" (no bot configured) or "failed".

    Never raises for Telegram's sake: a refusal or an unreachable API is logged and the
    record keeps what was really sent and when failing began, so `vestnik tick` (for
    ``RETRY_WINDOW``) or the article's next publish tries again.
    """
    client = bot_client()
    if client is None:
        return "off"
    outcome = "nothing"
    for _round in range(ROUNDS):
        step = _claim(article_id)
        if step is None:
            break
        now = timezone.now()
        # Unless the call succeeds, the record keeps what was sent and when failing began.
        fields: dict = {"failed_since": Coalesce("failed_since", Value(now, DateTimeField()))}
        try:
            fields = {**_perform(client, step), "failed_since": None}
            outcome = step.action
        except TelegramError as error:
            logger.warning("Telegram %s for article %s failed: %s", step.action, article_id, error)
            return "failed"
        finally:
            ChannelPost.objects.filter(article_id=article_id).update(
                claimed_at=None, updated_at=now, **fields
            )
    return outcome


def channel_posts_to_retry(now: datetime | None = None) -> list[int]:
    """Articles whose last call failed, or whose worker died mid-call, within
    ``RETRY_WINDOW``: `vestnik tick` runs their task again. Older ones wait for the
    article's next publish (an announcement hours late is no longer news)."""
    now = now or timezone.now()
    since = now - RETRY_WINDOW
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TTL)
    failed = Q(failed_since__gte=since) & free
    abandoned = Q(claimed_at__lt=now - CLAIM_TTL, claimed_at__gte=since)
    rows = ChannelPost.objects.filter(failed | abandoned, imported=False)
    return list(rows.order_by("article_id").values_list("article_id", flat=True))


def channel_posts_mark_imported(article_ids) -> None:
    """Batch finisher: the articles an import published are never announced (records
    that already exist, such as an article posted before a re-import, stay as they are).
    A record rolled back after its publish left its id in the batch: only pages that
    exist are marked."""
    existing = ArticlePage.objects.filter(id__in=list(article_ids)).values_list("id", flat=True)
    ChannelPost.objects.bulk_create(
        [ChannelPost(article_id=article_id, imported=True) for article_id in existing],
        ignore_conflicts=True,
    )
