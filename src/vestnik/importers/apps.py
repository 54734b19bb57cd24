from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "vestnik.importers"
    label = "importers"
    verbose_name = "Importers"
