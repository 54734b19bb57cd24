"""Reader comments on articles, and what moderation keeps about them.

Called ``ReaderComment``: Wagtail already has an editorial ``Comment``. A reader's
address is never stored, only a salted hash of its network; the e-mail is kept for
erasure requests and bans and is never shown.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vestnik.newsroom.models import ArticlePage


class CommentState(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")


class ReaderComment(models.Model):
    # Registered as a snippet (the moderation queue), so Wagtail would otherwise track it
    # in its reference index: every post would enqueue a task, inside the posting
    # transaction, for the worker to record "this comment uses that article". Comments
    # are not content an editor needs in an article's usage list.
    wagtail_reference_index_ignore = True

    # Indexed by comment_thread_idx, which leads with it: one index less on every post.
    article = models.ForeignKey(
        ArticlePage, on_delete=models.CASCADE, related_name="reader_comments", db_index=False
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # The first comment of the conversation (None for that one): threads load by root.
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    author_name = models.CharField(_("name"), max_length=80)
    author_email = models.EmailField(_("e-mail"), blank=True)
    author_website = models.URLField(_("website"), blank=True, max_length=300)
    body = models.TextField(_("comment"))
    body_html = models.TextField(editable=False, blank=True)  # rendered once, when written
    state = models.CharField(
        _("state"), max_length=10, choices=CommentState.choices, default=CommentState.PENDING
    )
    # Why a comment waits: "" (the rubric pre-moderates), "words", "reports", "spam-check".
    held_reason = models.CharField(max_length=20, blank=True)
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set when a member of the newsroom wrote it: shown with a badge."),
    )
    # Indexed in Meta, not with db_index: on PostgreSQL that would add a LIKE-pattern twin
    # of each index, which no query uses and every post would maintain.
    ip_hash = models.CharField(max_length=40, blank=True)
    body_hash = models.CharField(max_length=64)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True)
    report_count = models.PositiveIntegerField(default=0)
    erased = models.BooleanField(default=False)
    source = models.CharField(max_length=40, blank=True)  # importers: where it came from
    created_at = models.DateTimeField(_("written"), db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("reader comment")
        verbose_name_plural = _("reader comments")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["article", "state", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["state", "created_at"], name="comment_queue_idx"),
            models.Index(fields=["author_email"], name="comment_email_idx"),
            models.Index(fields=["ip_hash"], name="comment_address_idx"),
            models.Index(fields=["body_hash"], name="comment_text_idx"),
        ]
        permissions = [("moderate_readercomment", "Can moderate reader comments")]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:60]}"

    @property
    def is_staff_reply(self) -> bool:
        return self.staff_user_id is not None


class CommentThread(models.Model):
    """Per-article counts, kept by the services so listings need no COUNT per article."""

    article = models.OneToOneField(
        ArticlePage, primary_key=True, on_delete=models.CASCADE, related_name="comment_thread"
    )
    approved_count = models.PositiveIntegerField(default=0)
    pending_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.article_id}: {self.approved_count} approved, {self.pending_count} pending"


class CommentReport(models.Model):
    comment = models.ForeignKey(ReaderComment, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=300, blank=True)
    ip_hash = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "ip_hash"], name="one_report_per_reader")
        ]

    def __str__(self) -> str:
        return f"Report on {self.comment_id}: {self.reason[:40]}"


class BanKind(models.TextChoices):
    ADDRESS = "address", _("Address (hashed)")
    EMAIL = "email", _("E-mail")


class CommentBan(models.Model):
    """A banned address hash or e-mail: its posts are refused."""

    kind = models.CharField(max_length=10, choices=BanKind.choices)
    value = models.CharField(max_length=254)
    reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comment ban")
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="one_ban_per_value")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"
