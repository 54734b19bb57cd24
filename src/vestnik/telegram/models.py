"""What Vestnik sent to the editions' Telegram channels: one record per article."""

from django.db import models


class ChannelPost(models.Model):
    """An article's message in its edition's channel and the revision it shows.

    The unique ``article_id`` and the claim (``claimed_at``, taken under a row lock) are
    what keep a retried task or a second worker from posting the same article twice. No
    foreign key: the record outlives a deleted page until its message is deleted.
    """

    article_id = models.IntegerField(unique=True)
    chat_id = models.CharField(max_length=100, blank=True)
    message_id = models.BigIntegerField(null=True, blank=True)
    revision_id = models.IntegerField(null=True, blank=True)  # the live revision it shows
    # Published by an import (or the demo): such articles are never announced.
    imported = models.BooleanField(default=False)
    # Set while a worker talks to Telegram for this article; stale after CLAIM_TTL.
    claimed_at = models.DateTimeField(null=True, blank=True)
    # When the calls began to fail (cleared by a success): `vestnik tick` retries these.
    failed_since = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.article_id} -> {self.chat_id}/{self.message_id}"
