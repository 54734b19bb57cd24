"""The admin's "Import text" page, for anyone who may add pages (Authors, Editors...)."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from vestnik.importers.views import TextImportView


def may_import(user) -> bool:
    return PagePermissionPolicy().user_has_permission(user, "add")


def text_import_view(request, *args, **kwargs):
    if not may_import(request.user):
        raise PermissionDenied
    return TextImportView.as_view()(request, *args, **kwargs)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("import/text/", text_import_view, name="importers_text")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import text"), reverse("importers_text"), icon_name="doc-full", order=900
    )
