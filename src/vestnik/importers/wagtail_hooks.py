"""The admin's import pages: "Import text" for anyone who may add pages (Authors,
Editors...); "Import archive" (a WordPress export, a feed, a web page or a DataLife
Engine database, and the progress its page polls) for those who may publish (Editors,
Administrators), since one archive makes hundreds of pages at once; and the feed
subscriptions the tick polls."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.urls import path, re_path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from vestnik.importers import archive_views
from vestnik.importers.models import FeedSubscription
from vestnik.importers.views import TextImportView


def may_import(user) -> bool:
    return PagePermissionPolicy().user_has_permission(user, "add")


def may_import_archives(user) -> bool:
    return PagePermissionPolicy().user_has_permission(user, "publish")


def text_import_view(request, *args, **kwargs):
    if not may_import(request.user):
        raise PermissionDenied
    return TextImportView.as_view()(request, *args, **kwargs)


def for_archive_importers(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not may_import_archives(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


@hooks.register("register_admin_urls")
def register_admin_urls():
    archive = [
        ("", archive_views.WxrImportView, "importers_archive"),
        ("feed/", archive_views.FeedImportView, "importers_archive_feed"),
        ("page/", archive_views.PageImportView, "importers_archive_page"),
        ("dle/", archive_views.DleImportView, "importers_archive_dle"),
    ]
    return [
        path("import/text/", text_import_view, name="importers_text"),
        *(
            path(f"import/archive/{where}", for_archive_importers(view.as_view()), name=name)
            for where, view, name in archive
        ),
        re_path(
            r"^import/archive/progress/(?P<token>[0-9a-f]{32})/$",
            for_archive_importers(archive_views.progress_view),
            name="importers_archive_progress",
        ),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import(request.user)


class ArchiveImportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import_archives(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import text"), reverse("importers_text"), icon_name="doc-full", order=900
    )


@hooks.register("register_admin_menu_item")
def register_archive_import_menu_item():
    return ArchiveImportMenuItem(
        _("Import archive"), reverse("importers_archive"), icon_name="download", order=901
    )


class FeedSubscriptionViewSet(SnippetViewSet):
    """Subscribed feeds, under Snippets (model permissions: administrators by default)."""

    model = FeedSubscription
    icon = "link"
    add_to_admin_menu = False
    list_display = ["url", "rubric", "publish", "active", "last_fetched_at", "last_error"]
    panels = [FieldPanel("url"), FieldPanel("rubric"), FieldPanel("publish"), FieldPanel("active")]


register_snippet(FeedSubscriptionViewSet)
