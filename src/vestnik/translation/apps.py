from django.apps import AppConfig


class TranslationConfig(AppConfig):
    name = "vestnik.translation"
    label = "translation"
    verbose_name = "Translation"

    def ready(self) -> None:
        from vestnik.core.batching import register_finisher
        from vestnik.translation import signal_handlers

        register_finisher("translation", signal_handlers.pages_published)
