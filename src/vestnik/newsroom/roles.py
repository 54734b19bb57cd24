"""The newsroom's roles as Django groups with Wagtail page permissions.

- Author: writes drafts and submits them; edits only their own pages; never publishes.
- Editor: edits and publishes any article; manages tags and images.
- Translator: starts translations and edits drafts; never publishes.
- Moderator: reader comments (the comments app adds its permissions).
- Administrator: everything, including users and settings.

``ensure_roles`` is idempotent: a migration calls it, and so do tests after a flush.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

ROLE_NAMES = ("Author", "Editor", "Translator", "Moderator", "Administrator")

PAGE_PERMISSIONS = {
    "Author": ["add_page"],
    "Editor": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    # Translators edit drafts (the translations they make); publishing is an Editor's.
    "Translator": ["add_page", "change_page"],
    "Moderator": [],
    "Administrator": [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
}

MODEL_PERMISSIONS = {
    "Author": [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
        "newsroom.view_tag",
    ],
    "Editor": [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "newsroom.add_tag",
        "newsroom.change_tag",
        "newsroom.delete_tag",
        "newsroom.view_tag",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtail_localize.submit_translation",
    ],
    "Translator": ["wagtailadmin.access_admin", "wagtail_localize.submit_translation"],
    "Moderator": ["wagtailadmin.access_admin"],
}

# Wagtail's own starter groups overlap ours; they are removed while nobody belongs to them.
WAGTAIL_STARTER_GROUPS = ("Editors", "Moderators")


def ensure_roles(apps=global_apps) -> None:
    """Create or complete the role groups and their permissions."""
    for app_config in apps.get_app_configs():
        # Historical app configs (in migrations) lack models_module; permissions of
        # apps migrated so far must exist before they can be granted.
        stub = not hasattr(app_config, "models_module") or app_config.models_module is None
        if stub:
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        if stub:
            app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    page_model = apps.get_model("wagtailcore", "Page")
    page_permission_model = apps.get_model("wagtailcore", "GroupPagePermission")
    root = page_model.objects.filter(depth=1).first()
    for name in ROLE_NAMES:
        group, _created = group_model.objects.get_or_create(name=name)
        if name == "Administrator":
            group.permissions.set(permission_model.objects.all())
        else:
            for label in MODEL_PERMISSIONS[name]:
                app_label, codename = label.split(".")
                permission = permission_model.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).first()
                if permission is not None:
                    group.permissions.add(permission)
        if root is None:
            continue
        for codename in PAGE_PERMISSIONS[name]:
            permission = permission_model.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            page_permission_model.objects.get_or_create(
                group=group, page=root, permission=permission
            )
    _assign_approval_tasks(apps)
    group_model.objects.filter(name__in=WAGTAIL_STARTER_GROUPS, user__isnull=True).delete()


def _assign_approval_tasks(apps) -> None:
    """Editors and Administrators approve in every review step that had no one, or only
    Wagtail's starter groups (which are about to go): a review must never lock a page."""
    group_model = apps.get_model("auth", "Group")
    task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
    approvers = list(group_model.objects.filter(name__in=("Editor", "Administrator")))
    for task in task_model.objects.all():
        names = set(task.groups.values_list("name", flat=True))
        if names <= set(WAGTAIL_STARTER_GROUPS):
            task.groups.add(*approvers)
