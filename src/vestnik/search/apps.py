from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "vestnik.search"
    label = "search"
    verbose_name = "Reader search"

    def ready(self) -> None:
        from vestnik.core.batching import register_finisher
        from vestnik.search import signal_handlers  # noqa: F401
        from vestnik.search.signal_handlers import enqueue_many

        register_finisher("search", enqueue_many)
