"""The moderators' tools in the Wagtail admin: the queue, bulk actions, bans, erasure.

Thin: every change goes through ``moderation``; Wagtail's snippet views provide the
listing, filters, search, history and permissions.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from vestnik.comments import moderation, selectors
from vestnik.comments.models import CommentBan, CommentState, ReaderComment

MODERATE = "comments.moderate_readercomment"
_ACTION_STATES = {
    "approve": CommentState.APPROVED,
    "reject": CommentState.REJECTED,
    "spam": CommentState.SPAM,
}


class CommentFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(choices=CommentState.choices, label=_("State"))
    reported = django_filters.BooleanFilter(
        field_name="report_count",
        lookup_expr="gt",
        label=_("Reported by readers"),
        method="filter_reported",
    )
    staff = django_filters.BooleanFilter(
        field_name="staff_user", lookup_expr="isnull", exclude=True, label=_("Newsroom replies")
    )

    class Meta:
        model = ReaderComment
        fields = ["state", "held_reason"]

    def filter_reported(self, queryset, name, value):
        return queryset.filter(report_count__gt=0) if value else queryset.filter(report_count=0)


class CommentIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        """Approve, reject or mark as spam from the row: the bulk action's confirmation
        page for this one comment."""
        buttons = super().get_list_more_buttons(instance)
        if not self.request.user.has_perm(MODERATE):
            return buttons
        for action, label, icon in (
            ("approve", _("Approve"), "check"),
            ("reject", _("Reject"), "cross"),
            ("spam", _("Mark as spam"), "warning"),
        ):
            if instance.state == _ACTION_STATES[action]:
                continue
            url = reverse("wagtail_bulk_action", args=["comments", "readercomment", action])
            query = urlencode({"id": instance.pk, "next": self.request.get_full_path()})
            buttons.append(ListingButton(label, url=f"{url}?{query}", icon_name=icon, priority=5))
        return buttons

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            HeaderButton(
                _("Erase a reader's comments"), url=reverse("comments_admin:erase"), icon_name="bin"
            )
        )
        return buttons


class CommentEditView(EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        current = ReaderComment.objects.get(pk=self.object.pk)
        comment = current
        if data["body"] != current.body or data["author_name"] != current.author_name:
            comment = moderation.comment_edit(
                current, self.request.user, body=data["body"], author_name=data["author_name"]
            )
        if data["state"] != current.state:
            moderation.comment_set_state(comment, data["state"], self.request.user)
        return comment


class PendingCountMenuItem(MenuItem):
    """The menu entry shows how many comments wait: moderators see it on every admin page."""

    def is_shown(self, request):
        return request.user.has_perm(MODERATE)

    def render_component(self, request):
        component = super().render_component(request)
        waiting = selectors.pending_total()
        if waiting:
            component.label = f"{self.label} ({waiting})"
        return component


class ReaderCommentViewSet(SnippetViewSet):
    model = ReaderComment
    icon = "comment"
    menu_label = _("Reader comments")
    menu_name = "reader-comments"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["author_name", "body", "article", "state", "report_count", "created_at"]
    list_per_page = 50
    filterset_class = CommentFilterSet
    search_fields = ["body", "author_name", "author_email"]
    ordering = ["-created_at"]
    index_view_class = CommentIndexView
    edit_view_class = CommentEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [FieldPanel("author_name"), FieldPanel("body"), FieldPanel("state")]

    @property
    def menu_item_class(self):
        return PendingCountMenuItem

    def get_queryset(self, request):
        return ReaderComment.objects.select_related("article")

    @property
    def menu_url(self):
        return reverse(self.get_url_name("list")) + "?state=pending"


class CommentBanViewSet(SnippetViewSet):
    model = CommentBan
    icon = "lock"
    menu_label = _("Comment bans")
    add_to_admin_menu = False
    list_display = ["kind", "value", "reason", "created_at", "expires_at"]
    search_fields = ["value", "reason"]
    panels = [
        FieldPanel("kind"),
        FieldPanel("value"),
        FieldPanel("reason"),
        FieldPanel("expires_at"),
    ]


class _StateAction(SnippetBulkAction):
    template_name = "comments/admin/confirm_bulk.html"
    target_state = ""
    action_priority = 10
    models = [ReaderComment]

    def check_perm(self, snippet):
        return self.request.user.has_perm(MODERATE)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        changed = moderation.comments_set_state([o.pk for o in objects], cls.target_state, user)
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment changed", "%(count)d comments changed", num_parent_objects
        ) % {"count": num_parent_objects}


class ApproveAction(_StateAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve selected comments")
    target_state = CommentState.APPROVED


class RejectAction(_StateAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject selected comments")
    target_state = CommentState.REJECTED


class SpamAction(_StateAction):
    display_name = _("Mark as spam")
    action_type = "spam"
    aria_label = _("Mark selected comments as spam")
    target_state = CommentState.SPAM


class BanAction(_StateAction):
    display_name = _("Ban writers")
    action_type = "ban"
    aria_label = _("Ban the writers of the selected comments")
    action_priority = 40
    classes = {"serious"}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        moderation.commenters_ban(objects, user)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "The writer of %(count)d comment is banned",
            "The writers of %(count)d comments are banned",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class EraseForm(forms.Form):
    email = forms.EmailField(label=_("The reader's e-mail address"))


def erase_view(request):
    """Erase everything a reader wrote, on their request, by e-mail address."""
    if not request.user.has_perm(MODERATE):
        raise PermissionDenied
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        erased = moderation.comments_erase_by_email(form.cleaned_data["email"], request.user)
        messages.success(
            request,
            ngettext("%(count)d comment erased.", "%(count)d comments erased.", erased)
            % {"count": erased},
        )
        return redirect("comments_admin:erase")
    return TemplateResponse(request, "comments/admin/erase.html", {"form": form})
