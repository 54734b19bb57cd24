from django.apps import AppConfig


class TelegramConfig(AppConfig):
    name = "vestnik.telegram"
    label = "telegram"
    verbose_name = "Telegram channels"

    def ready(self) -> None:
        from vestnik.core.batching import register_finisher
        from vestnik.core.management.commands.tick import register_periodic
        from vestnik.telegram import signal_handlers  # noqa: F401
        from vestnik.telegram.services import channel_posts_mark_imported

        register_finisher("telegram", channel_posts_mark_imported)
        register_periodic("telegram_retry")
