from django.urls import include, path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from vestnik.comments import admin_views, selectors
from vestnik.comments.admin_views import CommentBanViewSet, ReaderCommentViewSet

register_snippet(ReaderCommentViewSet)
register_snippet(CommentBanViewSet)

for action in (
    admin_views.ApproveAction,
    admin_views.RejectAction,
    admin_views.SpamAction,
    admin_views.BanAction,
):
    hooks.register("register_bulk_action", action)


@hooks.register("register_admin_urls")
def comments_admin_urls():
    urls = [path("erase/", admin_views.erase_view, name="erase")]
    return [path("reader-comments/", include((urls, "comments_admin")))]


@hooks.register("register_log_actions")
def comment_log_actions(actions):
    from django.utils.translation import gettext_lazy as _

    actions.register_action("vestnik_comments.approve", _("Approve"), _("Comment approved"))
    actions.register_action("vestnik_comments.reject", _("Reject"), _("Comment rejected"))
    actions.register_action("vestnik_comments.spam", _("Spam"), _("Comment marked as spam"))
    actions.register_action("vestnik_comments.hold", _("Hold"), _("Comment sent back to the queue"))
    actions.register_action("vestnik_comments.edit", _("Edit"), _("Comment edited by a moderator"))
    actions.register_action("vestnik_comments.ban", _("Ban"), _("Comment's writer banned"))
    actions.register_action("vestnik_comments.erase", _("Erase"), _("A reader's comments erased"))


@hooks.register("construct_homepage_summary_items")
def pending_comments_summary(request, items):
    from wagtail.admin.site_summary import SummaryItem

    if not request.user.has_perm(admin_views.MODERATE):
        return

    class PendingComments(SummaryItem):
        order = 50
        template_name = "comments/admin/summary_pending.html"

        def get_context_data(self, parent_context):
            return {"pending": selectors.pending_total()}

    items.append(PendingComments(request))
