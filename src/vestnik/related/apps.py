from django.apps import AppConfig


class RelatedConfig(AppConfig):
    name = "vestnik.related"
    label = "related"
    verbose_name = "Read also"

    def ready(self) -> None:
        from vestnik.core.batching import register_finisher
        from vestnik.related import signal_handlers  # noqa: F401
        from vestnik.related.signal_handlers import enqueue_many

        register_finisher("related", enqueue_many)

        from vestnik.core.purge import register_provider
        from vestnik.related.purging import related_paths

        register_provider("related", related_paths)
