from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "vestnik.distribution"
    label = "distribution"
    verbose_name = "Feeds and sitemaps"

    def ready(self) -> None:
        from vestnik.core.batching import register_finisher
        from vestnik.distribution import signal_handlers  # noqa: F401
        from vestnik.distribution.signal_handlers import enqueue_many

        register_finisher("distribution", enqueue_many)

        from vestnik.core.purge import register_provider
        from vestnik.distribution.purging import distribution_paths

        register_provider("distribution", distribution_paths)
