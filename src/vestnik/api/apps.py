from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "vestnik.api"
    label = "vestnik_api"
    verbose_name = "Content API"

    def ready(self) -> None:
        from vestnik.api.purging import api_paths
        from vestnik.core.purge import register_provider

        register_provider("api", api_paths)
