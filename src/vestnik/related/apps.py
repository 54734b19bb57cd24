from django.apps import AppConfig


class RelatedConfig(AppConfig):
    name = "vestnik.related"
    label = "related"
    verbose_name = "Read also"

    def ready(self) -> None:
        from vestnik.core.batching import register_finisher
        from vestnik.related import services, signal_handlers  # noqa: F401

        register_finisher("related", services.related_recompute_many)
