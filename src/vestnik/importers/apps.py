from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "vestnik.importers"
    label = "importers"
    verbose_name = "Importers"

    def ready(self) -> None:
        from vestnik.core.management.commands.tick import register_periodic

        # The tick polls the subscribed feeds (wire services, partner sites).
        register_periodic("feeds_poll")
