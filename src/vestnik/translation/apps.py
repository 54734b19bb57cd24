from django.apps import AppConfig


class TranslationConfig(AppConfig):
    name = "vestnik.translation"
    label = "translation"
    verbose_name = "Translation"

    def ready(self) -> None:
        from vestnik.translation import signal_handlers  # noqa: F401
