from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "vestnik.comments"
    label = "comments"
    verbose_name = _("Reader comments")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from vestnik.comments import roles
        from vestnik.core.management.commands.tick import register_periodic
        from vestnik.newsroom.selectors import register_card_annotator

        post_migrate.connect(roles.on_post_migrate, sender=self, dispatch_uid="comments-roles")
        register_card_annotator(_attach_counts)
        register_periodic("comments_expire")


def _attach_counts(articles) -> None:
    from vestnik.comments.selectors import attach_comment_counts

    attach_comment_counts(articles)
