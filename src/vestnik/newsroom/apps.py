from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_roles(sender, **kwargs) -> None:
    from vestnik.newsroom.roles import ensure_roles

    ensure_roles()


class NewsroomConfig(AppConfig):
    name = "vestnik.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        # A flush (transactional tests) also emits post_migrate: roles come back with it.
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="newsroom-ensure-roles")

        from vestnik.core.batching import register_finisher
        from vestnik.core.purge import register_provider
        from vestnik.newsroom import signal_handlers
        from vestnik.newsroom.purging import newsroom_paths

        register_provider("newsroom", newsroom_paths)
        register_finisher("purge", signal_handlers.pages_published)
        register_finisher("pictures", signal_handlers.pictures_many)
