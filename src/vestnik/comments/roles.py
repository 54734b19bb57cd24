"""What each newsroom role may do with reader comments (the groups come from newsroom)."""

from __future__ import annotations

from django.apps import apps as global_apps

MODERATION = [
    "comments.view_readercomment",
    "comments.change_readercomment",
    "comments.delete_readercomment",
    "comments.moderate_readercomment",
    "comments.view_commentban",
    "comments.add_commentban",
    "comments.change_commentban",
    "comments.delete_commentban",
]
ROLE_PERMISSIONS = {"Moderator": MODERATION, "Editor": MODERATION, "Administrator": MODERATION}


def ensure_comment_permissions(apps=global_apps) -> None:
    from vestnik.newsroom.roles import ensure_roles

    ensure_roles(apps)  # the groups first (idempotent)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, labels in ROLE_PERMISSIONS.items():
        group = group_model.objects.get(name=role)
        codenames = [label.split(".")[1] for label in labels]
        group.permissions.add(
            *permission_model.objects.filter(
                content_type__app_label="comments", codename__in=codenames
            )
        )


def on_post_migrate(sender, **kwargs) -> None:
    ensure_comment_permissions()
