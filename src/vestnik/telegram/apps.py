from django.apps import AppConfig


class TelegramConfig(AppConfig):
    name = "vestnik.telegram"
    label = "telegram"
    verbose_name = "Telegram channels"

    def ready(self) -> None:
        from vestnik.core.batching import register_finisher
        from vestnik.core.management.commands.tick import PERIODIC_COMMANDS
        from vestnik.telegram import signal_handlers  # noqa: F401
        from vestnik.telegram.services import channel_posts_mark_imported

        register_finisher("telegram", channel_posts_mark_imported)
        if ("telegram_retry", {}) not in PERIODIC_COMMANDS:
            PERIODIC_COMMANDS.append(("telegram_retry", {}))
