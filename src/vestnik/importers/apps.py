from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "vestnik.importers"
    label = "importers"
    verbose_name = "Importers"

    def ready(self) -> None:
        from vestnik.core.management.commands.tick import PERIODIC_COMMANDS

        # The tick polls the subscribed feeds (wire services, partner sites).
        if ("feeds_poll", {}) not in PERIODIC_COMMANDS:
            PERIODIC_COMMANDS.append(("feeds_poll", {}))
